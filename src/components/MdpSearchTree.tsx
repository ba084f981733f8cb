import { useEffect, useRef, type RefObject } from 'react';
import type { EndReason } from '../ridge-rider';
import { createRideTree, type RideTreeState } from '../render/rideTree';
import { POSITIVE_COLOR, NEGATIVE_COLOR } from '../render/mdpTree';
import type { AppState } from '../store/appStore';
import { useStoreApi } from './StoreContext';
import { treeAt, treeRideEnd } from './treeTime';

function state(s: AppState): Partial<RideTreeState> {
  const v = s.treeView;
  if (!v) return { rides: [], order: [], revealed: 0, highlighted: null, rootLabel: '' };
  const positive = new Set(v.positive);
  const at = treeAt(v, s.playhead);
  const hi = s.treeRide ?? at.ride;
  return {
    rides: v.rides.map((r) => ({
      id: r.id, parent: r.parent, fingerprint: r.fingerprint, eigenvalue: r.eigenvalue, fEnd: r.fEnd, steps: r.steps, endReason: r.endReason as EndReason,
      color: positive.has(r.leaf) ? POSITIVE_COLOR : NEGATIVE_COLOR,
    })),
    order: v.rides.map((r) => r.id),
    revealed: Infinity,
    highlighted: hi === null ? null : v.rides[hi]?.id ?? null,
    rootLabel: `MIS\nL = ${v.mis.loss.toPrecision(4)}`,
  };
}

/**
 * Ridge Rider's search on the tree MDP as a tree of rides (the same view as the surface's search tree): a ride's node
 * is blue when its policy reaches a positive leaf, red otherwise. Hovering a ride rings its leaf in the MDP picture;
 * a click moves the timeline to the ride's end. Hovering a leaf in the picture highlights the ride that found it.
 */
export function MdpSearchTree({ svgOf }: { svgOf?: RefObject<(() => string) | null> }) {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const indexOf = (id: number) => store.getState().treeView?.rides.findIndex((r) => r.id === id) ?? -1;
    const tree = createRideTree(ref.current!, {
      ariaLabel: 'Ridge Rider search tree on the tree MDP',
      onHover: (id) => { const i = id === null ? -1 : indexOf(id); store.setState({ treeRide: i >= 0 ? i : null }); },
      onClick: (id) => { const v = store.getState().treeView; const i = indexOf(id); if (v && i >= 0) store.setState({ playhead: treeRideEnd(v, i), playing: false }); },
      initial: state(store.getState()),
    });
    if (svgOf) svgOf.current = () => tree.toSvg();
    // A search of many rides is taller than the dock: start with its root (the MIS) in view, not its top row.
    const el = ref.current!;
    let frame = 0;
    const showRoot = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => requestAnimationFrame(() => {
        const root = el.querySelector('[data-part="root"]');
        if (!root) return;
        const r = root.getBoundingClientRect();
        const c = el.getBoundingClientRect();
        el.scrollTop += r.top + r.height / 2 - (c.top + c.height / 2);
      }));
    };
    showRoot();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.treeView !== prev.treeView || s.treeRide !== prev.treeRide || s.playhead !== prev.playhead) tree.update(state(s));
      if (s.treeView !== prev.treeView) showRoot();
    });
    return () => { cancelAnimationFrame(frame); unsubscribe(); if (svgOf) svgOf.current = null; tree.destroy(); };
  }, [store, svgOf]);
  return <div ref={ref} className="ride-tree" data-testid="mdp-search-tree" />;
}

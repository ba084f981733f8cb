import { useEffect, useRef, type RefObject } from 'react';
import { createRideTree, type RideTreeState } from '../render/rideTree';
import type { EndReason } from '../ridge-rider';
import { ridgeTime, type AppState } from '../store/appStore';
import { useAppStore, useStoreApi } from './StoreContext';
import { branchColor, nearestRide, ridesRevealed } from './ridgeTraces';

function treeState(s: AppState): Partial<RideTreeState> {
  const r = s.ridge;
  if (!r) return { rides: [], order: [], revealed: 0, highlighted: null, rootLabel: '' };
  const st = r.start;
  return {
    rides: r.rides.map((x) => ({
      id: x.id, parent: x.parent, fingerprint: x.fingerprint, eigenvalue: x.eigenvalue, fStart: x.fStart, fEnd: x.fEnd,
      fAfterGd: x.fAfterGd ?? undefined, steps: x.steps, endReason: x.endReason as EndReason, note: x.note, color: branchColor(x.fingerprint),
    })),
    order: r.rides.map((x) => x.id),
    revealed: ridesRevealed(r, ridgeTime(s)),
    highlighted: s.highlightRide,
    rootLabel: st?.found ? `start${st.start ? ` (${st.start.map((v) => v.toPrecision(4)).join(', ')})` : ''}\nL = ${st.f.toPrecision(4)}` : 'no start',
  };
}

/**
 * The Ridge Rider search tree (d3-hierarchy): the start as root, one node per ride with its fingerprint, the
 * eigenvalue it followed, its end loss and why it ended. Hover or focus highlights the ride's path to the root on the
 * surface; a click replays the search up to that ride. Hovering a path on the surface highlights its node.
 */
export function RideTreePanel({ svgOf }: { svgOf?: RefObject<(() => string) | null> }) {
  const on = useAppStore((s) => s.params.ridge.on);
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    if (!on || !ref.current) return;
    const tree = createRideTree(ref.current, {
      onHover: (id) => store.setState({ highlightRide: id }),
      onClick: (id) => store.getState().replayRidge(id),
      initial: treeState(store.getState()),
      ariaLabel: 'Ridge Rider search tree',
    });
    if (svgOf) svgOf.current = () => tree.toSvg();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.highlightRide !== prev.highlightRide || s.ridge !== prev.ridge
        || ridesRevealed(s.ridge, ridgeTime(s)) !== ridesRevealed(prev.ridge, ridgeTime(prev))) tree.update(treeState(s));
      if (s.hover !== prev.hover && s.hover && s.ridge) {
        const v = s.params.view;
        const id = nearestRide(s.ridge, ridgeTime(s), s.hover.x, s.hover.y, 0.015 * (v.x1 - v.x0));
        if (id !== s.highlightRide) store.setState({ highlightRide: id });
      }
    });
    return () => { unsubscribe(); if (svgOf) svgOf.current = null; tree.destroy(); };
  }, [on, store, svgOf]);

  if (!on) return null;
  return <div ref={ref} className="ride-tree" data-testid="ride-tree" />;
}

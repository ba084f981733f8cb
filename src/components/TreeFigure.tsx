import { useEffect, useRef } from 'react';
import { fingerprintLabel } from '../charts/rideTreeLabels';
import { createMdpTree } from '../render/mdpTree';
import { createPlotBox, spectrumChart, treeSharesChart } from '../render/studyCharts';
import type { AppState } from '../store/appStore';
import { mdpTree } from '../compute/treeClient';
import { useAppStore, useStoreApi } from './StoreContext';
import { pRightOf, treeAt, treeRideEnd } from './treeTime';
import type { ViewHandle } from './exporting';
import { svgToPngBlob } from '../render/svgDocument';
import { treeSpectrum } from './treeSpectrum';
import { SweepPanel } from './SweepPanel';
import { paramField } from '../store/urlCodec';

/** The label a choice field shows for a value (the MIS's 'uniform leaves', not its id). */
function optionLabel(key: string, value: string): string {
  const c = paramField(key)?.control;
  return (c?.kind === 'choice' ? c.options.find((o) => o.value === value)?.label : undefined) ?? value;
}

/** Leaves Ridge Rider found, tagged with the fingerprint of the first ride that reached each. */
function foundTags(s: AppState): Map<number, string> {
  const tags = new Map<number, string>();
  const v = s.treeView;
  if (!v) return tags;
  const positive = new Set(v.positive);
  for (const r of v.rides) if (positive.has(r.leaf) && !tags.has(r.leaf)) tags.set(r.leaf, fingerprintLabel(r.fingerprint));
  return tags;
}

/**
 * The tree MDP view (Parker-Holder et al. 2020, Figs. 2 and 3): the tree with the policy of Ridge Rider at the
 * playhead on its edges and the positive leaves it found tagged with their rides' fingerprints; beside it the share of
 * positive leaves each method found on this tree and the Hessian spectrum at the playhead.
 */
export function TreeFigure({ onHandle }: { onHandle: (h: ViewHandle | null) => void }) {
  const store = useStoreApi();
  const treeRef = useRef<HTMLDivElement>(null);
  const sharesRef = useRef<HTMLDivElement>(null);
  const spectrumRef = useRef<HTMLDivElement>(null);
  const view = useAppStore((s) => s.treeView);
  const mis = useAppStore((s) => s.params.mdp.mis);
  const pane = useAppStore((s) => s.mdpPane);
  const setPane = useAppStore((s) => s.setMdpPane);
  const sweepSvg = useRef<(() => string) | null>(null);
  const misLabel = optionLabel('tmi', mis);

  useEffect(() => {
    const picture = createMdpTree(treeRef.current!, {
      ariaLabel: 'The tree MDP and the policy at the playhead',
      onLeafHover: (leaf) => {
        const v = store.getState().treeView;
        const i = leaf === null || !v ? -1 : v.rides.findIndex((r) => r.leaf === leaf);
        store.setState({ treeRide: i >= 0 ? i : null });
      },
      onLeafClick: (leaf) => {
        const v = store.getState().treeView;
        const i = v ? v.rides.findIndex((r) => r.leaf === leaf) : -1;
        if (v && i >= 0) store.setState({ playhead: treeRideEnd(v, i), playing: false, treeRide: i });
      },
    });
    const shares = createPlotBox(sharesRef.current!);
    const spectrum = createPlotBox(spectrumRef.current!);
    let lastView: unknown = null;
    const show = (s: AppState) => {
      const v = s.treeView;
      let tree;
      try { tree = s.loadedTree ?? mdpTree(s.params.mdp); } catch { tree = null; }
      if (!v) { picture.update({ tree, pRight: null, tags: new Map(), title: 'computing…' }); return; }
      const at = treeAt(v, s.playhead);
      const ride = at.ride === null ? null : v.rides[at.ride]!;
      picture.update({
        tree, pRight: pRightOf(at.theta), tags: foundTags(s), highlightLeaf: s.treeRide !== null ? v.rides[s.treeRide]?.leaf ?? null : ride?.leaf ?? null,
        title: ride && (at.ride! > 0 || at.step > 0)
          ? `Ridge Rider, ride ${fingerprintLabel(ride.fingerprint)} (${at.ride! + 1} of ${v.rides.length}), step ${at.step} of ${ride.steps}`
          : v.rides.length > 0 ? `Ridge Rider at the MIS, before its ${v.rides.length} ride${v.rides.length === 1 ? '' : 's'}` : 'the MIS',
      });
      if (v !== lastView) { lastView = v; shares.draw((w, h) => treeSharesChart(v, w, h)); }
      const values = tree ? treeSpectrum(tree, at.theta) : [];
      spectrum.draw((w, h) => spectrumChart(values, 'Hessian spectrum at the playhead', w, h));
    };
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.treeView !== prev.treeView || s.playhead !== prev.playhead || s.treeRide !== prev.treeRide || s.loadedTree !== prev.loadedTree || s.params.mdp !== prev.params.mdp) show(s);
    });
    const toSvg = () => (store.getState().mdpPane === 'sweep' && sweepSvg.current ? sweepSvg.current() : picture.toSvg());
    onHandle({ toSvg, toPngBlob: (scale) => svgToPngBlob(toSvg(), scale) });
    return () => { unsubscribe(); onHandle(null); picture.destroy(); shares.destroy(); spectrum.destroy(); };
  }, [store, onHandle]);

  return (
    <div className="mdp-figure">
      <div className="pane-tabs" role="tablist" aria-label="What the tree MDP figure shows">
        <button role="tab" aria-selected={pane === 'tree'} className={pane === 'tree' ? 'tab active' : 'tab'} data-mdp-pane="tree" onClick={() => setPane('tree')}
          title="One tree: the policy at the playhead, the leaves each ride found, what each method found and the Hessian spectrum">This tree</button>
        <button role="tab" aria-selected={pane === 'sweep'} className={pane === 'sweep' ? 'tab active' : 'tab'} data-mdp-pane="sweep" onClick={() => setPane('sweep')}
          title="Every method on many random trees: the share of positive leaves found per depth (the paper's Figs. 2 and 3)">Sweep over trees (Figs. 2, 3)</button>
      </div>
      {pane === 'sweep' && <SweepPanel svgOf={sweepSvg} />}
    <div className="tree-figure" aria-busy={view === null} hidden={pane !== 'tree'}>
      <div ref={treeRef} className="mdp-tree" data-testid="mdp-tree" />
      <div className="tree-side">
        <div ref={sharesRef} className="plot-box short" data-testid="tree-shares" />
        <div ref={spectrumRef} className="plot-box" data-testid="tree-spectrum" />
        {view && (
          <p className="hint" data-testid="tree-mis">
            MIS ({misLabel}): L = {view.mis.loss.toPrecision(4)}, |∇L| = {view.mis.gradNorm.toPrecision(3)}, λ_min = {(view.mis.spectrum[0] ?? NaN).toPrecision(3)};
            {' '}{view.rides.length} rides found {view.methods.rr?.found.length ?? 0} of {view.positive.length} positive leaves.
          </p>
        )}
      </div>
    </div>
    </div>
  );
}

import { useEffect, useRef, type RefObject } from 'react';
import { createPlotBox, sweepChart } from '../render/studyCharts';
import { TREE_SWEEP_PLAN } from '../envs/treeSweeps';
import type { AppState } from '../store/appStore';
import { useAppStore, useStoreApi } from './StoreContext';

/**
 * The tree MDP figure's second pane: the sweep of Fig. 2 (right) or Fig. 3 as it fills in: per depth and method, the mean share of positive leaves found
 * (±1 standard deviation over the trees done so far).
 */
export function SweepPanel({ svgOf }: { svgOf?: RefObject<(() => string) | null> }) {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  const rows = useAppStore((s) => s.sweepRows.length);
  const progress = useAppStore((s) => s.sweepProgress);
  const sweep = useAppStore((s) => s.params.mdp.sweep);
  const requestSweep = useAppStore((s) => s.requestSweep);
  const plan = TREE_SWEEP_PLAN[sweep];
  const name = sweep === 'fig2' ? 'Fig. 2' : 'Fig. 3';
  useEffect(() => {
    const box = createPlotBox(ref.current!);
    const show = (s: AppState) => {
      const plan = TREE_SWEEP_PLAN[s.params.mdp.sweep];
      const depths = [...new Set([...plan.depths, ...s.sweepRows.map((r) => r.depth)])].sort((a, b) => a - b);
      box.draw((w, h) => sweepChart(s.sweepRows, depths, plan.trees, w, h));
    };
    show(store.getState());
    if (svgOf) svgOf.current = () => box.toSvg();
    const unsubscribe = store.subscribe((s, prev) => { if (s.sweepRows !== prev.sweepRows || s.params.mdp.sweep !== prev.params.mdp.sweep) show(s); });
    return () => { unsubscribe(); if (svgOf) svgOf.current = null; box.destroy(); };
  }, [store, svgOf]);
  return (
    <div className="sweep-panel">
      {rows === 0 && !progress?.running && (
        <p className="hint empty">
          No sweep yet. The {name} sweep runs every method chosen in the Tree MDP panel, with its settings, on {plan.trees} random trees at
          depth {plan.depths.join(', ')}. <button onClick={requestSweep} data-sweep="run-pane">Run the {name} sweep</button>
        </p>
      )}
      {progress && !progress.running && rows > 0 && progress.total > 0 && progress.done < progress.total && (
        <p className="hint" data-testid="sweep-status">
          {name}: stopped after {progress.done} of {progress.total} trees; the bars average those. <button className="link" onClick={requestSweep}>Run it again</button>
        </p>
      )}
      {progress?.running && <p className="hint" data-testid="sweep-status">{name}: {progress.done} of {progress.total || plan.trees * plan.depths.length} trees done; the bars fill in as trees finish.</p>}
      <div ref={ref} className="plot-box" data-testid="sweep-chart" />
    </div>
  );
}

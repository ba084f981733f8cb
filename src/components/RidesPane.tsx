import { useCallback, useEffect, useMemo, useRef } from 'react';
import { digitWindows, longestPath } from '../nn/ridePaths';
import { digitHeatmapChart, rideAccuracyChart, rideOverlapChart } from '../render/rrCharts';
import { createPlotBox, type PlotBox } from '../render/studyCharts';
import { stackSvgDocuments } from '../render/svgDocument';
import type { AppState } from '../store/appStore';
import { countOf } from './countOf';
import { directionsNote } from './directionsNote';
import { rideEndSummary, rideTimeLeft } from './ridesWords';
import { useAppStore, useStoreApi } from './StoreContext';
import { SweepBox } from './SweepBox';

/** The status of approximate Ridge Rider on the network, with its progress and a cancel. */
function RidesStatus() {
  const rr = useAppStore((s) => s.netRr);
  const ask = useAppStore((s) => s.netAsk);
  const dataReady = useAppStore((s) => (s.netData?.train ?? 0) > 0);
  const layers = useAppStore((s) => s.params.net.rrLayers);
  if (rr.state === 'running') {
    const stepsDone = rr.rides.reduce((a, r) => a + r.steps, 0) + rr.step;
    const left = rr.mis === null ? null : rideTimeLeft({ elapsedSeconds: (Date.now() - rr.startedAt) / 1000, stepsDone, stepsCap: rr.total * rr.steps });
    const what = rr.mis === null ? 'Finding the starting point, a saddle where the network knows nothing (the near-MIS: small weights pushed to where ∇L ≈ 0), and its most negative curvature directions'
      : `Riding: ${rr.rides.length} of ${countOf(rr.total, 'ride')} done; ride ${rr.rides.length + 1} at step ${rr.step} of at most ${rr.steps}${left ? `; ${left}` : ''}`;
    return (
      <p className="hint" data-testid="rr-status">
        {what} <progress value={rr.mis === null ? 0 : rr.rides.length + Math.min(1, rr.step / Math.max(1, rr.steps))} max={rr.total} />{' '}
        <button onClick={() => ask('stop')} data-net="rr-cancel">Cancel</button>
      </p>
    );
  }
  const end = rr.state === 'done' ? `Done: ${countOf(rr.rides.length, 'ride')} in ${rr.seconds.toFixed(0)} s, ${countOf(rr.matvecs, 'Hessian-vector product')}. ${rideEndSummary(rr.rides)} `
    : rr.state === 'cancelled' ? `Cancelled after ${countOf(rr.rides.length, 'ride')}. ${rideEndSummary(rr.rides)} ` : rr.state === 'failed' ? 'The run failed (see the message above). ' : '';
  return (
    <p className="hint" data-testid="rr-status">
      {end}
      <button className={rr.state === 'idle' ? 'primary' : ''} onClick={() => ask('ridge-rider')} disabled={!dataReady} data-net="rr-run">
        {rr.state === 'idle' ? 'Run Ridge Rider' : 'Run again'}
      </button>{' '}
      on a {layers.join('–')} network (its settings are under “Ridge Rider on the network”).
    </p>
  );
}

/** What the MIS is, in words. */
function misText(s: AppState): string {
  const m = s.netRr.mis;
  if (!m) return '';
  return `Start (near-MIS): loss ${m.loss.toFixed(4)} (log 10 = ${Math.log(10).toFixed(4)} is a network that knows nothing), ‖∇L‖ = ${m.gradNorm.toExponential(2)}, `
    + `train accuracy ${(100 * m.trainAccuracy).toFixed(1)}%; smallest Hessian eigenvalues ${m.spectrum.slice(0, 4).map((v) => v.toPrecision(3)).join(', ')} `
    + `(${s.netRr.n.toLocaleString('en-US')} weights).`;
}

/**
 * Approximate Ridge Rider on the network (Parker-Holder et al. 2020, §4, Figs. 4 and 5): the accuracy along each
 * ride, and the accuracy per digit early and late in each ride, one row per ride labelled by the index of its first
 * ridge ψ[0]. Exports stack the three charts.
 */
export function RidesPane({ hidden, onBoxes }: { hidden: boolean; onBoxes: (toSvg: (() => string) | null) => void }) {
  const store = useStoreApi();
  const accRef = useRef<HTMLDivElement>(null);
  const earlyRef = useRef<HTMLDivElement>(null);
  const lateRef = useRef<HTMLDivElement>(null);
  const overlapRef = useRef<HTMLDivElement>(null);
  const hasRides = useAppStore((s) => s.netRr.rides.length > 0);
  // With a sweep on show and no rides, the rides' empty-state text shrinks and gives the sweep the room.
  const hasSweep = useAppStore((s) => s.netRrSweep.trials.length > 0);
  const mis = useAppStore(misText);
  const directions = useAppStore((s) => directionsNote(s.netRr.directions));
  // Derived once per set of rides, not in a selector that every store change (a hover) would rerun.
  const rides = useAppStore((s) => s.netRr.rides);
  const w = useMemo(() => digitWindows(longestPath(rides)), [rides]);
  const sweepBox = useRef<PlotBox | null>(null);
  const onSweepBox = useCallback((b: PlotBox | null) => { sweepBox.current = b; }, []);

  useEffect(() => {
    const boxes: PlotBox[] = [createPlotBox(accRef.current!), createPlotBox(earlyRef.current!), createPlotBox(overlapRef.current!), createPlotBox(lateRef.current!)];
    const [acc, early, overlap, late] = boxes as [PlotBox, PlotBox, PlotBox, PlotBox];
    const show = (s: AppState) => {
      const win = digitWindows(longestPath(s.netRr.rides));
      acc.draw((wd, h) => rideAccuracyChart(s.netRr.rides, wd, h));
      overlap.draw((wd, h) => rideOverlapChart(s.netRr.rides, wd, h));
      early.draw((wd, h) => digitHeatmapChart(s.netRr.rides, win.early, `early: steps ${win.early[0]}–${win.early[1]}`, wd, h));
      late.draw((wd, h) => digitHeatmapChart(s.netRr.rides, win.late, `late: steps ${win.late[0]}–${win.late[1]}`, wd, h));
    };
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => { if (s.netRr.rides !== prev.netRr.rides) show(s); });
    // Exported as read: accuracy and the ride's direction (same steps axis), then the early and late heatmaps, then
    // the sweep; whichever of them are drawn.
    onBoxes(() => {
      const drawn = [acc, overlap, early, late, sweepBox.current].filter((b): b is PlotBox => b !== null && b.drawn());
      if (drawn.length === 0) throw new Error('nothing is drawn yet: run Ridge Rider or a sweep first');
      return stackSvgDocuments(drawn.map((b) => b.toSvg()));
    });
    return () => { unsubscribe(); onBoxes(null); boxes.forEach((b) => b.destroy()); };
  }, [store, onBoxes]);

  return (
    <div className="net-pane" hidden={hidden} data-testid="rr-pane">
      <RidesStatus />
      {mis && <p className="hint" data-testid="rr-mis">{mis}</p>}
      {hasRides && directions && <p className="hint" data-testid="rr-directions">{directions}</p>}
      <div className="rr-charts" hidden={!hasRides}>
        <div ref={accRef} className="plot-box" data-testid="rr-accuracy" />
        <div ref={overlapRef} className="plot-box" data-testid="rr-overlap" />
        <div ref={earlyRef} className="plot-box" data-testid="rr-digits-early" />
        <div ref={lateRef} className="plot-box" data-testid="rr-digits-late" />
      </div>
      {hasRides && (
        <p className="hint" data-testid="rr-caption">
          Accuracy: test (solid) and train (dashed) against the steps from the starting point; each ride begins where the ride it
          branched from ended, so a path through the tree reads left to right, coloured by its first ridge (0+: forwards along the most
          negative eigenvector, 0−: backwards; the thin line marks the best test accuracy). The ride’s direction: how well it matches the
          nearest of the four most negative exact eigenvectors (dots, Lanczos; 1: still on the ridge, the paper’s Theorem 2; near 0: it
          has left them) and whether each step still pointed downhill where it landed (dashed: its cosine with −∇L there; below 0 it
          overshot the lowest point along its line).
          Early and late: accuracy per digit averaged over steps {w.early[0]}–{w.early[1]} and {w.late[0]}–{w.late[1]} from the start,
          one row per first ridge ψ[0], the rank of its eigenvalue, with its two signs averaged: which ridges learn which digits (the
          paper’s Fig. 5; set “first ridges apart” to compare several).
        </p>
      )}
      {!hasRides && (
        <p className={hasSweep ? 'hint empty net-empty compact' : 'hint empty net-empty'}>
          Ridge Rider starts at a saddle of the loss where the network knows nothing (all digits alike), and follows the Hessian’s
          negative-curvature directions one by one. Each ride’s accuracy appears here as it ends.
        </p>
      )}
      <SweepBox onBox={onSweepBox} />
    </div>
  );
}

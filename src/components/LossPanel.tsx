import { useEffect, useRef, type RefObject } from 'react';
import { createLossChart, type LossSeries } from '../render/lossChart';
import type { AppState } from '../store/appStore';
import { runSpec } from '../store/runSpecs';
import { fingerprintLabel } from '../charts/rideTreeLabels';
import { branchColor, RIDE_STYLE } from './ridgeTraces';
import { traceKeys } from './traceKeys';
import { useStoreApi } from './StoreContext';

/** The loss of every run ((x, y, f) triples) and every ride (its trace: L first), per step. */
export function lossSeries(s: AppState): LossSeries[] {
  const out: LossSeries[] = [];
  for (const r of Object.values(s.runs)) {
    if (r && r.count > 0) out.push({ id: r.method, label: runSpec(r.method).name, color: runSpec(r.method).color, values: r.points, stride: 3, offset: 2, count: r.count });
  }
  const ridge = s.ridge;
  const width = ridge?.start?.metricLabels.length ?? 2;
  for (const ride of ridge?.rides ?? []) {
    out.push({ id: `ride-${ride.id}`, label: `ride ${fingerprintLabel(ride.fingerprint)}`, color: branchColor(ride.fingerprint),
      ...(ride.depth > 0 ? { dash: RIDE_STYLE.laterDash } : {}),
      values: ride.trace, stride: width, offset: 0 });
  }
  return out;
}

/** Refresh the chart at most this often while runs stream in. */
const REFRESH_MS = 250;

/**
 * Loss against step for every run and ride (Observable Plot, render/lossChart.ts), linked to the timeline: a rule
 * marks the playhead, and a click moves the playhead to that step.
 */
export function LossPanel({ svgOf }: { svgOf?: RefObject<(() => string) | null> }) {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = createLossChart(ref.current, {
      ariaLabel: 'Loss against step of every run and ride',
      onPick: (step) => store.setState({ playing: false, playhead: step }),
    });
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      const s = store.getState();
      chart.update({ series: lossSeries(s), keys: traceKeys(s, 'loss').flatMap((sec) => sec.items) });
    };
    refresh();
    chart.update({ cursor: store.getState().playhead });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.runs !== prev.runs || s.ridge !== prev.ridge) { if (timer === null) timer = setTimeout(refresh, REFRESH_MS); }
      if (s.playhead !== prev.playhead) chart.update({ cursor: s.playhead });
    });
    window.__ridgelabLoss = chart;
    if (svgOf) svgOf.current = () => chart.toSvg();
    return () => { unsubscribe(); if (timer) clearTimeout(timer); if (svgOf) svgOf.current = null; chart.destroy(); delete window.__ridgelabLoss; };
  }, [store, svgOf]);
  return <div ref={ref} className="loss-chart" data-testid="loss-chart" />;
}

declare global {
  interface Window {
    /** The loss chart, for export and tests. */
    __ridgelabLoss?: ReturnType<typeof createLossChart>;
  }
}

import { fingerprintLabel } from '../charts/rideTreeLabels';
import type { TraceKey, TraceKeySection } from '../render';
import type { AppState } from '../store/appStore';
import { runSpec } from '../store/runSpecs';
import { branchColor, RIDE_STYLE, withAlpha } from './ridgeTraces';

/**
 * The legend of what is drawn on the surface: one key per optimizer and evolution strategy, and for a Ridge Rider
 * search one per first ridge (its colour; later rides from its branch points share it, dotted), the
 * gradient-descent finish and the baseline or ring (not on the loss chart, which draws the rides only). It is part of
 * every PNG and SVG export.
 */
export function traceKeys(s: Pick<AppState, 'runs' | 'ridge'>, chart: 'surface' | 'loss' = 'surface'): TraceKeySection[] {
  const out: TraceKeySection[] = [];
  const runs = Object.values(s.runs).filter((r) => r !== undefined);
  if (runs.length > 0) out.push({ title: 'Runs', items: runs.map((r) => ({ label: runSpec(r.method).name, color: runSpec(r.method).color })) });
  const ridge = s.ridge;
  if (ridge && ridge.start?.n === 2 && (ridge.rides.length > 0 || ridge.ring)) {
    const items: TraceKey[] = [];
    const firsts = new Map<number, boolean>();
    for (const r of ridge.rides) {
      const f = r.fingerprint[0];
      if (f !== undefined) firsts.set(f, (firsts.get(f) ?? false) || r.depth > 0);
    }
    for (const [f, branches] of [...firsts].sort((a, b) => a[0] - b[0])) {
      items.push({ label: `ride ${fingerprintLabel([f])}${branches ? ' & branches' : ''}`, color: branchColor([f]) });
    }
    if (ridge.rides.some((r) => r.depth > 0)) {
      items.push({ label: 'branch ride (dotted)', color: '#555', dash: RIDE_STYLE.laterDash, width: RIDE_STYLE.laterWidth });
    }
    if (chart === 'surface' && ridge.rides.some((r) => r.gdPath)) {
      items.push({ label: 'GD finish', color: withAlpha('#555555', RIDE_STYLE.finishAlpha), width: RIDE_STYLE.finishWidth });
    }
    if (chart === 'surface' && ridge.ring) {
      items.push({
        label: ridge.ring.kind === 'baseline' ? 'GD baseline' : 'GD from the ring', color: RIDE_STYLE.baselineColor,
        dash: RIDE_STYLE.baselineDash, width: RIDE_STYLE.baselineWidth,
      });
    }
    out.push({ title: 'Ridge Rider', items });
  }
  return out;
}

/** The same sections as `prev` when nothing in them changed (the renderer redraws the legend on a new array only). */
export function sameKeys(prev: readonly TraceKeySection[], next: readonly TraceKeySection[]): readonly TraceKeySection[] {
  return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
}

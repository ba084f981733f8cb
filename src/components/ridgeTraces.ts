import { fingerprintLabel } from '../charts/rideTreeLabels';
import type { RunTrace, ViewMarker } from '../render';
import { rideDuration, type RidgeResult } from '../store/appStore';
import type { RideMsg } from '../protocol/messages';

/** Colour-blind-safe branch colours (Okabe–Ito, without the optimizers' orange), by the first ridge index of a fingerprint. */
export const BRANCH_COLORS = ['#0072B2', '#009E73', '#8B4513', '#E69F00', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const DIM = 0.22;

export function branchColor(fingerprint: readonly number[]): string {
  return BRANCH_COLORS[(fingerprint[0] ?? 0) % BRANCH_COLORS.length]!;
}

/** The search is of a surface problem (θ = (x, y)): its paths are (x, y, f) triples the surface view draws. */
const onSurface = (ridge: RidgeResult): boolean => ridge.start?.n === 2;

/** Ids of a ride and its ancestors. */
export function ancestry(rides: readonly RideMsg[], id: number | null): Set<number> {
  const out = new Set<number>();
  const byId = new Map(rides.map((r) => [r.id, r]));
  for (let r = id === null ? undefined : byId.get(id); r; r = r.parent === null ? undefined : byId.get(r.parent)) out.add(r.id);
  return out;
}

export function withAlpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

/** How many rides the replay has reached at playhead t (a ride counts once it has started). */
export function ridesRevealed(ridge: RidgeResult | null, t: number): number {
  if (!ridge) return 0;
  let offset = 0;
  let k = 0;
  for (const r of ridge.rides) {
    if (t < offset) break;
    k++;
    offset += rideDuration(r);
  }
  return k;
}

/** How the search's traces are drawn (and keyed in the legend). */
export const RIDE_STYLE = {
  /** A ride from a branch point (depth > 0): dotted, as the paper's "second ride (dotted)" in Figure 1. */
  laterDash: '0.5,4.5',
  laterWidth: 3,
  /** The gradient-descent finish: thinner and translucent, in the ride's colour. */
  finishWidth: 1.5,
  finishAlpha: 0.55,
  /** The gradient-descent baseline or the ring: dashed grey, drawn over the rides so that it stays visible. */
  baselineColor: '#3a3a3a',
  baselineDash: '5,3',
  baselineWidth: 1.3,
} as const;

/**
 * The traces of a Ridge Rider search at playhead t: rides replayed one after another in search order (each ride, then
 * its gradient-descent finish, thinner and translucent in the branch colour; rides from a branch point dotted), the
 * baseline or Appendix D.1 ring dashed in grey over them, and the highlighted ride with its ancestors at full colour
 * while the others are dimmed.
 */
export function ridgeTraces(ridge: RidgeResult | null, t: number, highlight: number | null): RunTrace[] {
  if (!ridge || !onSurface(ridge)) return [];
  const traces: RunTrace[] = [];
  const lit = ancestry(ridge.rides, highlight);
  let offset = 0;
  for (const r of ridge.rides) {
    const rideSteps = r.steps;
    const base = branchColor(r.fingerprint);
    const opacity = highlight === null || lit.has(r.id) ? 1 : DIM;
    const label = `ride ${fingerprintLabel(r.fingerprint)}: λ = ${r.eigenvalue.toPrecision(3)}, ended (${r.endReason}) at f = ${r.fEnd.toPrecision(4)}`;
    const later = r.depth > 0 ? { dash: RIDE_STYLE.laterDash, width: RIDE_STYLE.laterWidth } : {};
    const local = t - offset;
    if (local >= 0 && r.path) {
      traces.push({ id: `ride-${r.id}`, color: base, opacity, label, points: r.path, upTo: Math.min(rideSteps, local), stop: null, ...later });
      if (r.gdPath && r.gdSteps !== null && local > rideSteps) {
        traces.push({ id: `gd-${r.id}`, color: withAlpha(base, RIDE_STYLE.finishAlpha), opacity, width: RIDE_STYLE.finishWidth,
          label: `gradient-descent finish of ${fingerprintLabel(r.fingerprint)}`,
          points: r.gdPath, upTo: local - rideSteps, stop: local - rideSteps >= r.gdSteps ? 'converged' : null });
      }
    }
    offset += rideDuration(r);
  }
  const ring = ridge.ring;
  ring?.runs.forEach((r, i) => traces.push({
    id: `ring-${i}`, color: RIDE_STYLE.baselineColor, dash: RIDE_STYLE.baselineDash, width: RIDE_STYLE.baselineWidth, points: r.path, upTo: Infinity, stop: null,
    label: ring.kind === 'baseline' ? 'gradient-descent baseline from near the start' : `GD from the ring (${r.angleDeg.toFixed(1)}° from ±e_min)`,
  }));
  return traces;
}

/** Markers: the Ridge Rider start (and the click it was refined from), and branch points of the revealed rides. */
export function ridgeMarkers(ridge: RidgeResult | null, t: number): ViewMarker[] {
  if (!ridge?.start) return [];
  const m: ViewMarker[] = [];
  const s = ridge.start;
  if (!onSurface(ridge)) return [];
  const at = (p: readonly number[]) => ({ x: p[0]!, y: p[1]! });
  if (s.click && s.start && (s.click[0] !== s.start[0] || s.click[1] !== s.start[1])) m.push({ ...at(s.click), kind: 'pending', label: 'clicked' });
  if (s.start) m.push({ ...at(s.start), kind: 'pin', label: `Ridge Rider start, λ = (${s.eigenvalues.map((v) => v.toPrecision(3)).join(', ')})`, color: '#000' });
  if (s.suggestion) m.push({ ...at(s.suggestion), kind: 'pending', label: 'nearest saddle or maximum' });
  const n = ridesRevealed(ridge, t);
  for (const r of ridge.rides.slice(0, n)) {
    if (r.children.length > 0 && r.end) m.push({ ...at(r.end), kind: 'pin', label: `branch point after ${fingerprintLabel(r.fingerprint)}`, color: branchColor(r.fingerprint) });
  }
  return m;
}

/**
 * The revealed ride whose path passes nearest to (x, y), if within `tol` (data units): hovering the surface
 * highlights that ride in the tree. Paths are scanned with a stride so that long rides stay cheap.
 */
export function nearestRide(ridge: RidgeResult | null, t: number, x: number, y: number, tol: number): number | null {
  if (!ridge || !onSurface(ridge)) return null;
  const n = ridesRevealed(ridge, t);
  let best: number | null = null;
  let bestD = tol;
  for (const r of ridge.rides.slice(0, n)) {
    const p = r.path;
    if (!p) continue;
    const count = p.length / 3;
    const stride = Math.max(1, Math.floor(count / 400));
    for (let k = 0; k < count; k += stride) {
      const d = Math.hypot(p[3 * k]! - x, p[3 * k + 1]! - y);
      if (d < bestD) { bestD = d; best = r.id; }
    }
  }
  return best;
}

import type { RideMsg } from '../protocol/messages';
import { fingerprintText } from '../ridge-rider/getRidges';
import type { Json, TrajectoryRun } from './trajectories';

/**
 * Ridge Rider's rides as exported data (Parker-Holder et al., "Ridge Rider", NeurIPS 2020, Algorithm 1): each ride
 * with its fingerprint (the ridges chosen from the root, 2i: +e_i, 2i + 1: −e_i), the eigenvalue λ of the ridge it
 * followed, where it started and ended and why, and its path θ_t with the loss, then the gradient-descent finish's.
 */

/** Rows of `stride` numbers ((θ, L) per point) from a flat array; non-finite numbers become null. */
export function pointRows(flat: ArrayLike<number> | null, stride: number): Json[] | null {
  if (!flat) return null;
  const out: Json[] = [];
  for (let i = 0; i + stride <= flat.length; i += stride) {
    const r: (number | null)[] = [];
    for (let k = 0; k < stride; k++) { const v = flat[i + k]!; r.push(Number.isFinite(v) ? v : null); }
    out.push(r);
  }
  return out;
}

const num = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/**
 * One JSON record per ride, in search order. `n` is the dimension of θ: paths are rows of (θ₁ … θ_n, L); they are
 * absent (null) for problems too large to send paths for. `metricLabels` names the columns of each ride's trace.
 */
export function ridesToJson(rides: readonly RideMsg[], n: number, metricLabels: readonly string[]): Json[] {
  return rides.map((r) => ({
    id: r.id,
    fingerprint: [...r.fingerprint],
    label: fingerprintText(r.fingerprint),
    parent: r.parent,
    depth: r.depth,
    eigenvalue: num(r.eigenvalue),
    eigenvalueEnd: num(r.eigenvalueEnd),
    start: r.start ? [...r.start] : null,
    fStart: num(r.fStart),
    end: r.end ? [...r.end] : null,
    fEnd: num(r.fEnd),
    steps: r.steps,
    endReason: r.endReason,
    note: r.note,
    endAfterGd: r.endAfterGd ? [...r.endAfterGd] : null,
    fAfterGd: num(r.fAfterGd),
    gdSteps: r.gdSteps,
    traceColumns: [...metricLabels],
    trace: pointRows(r.trace, Math.max(1, metricLabels.length)),
    path: pointRows(r.path, n + 1),
    gdPath: pointRows(r.gdPath, n + 1),
  }));
}

/**
 * The rides of a surface search (θ = (x, y)) as trajectories for the CSV: each ride ('ride', ended by its end
 * reason) and its gradient-descent finish ('gd-finish'), named by fingerprint.
 */
export function rideTrajectories(rides: readonly RideMsg[]): TrajectoryRun[] {
  const out: TrajectoryRun[] = [];
  for (const r of rides) {
    const name = `ride ${fingerprintText(r.fingerprint)}`;
    if (r.path) out.push({ method: name, kind: 'ride', points: r.path, stop: r.endReason, eigenvalue: r.eigenvalue });
    if (r.gdPath) out.push({ method: name, kind: 'gd-finish', points: r.gdPath, stop: 'gd-finish', eigenvalue: r.eigenvalue });
  }
  return out;
}

import { symEig } from '../math/symEig';
import { fmtNum } from '../optimizers/stopCriteria';
import type { ArchiveEntry } from './archive';
import { gdFinish } from './descend';
import { inBox, type EndReason } from './endRide';
import { GET_RIDGES_DEFAULTS, getRidges, spectralScale } from './getRidges';
import { vecFinite } from './objective';
import type { Ride, RideInProgress, RidgeRiderState } from './state';
import { updateRidgeExact } from './updateRidge';

/** Begins riding an archive entry: θ, L, d and λ come from the entry; the path holds the start. */
export function startRide(state: RidgeRiderState, entry: ArchiveEntry): RideInProgress {
  const ride: RideInProgress = {
    entry, theta: Float64Array.from(entry.theta), f: entry.f, direction: Float64Array.from(entry.direction),
    lambda: entry.lambda, overlap: 1, grad: new Float64Array(state.n), steps: 0, path: [],
  };
  recordPoint(state, ride);
  state.rideOrder.push(entry.id);
  state.current = ride;
  return ride;
}

function recordPoint(state: RidgeRiderState, ride: RideInProgress): void {
  if (!state.recordPaths) return;
  for (let i = 0; i < state.n; i++) ride.path.push(ride.theta[i]!);
  ride.path.push(ride.f);
}

/**
 * One step of the current ride (Algorithm 1, lines 5–8): θ' = θ + α d (the paper's θ − α e_i), the spectrum of
 * H(θ'), UpdateRidge (exact, with the continuity rule), then EndRide (endRide.ts for the criteria, which steps are
 * kept, and backtracking, which may try several α in this one call). Ends the ride through `finishRide` when a
 * criterion fires.
 */
export function rideStep(state: RidgeRiderState): void {
  const ride = state.current!;
  const { n, objective, endRide: end, step } = state;
  const { grad, hess, trial } = state;
  let alpha = step.alpha;
  let overlapOk = true;
  let lambdaNew = 0;
  let overlapNew = 0;
  for (;;) {
    for (let i = 0; i < n; i++) trial[i] = ride.theta[i]! + alpha * ride.direction[i]!;
    let bad = '';
    if (!vecFinite(trial, n) || !inBox(trial, end.box, n)) bad = `the step at α = ${fmtNum(alpha)} ${vecFinite(trial, n) ? 'leaves the bounding box' : 'overflows'}`;
    const ft = bad ? NaN : objective.evaluate(trial, grad, hess);
    if (!bad && (!Number.isFinite(ft) || !vecFinite(grad, n) || !vecFinite(hess, n * n))) bad = `L, ∇L or ∇²L is not finite after the step at α = ${fmtNum(alpha)}`;
    if (bad) {
      // Backtracking treats a failed trial like any other: halve α; a fixed step has nothing to retry.
      alpha *= 0.5;
      if (step.mode === 'backtracking' && alpha >= step.alphaMin) continue;
      finishRide(state, 'diverged', bad);
      return;
    }
    symEig(hess, n, state.trialSpec);
    const upd = updateRidgeExact(state.trialSpec, ride.direction, state.dTrial, state.updateRidgeOptions);
    const lossOk = !end.loss || ft < ride.f;
    overlapOk = !end.overlap || upd.overlap >= end.deltaBreak;
    lambdaNew = upd.lambda;
    overlapNew = upd.overlap;
    if (step.mode === 'backtracking') {
      if (lossOk && overlapOk) {
        acceptStep(state, ride, ft, lambdaNew, overlapNew);
        break;
      }
      alpha *= 0.5;
      if (alpha < step.alphaMin) {
        const why = !overlapOk ? `overlap ${fmtNum(upd.overlap)} < δ_break = ${end.deltaBreak}` : `L rose from ${fmtNum(ride.f)} to ${fmtNum(ft)}`;
        finishRide(state, 'alpha-min', `α fell below α_min = ${fmtNum(step.alphaMin)}: ${why}`);
        return;
      }
      continue;
    }
    if (!lossOk) {
      finishRide(state, 'loss', `L would rise from ${fmtNum(ride.f)} to ${fmtNum(ft)}; the step was not taken`);
      return;
    }
    acceptStep(state, ride, ft, lambdaNew, overlapNew);
    break;
  }
  const tau = (state.getRidgesOptions.negTol ?? GET_RIDGES_DEFAULTS.negTol) * spectralScale(state.spec.values, n);
  if (end.curvature && ride.lambda >= -tau) {
    finishRide(state, 'curvature', `λ = ${fmtNum(ride.lambda)} ≥ ${tau > 0 ? `−${fmtNum(tau)}` : '0'}`);
  } else if (!overlapOk) {
    finishRide(state, 'overlap', `overlap ${fmtNum(overlapNew)} < δ_break = ${end.deltaBreak}`);
  } else if (ride.steps >= end.maxRideSteps) {
    finishRide(state, 'max-ride-steps', `${ride.steps} steps`);
  }
}

function acceptStep(state: RidgeRiderState, ride: RideInProgress, f: number, lambda: number, overlap: number): void {
  ride.theta.set(state.trial);
  ride.f = f;
  ride.grad.set(state.grad);
  [ride.direction, state.dTrial] = [state.dTrial, ride.direction];
  [state.spec, state.trialSpec] = [state.trialSpec, state.spec];
  ride.lambda = lambda;
  ride.overlap = overlap;
  ride.steps += 1;
  state.totalSteps += 1;
  recordPoint(state, ride);
}

/**
 * Ends the current ride: records it, runs the GD finish when enabled, and branches (Algorithm 1, line 11): GetRidges
 * at the end point, each ridge entering the archive with fingerprint Ψ + [r]. No branching after 'diverged' or
 * 'search-cap', nor after a ride that took no step (its end is a point already branched from: branching again
 * would loop). A ride whose end has no negative curvature left gets no children: a leaf.
 *
 * Two departures from the paper keep the tree from looping where a ride ends on a slope with its own ridge still
 * negative ('alpha-min', 'loss', 'overlap', 'max-ride-steps'), which the paper's GetRidges, offering ±e_i everywhere,
 * does not guard against:
 *   no U-turn (GetRidgesOptions.noUTurn): the child d with ⟨d, −d_end⟩ ≥ δ_break, the parent's own ridge reversed,
 *     is not offered. Without it a ride that halts after a few steps branches back the way it came, that child
 *     halts and branches back again, and so on: fingerprints [.., 1, 0, 1, 0, ..], rides of 1–2 steps zig-zagging
 *     down a slope until maxRides (seen on the Figure 1 surface near (0.37, 2.12) and on Himmelblau near
 *     (−1.7, 1.64), where H ≈ 0 and the eigenvectors turn faster than α resolves);
 *   minimum progress (GetRidgesOptions.minProgress): a ride that ends less than minProgress·α from its start does
 *     not branch, the generalization of the no-step rule above: its end is, at the resolution α, the point it
 *     branched from, whose ridges are already in the archive.
 * At the start and at ends reached on curvature (a saddle or maximum in the ridge's direction) nothing changes: the
 * remaining negative eigenvectors are orthogonal to the arrival, so both signs are offered, as in the paper.
 */
export function finishRide(state: RidgeRiderState, reason: EndReason, note: string): Ride {
  const ride = state.current!;
  const { entry } = ride;
  const n = state.n;
  let gd: Partial<Pick<Ride, 'endAfterGd' | 'fAfterGd' | 'gdSteps' | 'gdStop'>> = {};
  if (state.gdFinish !== false) {
    const r = gdFinish(state.objective, ride.theta, state.gdFinish);
    state.gdSteps += r.steps;
    gd = { endAfterGd: Array.from(r.theta), fAfterGd: r.f, gdSteps: r.steps, gdStop: r.stop };
  }
  const children: number[] = [];
  let leafNote = '';
  const minProgress = (state.getRidgesOptions.minProgress ?? GET_RIDGES_DEFAULTS.minProgress) * state.step.alpha;
  let moved = 0;
  for (let i = 0; i < n; i++) moved += (ride.theta[i]! - entry.theta[i]!) ** 2;
  moved = Math.sqrt(moved);
  if (reason !== 'diverged' && reason !== 'search-cap' && ride.steps > 0 && moved >= minProgress) {
    const ridges = getRidges(state.spec, state.getRidgesOptions, {
      grad: ride.grad, alpha: state.step.alpha, arrival: { direction: ride.direction, deltaBreak: state.endRide.deltaBreak },
    });
    if (ridges.length > 0) state.batch += 1;
    for (const r of ridges) {
      const child: ArchiveEntry = {
        id: state.nextId++, fingerprint: [...entry.fingerprint, r.index], parent: entry.id, depth: entry.depth + 1,
        batch: state.batch, theta: Float64Array.from(ride.theta), f: ride.f, direction: r.direction, lambda: r.lambda, index: r.index,
      };
      state.archive.push(child);
      children.push(child.id);
    }
    if (ridges.length === 0) leafNote = '; no negative curvature left: a leaf';
  } else if (ride.steps === 0 && reason !== 'diverged' && reason !== 'search-cap') {
    leafNote = '; no step taken: a dead end';
  } else if (reason !== 'diverged' && reason !== 'search-cap') {
    leafNote = `; moved ${fmtNum(moved)} < minProgress·α = ${fmtNum(minProgress)} from its start: too close to branch again`;
  }
  const done: Ride = {
    id: entry.id, fingerprint: entry.fingerprint.slice(), parent: entry.parent, depth: entry.depth,
    start: Array.from(entry.theta), direction: Array.from(entry.direction), eigenvalue: entry.lambda, eigenvalueEnd: ride.lambda,
    end: Array.from(ride.theta.subarray(0, n)), f_start: entry.f, f_end: ride.f, steps: ride.steps, end_reason: reason,
    note: note + leafNote, ...gd, children, path: Float64Array.from(ride.path),
  };
  state.rides.push(done);
  state.current = null;
  return done;
}

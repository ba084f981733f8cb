import { fmtNum } from '../math/fmtNum';
import { vecFinite } from '../math/vec';
import type { ArchiveEntry } from './archive';
import type { CurvatureProbe } from './curvature';
import { STEP_DONE, isPending, type RideRun, type Step } from './drive';
import { inBox, type EndReason } from './endRide';
import { GET_RIDGES_DEFAULTS } from './getRidges';
import type { Ride, RideInProgress, RidgeRiderState } from './state';

/** Begins riding an archive entry: θ, L, d and λ come from the entry; the path holds the start. */
export function startRide<P extends CurvatureProbe>(state: RidgeRiderState<P>, entry: ArchiveEntry): RideInProgress<P> {
  const ride = {
    entry, fingerprint: entry.fingerprint, theta: Float64Array.from(entry.theta), f: entry.f, direction: Float64Array.from(entry.direction),
    lambda: entry.lambda, overlap: 1, at: null, steps: 0, path: [], trace: [],
  } as Omit<RideInProgress<P>, 'run'> as RideInProgress<P>;
  (ride as { run: RideRun }).run = rideSteps(state, ride);
  recordPoint(state, ride);
  state.rideOrder.push(entry.id);
  state.current = ride;
  return ride;
}

function recordPoint<P extends CurvatureProbe>(state: RidgeRiderState<P>, ride: RideInProgress<P>): void {
  ride.trace.push(ride.f, ride.lambda);
  if (state.summary) {
    state.summary.at(ride.theta, state.summaryRow);
    for (let i = 0; i < state.summaryRow.length; i++) ride.trace.push(state.summaryRow[i]!);
  }
  if (!state.recordPaths) return;
  for (let i = 0; i < state.n; i++) ride.path.push(ride.theta[i]!);
  ride.path.push(ride.f);
}

/**
 * A ride as a coroutine: each resumption takes one step of the current ride (Algorithm 1, lines 5–8) and pauses at
 * STEP_DONE, so that a step allocates nothing (drive.ts resumes it, synchronously or awaiting the oracle). A step is
 * θ' = θ + α d (the paper's θ − α e_i), the oracle's probe of θ' (exact: L, ∇L, H(θ')), EndRide's loss test, then
 * for a θ' that passes it UpdateRidge (the oracle's `follow`; exact: H(θ')'s spectrum) and EndRide's other criteria
 * (endRide.ts for the criteria, which steps are kept, and backtracking, which may try several α in one step). The
 * coroutine ends, through `finishRide`, when a criterion fires.
 */
export function* rideSteps<P extends CurvatureProbe>(state: RidgeRiderState<P>, ride: RideInProgress<P>): RideRun {
  const { n, curvature, endRide: end, step, trial } = state;
  let alphaStart = step.alpha;
  let before = ride.f;
  // EndRide (c) with patience (fixed α): the ride's lowest L, and the steps in a row since that did not lower it.
  const patient = end.patience > 0 && step.mode === 'fixed';
  let lowest = ride.f;
  let flat = 0;
  const best = patient ? lowestPoint(ride) : null;
  // With patience, a ride that ends because its loss stopped falling ends at its lowest point: the steps taken past it
  // are dropped, and the search branches there. Other ends (the ridge's: curvature, a turn, the step cap) stay where
  // their criterion fired, as in Algorithm 1.
  // Backtracking: how often α was halved over the ride (the trials it rejected), for the end's note.
  let halvings = 0;
  const finish = (reason: EndReason, note: string): Step<Ride> => {
    const dropped = best && reason === 'loss' ? rewind(ride, best) : 0;
    const halved = step.mode === 'backtracking' ? `; backtracking halved α ${halvings} time${halvings === 1 ? '' : 's'} over the ride's ${ride.steps} step${ride.steps === 1 ? '' : 's'}` : '';
    return finishRide(state, reason, `${dropped > 0 ? `${note}; the ride ends at its lowest point, L = ${fmtNum(ride.f)} after step ${ride.steps}: the ${dropped} step${dropped === 1 ? '' : 's'} past it are dropped` : note}${halved}`);
  };
  for (;;) {
    let alpha = alphaStart;
    let overlapOk = true;
    let overlapNew = 0;
    for (;;) {
      for (let i = 0; i < n; i++) trial[i] = ride.theta[i]! + alpha * ride.direction[i]!;
      let bad = '';
      if (!vecFinite(trial, n) || !inBox(trial, end.box, n)) bad = `the step at α = ${fmtNum(alpha)} ${vecFinite(trial, n) ? 'leaves the bounding box' : 'overflows'}`;
      let at: P | null = null;
      if (!bad) {
        const probed = curvature.probe(trial, state.spare);
        at = isPending(probed) ? ((yield probed) as P) : probed;
        state.spare = null;
        if (!at.finite) bad = `L, ∇L or ∇²L is not finite after the step at α = ${fmtNum(alpha)}`;
      }
      if (bad) {
        state.spare = at;
        // Backtracking treats a failed trial like any other: halve α; a fixed step has nothing to retry.
        alpha *= 0.5;
        halvings++;
        if (step.mode === 'backtracking' && alpha >= step.alphaMin) continue;
        yield* finish('diverged', bad);
        return;
      }
      const trialAt = at!;
      const lossOk = !end.loss || (patient ? trialAt.f < lowest || flat < end.patience : trialAt.f < ride.f);
      // A trial rejected on its loss needs no UpdateRidge (and so, with the exact oracle, no eigendecomposition).
      if (!lossOk && step.mode === 'backtracking') {
        state.spare = trialAt;
        alpha *= 0.5;
        halvings++;
        if (alpha < step.alphaMin) {
          yield* finish('alpha-min', `α fell below α_min = ${fmtNum(step.alphaMin)}: L rose from ${fmtNum(ride.f)} to ${fmtNum(trialAt.f)}`);
          return;
        }
        continue;
      }
      if (!lossOk) {
        state.spare = trialAt;
        yield* finish('loss', patient
          ? `L = ${fmtNum(trialAt.f)} would not fall below the ride's lowest, ${fmtNum(lowest)}, for ${end.patience + 1} steps in a row; the step was not taken`
          : `L would rise from ${fmtNum(ride.f)} to ${fmtNum(trialAt.f)}; the step was not taken`);
        return;
      }
      if (patient) {
        flat = trialAt.f < lowest ? 0 : flat + 1;
        lowest = Math.min(lowest, trialAt.f);
      }
      const followed = curvature.follow(trialAt, ride.at, ride, state.dTrial);
      const upd = isPending(followed) ? ((yield followed) as Awaited<typeof followed>) : followed;
      overlapOk = !end.overlap || upd.overlap >= end.deltaBreak;
      overlapNew = upd.overlap;
      if (step.mode === 'backtracking') {
        if (overlapOk) {
          before = ride.f;
          acceptStep(state, ride, trialAt, upd.lambda, upd.overlap);
          if (step.warmStart) alphaStart = Math.min(step.alpha, 2 * alpha);
          break;
        }
        state.spare = trialAt;
        alpha *= 0.5;
        halvings++;
        if (alpha < step.alphaMin) {
          yield* finish('alpha-min', `α fell below α_min = ${fmtNum(step.alphaMin)}: overlap ${fmtNum(upd.overlap)} < δ_break = ${end.deltaBreak}`);
          return;
        }
        continue;
      }
      before = ride.f;
      acceptStep(state, ride, trialAt, upd.lambda, upd.overlap);
      if (best) {
        if (flat === 0) keepLowest(ride, best);
        // The lowest point's probe is kept for branching there: the oracle may not reuse its storage.
        if (state.spare === best.at) state.spare = null;
      }
      break;
    }
    if (end.loss && end.minImprovement > 0 && before - ride.f < end.minImprovement * Math.max(1, Math.abs(ride.f))) {
      yield* finish('loss', `the loss stopped improving: it fell by ${fmtNum(before - ride.f)} < ${end.minImprovement}·max(1, |L|)`);
      return;
    }
    const tau = (state.getRidgesOptions.negTol ?? GET_RIDGES_DEFAULTS.negTol) * ride.at!.scale;
    if (end.curvature && ride.lambda >= -tau) {
      yield* finish('curvature', `λ = ${fmtNum(ride.lambda)} ≥ ${tau > 0 ? `−${fmtNum(tau)}` : '0'}`);
      return;
    }
    if (!overlapOk) {
      yield* finish('overlap', `overlap ${fmtNum(overlapNew)} < δ_break = ${end.deltaBreak}`);
      return;
    }
    if (ride.steps >= end.maxRideSteps) {
      yield* finish('max-ride-steps', `${ride.steps} steps`);
      return;
    }
    yield STEP_DONE;
  }
}

/** A copy of a ride's lowest point so far: where a ride with patience ends. */
interface LowestPoint<P extends CurvatureProbe> {
  readonly theta: Float64Array;
  readonly direction: Float64Array;
  f: number;
  at: P | null;
  lambda: number;
  overlap: number;
  steps: number;
}

function lowestPoint<P extends CurvatureProbe>(ride: RideInProgress<P>): LowestPoint<P> {
  return { theta: Float64Array.from(ride.theta), direction: Float64Array.from(ride.direction), f: ride.f, at: ride.at, lambda: ride.lambda, overlap: ride.overlap, steps: ride.steps };
}

function keepLowest<P extends CurvatureProbe>(ride: RideInProgress<P>, best: LowestPoint<P>): void {
  best.theta.set(ride.theta);
  best.direction.set(ride.direction);
  Object.assign(best, { f: ride.f, at: ride.at, lambda: ride.lambda, overlap: ride.overlap, steps: ride.steps });
}

/** Puts the ride back at its lowest point, its path and trace cut there; returns the steps dropped. */
function rewind<P extends CurvatureProbe>(ride: RideInProgress<P>, best: LowestPoint<P>): number {
  const dropped = ride.steps - best.steps;
  if (dropped === 0) return 0;
  const perPoint = ride.trace.length / (ride.steps + 1);
  const pathPerPoint = ride.path.length / (ride.steps + 1);
  ride.trace.length = perPoint * (best.steps + 1);
  ride.path.length = pathPerPoint * (best.steps + 1);
  ride.theta.set(best.theta);
  ride.direction.set(best.direction);
  Object.assign(ride, { f: best.f, at: best.at, lambda: best.lambda, overlap: best.overlap, steps: best.steps });
  return dropped;
}

function acceptStep<P extends CurvatureProbe>(state: RidgeRiderState<P>, ride: RideInProgress<P>, at: P, lambda: number, overlap: number): void {
  ride.theta.set(state.trial);
  ride.f = at.f;
  [ride.direction, state.dTrial] = [state.dTrial, ride.direction];
  state.spare = ride.at;
  ride.at = at;
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
export function* finishRide<P extends CurvatureProbe>(state: RidgeRiderState<P>, reason: EndReason, note: string): Step<Ride> {
  const ride = state.current!;
  const { entry } = ride;
  const n = state.n;
  let gd: Partial<Pick<Ride, 'endAfterGd' | 'fAfterGd' | 'gdSteps' | 'gdStop' | 'gdPath'>> = {};
  if (state.gdFinish !== false) {
    const descended = state.curvature.descend(ride.theta, state.gdFinish, state.recordPaths);
    const r = isPending(descended) ? ((yield descended) as Awaited<typeof descended>) : descended;
    state.gdSteps += r.steps;
    gd = { endAfterGd: Array.from(r.theta), fAfterGd: r.f, gdSteps: r.steps, gdStop: r.stop, ...(r.path ? { gdPath: r.path } : {}) };
  }
  const children: number[] = [];
  let leafNote = '';
  const minProgress = (state.getRidgesOptions.minProgress ?? GET_RIDGES_DEFAULTS.minProgress) * state.step.alpha;
  let moved = 0;
  for (let i = 0; i < n; i++) moved += (ride.theta[i]! - entry.theta[i]!) ** 2;
  moved = Math.sqrt(moved);
  if (reason !== 'diverged' && reason !== 'search-cap' && ride.steps > 0 && moved >= minProgress) {
    const at = ride.at!;
    const found = state.curvature.ridges(at, state.getRidgesOptions, {
      grad: at.grad, alpha: state.step.alpha, arrival: { direction: ride.direction, deltaBreak: state.endRide.deltaBreak }, fingerprint: entry.fingerprint,
    });
    const { ridges } = isPending(found) ? ((yield found) as Awaited<typeof found>) : found;
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
    end: Array.from(ride.theta.subarray(0, n)), fStart: entry.f, fEnd: ride.f, steps: ride.steps, endReason: reason,
    note: note + leafNote, ...gd, children, path: Float64Array.from(ride.path), trace: Float64Array.from(ride.trace),
  };
  state.rides.push(done);
  if (ride.at && !state.spare) state.spare = ride.at;
  state.current = null;
  return done;
}

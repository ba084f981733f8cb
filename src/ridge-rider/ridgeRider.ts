import { createSymEigWorkspace, symEig } from '../math/symEig';
import { rngFromSeed, type Rng } from '../math/rng';
import { fmtNum } from '../optimizers/stopCriteria';
import { chooseFromArchive, isArchiveOrder, type ArchiveEntry } from './archive';
import { resolveGdFinish } from './descend';
import { resolveEndRide, resolveStepSize } from './endRide';
import { getRidges } from './getRidges';
import { vecFinite, type RidgeObjective } from './objective';
import { finishRide, rideStep, startRide } from './ride';
import { RIDGE_RIDER_DEFAULTS, type Ride, type RidgeRiderOptions, type RidgeRiderResult, type RidgeRiderState, type SearchStopReason } from './state';

/**
 * Ridge Rider, exact version (Parker-Holder et al. 2020, "Ridge Rider: Finding Diverse Solutions by Following
 * Eigenvectors of the Hessian", §3, Algorithm 1), in any dimension n where the n × n Hessian and its full
 * eigendecomposition (math/symEig) are affordable at every step:
 *
 *   A = [{θ_start, ±v_i, λ_i} for the negative eigenpairs of H(θ_start)]          GetRidges      (getRidges.ts)
 *   while |A| > 0 and no cap is reached:
 *     {d, θ, λ}, A = ChooseFromArchive(A)                                          bfs/dfs/best/random (archive.ts)
 *     repeat  θ ← θ + α d;  (d, λ) ← UpdateRidge(θ, d)  until EndRide              (ride.ts, updateRidge.ts, endRide.ts)
 *     [optional GD from θ]                                                         (descend.ts)
 *     A ← A ∪ [{θ, ±v_j, λ_j} for the negative eigenpairs of H(θ)], Ψ_child = Ψ + [r]
 *       less the U-turn −d_end, and only if the ride moved ≥ minProgress·α               (ride.ts, finishRide)
 *
 * Step API (architecture.md, convention 2): `initRidgeRider` → state; `stepRidgeRider(state)` does one unit of work
 * (one step of the current ride, which may try several α when backtracking, or starting the next ride from the
 * archive, or stopping); `runRidgeRider` loops to the end. The only randomness is the 'random' archive order, drawn
 * from the injected rng: a run is deterministic for a seed.
 */
export function initRidgeRider(objective: RidgeObjective, start: ArrayLike<number>, options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1)): RidgeRiderState {
  const n = objective.n;
  if (!Number.isInteger(n) || n < 1) throw new Error(`objective dimension must be a positive integer, got ${String(n)}`);
  if (start.length !== n) throw new Error(`start must have ${n} coordinates, got ${start.length}`);
  if (!vecFinite(start, n)) throw new Error('start must be finite');
  const order = options.order ?? RIDGE_RIDER_DEFAULTS.order;
  if (!isArchiveOrder(order)) throw new Error(`order must be bfs, dfs, best or random, got ${String(order)}`);
  const maxRides = options.maxRides ?? RIDGE_RIDER_DEFAULTS.maxRides;
  const maxTotalSteps = options.maxTotalSteps ?? RIDGE_RIDER_DEFAULTS.maxTotalSteps;
  if (!Number.isInteger(maxRides) || maxRides < 0) throw new Error(`maxRides must be a non-negative integer, got ${String(maxRides)}`);
  if (!Number.isInteger(maxTotalSteps) || maxTotalSteps < 0) throw new Error(`maxTotalSteps must be a non-negative integer, got ${String(maxTotalSteps)}`);
  const minProgress = options.getRidges?.minProgress;
  if (minProgress !== undefined && !(minProgress >= 0 && Number.isFinite(minProgress))) throw new Error(`minProgress must be a non-negative number, got ${String(minProgress)}`);
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const fStart = objective.evaluate(theta, grad, hess);
  const spec = createSymEigWorkspace(n);
  const state: RidgeRiderState = {
    objective, n, rng,
    getRidgesOptions: { ...options.getRidges }, updateRidgeOptions: { ...options.updateRidge },
    endRide: resolveEndRide(options.endRide, n), step: resolveStepSize(options.step), order,
    gdFinish: options.gdFinish ? resolveGdFinish(objective, options.gdFinish) : false, maxRides, maxTotalSteps, recordPaths: options.recordPaths ?? RIDGE_RIDER_DEFAULTS.recordPaths,
    start: theta, fStart, startRidges: 0, archive: [], rides: [], rideOrder: [], current: null,
    nextId: 0, batch: 0, totalSteps: 0, gdSteps: 0, stop: null,
    grad, hess, trial: new Float64Array(n), dTrial: new Float64Array(n), spec, trialSpec: createSymEigWorkspace(n),
  };
  if (!Number.isFinite(fStart) || !vecFinite(grad, n) || !vecFinite(hess, n * n)) {
    return stopWith(state, 'bad-start', `L, ∇L or ∇²L is not finite at the start (L = ${String(fStart)})`);
  }
  symEig(hess, n, spec);
  const ridges = getRidges(spec, state.getRidgesOptions, { grad, alpha: state.step.alpha });
  if (ridges.length === 0) {
    return stopWith(state, 'no-ridges', `no negative curvature at the start (λ_min = ${fmtNum(spec.values[0]!)}): it is not a saddle or a maximum; refine the start (refineToSaddle) or pick another`);
  }
  for (const r of ridges) {
    const entry: ArchiveEntry = {
      id: state.nextId++, fingerprint: [r.index], parent: null, depth: 0, batch: 0,
      theta: Float64Array.from(theta), f: fStart, direction: r.direction, lambda: r.lambda, index: r.index,
    };
    state.archive.push(entry);
  }
  state.startRidges = ridges.length;
  return state;
}

function stopWith(state: RidgeRiderState, reason: SearchStopReason, note: string): RidgeRiderState {
  state.stop = { reason, note, archiveLeft: state.archive.length };
  return state;
}

/**
 * step of the step API: one step of the current ride; or, between rides, the next ridge from the archive (or the
 * stop: 'exhausted', 'max-rides', 'max-total-steps'). When the total step cap is reached during a ride, that ride
 * ends as 'search-cap' and the search stops. Mutates `state` and returns it; a stopped state is returned unchanged.
 */
export function stepRidgeRider(state: RidgeRiderState): RidgeRiderState {
  if (state.stop) return state;
  if (state.current) {
    if (state.totalSteps >= state.maxTotalSteps) {
      finishRide(state, 'search-cap', `the search's total step cap (${state.maxTotalSteps}) was reached`);
      return stopWith(state, 'max-total-steps', `max-total-steps: ${state.maxTotalSteps} ride steps taken`);
    }
    rideStep(state);
    return state;
  }
  if (state.archive.length === 0) return stopWith(state, 'exhausted', `the archive is empty after ${state.rides.length} rides`);
  if (state.rides.length >= state.maxRides) {
    return stopWith(state, 'max-rides', `max-rides: ${state.rides.length} rides ridden, ${state.archive.length} ridges left in the archive`);
  }
  if (state.totalSteps >= state.maxTotalSteps) {
    return stopWith(state, 'max-total-steps', `max-total-steps: ${state.totalSteps} ride steps taken, ${state.archive.length} ridges left in the archive`);
  }
  startRide(state, chooseFromArchive(state.archive, state.order, state.rng)!);
  return state;
}

/** Options of `runRidgeRider` beyond the search's own. */
export interface RunRidgeRiderOptions {
  /** Called after each finished ride (a worker posts it). */
  onRide?: (ride: Ride, state: Readonly<RidgeRiderState>) => void;
  /** Polled every `checkEvery` step calls (default 256); true ends the current ride as 'search-cap' and stops as 'cancelled'. */
  shouldCancel?: () => boolean;
  checkEvery?: number;
}

/** run of the step API: `initRidgeRider`, then `stepRidgeRider` until the search stops. */
export function runRidgeRider(objective: RidgeObjective, start: ArrayLike<number>, options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1),
  run: RunRidgeRiderOptions = {}): RidgeRiderResult {
  const state = initRidgeRider(objective, start, options, rng);
  const every = run.checkEvery ?? 256;
  if (!Number.isInteger(every) || every < 1) throw new Error(`checkEvery must be a positive integer, got ${String(every)}`);
  for (let calls = 1; !state.stop; calls++) {
    const before = state.rides.length;
    stepRidgeRider(state);
    if (run.onRide && state.rides.length > before) run.onRide(state.rides[state.rides.length - 1]!, state);
    if (!state.stop && calls % every === 0 && run.shouldCancel?.()) {
      if (state.current) finishRide(state, 'search-cap', 'cancelled');
      stopWith(state, 'cancelled', `cancelled after ${state.rides.length} rides`);
    }
  }
  return ridgeRiderResult(state);
}

/** The result view of a (stopped or running) state. */
export function ridgeRiderResult(state: RidgeRiderState): RidgeRiderResult {
  return {
    n: state.n, start: Array.from(state.start), fStart: state.fStart, startRidges: state.startRidges,
    rides: state.rides.slice(), order: state.rideOrder.slice(),
    stop: state.stop ?? { reason: 'cancelled', note: 'still running', archiveLeft: state.archive.length },
    totalSteps: state.totalSteps, gdSteps: state.gdSteps,
  };
}

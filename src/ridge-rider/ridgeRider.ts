import { fmtNum } from '../math/fmtNum';
import { rngFromSeed, type Rng } from '../math/rng';
import { vecFinite } from '../math/vec';
import { chooseFromArchive, isArchiveOrder, type ArchiveEntry } from './archive';
import type { CurvatureOracle, CurvatureProbe } from './curvature';
import { resolveGdFinish } from './descend';
import { driveAsync, driveSync, isPending, resumeAsync, resumeSync, type Step } from './drive';
import { resolveEndRide, resolveStepSize } from './endRide';
import { exactCurvature, type ExactProbe } from './exactCurvature';
import type { RidgeObjective } from './objective';
import { finishRide, startRide } from './ride';
import { RIDGE_RIDER_DEFAULTS, type Ride, type RidgeRiderOptions, type RidgeRiderResult, type RidgeRiderState, type SearchStopReason } from './state';

/**
 * Ridge Rider (Parker-Holder et al. 2020, "Ridge Rider: Finding Diverse Solutions by Following Eigenvectors of the
 * Hessian", §3, Algorithm 1), over a curvature oracle (curvature.ts): given a RidgeObjective, the exact one
 * (exactCurvature.ts: the n × n Hessian and its full eigendecomposition at every step, any n where that is affordable);
 * given an oracle, that one (Algorithm 2's approximate curvature from Hessian-vector products fits the same seam):
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
 * from the injected rng: a run is deterministic for a seed. Each step is written once as a generator (drive.ts):
 * `stepRidgeRider`/`runRidgeRider` drive it synchronously (the exact oracle), `stepRidgeRiderAsync`/`runRidgeRiderAsync`
 * await an oracle that answers with promises (a GPU read-back); for a synchronous oracle both give the same search.
 */
export function initRidgeRider<P extends CurvatureProbe = ExactProbe>(problem: RidgeObjective | CurvatureOracle<P>, start: ArrayLike<number>,
  options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1)): RidgeRiderState<P> {
  return driveSync(initSearch(oracleOf<P>(problem, options), start, options, rng));
}

/** initRidgeRider for an oracle that answers asynchronously (or any oracle). */
export function initRidgeRiderAsync<P extends CurvatureProbe = ExactProbe>(problem: RidgeObjective | CurvatureOracle<P>, start: ArrayLike<number>,
  options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1)): Promise<RidgeRiderState<P>> {
  return driveAsync(initSearch(oracleOf<P>(problem, options), start, options, rng));
}

/** The oracle of a problem: itself, or exact curvature (dense H, full spectrum) for a RidgeObjective. */
function oracleOf<P extends CurvatureProbe>(problem: RidgeObjective | CurvatureOracle<P>, options: RidgeRiderOptions): CurvatureOracle<P> {
  return 'probe' in problem ? problem : (exactCurvature(problem, options.updateRidge) as unknown as CurvatureOracle<P>);
}

function* initSearch<P extends CurvatureProbe>(curvature: CurvatureOracle<P>, start: ArrayLike<number>, options: RidgeRiderOptions, rng: Rng): Step<RidgeRiderState<P>> {
  const n = curvature.n;
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
  const endRide = resolveEndRide(options.endRide, n);
  const step = resolveStepSize(options.step);
  const gdFinish = options.gdFinish ? resolveGdFinish(options.gdFinish) : false;
  if (gdFinish) curvature.checkDescend(gdFinish);
  const summary = options.summary ?? null;
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const probed = curvature.probe(theta, null);
  const at = isPending(probed) ? ((yield probed) as P) : probed;
  const state: RidgeRiderState<P> = {
    curvature, n, rng, getRidgesOptions: { ...options.getRidges }, endRide, step, order, gdFinish, maxRides, maxTotalSteps,
    recordPaths: options.recordPaths ?? RIDGE_RIDER_DEFAULTS.recordPaths, summary, traceWidth: 2 + (summary?.labels.length ?? 0),
    start: theta, fStart: at.f, startRidges: 0, archive: [], rides: [], rideOrder: [], current: null,
    nextId: 0, batch: 0, totalSteps: 0, gdSteps: 0, stop: null,
    trial: new Float64Array(n), dTrial: new Float64Array(n), spare: null, summaryRow: new Float64Array(summary?.labels.length ?? 0),
  };
  if (!at.finite) {
    state.spare = at;
    return stopWith(state, 'bad-start', `L, ∇L or ∇²L is not finite at the start (L = ${String(at.f)})`);
  }
  const found = curvature.ridges(at, state.getRidgesOptions, { grad: at.grad, alpha: step.alpha, fingerprint: [] });
  const { ridges, lambdaMin } = isPending(found) ? ((yield found) as Awaited<typeof found>) : found;
  state.spare = at;
  if (ridges.length === 0) {
    return stopWith(state, 'no-ridges', `no negative curvature at the start (λ_min = ${fmtNum(lambdaMin)}): it is not a saddle or a maximum; refine the start (refineToSaddle) or pick another`);
  }
  for (const r of ridges) {
    const entry: ArchiveEntry = {
      id: state.nextId++, fingerprint: [r.index], parent: null, depth: 0, batch: 0,
      theta: Float64Array.from(theta), f: at.f, direction: r.direction, lambda: r.lambda, index: r.index,
    };
    state.archive.push(entry);
  }
  state.startRidges = ridges.length;
  return state;
}

function stopWith<P extends CurvatureProbe>(state: RidgeRiderState<P>, reason: SearchStopReason, note: string): RidgeRiderState<P> {
  state.stop = { reason, note, archiveLeft: state.archive.length };
  return state;
}

/**
 * step of the step API: one step of the current ride; or, between rides, the next ridge from the archive (or the
 * stop: 'exhausted', 'max-rides', 'max-total-steps'). When the total step cap is reached during a ride, that ride
 * ends as 'search-cap' and the search stops. Mutates `state` and returns it; a stopped state is returned unchanged.
 * Needs a synchronous oracle (`curvature.sync`); stepRidgeRiderAsync drives any.
 */
export function stepRidgeRider<P extends CurvatureProbe>(state: RidgeRiderState<P>): RidgeRiderState<P> {
  if (state.stop) return state;
  if (state.current && state.totalSteps < state.maxTotalSteps) resumeSync(state.current.run);
  else driveSync(betweenSteps(state));
  return state;
}

/** The same step, awaiting an asynchronous oracle's answers. */
export async function stepRidgeRiderAsync<P extends CurvatureProbe>(state: RidgeRiderState<P>): Promise<RidgeRiderState<P>> {
  if (state.stop) return state;
  if (state.current && state.totalSteps < state.maxTotalSteps) await resumeAsync(state.current.run);
  else await driveAsync(betweenSteps(state));
  return state;
}

/** The rest of a step: the total step cap during a ride, or between rides the next ridge or the stop. */
function* betweenSteps<P extends CurvatureProbe>(state: RidgeRiderState<P>): Step<void> {
  if (state.current) {
    yield* finishRide(state, 'search-cap', `the search's total step cap (${state.maxTotalSteps}) was reached`);
    stopWith(state, 'max-total-steps', `the step limit of ${state.maxTotalSteps} ride steps was reached`);
    return;
  }
  if (state.archive.length === 0) stopWith(state, 'exhausted', `the archive is empty after ${state.rides.length} rides`);
  else if (state.rides.length >= state.maxRides) {
    stopWith(state, 'max-rides', `the limit of ${state.rides.length} rides was reached; ${state.archive.length} ${state.archive.length === 1 ? 'ridge is' : 'ridges are'} left unexplored in the archive`);
  } else if (state.totalSteps >= state.maxTotalSteps) {
    stopWith(state, 'max-total-steps', `the step limit was reached after ${state.totalSteps} ride steps; ${state.archive.length} ${state.archive.length === 1 ? 'ridge is' : 'ridges are'} left unexplored in the archive`);
  } else startRide(state, chooseFromArchive(state.archive, state.order, state.rng)!);
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
export function runRidgeRider<P extends CurvatureProbe = ExactProbe>(problem: RidgeObjective | CurvatureOracle<P>, start: ArrayLike<number>,
  options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1), run: RunRidgeRiderOptions = {}): RidgeRiderResult {
  const every = checkEvery(run);
  const state = initRidgeRider(problem, start, options, rng);
  for (let calls = 1; !state.stop; calls++) {
    const before = state.rides.length;
    stepRidgeRider(state);
    if (afterStep(state, before, calls, every, run)) driveSync(cancel(state));
  }
  return ridgeRiderResult(state);
}

/** runRidgeRider for an oracle that answers asynchronously (or any oracle). */
export async function runRidgeRiderAsync<P extends CurvatureProbe = ExactProbe>(problem: RidgeObjective | CurvatureOracle<P>, start: ArrayLike<number>,
  options: RidgeRiderOptions = {}, rng: Rng = rngFromSeed(1), run: RunRidgeRiderOptions = {}): Promise<RidgeRiderResult> {
  const every = checkEvery(run);
  const state = await initRidgeRiderAsync(problem, start, options, rng);
  for (let calls = 1; !state.stop; calls++) {
    const before = state.rides.length;
    await stepRidgeRiderAsync(state);
    if (afterStep(state, before, calls, every, run)) await driveAsync(cancel(state));
  }
  return ridgeRiderResult(state);
}

function checkEvery(run: RunRidgeRiderOptions): number {
  const every = run.checkEvery ?? 256;
  if (!Number.isInteger(every) || every < 1) throw new Error(`checkEvery must be a positive integer, got ${String(every)}`);
  return every;
}

/** After a step of a run: reports a finished ride; every `every` calls, says whether the run is to be cancelled. */
function afterStep<P extends CurvatureProbe>(state: RidgeRiderState<P>, before: number, calls: number, every: number, run: RunRidgeRiderOptions): boolean {
  if (run.onRide && state.rides.length > before) run.onRide(state.rides[state.rides.length - 1]!, state as unknown as RidgeRiderState);
  return !state.stop && calls % every === 0 && (run.shouldCancel?.() ?? false);
}

function* cancel<P extends CurvatureProbe>(state: RidgeRiderState<P>): Step<void> {
  if (state.current) yield* finishRide(state, 'search-cap', 'cancelled');
  stopWith(state, 'cancelled', `cancelled after ${state.rides.length} rides`);
}

/** The result view of a (stopped or running) state. */
export function ridgeRiderResult<P extends CurvatureProbe>(state: RidgeRiderState<P>): RidgeRiderResult {
  return {
    n: state.n, start: Array.from(state.start), fStart: state.fStart, startRidges: state.startRidges,
    rides: state.rides.slice(), order: state.rideOrder.slice(),
    stop: state.stop ?? { reason: 'cancelled', note: 'still running', archiveLeft: state.archive.length },
    totalSteps: state.totalSteps, gdSteps: state.gdSteps, traceWidth: state.traceWidth,
  };
}

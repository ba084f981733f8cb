import { rngFromSeed } from '../math/rng';
import type { StopReason } from '../optimizers/methods';
import type { ResolvedProblem, StartChoice, StartRequest } from '../problems';
import { RIDE_PATH_MAX_N, type RideMsg, type RidgeResponse } from '../protocol/messages';
import { gdFinish } from '../ridge-rider/descend';
import { gradientDescentRing, type GdRingResult } from '../ridge-rider/gdRing';
import { initRidgeRiderAsync, stepRidgeRider, stepRidgeRiderAsync } from '../ridge-rider/ridgeRider';
import { ridgeRiderOptions, type RidgeSettings } from '../ridge-rider/settings';
import type { Ride, RidgeRiderOptions, RidgeRiderState } from '../ridge-rider/state';

/** The Ridge Rider search of a figure (experiments/): its options, where it starts, its gradient-descent baseline, its named rides. */
export interface RidgePreset {
  readonly options: RidgeRiderOptions;
  /** Refined by Newton on ∇L to the nearby saddle or maximum the search starts from. */
  readonly startGuess: readonly number[];
  /** Gradient descent from `count` seeded starts in the annulus rMin ≤ ‖θ − θ_start‖ ≤ rMax, drawn beside the rides. */
  readonly baseline?: GdBaseline;
  /** The caption's rides, by fingerprint (r = 2i for +v_i, 2i + 1 for −v_i). */
  readonly paths?: readonly { readonly name: string; readonly fingerprint: readonly number[]; readonly shows: string }[];
}

export interface GdBaseline {
  readonly count: number;
  readonly rMin: number;
  readonly rMax: number;
  readonly seed: number;
  readonly lr: number;
  readonly maxSteps: number;
}

/** What a Ridge Rider search is asked to do, apart from the problem: the same for the worker, the CLI and the tests. */
export interface RidgeSearchInput {
  /** How to choose the start; 'auto' with a preset is the preset's own guess, refined. */
  readonly start: StartRequest;
  readonly settings: RidgeSettings;
  readonly seed: number;
  /** A figure's search (experiments/), whose options, start guess and baseline replace `settings` and an 'auto' start. */
  readonly preset: RidgePreset | null;
  /** Engine options that replace those of the settings or the preset (the CLI's option-by-option overrides). */
  readonly options?: RidgeRiderOptions;
  /** Keep θ along rides and finishes. Default: when the problem is drawable. */
  readonly recordPaths?: boolean;
}

/** One gradient-descent run of a baseline: where it started and ended, and its path (θ, L) per point. */
export interface GdRun {
  readonly start: number[];
  readonly end: number[];
  readonly f: number;
  readonly steps: number;
  readonly stop: StopReason;
  readonly path: Float64Array;
}

/** Everything decided before the first ride: the start, the engine options, and what is drawn beside the search. */
export interface PreparedRidgeSearch {
  readonly problem: ResolvedProblem;
  readonly start: StartChoice;
  /** The engine options (the problem's box and summary included). */
  readonly options: RidgeRiderOptions;
  readonly seed: number;
  /** A preset's gradient-descent baseline around the start. */
  readonly baseline: GdRun[] | null;
  /** The paper's Appendix D.1 ring of gradient-descent runs around the start, when the settings ask for it. */
  readonly ring: GdRingResult | null;
}

/**
 * The one place where a Ridge Rider search is set up (the ridge worker, the CLI and the tests call it): the start
 * (the problem's rule, a given or refined point, or a preset's guess refined by Newton), the engine options (the
 * settings', or the preset's, with the problem's bounding box and summary), the preset's baseline or the settings'
 * ring. The start is usable when `start.theta` is set and `start.ridges` is true.
 */
export function prepareRidgeSearch(problem: ResolvedProblem, input: RidgeSearchInput): PreparedRidgeSearch {
  const { preset, settings, seed } = input;
  const fromPreset = preset !== null && input.start.kind === 'auto';
  const request: StartRequest = fromPreset ? { kind: 'refine', theta: preset.startGuess } : input.start;
  const chosen = problem.chooseStart(request, seed);
  const start = fromPreset ? { ...chosen, message: `figure preset: ${chosen.message}` } : chosen;
  const base = input.options ?? (preset ? preset.options : ridgeRiderOptions(settings, null));
  const options: RidgeRiderOptions = {
    ...base,
    endRide: { ...base.endRide, ...(problem.box ? { box: problem.box } : {}) },
    recordPaths: input.recordPaths ?? problem.drawable,
    ...(problem.summary ? { summary: problem.summary } : {}),
  };
  const usable = start.theta !== null && start.ridges;
  const baseline = usable && preset?.baseline ? gdBaseline(problem, start.theta!, preset.baseline) : null;
  const ring = usable && !preset && settings.ring
    ? gradientDescentRing(problem.objective, start.theta!, settings.ringRadius, settings.ringCount, settings.gdLr, 5000) : null;
  return { problem, start, options, seed, baseline, ring };
}

/** A figure's gradient-descent baseline: runs from seeded starts in an annulus around `center` (gdBaselineStarts). */
export function gdBaseline(problem: ResolvedProblem, center: readonly number[], b: GdBaseline): GdRun[] {
  return gdBaselineStarts(center, b).map((s) => {
    const r = gdFinish(problem.objective, s, { lr: b.lr, maxSteps: b.maxSteps, record: true });
    return { start: s, end: Array.from(r.theta), f: r.f, steps: r.steps, stop: r.stop, path: r.path! };
  });
}

/** The baseline's starts: uniform radius in [rMin, rMax] and angle around a 2D `center`, from the seed (in that order). */
export function gdBaselineStarts(center: readonly number[], b: GdBaseline): number[][] {
  const rng = rngFromSeed(b.seed);
  const out: number[][] = [];
  for (let k = 0; k < b.count; k++) {
    const r = b.rMin + (b.rMax - b.rMin) * rng();
    const phi = 2 * Math.PI * rng();
    out.push([center[0]! + r * Math.cos(phi), center[1]! + r * Math.sin(phi)]);
  }
  return out;
}

/**
 * The search state for a prepared, usable start (stepped by the caller): over the problem's own curvature oracle when
 * it has one (an approximate, asynchronous one), else the exact curvature of its objective. Throws for invalid options.
 */
export function startRidgeSearch(p: PreparedRidgeSearch): Promise<RidgeRiderState> {
  if (!p.start.theta || !p.start.ridges) throw new Error(`no start with negative curvature: ${p.start.message}`);
  const source = p.problem.curvature?.(p.options) ?? p.problem.objective;
  return initRidgeRiderAsync(source, p.start.theta, p.options, rngFromSeed(p.seed)) as Promise<RidgeRiderState>;
}

const f64 = (a: ArrayLike<number> | undefined): Float64Array | null => (a && a.length > 0 ? Float64Array.from(a) : null);

/**
 * A finished ride as it crosses to the UI: its numbers, its trace (L, λ and the problem's summary per point), and θ
 * along the ride and its finish only for problems of at most RIDE_PATH_MAX_N parameters.
 */
export function rideMessage(ride: Ride, n: number): RideMsg {
  const small = n <= RIDE_PATH_MAX_N;
  return {
    id: ride.id, fingerprint: ride.fingerprint, parent: ride.parent, depth: ride.depth, eigenvalue: ride.eigenvalue, eigenvalueEnd: ride.eigenvalueEnd,
    fStart: ride.fStart, fEnd: ride.fEnd, start: small ? ride.start : null, end: small ? ride.end : null, steps: ride.steps, endReason: ride.endReason,
    note: ride.note, children: ride.children, endAfterGd: small ? ride.endAfterGd ?? null : null, fAfterGd: ride.fAfterGd ?? null, gdSteps: ride.gdSteps ?? null,
    trace: Float64Array.from(ride.trace), path: small ? f64(ride.path) : null, gdPath: small ? f64(ride.gdPath) : null,
  };
}

/** The messages that open a search: its start, and the baseline or ring drawn beside it. */
export function ridgeStartMessages(p: PreparedRidgeSearch, runId: number, click: readonly number[] | null): RidgeResponse[] {
  const n = p.problem.n;
  const s = p.start;
  const usable = s.theta !== null && s.ridges;
  const out: RidgeResponse[] = [{
    type: 'ridge-start', runId, n, start: usable && n <= RIDE_PATH_MAX_N ? s.theta : null, found: usable, f: usable ? s.f : NaN,
    eigenvalues: usable ? s.eigenvalues : [], click, message: s.message, suggestion: s.suggestion,
    metricLabels: ['L', 'λ', ...(p.problem.summary?.labels ?? [])],
  }];
  if (p.baseline) {
    out.push({ type: 'ring', runId, kind: 'baseline', lambdaMin: s.eigenvalues[0] ?? NaN, eMin: [],
      runs: p.baseline.map((r) => ({ path: Float64Array.from(r.path), angleDeg: NaN, exited: r.stop === 'converged' })) });
  } else if (p.ring) {
    out.push({ type: 'ring', runId, kind: 'ring', lambdaMin: p.ring.lambdaMin, eMin: p.ring.eMin,
      runs: p.ring.runs.map((r) => ({ path: Float64Array.from(r.path), angleDeg: (r.angle * 180) / Math.PI, exited: r.exited })) });
  }
  return out;
}

/**
 * Runs a prepared search, posting its start, each ride as it ends, and the end; between bursts of about `sliceMs` it
 * awaits `breathe`, which returns false when the search has been superseded (then it stops posting).
 */
export async function streamRidgeSearch(p: PreparedRidgeSearch, runId: number, click: readonly number[] | null,
  post: (msg: RidgeResponse) => void, breathe: () => Promise<boolean>, sliceMs = 16): Promise<void> {
  for (const m of ridgeStartMessages(p, runId, click)) post(m);
  if (!p.start.theta || !p.start.ridges) {
    post({ type: 'ridge-end', runId, reason: 'no-start', note: p.start.message, totalSteps: 0 });
    return;
  }
  const state = await startRidgeSearch(p);
  const n = p.problem.n;
  let posted = 0;
  let t0 = performance.now();
  while (state.stop === null) {
    if (state.curvature.sync) stepRidgeRider(state);
    else await stepRidgeRiderAsync(state);
    while (posted < state.rides.length) post({ type: 'ride', runId, ride: rideMessage(state.rides[posted++]!, n) });
    if (performance.now() - t0 > sliceMs) {
      if (!(await breathe())) return;
      t0 = performance.now();
    }
  }
  while (posted < state.rides.length) post({ type: 'ride', runId, ride: rideMessage(state.rides[posted++]!, n) });
  post({ type: 'ridge-end', runId, reason: state.stop.reason, note: state.stop.note, totalSteps: state.totalSteps });
}

import type { Rng } from '../math/rng';
import type { StopReason } from '../optimizers/methods';
import type { ArchiveEntry, ArchiveOrder } from './archive';
import type { CurvatureOracle, CurvatureProbe } from './curvature';
import type { GdFinishOptions } from './descend';
import type { RideRun } from './drive';
import type { EndReason, EndRideOptions, ResolvedEndRide, ResolvedStepSize, StepSizeOptions } from './endRide';
import type { GetRidgesOptions } from './getRidges';
import type { UpdateRidgeOptions } from './updateRidge';

/** Every part of Algorithm 1 is pluggable through these options; each has a documented default. */
export interface RidgeRiderOptions {
  /** GetRidges: which negative eigen-directions branch (getRidges.ts). */
  getRidges?: GetRidgesOptions;
  /** UpdateRidge (exact): the continuity rule for repeated eigenvalues (updateRidge.ts); used when the search is given a RidgeObjective. */
  updateRidge?: UpdateRidgeOptions;
  /** EndRide criteria and the bounding box (endRide.ts). */
  endRide?: EndRideOptions;
  /** α: fixed or backtracking (endRide.ts). */
  step?: StepSizeOptions;
  /** ChooseFromArchive (archive.ts). Default 'bfs', the paper's choice for its experiments. */
  order?: ArchiveOrder;
  /** Gradient descent from every ride's end (descend.ts); off (false) by default. */
  gdFinish?: GdFinishOptions | false;
  /** Cap on rides started (the tree size). Default 32. */
  maxRides?: number;
  /** Cap on ride steps summed over all rides (GD-finish steps are not counted). Default 100 000. */
  maxTotalSteps?: number;
  /** Keep each ride's path (θ and L per point) and its GD finish's path. Default true. */
  recordPaths?: boolean;
  /** A problem-specific summary of θ recorded at every point of a ride's trace (e.g. a policy's leaf probabilities). */
  summary?: RideSummary;
}

export const RIDGE_RIDER_DEFAULTS = { order: 'bfs', maxRides: 32, maxTotalSteps: 100_000, recordPaths: true } as const;

/**
 * A few numbers per point of a ride that describe θ for a problem's own views, recorded even when paths are not
 * (a network's accuracy, where θ has 10⁵ entries): `at` writes `labels.length` values to `out`.
 */
export interface RideSummary {
  readonly labels: readonly string[];
  at(theta: Float64Array, out: Float64Array): void;
}

/** One finished ride: a branch of the search tree, from where it branched off to where EndRide stopped it. */
export interface Ride {
  /** Assigned when the ridge entered the archive (see ArchiveEntry.id). */
  readonly id: number;
  /** Ψ: the ridge index chosen at each branching, root first (getRidges.ts for the 2i / 2i + 1 scheme). */
  readonly fingerprint: number[];
  readonly parent: number | null;
  readonly depth: number;
  /** θ where the ride started, and the unit direction d of its first step (θ₁ = θ₀ + α d; the paper's e = −d). */
  readonly start: number[];
  readonly direction: number[];
  /** λ of the ridge at its start (the eigenvalue it was chosen for) and of the followed ridge at its end. */
  readonly eigenvalue: number;
  readonly eigenvalueEnd: number;
  /** θ where the ride ended (the last accepted step), L at the start and there. */
  readonly end: number[];
  readonly fStart: number;
  readonly fEnd: number;
  /** Accepted ride steps. */
  readonly steps: number;
  readonly endReason: EndReason;
  /** Details of the end for people: the value that failed and its threshold. */
  readonly note: string;
  /** With the GD finish: where gradient descent from `end` went, L there, its steps and stop reason. */
  readonly endAfterGd?: number[];
  readonly fAfterGd?: number;
  readonly gdSteps?: number;
  readonly gdStop?: StopReason;
  /** Ids of the ridges that branched off at `end` (entered the archive; they may never be ridden if a cap stops the search). */
  readonly children: number[];
  /** Visited points, start included: (θ₀ … θ_{n−1}, L) per point, stride n + 1; for 2D the (x, y, L) triples the view draws. Empty unless recordPaths. */
  readonly path: Float64Array;
  /** The GD finish's path from `end`, stride n + 1, when recordPaths and the finish ran. */
  readonly gdPath?: Float64Array;
  /** Per point, start included: L, the followed λ, then the summary's values (stride RidgeRiderResult.traceWidth); always recorded. */
  readonly trace: Float64Array;
}

/**
 * Why the search stopped: 'exhausted' (the archive is empty: every branch ended in a leaf or a dead end),
 * 'max-rides' / 'max-total-steps' (a cap; ridges may be left in the archive), 'no-ridges' (no negative curvature at
 * the start: not a saddle or maximum), 'bad-start' (L, ∇L or ∇²L not finite at the start), 'cancelled'.
 */
export type SearchStopReason = 'exhausted' | 'max-rides' | 'max-total-steps' | 'no-ridges' | 'bad-start' | 'cancelled';

export interface SearchStop {
  readonly reason: SearchStopReason;
  readonly note: string;
  /** Ridges still in the archive when it stopped. */
  readonly archiveLeft: number;
}

/** A ride being stepped. */
export interface RideInProgress<P extends CurvatureProbe = CurvatureProbe> {
  readonly entry: ArchiveEntry;
  /** Ψ, the entry's (the ride is the oracle's RidgeHeading). */
  readonly fingerprint: readonly number[];
  readonly theta: Float64Array;
  f: number;
  /** Current unit direction d and the λ and overlap UpdateRidge last returned. */
  direction: Float64Array;
  lambda: number;
  overlap: number;
  /** The oracle's probe at θ once the ride has taken a step (∇L and the curvature there, for branching at its end). */
  at: P | null;
  steps: number;
  readonly path: number[];
  readonly trace: number[];
  /** The ride's coroutine (ride.ts rideSteps): each resumption takes one step. */
  readonly run: RideRun;
}

/**
 * The state of a Ridge Rider search; a step (ridgeRider.ts) mutates it in place and returns it. The curvature comes
 * from `curvature` alone (curvature.ts): the skeleton holds the oracle's probes, never a Hessian.
 */
export interface RidgeRiderState<P extends CurvatureProbe = CurvatureProbe> {
  readonly curvature: CurvatureOracle<P>;
  readonly n: number;
  readonly rng: Rng;
  readonly getRidgesOptions: GetRidgesOptions;
  readonly endRide: ResolvedEndRide;
  readonly step: ResolvedStepSize;
  readonly order: ArchiveOrder;
  readonly gdFinish: Required<GdFinishOptions> | false;
  readonly maxRides: number;
  readonly maxTotalSteps: number;
  readonly recordPaths: boolean;
  readonly summary: RideSummary | null;
  /** Entries per point of a ride's trace: L, λ, then the summary's. */
  readonly traceWidth: number;
  readonly start: Float64Array;
  readonly fStart: number;
  /** Ridges offered at the start. */
  startRidges: number;
  readonly archive: ArchiveEntry[];
  readonly rides: Ride[];
  /** Ride ids in the order they were ridden. */
  readonly rideOrder: number[];
  current: RideInProgress<P> | null;
  nextId: number;
  batch: number;
  /** Ride steps taken, over all rides; GD-finish steps separately. */
  totalSteps: number;
  gdSteps: number;
  stop: SearchStop | null;
  /** Scratch: the trial point, the direction UpdateRidge writes, a probe the oracle may recycle, a summary row. */
  readonly trial: Float64Array;
  dTrial: Float64Array;
  spare: P | null;
  readonly summaryRow: Float64Array;
}

/** What `runRidgeRider` returns (and `ridgeRiderResult` reads off a state). */
export interface RidgeRiderResult {
  readonly n: number;
  /** The start used, L there, and how many ridges it offered. */
  readonly start: number[];
  readonly fStart: number;
  readonly startRidges: number;
  /** Finished rides in search order. */
  readonly rides: Ride[];
  /** Ride ids in search order. */
  readonly order: number[];
  readonly stop: SearchStop;
  readonly totalSteps: number;
  readonly gdSteps: number;
  /** Stride of every ride's trace: 2 + the summary's labels. */
  readonly traceWidth: number;
}

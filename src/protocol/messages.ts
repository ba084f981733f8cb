import type { EsRunAlgo, EsRunSettings } from '../es/esRunSettings';
import type { SmoothSettings, SmoothViewMethod } from '../es/smoothSettings';
import type { Domain, GridFields, GridSpec } from '../landscapes/grid';
import type { CriticalPointSummary } from '../math/criticalPoints';
import type { MethodId, StopReason } from '../optimizers/methods';
import type { ProblemSpec, StartRequest } from '../problems';
import type { RidgeSettings } from '../ridge-rider/settings';
import type { GridProductRequest, GridProducts } from '../surface/gridProducts';

/**
 * The one place that declares what crosses the UI ↔ worker boundary (architecture.md, convention 4): plain data of
 * engine types only. Every request carries a `runId`; a client drops any response whose runId is not its latest, so
 * stale results never reach the screen. Large arrays travel as transferred typed-array buffers (convention 5).
 */

/** The TF.js backend actually in use, and what the explicit fallback chain tried on the way. */
export interface BackendInfo {
  readonly name: string;
  readonly tried: readonly { readonly name: string; readonly ok: boolean; readonly error?: string }[];
  /** WebGPU adapter description when the grid kernel runs on WebGPU (e.g. "google swiftshader"). */
  readonly adapter: string | null;
}

export type CriticalPointMsg = CriticalPointSummary;

// ---- surface worker: the grid (f, ∇f, ∇²f per node) and the critical points of the visible domain ----

export type SurfaceRequest =
  | {
      readonly type: 'grid'; readonly runId: number; readonly formula: string; readonly spec: GridSpec; readonly path: 'auto' | 'js';
      /** The view's parameters, so the worker derives the drawing products (heatmap pixels, contours, …) with the grid. */
      readonly products?: GridProductRequest;
      /** Draw the Gaussian-smoothed f_σ instead of f (the returned spec may be coarser than the requested one). */
      readonly smooth?: { readonly params: SmoothSettings; readonly landscape: string; readonly seed: number };
    }
  | {
      readonly type: 'critical'; readonly runId: number; readonly formula: string; readonly domain: Domain; readonly seed: number;
      /** The critical points of the smoothed f_σ (of this landscape's closed form when it has one) instead of f. */
      readonly smooth?: SmoothedRuns & { readonly landscape: string };
    }
  /** The 1D view of a registry function at the user's σ (runners/oneD.ts). */
  | { readonly type: 'oned'; readonly runId: number; readonly fn: string; readonly formula: string; readonly sigma: number; readonly seed: number;
      readonly start: readonly [number, number] | null }
  /** Test hook: makes the worker throw from its message handler, to exercise crash recovery. */
  | { readonly type: 'crash'; readonly runId: number };

/** The six fields of a grid, without its spec: what the surface worker transfers. */
export type GridBuffers = Omit<GridFields, 'spec'>;

export type SurfaceResponse =
  | { readonly type: 'ready'; readonly backend: BackendInfo }
  | {
      readonly type: 'grid'; readonly runId: number; readonly spec: GridSpec; readonly path: 'webgpu' | 'js'; readonly ms: number; readonly fields: GridBuffers;
      /** Products derived for the request's view parameters (surface/gridProducts.ts), and the ms that took. */
      readonly products?: GridProducts;
      readonly productsMs?: number;
    }
  | { readonly type: 'critical'; readonly runId: number; readonly points: readonly CriticalPointMsg[]; readonly ms: number }
  | { readonly type: 'oned'; readonly runId: number; readonly result: OneDResult; readonly ms: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

/** What the 1D view draws (runners/oneD.ts): f and f_σ curves, the bound U(μ, σ) on a grid, and runs on both. */
export interface OneDResult {
  readonly fn: string;
  readonly name: string;
  readonly x: Float64Array;
  /** f first, then f_σ for each σ of the source's series, then the user's σ if not in it. */
  readonly curves: readonly { readonly label: string; readonly sigma: number; readonly values: Float64Array }[];
  readonly piecewise: boolean;
  readonly mus: Float64Array;
  readonly sigmaGrid: Float64Array;
  /** U(μ_i, σ_j), row-major over σ. */
  readonly U: Float64Array;
  /** Natural-gradient VO from (x₀, σ₀): (μ, σ) per generation; gradient descent on f from x₀: (x, f) per step. */
  readonly vo: Float64Array;
  readonly gd: Float64Array;
  readonly start: number;
  readonly sigma0: number;
  readonly minima: readonly { readonly x: number; readonly f: number; readonly global: boolean }[];
}

// ---- runs worker: optimizer trajectories, streamed in batches ----

export interface MethodRunSpec {
  readonly id: MethodId;
  readonly hyper: Readonly<Record<string, number>>;
}

/** The smoothed surface the optimizers (or the critical-point finder) work on: f_σ by this method, seeded for Monte Carlo. */
export interface SmoothedRuns {
  readonly sigma: number;
  readonly method: SmoothViewMethod;
  readonly samples: number;
  readonly seed: number;
}

export type RunsRequest =
  | {
      readonly type: 'run';
      readonly runId: number;
      readonly formula: string;
      /** The built-in landscape id ('custom' for a typed formula), for closed-form smoothing. */
      readonly landscape: string;
      readonly domain: Domain;
      readonly start: readonly [number, number];
      readonly steps: number;
      readonly methods: readonly MethodRunSpec[];
      /** Evolution strategies from the same start (none when null or no algorithm is enabled). */
      readonly es: EsRunSettings | null;
      readonly seed: number;
      /** The optimizers descend the smoothed f_σ instead of f (es/smoothedObjective.ts). */
      readonly smooth?: SmoothedRuns;
    }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

/** Key of a streamed run: an optimizer, or an evolution strategy. */
export type RunKey = MethodId | `es:${EsRunAlgo}`;

/**
 * Per generation g of an evolution strategy, ES_GEN_STRIDE floats: where its samples were drawn (μ_{g−1}, x and y),
 * σ there (x and y; equal when isotropic), the estimated μ step direction ĝ (x, y), and the exact gradient of the
 * smoothed loss ∇f_σ(μ_{g−1}) (x, y; NaN where σ is not isotropic).
 */
export const ES_GEN_STRIDE = 8;

/** Generation g of an evolution strategy's record (ES_GEN_STRIDE floats each), by name. */
export function esGenerationAt(gens: Float32Array, g: number): {
  readonly x: number; readonly y: number; readonly sx: number; readonly sy: number; readonly gx: number; readonly gy: number; readonly ex: number; readonly ey: number;
} {
  const o = g * ES_GEN_STRIDE;
  return { x: gens[o]!, y: gens[o + 1]!, sx: gens[o + 2]!, sy: gens[o + 3]!, gx: gens[o + 4]!, gy: gens[o + 5]!, ex: gens[o + 6]!, ey: gens[o + 7]! };
}

export type RunsResponse =
  /** New trajectory points of one method: (x, y, f) triples appended after the ones already sent. */
  | { readonly type: 'batch'; readonly runId: number; readonly method: RunKey; readonly points: Float64Array }
  | { readonly type: 'end'; readonly runId: number; readonly method: RunKey; readonly steps: number; readonly stop: StopReason; readonly message: string }
  | { readonly type: 'error'; readonly runId: number; readonly method: RunKey | null; readonly message: string }
  /** Generations of an evolution strategy: the new means as (x, y, f) points, ES_GEN_STRIDE floats per generation, and N × 2 samples each. */
  | { readonly type: 'es-batch'; readonly runId: number; readonly method: RunKey; readonly points: Float64Array; readonly gens: Float32Array; readonly samples: Float32Array; readonly pop: number };

/** Buffers to transfer with a message, so the sender's copy is detached instead of cloned. */
export function gridTransferList(fields: GridBuffers): ArrayBuffer[] {
  return [fields.f, fields.gx, fields.gy, fields.hxx, fields.hxy, fields.hyy].map((a) => a.buffer as ArrayBuffer);
}

// ---- ridge worker: a Ridge Rider search (Parker-Holder et al. 2020, Algorithm 1), one message per finished ride ----

/** Problems with at most this many parameters send θ along their rides (a path is n + 1 floats a point). */
export const RIDE_PATH_MAX_N = 1024;

export type RidgeRequest =
  | {
      readonly type: 'ridge';
      readonly runId: number;
      /** What to search: resolved in the worker (src/problems) to an objective, a box, a start rule and a summary. */
      readonly problem: ProblemSpec;
      /** How to choose the start (a click is refined by Newton on ∇L; 'auto' is the problem's own rule). */
      readonly start: StartRequest;
      readonly settings: RidgeSettings;
      readonly seed: number;
      /** A figure of the experiments registry whose search (options, start, baseline) replaces `settings` and `start`. */
      readonly experiment: string | null;
    }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

/** One finished ride. θ travels only for problems of at most RIDE_PATH_MAX_N parameters (else null). */
export interface RideMsg {
  readonly id: number;
  readonly fingerprint: readonly number[];
  readonly parent: number | null;
  readonly depth: number;
  /** λ of the ridge when chosen, and of the followed ridge at the end. */
  readonly eigenvalue: number;
  readonly eigenvalueEnd: number;
  readonly fStart: number;
  readonly fEnd: number;
  readonly start: readonly number[] | null;
  readonly end: readonly number[] | null;
  readonly steps: number;
  readonly endReason: string;
  readonly note: string;
  readonly children: readonly number[];
  readonly endAfterGd: readonly number[] | null;
  readonly fAfterGd: number | null;
  /** Steps of the gradient-descent finish (null without one). */
  readonly gdSteps: number | null;
  /** Per point, start included: the metrics named by the start message's metricLabels (L, λ, then the problem's summary). */
  readonly trace: Float64Array;
  /** (θ, L) per point, stride n + 1 (for a surface the (x, y, f) triples the view draws), and the GD finish's. */
  readonly path: Float64Array | null;
  readonly gdPath: Float64Array | null;
}

export type RidgeResponse =
  | {
      readonly type: 'ridge-start';
      readonly runId: number;
      /** Dimension of θ. */
      readonly n: number;
      /** A start with negative curvature was found (else the search does not run, and `message` says why). */
      readonly found: boolean;
      /** θ of the start (problems of at most RIDE_PATH_MAX_N parameters), L and the Hessian eigenvalues there. */
      readonly start: readonly number[] | null;
      readonly f: number;
      readonly eigenvalues: readonly number[];
      /** The click it was refined from (null for the automatic start), and what the refinement found. */
      readonly click: readonly number[] | null;
      readonly message: string;
      /** A saddle or maximum offered when the refined point has no negative curvature. */
      readonly suggestion: readonly number[] | null;
      /** Names of the per-point metrics in every ride's trace. */
      readonly metricLabels: readonly string[];
    }
  | { readonly type: 'ride'; readonly runId: number; readonly ride: RideMsg }
  | {
      readonly type: 'ring';
      readonly runId: number;
      /** 'ring': Appendix D.1 (GD from a circle around the start); 'baseline': a preset's gradient-descent baseline. */
      readonly kind: 'ring' | 'baseline';
      readonly lambdaMin: number;
      readonly eMin: readonly number[];
      readonly runs: readonly { readonly path: Float64Array; readonly angleDeg: number; readonly exited: boolean }[];
    }
  | { readonly type: 'ridge-end'; readonly runId: number; readonly reason: string; readonly note: string; readonly totalSteps: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

import type { Domain, GridFields, GridSpec } from '../landscapes/grid';
import type { CriticalPointSummary } from '../math/criticalPoints';
import type { MethodId, StopReason } from '../optimizers/methods';
import type { EsUiAlgo, EsUiParams, SmoothUiParams } from '../store/params';
import type { OneDResult } from '../runners/oneD';
import type { GridProductRequest, GridProducts } from '../surface/gridProducts';

/**
 * The one place that declares what crosses the UI ↔ worker boundary (architecture.md, convention 4). Every
 * request carries a `runId`; a client drops any response whose runId is not its latest, so stale results never
 * reach the screen. Large arrays travel as transferred Float32Array buffers (convention 5).
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
      readonly smooth?: { readonly params: SmoothUiParams; readonly landscape: string; readonly seed: number };
    }
  | { readonly type: 'critical'; readonly runId: number; readonly formula: string; readonly domain: Domain; readonly seed: number }
  /** The 1D view of a registry function at the user's σ (src/compute/oneD.ts). */
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
      /** Products derived for the request's view parameters (render/gridProducts.ts), and the ms that took. */
      readonly products?: GridProducts;
      readonly productsMs?: number;
    }
  | { readonly type: 'critical'; readonly runId: number; readonly points: readonly CriticalPointMsg[]; readonly ms: number }
  | { readonly type: 'oned'; readonly runId: number; readonly result: OneDResult; readonly ms: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

// ---- runs worker: optimizer trajectories, streamed in batches ----

export interface MethodRunSpec {
  readonly id: MethodId;
  readonly hyper: Readonly<Record<string, number>>;
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
      readonly es: EsUiParams | null;
      readonly seed: number;
    }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

/** Key of a streamed run: an optimizer, or an evolution strategy. */
export type RunKey = MethodId | `es:${EsUiAlgo}`;

/**
 * Per generation g of an evolution strategy, ES_GEN_STRIDE floats: where its samples were drawn (μ_{g−1}, x and y),
 * σ there (x and y; equal when isotropic), the estimated μ step direction ĝ (x, y), and the exact gradient of the
 * smoothed loss ∇f_σ(μ_{g−1}) (x, y; NaN where σ is not isotropic).
 */
export const ES_GEN_STRIDE = 8;

export type RunsResponse =
  /** New trajectory points of one method: (x, y, f) triples appended after the ones already sent. */
  | { readonly type: 'batch'; readonly runId: number; readonly method: RunKey; readonly points: Float32Array }
  | { readonly type: 'end'; readonly runId: number; readonly method: RunKey; readonly steps: number; readonly stop: StopReason; readonly message: string }
  | { readonly type: 'error'; readonly runId: number; readonly method: RunKey | null; readonly message: string }
  /** Generations of an evolution strategy: the new means as (x, y, f) points, ES_GEN_STRIDE floats per generation, and N × 2 samples each. */
  | { readonly type: 'es-batch'; readonly runId: number; readonly method: RunKey; readonly points: Float32Array; readonly gens: Float32Array; readonly samples: Float32Array; readonly pop: number };

/** Buffers to transfer with a message, so the sender's copy is detached instead of cloned. */
export function gridTransferList(fields: GridBuffers): ArrayBuffer[] {
  return [fields.f, fields.gx, fields.gy, fields.hxx, fields.hxy, fields.hyy].map((a) => a.buffer as ArrayBuffer);
}

// ---- ridge worker: the Ridge Rider search (Parker-Holder et al. 2020, Algorithm 1), one message per finished ride ----

/** The engine options the UI exposes (store/params.ts RidgeParams, minus what only the UI uses). */
export interface RidgeSettings {
  readonly order: 'bfs' | 'dfs' | 'best' | 'random';
  readonly stepMode: 'fixed' | 'backtracking';
  readonly alpha: number;
  readonly deltaBreak: number;
  readonly end: readonly ('curvature' | 'overlap' | 'loss')[];
  readonly maxRideSteps: number;
  readonly maxRides: number;
  readonly topN: number;
  readonly onePerGroup: boolean;
  readonly gdFinish: boolean;
  readonly gdLr: number;
  readonly ring: boolean;
  readonly ringRadius: number;
  readonly ringCount: number;
}

export type RidgeRequest =
  | {
      readonly type: 'ridge';
      readonly runId: number;
      readonly formula: string;
      readonly domain: Domain;
      /** A click to refine by Newton on ∇f, or null for the automatic start (a maximum, else the most negative saddle). */
      readonly click: readonly [number, number] | null;
      readonly settings: RidgeSettings;
      readonly seed: number;
      /** A paper-figure preset (src/experiments) whose exact options, start and baseline replace `settings`. */
      readonly preset: 'none' | 'fig1';
    }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

/** One finished ride; `path` and `gdPath` are (x, y, f) triples. */
export interface RideMsg {
  readonly id: number;
  readonly fingerprint: readonly number[];
  readonly parent: number | null;
  readonly depth: number;
  readonly eigenvalue: number;
  readonly f_start: number;
  readonly f_end: number;
  readonly start: readonly number[];
  readonly end: readonly number[];
  readonly steps: number;
  readonly end_reason: string;
  readonly note: string;
  readonly children: readonly number[];
  readonly endAfterGd: readonly number[] | null;
  readonly fAfterGd: number | null;
  readonly path: Float32Array;
  readonly gdPath: Float32Array | null;
}

export type RidgeResponse =
  | {
      readonly type: 'ridge-start';
      readonly runId: number;
      /** The start used (after refinement), f and the Hessian eigenvalues there; null when there is none. */
      readonly start: readonly [number, number] | null;
      readonly f: number;
      readonly eigenvalues: readonly number[];
      /** The click it was refined from (null for the automatic start), and what the refinement found. */
      readonly click: readonly [number, number] | null;
      readonly message: string;
      /** A saddle or maximum offered when the refined point has no negative curvature. */
      readonly suggestion: readonly [number, number] | null;
    }
  | { readonly type: 'ride'; readonly runId: number; readonly ride: RideMsg }
  | {
      readonly type: 'ring';
      readonly runId: number;
      /** 'ring': Appendix D.1 (GD from a circle around the start); 'baseline': a preset's gradient-descent baseline. */
      readonly kind: 'ring' | 'baseline';
      readonly lambdaMin: number;
      readonly eMin: readonly number[];
      readonly runs: readonly { readonly path: Float32Array; readonly angleDeg: number; readonly exited: boolean }[];
    }
  | { readonly type: 'ridge-end'; readonly runId: number; readonly reason: string; readonly note: string; readonly totalSteps: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

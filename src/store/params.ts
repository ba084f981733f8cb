import type { Domain } from '../landscapes/grid';
import { LANDSCAPES } from '../landscapes/registry';
import { METHOD_IDS, defaultHyper, type MethodId } from '../optimizers/methods';

/**
 * Everything the user chose: the state a shared URL restores (architecture.md, convention 7). Results
 * (grids, trajectories, critical points) are never part of it; they are recomputed from it.
 */
export interface AppParams {
  /** Built-in landscape id, or 'custom' for the typed formula. */
  landscape: string;
  /** The typed formula in x and y (kept even while a built-in is shown, so switching back restores it). */
  formula: string;
  /** The visible rectangle. */
  view: Domain;
  colormap: ColormapId;
  /** Colour scale: log(f − min + ε) is used for 'log', and for 'auto' when the landscape asks for it. */
  scale: 'auto' | 'linear' | 'log';
  contours: boolean;
  contourCount: number;
  eigenvectors: boolean;
  curvature: boolean;
  critical: boolean;
  /** Enabled optimizers, in display order. */
  methods: MethodId[];
  /** Hyper-parameters of every method (also of disabled ones, so toggling keeps them). */
  hyper: Record<MethodId, Record<string, number>>;
  /** Start point of the runs, or null before the user picks one. */
  start: [number, number] | null;
  /** Step budget of each run. */
  steps: number;
  seed: number;
  /** The Ridge Rider search (Parker-Holder et al. 2020, Algorithm 1) and its settings. */
  ridge: RidgeParams;
  /** Evolution strategies and variational optimization run from the same start as the optimizers. */
  es: EsUiParams;
  /** Show the Gaussian-smoothed landscape f_σ(x) = E[f(x + σε)] instead of f. */
  smooth: SmoothUiParams;
  /** The 1D view: a function of x, its smoothed curves and the variational bound U(μ, σ). */
  oned: OneDParams;
}

export const ONED_FUNCTIONS = ['sinc', 'sinc-quantized', 'narrow-wide', 'wall', 'plateau', 'custom'] as const;

export interface OneDParams {
  on: boolean;
  /** A 1D registry function, or 'custom' for `formula`. */
  fn: (typeof ONED_FUNCTIONS)[number];
  /** A typed formula in x (used when fn is 'custom'). */
  formula: string;
  /** Where VO starts on the (μ, σ) map (GD starts at μ); null: the function's x₀ with σ₀ = 1. */
  start: [number, number] | null;
}

export function defaultOneDParams(): OneDParams {
  return { on: false, fn: 'sinc', formula: '-sinc(x) + 0.1*sin(8*x)', start: null };
}

export const SMOOTH_METHODS = ['auto', 'quadrature', 'mc'] as const;

export interface SmoothUiParams {
  on: boolean;
  sigma: number;
  /** auto: a closed form where one is known, else Gauss–Hermite quadrature; mc: Monte Carlo with common random numbers. */
  method: (typeof SMOOTH_METHODS)[number];
  /** Monte Carlo samples N. */
  samples: number;
}

export const MAX_SMOOTH_SAMPLES = 65_536;

export function defaultSmoothParams(): SmoothUiParams {
  return { on: false, sigma: 0.5, method: 'auto', samples: 1024 };
}

export const ES_UI_ALGOS = ['es', 'vo', 'vo-natural', 'vo-sep', 'snes', 'xnes', 'ensemble'] as const;
export type EsUiAlgo = (typeof ES_UI_ALGOS)[number];
export const ES_SHAPINGS = ['none', 'ranks', 'nes', 'nes-havtorn', 'zscore'] as const;

/** What the user chose for the search-distribution optimizers (engine: src/es/optimizers.ts). */
export interface EsUiParams {
  /** Enabled algorithms, in display order. */
  algos: EsUiAlgo[];
  sigma0: number;
  /** Population N per generation. */
  pop: number;
  /** Generation budget. */
  iters: number;
  antithetic: boolean;
  shaping: (typeof ES_SHAPINGS)[number];
  /** η_μ and η_σ (η_β for the VO family); 0: the algorithm's default for the shaping. */
  lrMu: number;
  lrSigma: number;
}

export const MAX_ES_POP = 10_000;
export const MAX_ES_ITERS = 5000;

export function defaultEsParams(): EsUiParams {
  return { algos: [], sigma0: 1, pop: 200, iters: 60, antithetic: false, shaping: 'nes', lrMu: 0, lrSigma: 0 };
}

export const RIDGE_ORDERS = ['bfs', 'dfs', 'best', 'random'] as const;
export const RIDGE_PRESETS = ['none', 'fig1'] as const;
export const RIDGE_END_CRITERIA = ['curvature', 'overlap', 'loss'] as const;
export type RidgeEndCriterion = (typeof RIDGE_END_CRITERIA)[number];

/** What the user chose for Ridge Rider; each field maps to an option of the engine (src/ridge-rider). */
export interface RidgeParams {
  /** Run and show the search. */
  on: boolean;
  /** A paper-figure preset whose exact settings replace the ones below ('none': the settings below). */
  preset: (typeof RIDGE_PRESETS)[number];
  /** Where the user clicked; refined to the nearest saddle or maximum by Newton on ∇f. Null: the automatic start. */
  start: [number, number] | null;
  /** ChooseFromArchive. */
  order: (typeof RIDGE_ORDERS)[number];
  /** α fixed, or the paper's backtracking from α (halving until the overlap criterion holds). */
  stepMode: 'fixed' | 'backtracking';
  alpha: number;
  /** δ_break of the overlap criterion. */
  deltaBreak: number;
  /** EndRide criteria in force (a step budget per ride always is). */
  end: RidgeEndCriterion[];
  maxRideSteps: number;
  /** Cap on the number of rides (the tree size). */
  maxRides: number;
  /** Explore only the N most negative eigenvectors at each branching; 0: all of them. */
  topN: number;
  /** One ridge per group of equal eigenvalues (symmetric problems). */
  onePerGroup: boolean;
  /** Gradient descent from where each ride ends, and its step size. */
  gdFinish: boolean;
  gdLr: number;
  /** Appendix D.1: a ring of gradient-descent runs started close around the start. */
  ring: boolean;
  ringRadius: number;
  ringCount: number;
}

export const MAX_RIDES = 500;

export function defaultRidgeParams(): RidgeParams {
  return {
    on: false, preset: 'none', start: null, order: 'bfs', stepMode: 'fixed', alpha: 0.01, deltaBreak: 0.95, end: ['curvature', 'overlap', 'loss'],
    maxRideSteps: 10_000, maxRides: 32, topN: 0, onePerGroup: false, gdFinish: true, gdLr: 0.01, ring: false, ringRadius: 0.05, ringCount: 12,
  };
}

export const COLORMAP_IDS = ['viridis', 'cividis', 'magma', 'plasma'] as const;
export type ColormapId = (typeof COLORMAP_IDS)[number];

export const MAX_RUN_STEPS = 20_000;
export const MAX_CONTOURS = 60;

export function defaultHyperAll(): Record<MethodId, Record<string, number>> {
  return Object.fromEntries(METHOD_IDS.map((id) => [id, defaultHyper(id)])) as Record<MethodId, Record<string, number>>;
}

export function defaultParams(): AppParams {
  const first = LANDSCAPES[0]!;
  return {
    landscape: first.id,
    formula: 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)',
    view: { ...first.domain },
    colormap: 'viridis',
    scale: 'auto',
    contours: true,
    contourCount: 20,
    eigenvectors: false,
    curvature: false,
    critical: true,
    methods: ['gd', 'adam'],
    hyper: defaultHyperAll(),
    start: null,
    steps: 500,
    seed: 1,
    ridge: defaultRidgeParams(),
    es: defaultEsParams(),
    smooth: defaultSmoothParams(),
    oned: defaultOneDParams(),
  };
}

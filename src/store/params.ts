import { defaultEsRunSettings, type EsRunSettings } from '../es/esRunSettings';
import { LANDSCAPES_1D } from '../es/landscapes1d';
import { MNIST_RR_DEFAULTS, type MnistRrDirections, type MnistRrSettings, type SweepShape } from '../nn/mnistRrSettings';
import { defaultSmoothSettings, type SmoothSettings } from '../es/smoothSettings';
import type { Domain } from '../landscapes/grid';
import { LANDSCAPES } from '../landscapes/registry';
import { METHOD_IDS, defaultHyper, type MethodId } from '../optimizers/methods';
import { defaultRidgeSettings, type RidgeSettings } from '../ridge-rider/settings';
import type { ColorScaleMode, ColormapId } from '../surface/colorScale';
import { TREE_DEFAULTS } from '../envs/binaryTree';
import { LEVER_DEFAULTS, LEVER_PAYOFFS_PAPER } from '../envs/leverGame';
import type { TreeMethod } from '../envs/treeMethodIds';
import type { TreeMis } from '../envs/treeMis';
import type { SolutionCriterion } from '../envs/treePolicy';
import { TREE_RUN_DEFAULTS } from '../envs/treeRunSettings';
import type { TreeSweep } from '../envs/treeSweeps';
import type { LanczosWhich } from '../math/lanczos';
import type { HvpMethod } from '../nn/hvp';
import type { NetBackend } from '../protocol/nn';
import type { Activation } from '../nn/mlpSpec';
import { TRAIN_DEFAULTS } from '../nn/trainSettings';

/**
 * Everything the user chose: the state a shared URL restores (architecture.md, convention 7). Results (grids,
 * trajectories, critical points) are never part of it; they are recomputed from it. The settings of each engine are
 * the engine's own types, with the engine's defaults; the URL field table (urlCodec.ts) declares each field's key,
 * range and label once, and the panels draw their controls from it.
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
  scale: ColorScaleMode;
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
  es: EsRunSettings;
  /** Show the Gaussian-smoothed landscape f_σ(x) = E[f(x + σε)] instead of f. */
  smooth: SmoothSettings;
  /** The 1D view: a function of x, its smoothed curves and the variational bound U(μ, σ). */
  oned: OneDParams;
  /** Ridge Rider on a tree MDP (the paper's Figs. 2 and 3). */
  mdp: MdpParams;
  /** Ridge Rider's zero-shot coordination on the lever game (the paper's Fig. 6). */
  lever: LeverParams;
  /** A network trained on MNIST, its Hessian's spectrum and loss slices. */
  net: NetParams;
}

/** The network view: the network, its training, the curvature computations and the slice (protocol/nn.ts's settings). */
export interface NetParams {
  on: boolean;
  /** The network worker's TF.js backend (changing it restarts the worker). */
  backend: NetBackend;
  layers: number[];
  activation: Activation;
  optimizer: 'adam' | 'sgd';
  lr: number;
  batch: number;
  steps: number;
  trainSamples: number;
  evalEvery: number;
  evalSamples: number;
  densityEvery: number;
  /** The curvature's loss: the first n training images. */
  samples: number;
  hvp: HvpMethod;
  k: number;
  which: LanczosWhich;
  tol: number;
  maxMatvecs: number;
  slqSteps: number;
  slqDraws: number;
  sliceDirs: 'eigen' | 'random';
  sliceSpan: number;
  sliceSide: number;
  /** Approximate Ridge Rider on the network (Figs. 4 and 5): its network, rides, steps per ride, α, LR_e, LR_λ, S, batch, directions. */
  rrLayers: number[];
  rrRidges: number;
  rrSteps: number;
  rrAlpha: number;
  rrLrE: number;
  rrLrLambda: number;
  rrInner: number;
  rrBatch: number;
  rrDirections: MnistRrDirections;
  /** Theorem 2's check every n ride steps (0: never). */
  rrOverlapEvery: number;
  /** The search's order (depth-first: deep paths) and the first ridges ridden apart (0: one search; Fig. 5's ψ[0]). */
  rrOrder: 'dfs' | 'bfs';
  /** Approximate Ridge Rider's batches: the first rrBatch images, or fresh minibatches of rrBatch. */
  rrBatches: 'fixed' | 'fresh';
  /** GetRidges' eigensolver. */
  rrSolver: 'lanczos' | 'power';
  /** UpdateRidge's rates scaled by λ² (the app's) or plain (the paper's captions). */
  rrStepScale: 'lambda2' | 'plain';
  /** UpdateRidge's λ at each step: warm-started (Rayleigh quotient) or carried over. */
  rrLambdaStart: MnistRrSettings['lambdaStart'];
  /** UpdateRidge: Algorithm 2's gradient steps or Lanczos at every step (the exact rule). */
  rrUpdate: MnistRrSettings['update'];
  /** EndRide: on the ridge's end (λ ≥ 0, a turn, the loss), on the loss only, or at the step cap. */
  rrEnd: MnistRrSettings['end'];
  rrPatience: number;
  rrUpdateRates: MnistRrSettings['updateRates'];
  rrFirst: number;
  /** The MIS search starts from the network's random initial weights times this. */
  rrInitScale: number;
  /** Trials of the small sweep (Fig. 4, right). */
  rrTrials: number;
  /** What a trial of the small sweep rides: one long ride, or the search as set. */
  rrSweepShape: SweepShape;
  /** Table 1 on Colored MNIST: runs per method and images per environment. */
  coloredRuns: number;
  coloredLimit: number;
  /** The network figure's pane shown (set by setNetPane and by runs that show their pane), so that a link opens the pane it was copied from. */
  pane: NetPane;
}

export const NET_PANES = ['training', 'spectrum', 'slice', 'rides', 'colored'] as const;
export type NetPane = (typeof NET_PANES)[number];

export function defaultNetParams(): NetParams {
  return {
    on: false, backend: 'auto', layers: [784, 128, 128, 10], activation: 'relu', optimizer: TRAIN_DEFAULTS.optimizer, lr: TRAIN_DEFAULTS.lr, batch: TRAIN_DEFAULTS.batch,
    steps: TRAIN_DEFAULTS.steps, trainSamples: 60_000, evalEvery: 50, evalSamples: 2000, densityEvery: 500,
    samples: 512, hvp: 'autodiff', k: 5, which: 'largest', tol: 1e-3, maxMatvecs: 500, slqSteps: 40, slqDraws: 2,
    sliceDirs: 'eigen', sliceSpan: 1, sliceSide: 21,
    rrLayers: [784, 32, 10], rrRidges: 16, rrSteps: 40, rrAlpha: 0.2, rrLrE: MNIST_RR_DEFAULTS.lrE, rrLrLambda: MNIST_RR_DEFAULTS.lrLambda, rrInner: MNIST_RR_DEFAULTS.inner,
    rrBatch: 256, rrDirections: 'eigen', rrOverlapEvery: 4, rrOrder: 'dfs', rrBatches: 'fixed', rrSolver: 'lanczos', rrStepScale: MNIST_RR_DEFAULTS.stepScale, rrLambdaStart: MNIST_RR_DEFAULTS.lambdaStart, rrUpdate: MNIST_RR_DEFAULTS.update, rrEnd: MNIST_RR_DEFAULTS.end, rrPatience: MNIST_RR_DEFAULTS.patience, rrUpdateRates: MNIST_RR_DEFAULTS.updateRates, rrFirst: 0, rrInitScale: MNIST_RR_DEFAULTS.initScale, rrTrials: 9, rrSweepShape: 'ride', coloredRuns: 3, coloredLimit: 500, pane: 'training',
  };
}

/** The tree MDP view: the tree (its generator's settings, or a loaded tree kept in the store), the methods' switches. */
export interface MdpParams {
  on: boolean;
  depth: number;
  sparsity: number;
  rewards: 'paper' | 'level';
  /** Which random tree (its generator seed). */
  tree: number;
  mis: TreeMis;
  criterion: SolutionCriterion;
  budget: number;
  alpha: number;
  topN: number;
  methods: TreeMethod[];
  /** Which sweep the sweep pane runs. */
  sweep: TreeSweep;
}

export function defaultMdpParams(): MdpParams {
  const r = TREE_RUN_DEFAULTS;
  return {
    on: false, depth: 6, sparsity: TREE_DEFAULTS.sparsity, rewards: 'paper', tree: 1, mis: r.mis, criterion: r.criterion, budget: r.budget,
    alpha: r.alpha, topN: r.topN, methods: [...r.methods], sweep: 'fig2',
  };
}

/** The lever game view: the payoffs and the protocol's replicates. */
export interface LeverParams {
  on: boolean;
  payoffs: number[];
  runs: number;
  repeats: number;
  /** UpdateRidge's cluster tolerance (LeverSettings.clusterTol). */
  clusterTol: number;
}

export function defaultLeverParams(): LeverParams {
  return { on: false, payoffs: [...LEVER_PAYOFFS_PAPER], runs: LEVER_DEFAULTS.runs, repeats: LEVER_DEFAULTS.repeats, clusterTol: LEVER_DEFAULTS.clusterTol };
}

/** The 1D view's functions: the 1D registry (es/landscapes1d.ts), or a typed formula. */
export const ONED_FUNCTIONS: readonly string[] = [...LANDSCAPES_1D.map((l) => l.id), 'custom'];

export interface OneDParams {
  on: boolean;
  /** A 1D registry function, or 'custom' for `formula`. */
  fn: string;
  /** A typed formula in x (used when fn is 'custom'). */
  formula: string;
  /** Where VO starts on the (μ, σ) map (GD starts at μ); null: the function's x₀ with σ₀ = 1. */
  start: [number, number] | null;
}

export function defaultOneDParams(): OneDParams {
  return { on: false, fn: 'sinc', formula: '-sinc(x) + 0.1*sin(8*x)', start: null };
}

/** No figure preset: the search runs with the settings. */
export const NO_PRESET = 'none';

/** Ridge Rider in the app: the search's settings, whether it runs, a figure preset, and the clicked start. */
export interface RidgeParams extends RidgeSettings {
  /** Run and show the search. */
  on: boolean;
  /** A figure of the experiments registry whose search replaces the settings (NO_PRESET: the settings). */
  preset: string;
  /** Where the user clicked; refined to the nearest saddle or maximum by Newton on ∇f. Null: the automatic start. */
  start: [number, number] | null;
}

export function defaultRidgeParams(): RidgeParams {
  return { on: false, preset: NO_PRESET, start: null, ...defaultRidgeSettings() };
}

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
    es: defaultEsRunSettings(),
    smooth: defaultSmoothSettings(),
    oned: defaultOneDParams(),
    mdp: defaultMdpParams(),
    lever: defaultLeverParams(),
    net: defaultNetParams(),
  };
}

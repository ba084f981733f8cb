import type { GridSpec } from '../landscapes/grid';
import type { LanczosWhich } from '../math/lanczos';
import type { HvpMethod } from '../nn/hvp';
import type { MlpSpec } from '../nn/mlpSpec';
import type { MnistRrMis, MnistRrRide, MnistRrSettings } from '../nn/mnistRrSettings';
import type { ColoredSampleEnv } from '../data/coloredSamples';
import type { TrainSettings } from '../nn/trainSettings';
import type { BackendInfo, CriticalPointMsg, GridBuffers } from './messages';

/**
 * Messages of the network worker: MNIST loaded once (with progress), one multilayer perceptron trained in steps that
 * a newer request pauses, its Hessian's eigenpairs (Lanczos on H v), its spectrum's density (stochastic Lanczos
 * quadrature) and loss slices along two directions. The worker keeps the model and the paused run between requests.
 */

/** The network's TF.js backend: 'auto' is webgpu on a hardware adapter, else wasm, webgl, cpu (the first that starts). */
export const NET_BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type NetBackend = (typeof NET_BACKENDS)[number];

/** One training run's settings: the optimizer's, how often the curves get a held-out point, and the live spectrum. */
export interface NetTrainSettings extends TrainSettings {
  /** Train on the first n training images (60,000: all). */
  readonly trainSamples: number;
  /** Evaluate train and test loss and accuracy every this many steps, on the first `evalSamples` of each split. */
  readonly evalEvery: number;
  readonly evalSamples: number;
  /** Recompute the spectrum's density every this many steps (0: never while training). */
  readonly densityEvery: number;
}

/** The curvature computations' settings: the examples of the loss, the product, Lanczos's and SLQ's parameters. */
export interface NetCurvatureSettings {
  /** The loss of the first n training images. */
  readonly samples: number;
  readonly hvp: HvpMethod;
  readonly k: number;
  readonly which: LanczosWhich;
  /** Relative residual ‖Hv − λv‖ / ‖H‖ to reach. */
  readonly tol: number;
  readonly maxMatvecs: number;
  /** SLQ: Lanczos steps per draw and draws. */
  readonly slqSteps: number;
  readonly slqDraws: number;
}

/** The slice: the plane's directions, its half-width along each, the grid of network evaluations, the seed of a random plane. */
export interface NetSliceSettings {
  readonly dirs: 'eigen' | 'random';
  readonly span: number;
  readonly side: number;
  readonly seed: number;
}

/** A held-out point of the curves. */
export interface NetEvalPoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
}

/** The curves, as the main thread keeps them: the minibatch loss of every step, and the held-out points. */
export interface NetCurves {
  /** Minibatch loss of step i + 1 at i (append-only; `count` are filled). */
  readonly losses: Float32Array;
  readonly count: number;
  readonly evals: readonly NetEvalPoint[];
}

/** The density of the Hessian's eigenvalues at a step, and its outliers. */
export interface NetSpectrum {
  readonly step: number;
  readonly grid: Float64Array;
  readonly density: Float64Array;
  /** Isolated eigenvalues beyond a wide gap at the bulk's edges (runners/netSession.ts spectrumOutliers). */
  readonly outliers: readonly number[];
  /** The bulk's edges. */
  readonly bulk: readonly [number, number];
  /** Share of the spectral mass on eigenvalues below −10⁻³ · max|λ| (clearly negative curvature). */
  readonly negativeMass: number;
  readonly matvecs: number;
  readonly ms: number;
}

/** Eigenpairs at the current weights (vectors stay in the worker; the slice uses them). */
export interface NetEigs {
  readonly step: number;
  /** The loss is that of the first `samples` training images. */
  readonly samples: number;
  readonly values: readonly number[];
  readonly residuals: readonly number[];
  readonly matvecs: number;
  readonly converged: boolean;
  readonly loss: number;
  readonly gradNorm: number;
  readonly n: number;
  readonly backend: string;
  readonly ms: number;
}

/** A method of Table 1 (Colored MNIST): Ridge Rider's protocol or a baseline. */
export type ColoredTableMethod = 'rr' | 'erm' | 'irm' | 'grayscale';

export interface ColoredTableSettings {
  readonly seed: number;
  readonly runs: number;
  /** Images per environment. */
  readonly limit: number;
  readonly methods: readonly ColoredTableMethod[];
}

/** One finished run of Table 1 (accuracies in [0, 1]; for Ridge Rider, the candidate chosen on validation and the test oracle). */
export interface ColoredRow {
  readonly method: ColoredTableMethod;
  readonly run: number;
  readonly train: number;
  readonly test: number;
  readonly seconds: number;
  readonly chosen?: { readonly ride: number; readonly step: number; readonly validation: number };
  /** Ridge Rider: the candidate best on the test environment (an oracle, never a result), its train and test accuracy. */
  readonly oracle?: { readonly train: number; readonly test: number };
  /** Ridge Rider: the pooled training loss on the plane through two ridges at the MIS (row b, column a), and every candidate on it. */
  readonly slice?: { readonly side: number; readonly span: number; readonly losses: readonly number[] };
  readonly candidates?: readonly { readonly ride: number; readonly step: number; readonly u: number; readonly v: number; readonly validation: number; readonly test: number }[];
}

/** Where the running run of Table 1 stands: its method and index, and its optimizer steps done of total. */
export interface ColoredProgress {
  readonly method: ColoredTableMethod;
  readonly run: number;
  readonly done: number;
  readonly total: number;
}

/** One trial of the small hyper-parameter sweep (Fig. 4, right): its variant and draws, and the accuracies it reached. */
export interface NetSweepTrial {
  readonly index: number;
  readonly variant: 'rr' | 'fixed' | 'random';
  readonly inner: number;
  readonly alpha: number;
  readonly lrE: number;
  readonly lrLambda: number;
  readonly batch: number;
  /** Test accuracy at the trial's MIS, where its rides start. */
  readonly startTest: number;
  readonly finalTrain: number;
  readonly finalTest: number;
  readonly bestTest: number;
  readonly seconds: number;
}

export type NetRequest =
  /**
   * Start the TF.js backend (`backend`, or 'auto') and load MNIST from the app's assets at `base` (before any other
   * request; the others wait for it). The backend stays for the worker's life.
   */
  | { readonly type: 'load'; readonly runId: number; readonly base: string; readonly backend: NetBackend }
  /** A new run from a fresh seeded initialization of `spec`. */
  | { readonly type: 'train'; readonly runId: number; readonly spec: MlpSpec; readonly settings: NetTrainSettings; readonly curvature: NetCurvatureSettings }
  /** Go on with the paused run (its own settings). */
  | { readonly type: 'resume'; readonly runId: number; readonly curvature: NetCurvatureSettings }
  | { readonly type: 'eigs'; readonly runId: number; readonly curvature: NetCurvatureSettings }
  | { readonly type: 'density'; readonly runId: number; readonly curvature: NetCurvatureSettings }
  | { readonly type: 'slice'; readonly runId: number; readonly slice: NetSliceSettings; readonly curvature: NetCurvatureSettings }
  /** Replace the model by a loaded one (checked in the worker: a fault answers 'error' and the model stays). */
  | { readonly type: 'set-model'; readonly runId: number; readonly json: string }
  | { readonly type: 'get-model'; readonly runId: number }
  /** Approximate Ridge Rider on MNIST (Figs. 4 and 5): the MIS, then the rides one by one. */
  | { readonly type: 'ridge-rider'; readonly runId: number; readonly settings: MnistRrSettings }
  /** The small sweep: `trials` runs of approximate Ridge Rider on `base` with S, α, LR_e, LR_λ and the batch drawn (rr, LR_e = 0, Rand-Ridge+ in turn). */
  | { readonly type: 'rr-sweep'; readonly runId: number; readonly base: MnistRrSettings; readonly trials: number }
  /** Colored MNIST's first images of each environment, for the viewer. */
  | { readonly type: 'colored-samples'; readonly runId: number; readonly seed: number; readonly count: number }
  /** Table 1: runs of each method, one after another. */
  | { readonly type: 'colored'; readonly runId: number; readonly table: ColoredTableSettings }
  /** A Ridge Rider run's slice through two ridges (row b, column a over [−span, span]²), made a surface for the loss-slice view; answered at once. */
  | { readonly type: 'colored-slice'; readonly runId: number; readonly side: number; readonly span: number; readonly losses: readonly number[]; readonly seed: number }
  /** Supersedes the running request (a pause, or a cancel of a computation); a training run stays resumable. */
  | { readonly type: 'pause'; readonly runId: number }
  /** Supersedes the running request; a training run ends (its weights stay). */
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

/** Where a training run stands. */
export type NetRunState = 'idle' | 'training' | 'paused' | 'done';

export type NetResponse =
  | { readonly type: 'ready'; readonly backend: BackendInfo }
  | { readonly type: 'data-progress'; readonly runId: number; readonly fraction: number }
  /** The data is in: its sizes and a few test images (784 bytes each) with their labels, for the gallery. */
  | { readonly type: 'data'; readonly runId: number; readonly train: number; readonly test: number; readonly gallery: Uint8Array; readonly galleryLabels: Uint8Array }
  /** The model changed (a new run, a loaded model): its shape and parameter count. */
  | { readonly type: 'model'; readonly runId: number; readonly spec: MlpSpec; readonly n: number; readonly step: number }
  /** Training progress: minibatch losses of the steps since the last message, from step `from` + 1. */
  | { readonly type: 'train-steps'; readonly runId: number; readonly from: number; readonly losses: Float32Array; readonly total: number; readonly stepsPerSecond: number }
  | { readonly type: 'eval'; readonly runId: number; readonly point: NetEvalPoint; readonly confusion: Uint32Array; readonly firstLayer: Float32Array | null }
  | { readonly type: 'run-state'; readonly runId: number; readonly state: NetRunState; readonly step: number; readonly message: string }
  | { readonly type: 'progress'; readonly runId: number; readonly what: 'eigs' | 'density' | 'slice'; readonly done: number; readonly total: number }
  | { readonly type: 'rr-mis'; readonly runId: number; readonly mis: MnistRrMis; readonly n: number }
  | { readonly type: 'rr-ride'; readonly runId: number; readonly ride: MnistRrRide; readonly done: number; readonly total: number }
  /** Within the ride under way (the `rides`-th done so far): steps taken. At most a few a second. */
  | { readonly type: 'rr-progress'; readonly runId: number; readonly step: number }
  | { readonly type: 'rr-end'; readonly runId: number; readonly seconds: number; readonly matvecs: number }
  | { readonly type: 'colored-samples'; readonly runId: number; readonly envs: ColoredSampleEnv[] }
  | { readonly type: 'rr-sweep-trial'; readonly runId: number; readonly trial: NetSweepTrial; readonly done: number; readonly total: number }
  | { readonly type: 'rr-sweep-end'; readonly runId: number }
  | { readonly type: 'colored-row'; readonly runId: number; readonly row: ColoredRow; readonly done: number; readonly total: number }
  | { readonly type: 'colored-progress'; readonly runId: number; readonly progress: ColoredProgress }
  | { readonly type: 'colored-end'; readonly runId: number; readonly ms: number }
  /** The worker is busy with this request and alive (a long run between its results): the client's hang deadline starts again. */
  | { readonly type: 'alive'; readonly runId: number }
  | {
      readonly type: 'colored-slice'; readonly runId: number; readonly spec: GridSpec; readonly fields: GridBuffers; readonly critical: readonly CriticalPointMsg[];
      readonly samples: Float64Array; readonly side: number; readonly ms: number;
    }
  | { readonly type: 'spectrum'; readonly runId: number; readonly spectrum: NetSpectrum }
  | { readonly type: 'eigs'; readonly runId: number; readonly eigs: NetEigs }
  | {
      readonly type: 'slice'; readonly runId: number; readonly spec: GridSpec; readonly fields: GridBuffers; readonly critical: readonly CriticalPointMsg[];
      /** The evaluated losses (side × side, row-major) behind the interpolated grid, and the plane. */
      readonly samples: Float64Array; readonly side: number; readonly labels: readonly [string, string]; readonly step: number; readonly ms: number;
    }
  | { readonly type: 'model-json'; readonly runId: number; readonly json: string }
  | { readonly type: 'error'; readonly runId: number; readonly what: string; readonly message: string };

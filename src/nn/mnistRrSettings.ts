import type { ArchiveOrder } from '../ridge-rider/archive';
import type { Activation } from './mlpSpec';

/**
 * The settings and results of approximate Ridge Rider on MNIST (runners/mnistRidge.ts), apart so that the worker
 * protocol and the UI can name them.
 */
export interface MnistRrSettings {
  readonly layers: readonly number[];
  readonly activation: Activation;
  /** Rides started (the search tree's size). */
  readonly ridges: number;
  /** Step cap per ride. */
  readonly steps: number;
  readonly alpha: number;
  /**
   * 'fixed': every step moves α. 'backtracking': a step whose loss rises, or whose direction turns past δ_break,
   * is retried at α/2, α/4, … down to α/16 instead of ending the ride (ridge-rider/endRide.ts), starting each step
   * from twice the last accepted α.
   */
  readonly stepMode: 'fixed' | 'backtracking';
  readonly lrE: number;
  readonly lrLambda: number;
  /**
   * UpdateRidge's λ at each step's start: 'rayleigh' warm-starts it at the new θ, λ ≈ λ′ + ê′ᵀ(H(θ) − H(θ′))ê′ = ê′ᵀH(θ)ê′
   * (the authors' blog); 'previous' carries the last λ over, so that only LR_λ's steps move it (with LR_λ = 0 it stays
   * the ridge's first eigenvalue and UpdateRidge keeps e on the eigen-direction whose eigenvalue is nearest to it).
   */
  readonly lambdaStart: 'rayleigh' | 'previous';
  /** UpdateRidge's gradient steps S. */
  readonly inner: number;
  /**
   * UpdateRidge: 'gradient', Algorithm 2's S gradient steps on ‖(1/λ)Hê − ê‖² (ridge-rider/approxUpdateRidge.ts);
   * 'lanczos', the exact version's rule from H v products: Lanczos at every step for the topN + 2 smallest
   * eigenpairs and the one nearest the old direction (ridge-rider/lanczosUpdateRidge.ts), so the ride stays on a
   * ridge (S, LR_e, LR_λ and the λ start are then unused).
   */
  readonly update: 'gradient' | 'lanczos';
  /**
   * UpdateRidge's gradient steps: 'fixed', every step at LR_e and LR_λ (the paper's); 'backtrack', a step that raises
   * ‖(1/λ)Hê − ê‖² is undone and retried at half the rates (ridge-rider/approxUpdateRidge.ts). Fixed steps go unstable
   * once LR_e > 1/(λ_max − λ)², which training reaches as it sharpens the largest curvature λ_max.
   */
  readonly updateRates: 'fixed' | 'backtrack';
  /** Images per batch: the loss, its gradient and H v on `batches` of this many training images. */
  readonly batch: number;
  /**
   * 'fixed': always the first `batch` training images. 'fresh': ∇L and H v on a new minibatch of `batch` images (drawn
   * epoch by epoch from all 60,000) for every UpdateRidge and every GetRidges, L on the first `batch` images
   * (nn/minibatchProblem.ts); each ride, and each GetRidges, draws from its own stream seeded by the seed and the
   * ride's fingerprint, so a ride sees the same minibatches whichever rides came before it.
   */
  readonly batches: 'fixed' | 'fresh';
  readonly seed: number;
  /** GetRidges: the N most negative eigen-directions, by Lanczos or by the power method. */
  readonly topN: number;
  readonly eigensolver: 'lanczos' | 'power';
  readonly stepScale: 'lambda2' | 'plain';
  /**
   * UpdateRidge's e between steps: 'unit', renormalized, so every ride step has length α; 'carried', e keeps the length
   * its gradient steps give it (each at right angles to e, so ‖e‖ only grows) and the step θ ← θ − αe lengthens with
   * it (ridge-rider/approxUpdateRidge.ts). Algorithm 2 as published shows no renormalization, and its L uses e/‖e‖.
   */
  readonly eNorm: 'unit' | 'carried';
  /** The MIS: the initialization's scale, and the ½‖∇L‖² descent's steps and η. */
  readonly initScale: number;
  readonly misSteps: number;
  readonly misLr: number;
  /** Accuracy on the first n images of each split. */
  readonly evalSamples: number;
  /**
   * EndRide: 'ridge' ends a ride when its eigenvalue turns non-negative, its direction turns by more than δ_break = 0.95
   * or the loss stops decreasing (Algorithm 1's criteria; then the search branches); 'loss' only when the loss stops
   * decreasing (the step that would raise it is not taken), so a ride goes on past λ = 0 down to the valley floor along
   * its direction; 'steps' only at the step cap.
   */
  readonly end: MnistRrEnd;
  /**
   * With end 'ridge' or 'loss': how many steps in a row may fail to lower the loss below the ride's lowest before the
   * ride ends (ridge-rider/endRide.ts), at its lowest point. 0: the first step that would raise it ends the ride. On
   * fresh minibatches the monitored loss rises now and then while its trend still falls, so a patience of some tens of
   * steps lets the ride go on.
   */
  readonly patience: number;
  /**
   * 'eigen': Ridge Rider; 'random': Rand-Ridge+, random unit descent directions in place of the eigenvectors
   * (ridge-rider/randomRidges.ts); 'gradient': −∇L/‖∇L‖ at every step, gradient descent with the rides' step length α,
   * a reference (ridge-rider/gradientRidges.ts).
   */
  readonly directions: MnistRrDirections;
  /**
   * Theorem 2's check: every n ride steps (0: never), Lanczos at the new point finds the exact eigenvectors of the
   * topN + 2 smallest eigenvalues, and the ride records its direction's largest overlap |⟨e, v_i⟩| with them and that
   * v_i's eigenvalue, and the curvature along e, eᵀHe/eᵀe; and, with Lanczos for the 10 largest too, ∇L's share in
   * the negative and in the sharpest eigen-directions (MnistRrRide.ridgeShare, sharpShare).
   */
  readonly overlapEvery: number;
  /**
   * ChooseFromArchive's order (ridge-rider/archive.ts): 'dfs' branches from the newest ride's end first, so the rides
   * go deep along one path of the tree, each learning more (the paper's fingerprints ψ are such paths); 'bfs' rides
   * every ridge of the MIS before any branch.
   */
  readonly order: ArchiveOrder;
  /**
   * 0: one search over the MIS's topN ridges (±). K ≥ 1: K searches of `ridges` rides each, the k-th leaving the MIS
   * along ±v_k only, so that ψ[0] = k (Fig. 5's rows; ridge-rider/firstRidgeOracle.ts).
   */
  readonly firstRidges: number;
}

export const MNIST_RR_ENDS = ['ridge', 'loss', 'steps'] as const;
export type MnistRrEnd = (typeof MNIST_RR_ENDS)[number];

/** What a ride follows (MnistRrSettings.directions). */
export const MNIST_RR_DIRECTIONS = ['eigen', 'random', 'gradient'] as const;
export type MnistRrDirections = (typeof MNIST_RR_DIRECTIONS)[number];

export const MNIST_RR_DEFAULTS: MnistRrSettings = {
  layers: [784, 128, 128, 10], activation: 'relu', ridges: 4, steps: 200, alpha: 0.05, stepMode: 'fixed', lrE: 0.05, lrLambda: 0.05, lambdaStart: 'rayleigh', inner: 5, update: 'gradient', updateRates: 'backtrack', batch: 1000, batches: 'fixed',
  seed: 1, topN: 2, eigensolver: 'lanczos', stepScale: 'lambda2', eNorm: 'unit', initScale: 0.1, misSteps: 300, misLr: 0.5, evalSamples: 1000, end: 'ridge', patience: 0, directions: 'eigen', overlapEvery: 0, order: 'dfs', firstRidges: 0,
};

/** The most rides a run takes: `ridges` per search, one search per first ridge. */
export function mnistRrRideCap(s: Pick<MnistRrSettings, 'ridges' | 'firstRidges'>): number {
  return s.ridges * Math.max(1, s.firstRidges);
}

/** The captions' hyper-parameters (Fig. 4: S = 236, α = 0.00264, LR_e = 0.000510, LR_λ = 4.34e−6, batch 2236; Fig. 5: S = 1, …), with plain gradient steps at those rates. */
export const MNIST_RR_PRESETS: Readonly<Record<'fig4' | 'fig5', Partial<MnistRrSettings>>> = {
  fig4: { inner: 236, alpha: 0.00264, lrE: 0.000510, lrLambda: 4.34e-6, batch: 2236, stepScale: 'plain', updateRates: 'fixed' },
  fig5: { inner: 1, alpha: 0.000232, lrE: 3.20e-6, lrLambda: 0.00055, batch: 2824, stepScale: 'plain', updateRates: 'fixed' },
};

/** The near-MIS: its loss, gradient norm, descent steps, accuracy and smallest eigenvalues. */
export interface MnistRrMis {
  readonly loss: number;
  readonly gradNorm: number;
  readonly steps: number;
  readonly trainAccuracy: number;
  readonly spectrum: number[];
}

/** One ride: where it sits in the tree, its eigenvalue, and per point (start included) L, λ and the accuracies. */
export interface MnistRrRide {
  readonly fingerprint: readonly number[];
  readonly eigenvalue: number;
  readonly endReason: string;
  readonly steps: number;
  readonly loss: number[];
  readonly lambda: number[];
  readonly trainAccuracy: number[];
  readonly testAccuracy: number[];
  /** Test accuracy per digit at each point (steps + 1 rows of 10). */
  readonly digitAccuracy: number[][];
  /** Per point: the overlap of the ride's direction with the nearest exact eigenvector, and its eigenvalue (NaN where not measured). */
  readonly overlap: number[];
  readonly exactLambda: number[];
  /**
   * Per point where Theorem 2's check ran: eᵀHe/eᵀe, the curvature along the ride's direction e (one more H v). On a
   * ridge it is the ridge's eigenvalue; where e has drifted off the negative eigenvectors it says where to: near 0 into
   * flat directions, above 0 towards the sharp ones. NaN where not measured.
   */
  readonly eCurvature: number[];
  /**
   * Per point: cos(step, −∇L), the cosine between the step that reached the point (θ − α e in the paper's terms)
   * and the steepest descent direction −∇L there (> 0: the loss still falls along the step where it landed; < 0: the step
   * overshot the lowest point on its line; 1: along −∇L); NaN at a ride's first
   * point, which its parent's step reached.
   */
  readonly descent: number[];
  /** Per point: ‖e‖, the length of the direction whose step reached it (1 unless `eNorm` is 'carried'); NaN at the first point. */
  readonly eNorm: number[];
  /**
   * Per point where Theorem 2's check ran: where ∇L (on the step's minibatch) points, as ‖P ∇L‖/‖∇L‖ (math/
   * projectionShare.ts). `ridgeShare`: P on the negative eigenvectors Lanczos found there (the topN + 2 smallest, those
   * below 0), the most of −∇L any ridge there can follow at first order; `sharpShare`: P on the 10 largest-curvature
   * eigenvectors, which no ridge follows. NaN where not measured.
   */
  readonly ridgeShare: number[];
  readonly sharpShare: number[];
}

/** A random sweep's ranges (Fig. 4, right), [low, high], each drawn log-uniformly (S and the batch rounded to integers). */
export interface SweepRanges {
  readonly inner: readonly [number, number];
  readonly alpha: readonly [number, number];
  readonly lrE: readonly [number, number];
  readonly lrLambda: readonly [number, number];
  readonly batch: readonly [number, number];
}

/**
 * The command line's sweep: the paper does not publish its ranges; these hold both captions' settings (Fig. 4: S = 236,
 * α = 0.00264, LR_e = 0.00051, LR_λ = 4.34·10⁻⁶, batch 2236; Fig. 5: S = 1, α = 0.000232, LR_e = 3.2·10⁻⁶,
 * LR_λ = 0.00055, batch 2824).
 */
export const SWEEP_RANGES: SweepRanges = {
  inner: [1, 256], alpha: [1e-4, 1e-1], lrE: [1e-6, 1e-2], lrLambda: [1e-7, 1e-2], batch: [256, 4096],
};

/**
 * The app's small sweep: S and the batch capped, so that a trial takes seconds to a few minutes in a browser, and α and LR_e where
 * a single ride of a few hundred steps can learn (α from 0.01: at most 600 steps of 10⁻⁴ go nowhere). Swept from
 * these ranges on 784-32-10, one ride a trial (SWEEP_SHAPE_RIDE), Ridge Rider's trials stand apart from both
 * ablations' as in the paper's Fig. 4 (right).
 */
export const SMALL_SWEEP_RANGES: SweepRanges = { ...SWEEP_RANGES, inner: [1, 16], alpha: [0.01, 0.2], lrE: [1e-4, 1e-1], batch: [256, 1024] };

/** What one trial of the app's small sweep rides: 'ride', one long ride (SWEEP_SHAPE_RIDE); 'search', the rides as the user set them. */
export type SweepShape = 'ride' | 'search';

/**
 * One long ride from the MIS: up to 600 steps, ending at its lowest loss after 20 steps in a row without a new one,
 * fresh minibatches, λ carried over (moved by LR_λ alone). A search of many short rides blurs the ablation: each of
 * LR_e = 0's branches starts on the eigenvectors found where the last ride ended, so it climbs too.
 */
export const SWEEP_SHAPE_RIDE = { ridges: 1, steps: 600, end: 'loss', patience: 20, lambdaStart: 'previous', batches: 'fresh' } as const satisfies Partial<MnistRrSettings>;

/** The base settings of a sweep's trials: the rides as set, or one long ride in their place; always one search (no first ridges apart). */
export function sweepBase(rides: MnistRrSettings, shape: SweepShape): MnistRrSettings {
  return { ...rides, ...(shape === 'ride' ? SWEEP_SHAPE_RIDE : {}), firstRidges: 0 };
}

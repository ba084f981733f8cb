import { lanczosAsync } from '../math/lanczos';
import { rngFromSeed } from '../math/rng';
import { accuracyNow } from '../nn/accuracyNow';
import { firstExamples, type Dataset } from '../nn/dataset';
import { checkSpec, initParams, ModelError, type Activation, type MlpSpec } from '../nn/mlpSpec';
import { createNetProblem } from '../nn/netProblem';
import { approxCurvature } from '../ridge-rider/approxCurvature';
import { gradNormDescent } from '../ridge-rider/gradNormDescent';
import { randomRidgeOracle } from '../ridge-rider/randomRidges';
import { runRidgeRiderAsync } from '../ridge-rider/ridgeRider';

/**
 * Approximate Ridge Rider on MNIST (Parker-Holder et al. 2020, §4 "RR for Supervised Learning", Figs. 4 and 5): a
 * near-MIS of the network (descent on ½‖∇L‖² from a small initialization), then the search of Algorithm 1 with the
 * approximate curvature of Algorithm 2 (ridge-rider/approxCurvature.ts), the loss and its products on the first
 * `batch` training images, and the train and test accuracy (overall and per digit) at every point of every ride.
 */
export interface MnistRrSettings {
  readonly layers: readonly number[];
  readonly activation: Activation;
  /** Rides started (the search tree's size). */
  readonly ridges: number;
  /** Step cap per ride. */
  readonly steps: number;
  readonly alpha: number;
  readonly lrE: number;
  readonly lrLambda: number;
  /** UpdateRidge's gradient steps S. */
  readonly inner: number;
  /** The loss, its gradient and H v on the first n training images. */
  readonly batch: number;
  readonly seed: number;
  /** GetRidges: the N most negative eigen-directions. */
  readonly topN: number;
  readonly stepScale: 'lambda2' | 'plain';
  /** The MIS: the initialization's scale, and the ½‖∇L‖² descent's steps and η. */
  readonly initScale: number;
  readonly misSteps: number;
  readonly misLr: number;
  /** Accuracy on the first n images of each split. */
  readonly evalSamples: number;
  /**
   * EndRide: 'ridge' ends a ride when its eigenvalue turns non-negative, its direction turns by more than δ_break = 0.95
   * or the loss stops decreasing (Algorithm 1's criteria; then the search branches); 'steps' only at the step cap.
   */
  readonly end: 'ridge' | 'steps';
  /** 'eigen': Ridge Rider; 'random': Rand-Ridge+, random unit descent directions in place of the eigenvectors (ridge-rider/randomRidges.ts). */
  readonly directions: 'eigen' | 'random';
}

export const MNIST_RR_DEFAULTS: MnistRrSettings = {
  layers: [784, 128, 128, 10], activation: 'relu', ridges: 4, steps: 200, alpha: 0.05, lrE: 0.05, lrLambda: 0.05, inner: 5, batch: 1000,
  seed: 1, topN: 2, stepScale: 'lambda2', initScale: 0.1, misSteps: 300, misLr: 0.5, evalSamples: 1000, end: 'ridge', directions: 'eigen',
};

/** The captions' hyper-parameters (Fig. 4: S = 236, α = 0.00264, LR_e = 0.000510, LR_λ = 4.34e−6, batch 2236; Fig. 5: S = 1, …). */
export const MNIST_RR_PRESETS: Readonly<Record<'fig4' | 'fig5', Partial<MnistRrSettings>>> = {
  fig4: { inner: 236, alpha: 0.00264, lrE: 0.000510, lrLambda: 4.34e-6, batch: 2236, stepScale: 'plain' },
  fig5: { inner: 1, alpha: 0.000232, lrE: 3.20e-6, lrLambda: 0.00055, batch: 2824, stepScale: 'plain' },
};

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
}

export interface MnistRrResult {
  readonly settings: MnistRrSettings;
  readonly nParams: number;
  readonly mis: { readonly loss: number; readonly gradNorm: number; readonly steps: number; readonly trainAccuracy: number; readonly spectrum: number[] };
  readonly rides: MnistRrRide[];
  readonly matvecs: { readonly getRidges: number; readonly updateRidge: number };
  readonly seconds: number;
}

/** Checks the settings (throws a ModelError naming the first fault). */
export function checkMnistRr(s: MnistRrSettings): MlpSpec {
  const spec = checkSpec({ layers: [...s.layers], activation: s.activation });
  if (s.layers[0] !== 784 || s.layers[s.layers.length - 1] !== 10) throw new ModelError(`MNIST needs 784 inputs and 10 outputs; the layers are ${s.layers.join(',')}`);
  const positive = { alpha: s.alpha, batch: s.batch, ridges: s.ridges, topN: s.topN, evalSamples: s.evalSamples, initScale: s.initScale, misLr: s.misLr };
  for (const [k, v] of Object.entries(positive)) if (!(v > 0) || !Number.isFinite(v)) throw new ModelError(`${k} must be a positive number, got ${v}`);
  for (const [k, v] of Object.entries({ lrE: s.lrE, lrLambda: s.lrLambda, inner: s.inner, steps: s.steps, misSteps: s.misSteps })) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new ModelError(`${k} must be a non-negative number, got ${v}`);
  }
  return spec;
}

export async function mnistRidgeRider(data: { train: Dataset; test: Dataset }, s: MnistRrSettings, onRide?: (ride: MnistRrRide, done: number) => void): Promise<MnistRrResult> {
  const t0 = performance.now();
  const spec = checkMnistRr(s);
  const problem = createNetProblem(spec, firstExamples(data.train, s.batch));
  const trainAcc = accuracyNow(spec, data.train, s.evalSamples);
  const testAcc = accuracyNow(spec, data.test, s.evalSamples);
  try {
    const init = initParams(spec, rngFromSeed(s.seed));
    const mis = await gradNormDescent(problem, Float64Array.from(init, (x) => x * s.initScale), { lr: s.misLr, maxSteps: s.misSteps, tol: 0 });
    const spectrum = await lanczosAsync(problem.n, (v) => problem.hvp(mis.theta, v), { k: Math.max(s.topN, 4), which: 'smallest', tol: 1e-4, maxMatvecs: 1000, seed: s.seed });
    const acc = new Float64Array(11);
    trainAcc.at(mis.theta, acc, 0);
    const misAccuracy = acc[0]!;
    const { oracle: eigen, counters } = approxCurvature(problem, { k: Math.max(s.topN, 2), tol: 1e-3, maxMatvecs: 1000, seed: s.seed, inner: s.inner, lrE: s.lrE, lrLambda: s.lrLambda, stepScale: s.stepScale });
    const oracle = s.directions === 'random' ? randomRidgeOracle(eigen, rngFromSeed(s.seed + 1)) : eigen;
    const rides: MnistRrRide[] = [];
    const width = 2 + 12;
    const res = await runRidgeRiderAsync(oracle, mis.theta, {
      step: { alpha: s.alpha }, maxRides: s.ridges, getRidges: { maxEigen: s.topN },
      endRide: { curvature: s.end === 'ridge', overlap: s.end === 'ridge', loss: s.end === 'ridge', maxRideSteps: s.steps }, recordPaths: false,
      summary: {
        labels: ['train accuracy', 'test accuracy', ...Array.from({ length: 10 }, (_, d) => `digit ${d}`)],
        at: (theta, out) => { trainAcc.at(theta, acc, 0); out[0] = acc[0]!; testAcc.at(theta, out, 1); },
      },
    }, rngFromSeed(s.seed), {
      onRide: (r) => {
        const points = r.steps + 1;
        const col = (j: number) => Array.from({ length: points }, (_, k) => r.trace[k * width + j]!);
        const ride: MnistRrRide = {
          fingerprint: [...r.fingerprint], eigenvalue: r.eigenvalue, endReason: r.endReason, steps: r.steps, loss: col(0), lambda: col(1),
          trainAccuracy: col(2), testAccuracy: col(3), digitAccuracy: Array.from({ length: points }, (_, k) => Array.from({ length: 10 }, (_, d) => r.trace[k * width + 4 + d]!)),
        };
        rides.push(ride);
        onRide?.(ride, rides.length);
      },
    });
    if (res.traceWidth !== width) throw new Error(`expected a trace of width ${width}, got ${res.traceWidth}`);
    return {
      settings: s, nParams: problem.n,
      mis: { loss: mis.f, gradNorm: mis.gradNorm, steps: mis.steps, trainAccuracy: misAccuracy, spectrum: Array.from(spectrum.values) },
      rides, matvecs: { getRidges: counters.getRidgesMatvecs, updateRidge: counters.followMatvecs }, seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    problem.dispose();
    trainAcc.dispose();
    testAcc.dispose();
  }
}

import * as tf from '@tensorflow/tfjs';
import { COLORED_INPUTS, COLORED_SIDE, type ColoredEnv } from '../data/coloredMnist';
import { rngFromSeed } from '../math/rng';
import { binaryCrossEntropy, binaryLogits, irmPenalty, xavierUniform } from '../nn/binaryMlp';
import type { MlpSpec } from '../nn/mlpSpec';
import { registerSecondOrderGradients } from '../nn/secondOrderGradients';
import { breather } from './cancelled';

export const COLORED_METHODS = ['erm', 'irm', 'grayscale'] as const;
export type ColoredMethod = (typeof COLORED_METHODS)[number];

/**
 * The IRM reference's runs on Colored MNIST (Arjovsky et al. 2019, code/colored_mnist/reproduce_paper_results.sh):
 * an MLP in → h → h → 1, relu, full batch, Adam, the mean BCE over the two training environments plus L2 on every
 * parameter, and for IRM the IRMv1 penalty with weight 1 until the anneal step and `penalty` after it (the whole loss
 * then divided by it). The grayscale oracle sums the two channels (196 inputs). Its hyper-parameters were chosen on
 * the test environment by the IRM authors.
 */
export interface ColoredSettings { readonly hidden: number; readonly l2: number; readonly lr: number; readonly anneal: number; readonly penalty: number; readonly steps: number }

export const COLORED_SETTINGS: Readonly<Record<ColoredMethod, ColoredSettings>> = {
  irm: { hidden: 390, l2: 0.00110794568, lr: 0.0004898536566546834, anneal: 190, penalty: 91257.18613115903, steps: 501 },
  erm: { hidden: 256, l2: 0.001, lr: 0.001, anneal: 0, penalty: 0, steps: 501 },
  grayscale: { hidden: 83, l2: 0.0008602868865288383, lr: 0.0028171488133821726, anneal: 0, penalty: 0, steps: 101 },
};

export interface ColoredRunResult {
  readonly method: ColoredMethod;
  /** Accuracy: the mean over the two training environments, and on the test environment. */
  readonly train: number;
  readonly test: number;
  readonly steps: number;
  readonly seconds: number;
}

/** An environment's inputs (the first `limit` images; channels summed for grayscale) and labels as tensors. */
function tensors(e: ColoredEnv, grayscale: boolean, limit: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const n = Math.min(limit, e.size);
  const plane = COLORED_SIDE * COLORED_SIDE;
  const width = grayscale ? plane : COLORED_INPUTS;
  const x = new Float32Array(n * width);
  for (let k = 0; k < n; k++) {
    const src = e.inputs.subarray(k * COLORED_INPUTS, (k + 1) * COLORED_INPUTS);
    if (grayscale) for (let p = 0; p < plane; p++) x[k * width + p] = src[p]! + src[plane + p]!;
    else x.set(src, k * width);
  }
  return { x: tf.tensor2d(x, [n, width]), y: tf.tensor1d(Float32Array.from(e.labels.subarray(0, n))) };
}

/**
 * One run of a baseline from a seeded Xavier initialization; `limit` images per environment (all by default).
 * `settings` replaces some of the reference's (COLORED_SETTINGS). `onStep(done, total)` sees every Adam step.
 */
export async function coloredBaseline(envs: readonly [ColoredEnv, ColoredEnv, ColoredEnv], method: ColoredMethod, seed: number,
  o: { limit?: number; steps?: number; settings?: Partial<ColoredSettings>; breathe?: () => Promise<boolean>; onStep?: (done: number, total: number) => void } = {}): Promise<ColoredRunResult> {
  const t0 = performance.now();
  const check = breather(o.breathe);
  registerSecondOrderGradients();
  const c = { ...COLORED_SETTINGS[method], ...o.settings };
  const steps = o.steps ?? c.steps;
  const grayscale = method === 'grayscale';
  const spec: MlpSpec = { layers: [grayscale ? COLORED_SIDE * COLORED_SIDE : COLORED_INPUTS, c.hidden, c.hidden, 1], activation: 'relu' };
  const data = envs.map((e) => tensors(e, grayscale, o.limit ?? Infinity));
  const init = tf.tensor1d(xavierUniform(spec, rngFromSeed(seed)));
  const theta = tf.variable(init, true);
  init.dispose();
  const adam = tf.train.adam(c.lr, 0.9, 0.999, 1e-8);
  const accuracy = (d: { x: tf.Tensor2D; y: tf.Tensor1D }) => tf.tidy(() => tf.mean(tf.equal(tf.cast(tf.greater(binaryLogits(spec, theta as tf.Tensor1D, d.x), 0), 'float32'), d.y)).dataSync()[0]!);
  try {
    for (let step = 0; step < steps; step++) {
      await check();
      const weight = step >= c.anneal ? c.penalty : 1;
      tf.tidy(() => {
        adam.minimize(() => {
          const t = theta as tf.Tensor1D;
          const [a, b] = [data[0]!, data[1]!].map((d) => { const z = binaryLogits(spec, t, d.x); return { nll: binaryCrossEntropy(z, d.y), penalty: irmPenalty(z, d.y) }; });
          let loss: tf.Scalar = tf.add(tf.div(tf.add(a!.nll, b!.nll), 2), tf.mul(c.l2, tf.sum(tf.square(t))));
          if (weight > 0) loss = tf.add(loss, tf.mul(weight, tf.div(tf.add(a!.penalty, b!.penalty), 2)));
          return weight > 1 ? tf.div(loss, weight) : loss;
        }, false, [theta]);
      });
      o.onStep?.(step + 1, steps);
    }
    const train = (accuracy(data[0]!) + accuracy(data[1]!)) / 2;
    return { method, train, test: accuracy(data[2]!), steps, seconds: (performance.now() - t0) / 1000 };
  } finally {
    theta.dispose();
    adam.dispose();
    tf.dispose(data.flatMap((d) => [d.x, d.y]));
  }
}

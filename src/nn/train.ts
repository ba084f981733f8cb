import * as tf from '@tensorflow/tfjs';
import { rngFromSeed, rngInt } from '../math/rng';
import type { Dataset } from './dataset';
import { crossEntropy, mlpLogits, mlpLoss, oneHot } from './mlpLoss';
import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import { registerSecondOrderGradients } from './secondOrderGradients';

/** Minibatch training settings: SGD or Adam (Kingma & Ba 2015, β = 0.9, 0.999), η, batch size, steps, seed. */
export interface TrainSettings {
  readonly optimizer: 'sgd' | 'adam';
  readonly lr: number;
  readonly batch: number;
  readonly steps: number;
  readonly seed: number;
}

export const TRAIN_DEFAULTS: TrainSettings = { optimizer: 'adam', lr: 1e-3, batch: 128, steps: 1000, seed: 1 };

/**
 * The loss, the accuracy and the confusion matrix of a network on (up to `limit` of) a dataset, in chunks, one
 * forward pass each: confusion[t · classes + p] counts the examples of true class t predicted as p (argmax).
 */
export async function evaluateMlp(spec: MlpSpec, params: Float32Array, data: Dataset, limit = data.count, chunk = 5000): Promise<{ loss: number; accuracy: number; confusion: Uint32Array }> {
  const classes = spec.layers[spec.layers.length - 1]!;
  const count = Math.min(limit, data.count);
  const theta = tf.tensor1d(params);
  const confusion = new Uint32Array(classes * classes);
  let lossSum = 0;
  let correct = 0;
  try {
    for (let at = 0; at < count; at += chunk) {
      const m = Math.min(chunk, count - at);
      const x = new Float32Array(m * data.inputs);
      data.fill(Uint32Array.from({ length: m }, (_, i) => at + i), x);
      const labels = data.labels.subarray(at, at + m);
      const [l, predicted] = tf.tidy(() => {
        const z = mlpLogits(spec, theta, tf.tensor2d(x, [m, data.inputs]));
        return [crossEntropy(z, oneHot(labels, classes)), tf.argMax(z, 1)] as const;
      });
      lossSum += (await l.data())[0]! * m;
      const p = await predicted.data();
      tf.dispose([l, predicted]);
      for (let i = 0; i < m; i++) {
        const cell = labels[i]! * classes + p[i]!;
        confusion[cell] = confusion[cell]! + 1;
        if (p[i] === labels[i]) correct++;
      }
    }
  } finally {
    theta.dispose();
  }
  return { loss: lossSum / count, accuracy: correct / count, confusion };
}

/**
 * Trains from `params` by minibatch SGD or Adam on the mean softmax cross-entropy; batches are drawn without
 * replacement from a seeded permutation of the data, reshuffled every epoch. `onStep(step, loss)` after each step
 * may return false to stop; `signal` aborts. Returns the trained parameters, the per-step losses and the speed.
 */
export async function trainMlp(spec: MlpSpec, params: Float32Array, data: Dataset, settings: TrainSettings,
  onStep?: (step: number, loss: number) => boolean | void, signal?: AbortSignal): Promise<{ params: Float32Array; losses: Float32Array; stepsPerSecond: number }> {
  checkSpec(spec);
  registerSecondOrderGradients();
  const s = settings;
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) throw new ModelError(`the learning rate must be a positive number, got ${String(s.lr)}`);
  if (!Number.isInteger(s.batch) || s.batch < 1) throw new ModelError(`the batch size must be a positive integer, got ${String(s.batch)}`);
  if (!Number.isInteger(s.steps) || s.steps < 0) throw new ModelError(`the step count must be a non-negative integer, got ${String(s.steps)}`);
  if (params.length !== paramLayout(spec.layers).count) throw new ModelError(`the network has ${paramLayout(spec.layers).count} parameters, got ${params.length}`);
  if (data.inputs !== spec.layers[0]) throw new ModelError(`the data has ${data.inputs} inputs, the network ${spec.layers[0]}`);
  const classes = spec.layers[spec.layers.length - 1]!;
  const rng = rngFromSeed(s.seed);
  const order = Uint32Array.from({ length: data.count }, (_, i) => i);
  const shuffle = () => { for (let i = order.length - 1; i > 0; i--) { const j = rngInt(rng, i + 1); const t = order[i]!; order[i] = order[j]!; order[j] = t; } };
  shuffle();
  const batch = Math.min(s.batch, data.count);
  const init = tf.tensor1d(params);
  const theta = tf.variable(init, true);
  init.dispose();
  const optimizer = s.optimizer === 'adam' ? tf.train.adam(s.lr) : tf.train.sgd(s.lr);
  const x = new Float32Array(batch * data.inputs);
  const losses = new Float32Array(s.steps);
  let at = 0;
  const t0 = performance.now();
  let done = 0;
  try {
    for (let step = 0; step < s.steps; step++) {
      if (signal?.aborted) throw new DOMException('training was cancelled', 'AbortError');
      if (at + batch > data.count) { shuffle(); at = 0; }
      const idx = order.subarray(at, at + batch);
      at += batch;
      data.fill(idx, x);
      const labels = Array.from(idx, (i) => data.labels[i]!);
      const loss = tf.tidy(() => {
        const xt = tf.tensor2d(x, [batch, data.inputs]);
        const yt = oneHot(labels, classes);
        return optimizer.minimize(() => mlpLoss(spec, theta as tf.Tensor1D, xt, yt), true, [theta])!;
      });
      const value = (await loss.data())[0]!;
      loss.dispose();
      losses[step] = value;
      done = step + 1;
      if (!Number.isFinite(value)) throw new ModelError(`training diverged at step ${step + 1} (the loss is ${value}); lower the learning rate`);
      if (onStep?.(step + 1, value) === false) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { params: Float32Array.from(await theta.data()), losses: losses.subarray(0, done), stepsPerSecond: done / Math.max(seconds, 1e-9) };
  } finally {
    theta.dispose();
    optimizer.dispose();
  }
}

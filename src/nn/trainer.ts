import * as tf from '@tensorflow/tfjs';
import { rngFromSeed, rngInt } from '../math/rng';
import type { Dataset } from './dataset';
import { mlpLoss, oneHot } from './mlpLoss';
import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import { registerSecondOrderGradients } from './secondOrderGradients';
import type { TrainSettings } from './trainSettings';

export { TRAIN_DEFAULTS, type TrainSettings } from './trainSettings';

/** A training run that can stop between any two steps and go on: the parameters, the optimizer's moments, the data order. */
export interface Trainer {
  /** Steps taken so far. */
  readonly steps: number;
  /** One minibatch step; returns the minibatch loss before the step. Throws a ModelError when the loss is not finite. */
  step(): Promise<number>;
  /** The current parameters (a copy). */
  params(): Promise<Float32Array>;
  /** Frees the tensors; the trainer is unusable afterwards. */
  dispose(): void;
}

/** Checks training settings against a network and its data; any fault throws a ModelError that names it. */
export function checkTrainSettings(spec: MlpSpec, params: ArrayLike<number>, data: Dataset, s: TrainSettings): void {
  checkSpec(spec);
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) throw new ModelError(`the learning rate must be a positive number, got ${String(s.lr)}`);
  if (!Number.isInteger(s.batch) || s.batch < 1) throw new ModelError(`the batch size must be a positive integer, got ${String(s.batch)}`);
  if (!Number.isInteger(s.steps) || s.steps < 0) throw new ModelError(`the step count must be a non-negative integer, got ${String(s.steps)}`);
  if (params.length !== paramLayout(spec.layers).count) throw new ModelError(`the network has ${paramLayout(spec.layers).count} parameters, got ${params.length}`);
  if (data.inputs !== spec.layers[0]) throw new ModelError(`the data has ${data.inputs} inputs, the network ${spec.layers[0]}`);
}

/**
 * A resumable minibatch trainer of the mean softmax cross-entropy from `params` by SGD or Adam: batches are drawn
 * without replacement from a seeded permutation of the data, reshuffled every epoch, so that the same seed gives the
 * same steps whether the run is taken in one go or paused and resumed (`s.steps` is not used here: the caller decides
 * when to stop).
 */
export function createTrainer(spec: MlpSpec, params: Float32Array, data: Dataset, s: Omit<TrainSettings, 'steps'>): Trainer {
  checkTrainSettings(spec, params, data, { ...s, steps: 0 });
  registerSecondOrderGradients();
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
  let at = 0;
  let steps = 0;
  let disposed = false;
  const alive = () => { if (disposed) throw new Error('the trainer was disposed'); };
  return {
    get steps() { return steps; },
    async step() {
      alive();
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
      steps++;
      if (!Number.isFinite(value)) throw new ModelError(`training diverged at step ${steps} (the loss is ${value}); lower the learning rate`);
      return value;
    },
    async params() { alive(); return Float32Array.from(await theta.data()); },
    dispose() {
      if (disposed) return;
      disposed = true;
      theta.dispose();
      optimizer.dispose();
    },
  };
}

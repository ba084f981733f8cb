import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { crossEntropy, mlpLogits, oneHot } from './mlpLoss';
import type { MlpSpec } from './mlpSpec';
import { checkTrainSettings, createTrainer, type TrainSettings } from './trainer';

export { TRAIN_DEFAULTS, type TrainSettings } from './trainer';

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
 * Trains from `params` for `settings.steps` steps (createTrainer's batches). `onStep(step, loss)` after each step
 * may return false to stop; `signal` aborts. Returns the trained parameters, the per-step losses and the speed.
 */
export async function trainMlp(spec: MlpSpec, params: Float32Array, data: Dataset, settings: TrainSettings,
  onStep?: (step: number, loss: number) => boolean | void, signal?: AbortSignal): Promise<{ params: Float32Array; losses: Float32Array; stepsPerSecond: number }> {
  checkTrainSettings(spec, params, data, settings);
  const trainer = createTrainer(spec, params, data, settings);
  const losses = new Float32Array(settings.steps);
  const t0 = performance.now();
  try {
    while (trainer.steps < settings.steps) {
      if (signal?.aborted) throw new DOMException('training was cancelled', 'AbortError');
      const value = await trainer.step();
      losses[trainer.steps - 1] = value;
      if (onStep?.(trainer.steps, value) === false) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { params: await trainer.params(), losses: losses.subarray(0, trainer.steps), stepsPerSecond: trainer.steps / Math.max(seconds, 1e-9) };
  } finally {
    trainer.dispose();
  }
}

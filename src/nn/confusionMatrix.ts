import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { mlpLogits } from './mlpLoss';
import type { MlpSpec } from './mlpSpec';

/**
 * The confusion matrix of a network on (up to `limit` of) a dataset: counts[t · classes + p] is the number of
 * examples of true class t predicted as p (argmax of the logits), computed in chunks on the active TF.js backend.
 */
export async function confusionMatrix(spec: MlpSpec, params: Float32Array, data: Dataset, limit = data.count, chunk = 5000): Promise<Uint32Array> {
  const classes = spec.layers[spec.layers.length - 1]!;
  const count = Math.min(limit, data.count);
  const counts = new Uint32Array(classes * classes);
  const theta = tf.tensor1d(params);
  try {
    for (let at = 0; at < count; at += chunk) {
      const m = Math.min(chunk, count - at);
      const x = new Float32Array(m * data.inputs);
      data.fill(Uint32Array.from({ length: m }, (_, i) => at + i), x);
      const predicted = tf.tidy(() => tf.argMax(mlpLogits(spec, theta, tf.tensor2d(x, [m, data.inputs])), 1));
      const p = await predicted.data();
      predicted.dispose();
      for (let i = 0; i < m; i++) counts[data.labels[at + i]! * classes + p[i]!] = counts[data.labels[at + i]! * classes + p[i]!]! + 1;
    }
  } finally {
    theta.dispose();
  }
  return counts;
}

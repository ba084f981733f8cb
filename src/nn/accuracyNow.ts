import * as tf from '@tensorflow/tfjs';
import type { Dataset } from './dataset';
import { firstExamples } from './dataset';
import { mlpLogits } from './mlpLoss';
import { checkSpec, type MlpSpec } from './mlpSpec';

/**
 * Accuracy of a network at any θ on the first `limit` examples of a dataset, overall and per class, read back
 * synchronously (dataSync): for per-point summaries of a Ridge Rider ride, whose callback cannot wait. The inputs stay
 * on the backend until dispose().
 */
export function accuracyNow(spec: MlpSpec, data: Dataset, limit: number): { at(theta: ArrayLike<number>, out: Float64Array, offset: number): void; dispose(): void } {
  checkSpec(spec);
  const { x, labels } = firstExamples(data, limit);
  const count = labels.length;
  const classes = spec.layers[spec.layers.length - 1]!;
  const xt = tf.tensor2d(x, [count, data.inputs]);
  const perClass = new Uint32Array(classes);
  for (const l of labels) perClass[l] = perClass[l]! + 1;
  return {
    /** Writes the accuracy at out[offset] and the accuracy on each class at out[offset + 1 + c] (NaN for an absent class). */
    at(theta, out, offset) {
      // Read outside tidy: tidy walks a returned typed array element by element, looking for tensors.
      const argmax = tf.tidy(() => tf.argMax(mlpLogits(spec, tf.tensor1d(Float32Array.from(theta)), xt), 1));
      const predicted = argmax.dataSync();
      argmax.dispose();
      const right = new Uint32Array(classes);
      let correct = 0;
      for (let i = 0; i < count; i++) if (predicted[i] === labels[i]) { correct++; right[labels[i]!] = right[labels[i]!]! + 1; }
      out[offset] = correct / count;
      for (let c = 0; c < classes; c++) out[offset + 1 + c] = perClass[c]! > 0 ? right[c]! / perClass[c]! : NaN;
    },
    dispose() { xt.dispose(); },
  };
}

import * as tf from '@tensorflow/tfjs';
import { normalFill, type Rng } from '../math/rng';
import { mlpLoss, oneHot } from './mlpLoss';
import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import type { HvpBatch } from './hvp';

/**
 * A filter-normalized random direction (Li, Xu, Taylor, Studer & Goldstein 2018, "Visualizing the loss landscape of
 * neural nets", §4): d ~ N(0, I), then for each filter, here the weights into one unit (a column of W_l),
 * d_col ← d_col · ‖θ_col‖ / ‖d_col‖, so that a step of 1 along d changes every unit's weights by their own scale;
 * the bias entries are zero.
 */
export function filterNormalizedDirection(spec: MlpSpec, params: ArrayLike<number>, rng: Rng): Float64Array {
  const { layers } = checkSpec(spec);
  const { w, count } = paramLayout(layers);
  if (params.length !== count) throw new ModelError(`the network has ${count} parameters, got ${params.length}`);
  const d = new Float64Array(count);
  for (let l = 1; l < layers.length; l++) {
    const rows = layers[l - 1]!;
    const cols = layers[l]!;
    const block = normalFill(rng, new Float64Array(rows * cols));
    for (let j = 0; j < cols; j++) {
      let nd = 0;
      let nt = 0;
      for (let i = 0; i < rows; i++) { nd += block[i * cols + j]! ** 2; nt += params[w[l - 1]! + i * cols + j]! ** 2; }
      const s = nd > 0 ? Math.sqrt(nt / nd) : 0;
      for (let i = 0; i < rows; i++) d[w[l - 1]! + i * cols + j] = block[i * cols + j]! * s;
    }
  }
  return d;
}

/**
 * The loss on a plane through θ: L(θ + a u + b v) for every a in `as` and b in `bs` (row-major, bs.length rows of
 * as.length), on the active TF.js backend, one grid point per forward pass over the batch. `onRow` after each row
 * (done, total) for progress; `signal` aborts between points.
 */
export async function lossSlice(spec: MlpSpec, params: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, as: readonly number[], bs: readonly number[],
  batch: HvpBatch, onRow?: (done: number, total: number) => void, signal?: AbortSignal): Promise<Float64Array> {
  const n = paramLayout(checkSpec(spec).layers).count;
  if (params.length !== n || u.length !== n || v.length !== n) throw new ModelError(`θ, u and v must each have the network's ${n} entries`);
  const classes = spec.layers[spec.layers.length - 1]!;
  const count = batch.labels.length;
  const theta = tf.tensor1d(Float32Array.from(params));
  const ut = tf.tensor1d(Float32Array.from(u));
  const vt = tf.tensor1d(Float32Array.from(v));
  const x = tf.tensor2d(batch.x, [count, spec.layers[0]!]);
  const y = oneHot(batch.labels, classes);
  const out = new Float64Array(as.length * bs.length);
  try {
    for (let r = 0; r < bs.length; r++) {
      const row = tf.tidy(() => tf.stack(as.map((a) => mlpLoss(spec, tf.add(theta, tf.add(tf.mul(ut, a), tf.mul(vt, bs[r]!))) as tf.Tensor1D, x, y))));
      const values = await row.data();
      row.dispose();
      for (let c = 0; c < as.length; c++) out[r * as.length + c] = values[c]!;
      onRow?.(r + 1, bs.length);
      if (signal?.aborted) throw new DOMException('the slice was cancelled', 'AbortError');
    }
  } finally {
    tf.dispose([theta, ut, vt, x, y]);
  }
  return out;
}

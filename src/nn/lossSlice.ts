import * as tf from '@tensorflow/tfjs';
import { normalFill, type Rng } from '../math/rng';
import { activate, crossEntropy, oneHot } from './mlpLoss';
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
 * as.length), on the active TF.js backend. The first layer is linear in θ, so X(W₁ + aU₁ + bV₁) + (b₁ + a u_b + b v_b)
 * = P₀ + a P_u + b P_v with the three N × n₁ products computed once (the first layer holds most of the work: 2.5×
 * faster than a full forward pass per point on wasm for 784-128-128-10); each row's losses come back in one read.
 * `onRow(done, total)` after each row, for progress (awaited: it may yield); `signal` aborts between rows.
 */
export async function lossSlice(spec: MlpSpec, params: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, as: readonly number[], bs: readonly number[],
  batch: HvpBatch, onRow?: (done: number, total: number) => void | Promise<void>, signal?: AbortSignal): Promise<Float64Array> {
  const { layers } = checkSpec(spec);
  const { w, b, count: n } = paramLayout(layers);
  if (params.length !== n || u.length !== n || v.length !== n) throw new ModelError(`θ, u and v must each have the network's ${n} entries`);
  const L = layers.length - 1;
  const classes = layers[L]!;
  const count = batch.labels.length;
  const block = (theta: ArrayLike<number>, l: number) => ({
    W: tf.tensor2d(Float32Array.from({ length: layers[l]! * layers[l + 1]! }, (_, i) => theta[w[l]! + i]!), [layers[l]!, layers[l + 1]!]),
    b: tf.tensor1d(Float32Array.from({ length: layers[l + 1]! }, (_, i) => theta[b[l]! + i]!)),
  });
  const blocks = [params, u, v].map((t) => Array.from({ length: L }, (_, l) => block(t, l)));
  const x = tf.tensor2d(batch.x, [count, layers[0]!]);
  const y = oneHot(batch.labels, classes);
  // P₀, P_u, P_v: the first layer's pre-activations at θ and their rates of change along u and v.
  const [p0, pu, pv] = tf.tidy(() => blocks.map((bl) => tf.add(tf.matMul(x, bl[0]!.W), bl[0]!.b)));
  const pointLoss = (a: number, bv: number): tf.Scalar => {
    let h: tf.Tensor = tf.add(tf.add(p0!, tf.mul(pu!, a)), tf.mul(pv!, bv));
    for (let l = 1; l < L; l++) {
      const [t, du, dv] = [blocks[0]![l]!, blocks[1]![l]!, blocks[2]![l]!];
      const W = tf.add(tf.add(t.W, tf.mul(du.W, a)), tf.mul(dv.W, bv));
      const bias = tf.add(tf.add(t.b, tf.mul(du.b, a)), tf.mul(dv.b, bv));
      h = tf.add(tf.matMul(activate(h, spec.activation) as tf.Tensor2D, W as tf.Tensor2D), bias);
    }
    return crossEntropy(h as tf.Tensor2D, y);
  };
  const out = new Float64Array(as.length * bs.length);
  try {
    for (let r = 0; r < bs.length; r++) {
      const row = tf.tidy(() => tf.stack(as.map((a) => pointLoss(a, bs[r]!))));
      const values = await row.data();
      row.dispose();
      for (let c = 0; c < as.length; c++) out[r * as.length + c] = values[c]!;
      await onRow?.(r + 1, bs.length);
      if (signal?.aborted) throw new DOMException('the slice was cancelled', 'AbortError');
    }
  } finally {
    tf.dispose([x, y, p0!, pu!, pv!, ...blocks.flatMap((bl) => bl.flatMap((k) => [k.W, k.b]))]);
  }
  return out;
}

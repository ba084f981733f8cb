import * as tf from '@tensorflow/tfjs';
import { normalFill, type Rng } from '../math/rng';
import { oneHot } from './mlpLoss';
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

/** Grid points evaluated per dispatch are capped so that one layer's activations stay under this many floats. */
const SLICE_FLOATS = 1 << 23;

function activate(x: tf.Tensor, a: MlpSpec['activation']): tf.Tensor {
  switch (a) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'softplus': return tf.softplus(x);
  }
}

/**
 * The loss on a plane through θ: L(θ + a u + b v) for every a in `as` and b in `bs` (row-major, bs.length rows of
 * as.length), on the active TF.js backend. The first layer is linear in θ, so X(W₁ + aU₁ + bV₁) + (b₁ + a u_b + b v_b)
 * = P₀ + a P_u + b P_v with the three N × n₁ products computed once; the rest of the network runs for many grid points
 * per dispatch as batched matrix products with per-point weights W_l + a U_l + b V_l. `onRow(done, total)` after each
 * row, for progress (awaited: it may yield); `signal` aborts between rows.
 */
export async function lossSlice(spec: MlpSpec, params: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, as: readonly number[], bs: readonly number[],
  batch: HvpBatch, onRow?: (done: number, total: number) => void | Promise<void>, signal?: AbortSignal): Promise<Float64Array> {
  const { layers } = checkSpec(spec);
  const { w, b, count: n } = paramLayout(layers);
  if (params.length !== n || u.length !== n || v.length !== n) throw new ModelError(`θ, u and v must each have the network's ${n} entries`);
  const L = layers.length - 1;
  const classes = layers[L]!;
  const count = batch.labels.length;
  const widest = Math.max(...layers.slice(1));
  const perDispatch = Math.max(1, Math.min(as.length, Math.floor(SLICE_FLOATS / (count * widest))));
  const block = (theta: ArrayLike<number>, l: number) => ({
    W: tf.tensor2d(Float32Array.from({ length: layers[l]! * layers[l + 1]! }, (_, i) => theta[w[l]! + i]!), [layers[l]!, layers[l + 1]!]),
    b: tf.tensor1d(Float32Array.from({ length: layers[l + 1]! }, (_, i) => theta[b[l]! + i]!)),
  });
  const blocks = [params, u, v].map((t) => Array.from({ length: L }, (_, l) => block(t, l)));
  const x = tf.tensor2d(batch.x, [count, layers[0]!]);
  const y = oneHot(batch.labels, classes);
  // P₀, P_u, P_v: the first layer's pre-activations at θ and their rates of change along u and v.
  const [p0, pu, pv] = tf.tidy(() => blocks.map((bl) => tf.add(tf.matMul(x, bl[0]!.W), bl[0]!.b)));
  const out = new Float64Array(as.length * bs.length);
  try {
    for (let r = 0; r < bs.length; r++) {
      const bv = bs[r]!;
      for (let c0 = 0; c0 < as.length; c0 += perDispatch) {
        const ga = as.slice(c0, c0 + perDispatch);
        const losses = tf.tidy(() => {
          const G = ga.length;
          const a3 = tf.tensor3d(Float32Array.from(ga), [G, 1, 1]);
          let h: tf.Tensor = tf.add(tf.add(p0!, tf.mul(pv!, bv)).expandDims(0), tf.mul(a3, pu!.expandDims(0)));
          for (let l = 1; l < L; l++) {
            h = activate(h, spec.activation);
            const [t, du, dv] = [blocks[0]![l]!, blocks[1]![l]!, blocks[2]![l]!];
            const Wg = tf.add(tf.add(t.W, tf.mul(dv.W, bv)).expandDims(0), tf.mul(a3, du.W.expandDims(0)));
            const bg = tf.add(tf.add(t.b, tf.mul(dv.b, bv)).expandDims(0).expandDims(0), tf.mul(a3, du.b.expandDims(0).expandDims(0)));
            h = tf.add(tf.matMul(h as tf.Tensor3D, Wg as tf.Tensor3D), bg);
          }
          return tf.mean(tf.sub(tf.logSumExp(h, 2), tf.sum(tf.mul(h, y.expandDims(0)), 2)), 1);
        });
        const values = await losses.data();
        losses.dispose();
        for (let c = 0; c < ga.length; c++) out[r * as.length + c0 + c] = values[c]!;
      }
      await onRow?.(r + 1, bs.length);
      if (signal?.aborted) throw new DOMException('the slice was cancelled', 'AbortError');
    }
  } finally {
    tf.dispose([x, y, p0!, pu!, pv!, ...blocks.flatMap((bl) => bl.flatMap((k) => [k.W, k.b]))]);
  }
  return out;
}

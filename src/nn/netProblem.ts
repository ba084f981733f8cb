import * as tf from '@tensorflow/tfjs';
import type { HvpProblem } from '../ridge-rider/approxCurvature';
import { mlpLoss, oneHot } from './mlpLoss';
import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import { registerSecondOrderGradients } from './secondOrderGradients';

/**
 * Hessian-vector products of a network's loss, behind one engine-neutral interface: the eigensolvers
 * (math/lanczos.ts, math/slq.ts) and Ridge Rider (ridge-rider/approxCurvature.ts) see only L, ∇L and H v at θ, never
 * TF.js.
 *   autodiff  H v = ∇_θ ⟨∇_θ L(θ), v⟩ by double backprop (Pearlmutter 1994), with second-order-safe gradients;
 *   fd        H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, ε = 1e-3 / ‖v‖: two gradients, relative error 1e-5 to 1e-4 in
 *             float32; always correct whatever the autodiff engine does, and the test oracle.
 * Products run in float32 on the active TF.js backend; vectors come and go as Float64Array.
 */
export type HvpMethod = 'autodiff' | 'fd';

/** A batch: N inputs of n₀ numbers (row-major) and their labels. */
export interface HvpBatch {
  readonly x: Float32Array;
  readonly labels: ArrayLike<number>;
}

/** A network's loss on a batch as an HvpProblem at any θ, with its product method and backend; dispose() frees the data. */
export interface NetProblem extends HvpProblem {
  readonly method: HvpMethod;
  readonly backend: string;
  /** L(θ) alone (a forward pass). */
  loss(theta: Float64Array): Promise<number>;
  dispose(): void;
}

/** Checks a batch against a network (sizes, labels in range, finite inputs). */
export function checkBatch(spec: MlpSpec, batch: HvpBatch): void {
  const inputs = spec.layers[0]!;
  const classes = spec.layers[spec.layers.length - 1]!;
  const count = batch.labels.length;
  if (count < 1) throw new ModelError('the batch is empty');
  if (batch.x.length !== count * inputs) throw new ModelError(`the batch has ${count} labels but ${batch.x.length / inputs} inputs of ${inputs} numbers`);
  for (let i = 0; i < count; i++) {
    const c = batch.labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new ModelError(`label ${i} is ${String(c)}, not a class from 0 to ${classes - 1}`);
  }
  if (!batch.x.every(Number.isFinite)) throw new ModelError('the inputs hold a number that is not finite');
}

export function createNetProblem(spec: MlpSpec, batch: HvpBatch, method: HvpMethod = 'autodiff'): NetProblem {
  checkSpec(spec);
  checkBatch(spec, batch);
  registerSecondOrderGradients();
  const n = paramLayout(spec.layers).count;
  const classes = spec.layers[spec.layers.length - 1]!;
  const x = tf.tensor2d(batch.x, [batch.labels.length, spec.layers[0]!]);
  const y = oneHot(batch.labels, classes);
  const loss = (p: tf.Tensor) => mlpLoss(spec, p as tf.Tensor1D, x, y);
  const grad = (p: tf.Tensor) => tf.grad(loss)(p) as tf.Tensor1D;
  let disposed = false;
  const check = (theta: ArrayLike<number>, v?: ArrayLike<number>) => {
    if (disposed) throw new Error('the problem was disposed');
    if (theta.length !== n) throw new Error(`θ has ${theta.length} entries, the network ${n} parameters`);
    if (v && v.length !== n) throw new Error(`v has ${v.length} entries, the network ${n} parameters`);
  };
  const read = async (t: tf.Tensor): Promise<Float64Array> => {
    try { return Float64Array.from(await t.data()); } finally { t.dispose(); }
  };
  return {
    n, method, backend: tf.getBackend(),
    async loss(theta) {
      check(theta);
      const l = tf.tidy(() => loss(tf.tensor1d(Float32Array.from(theta))));
      try { return (await l.data())[0]!; } finally { l.dispose(); }
    },
    async lossAndGradient(theta) {
      check(theta);
      const [l, g] = tf.tidy(() => { const r = tf.valueAndGrad(loss)(tf.tensor1d(Float32Array.from(theta))); return [r.value, r.grad] as const; });
      const value = (await l.data())[0]!;
      l.dispose();
      return { f: value, grad: await read(g) };
    },
    async hvp(theta, v) {
      check(theta, v);
      if (method === 'autodiff') {
        return read(tf.tidy(() => {
          const vt = tf.tensor1d(Float32Array.from(v));
          return tf.grad((p: tf.Tensor) => tf.sum(tf.mul(grad(p), vt)))(tf.tensor1d(Float32Array.from(theta)));
        }));
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
      norm = Math.sqrt(norm);
      if (norm === 0) return new Float64Array(n);
      const eps = 1e-3 / norm;
      return read(tf.tidy(() => {
        const t = tf.tensor1d(Float32Array.from(theta));
        const step = tf.mul(tf.tensor1d(Float32Array.from(v)), eps);
        return tf.div(tf.sub(grad(tf.add(t, step)), grad(tf.sub(t, step))), 2 * eps);
      }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([x, y]);
    },
  };
}

import * as tf from '@tensorflow/tfjs';
import { mlpLoss, oneHot } from './mlpLoss';
import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import { registerSecondOrderGradients } from './secondOrderGradients';

/**
 * Hessian-vector products of a network's loss at fixed parameters, behind one engine-neutral interface: the
 * eigensolvers (math/lanczos.ts, math/slq.ts) and Ridge Rider see only `hvp(v)`, never TF.js.
 *   autodiff  H v = ∇_θ ⟨∇_θ L(θ), v⟩ by double backprop (Pearlmutter 1994), with second-order-safe gradients;
 *   fd        H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, ε = 1e-3 / ‖v‖: two gradients, relative error 1e-5 to 1e-4 in
 *             float32; always correct whatever the autodiff engine does, and the test oracle.
 * Products run in float32 on the active TF.js backend; vectors come and go as Float64Array.
 */
export type HvpMethod = 'autodiff' | 'fd';

export interface HvpOperator {
  readonly n: number;
  readonly method: HvpMethod;
  /** The TF.js backend the products run on. */
  readonly backend: string;
  lossAndGradient(): Promise<{ loss: number; grad: Float64Array }>;
  hvp(v: ArrayLike<number>): Promise<Float64Array>;
  /** Frees the tensors (parameters, data); the operator is unusable afterwards. */
  dispose(): void;
}

/** A batch: N inputs of n₀ numbers (row-major) and their labels. */
export interface HvpBatch {
  readonly x: Float32Array;
  readonly labels: ArrayLike<number>;
}

export function createHvpOperator(spec: MlpSpec, params: ArrayLike<number>, batch: HvpBatch, method: HvpMethod = 'autodiff'): HvpOperator {
  checkSpec(spec);
  registerSecondOrderGradients();
  const n = paramLayout(spec.layers).count;
  if (params.length !== n) throw new ModelError(`the network has ${n} parameters, got ${params.length}`);
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
  if (!Array.from(params).every(Number.isFinite)) throw new ModelError('the parameters hold a number that is not finite');
  const theta = tf.tensor1d(Float32Array.from(params));
  const x = tf.tensor2d(batch.x, [count, inputs]);
  const y = oneHot(batch.labels, classes);
  const loss = (p: tf.Tensor) => mlpLoss(spec, p as tf.Tensor1D, x, y);
  const grad = (p: tf.Tensor) => tf.grad(loss)(p) as tf.Tensor1D;
  let disposed = false;
  const alive = () => { if (disposed) throw new Error('the operator was disposed'); };
  const check = (v: ArrayLike<number>) => {
    alive();
    if (v.length !== n) throw new Error(`v has ${v.length} entries, the network ${n} parameters`);
  };
  const read = async (t: tf.Tensor): Promise<Float64Array> => {
    try { return Float64Array.from(await t.data()); } finally { t.dispose(); }
  };
  return {
    n, method, backend: tf.getBackend(),
    async lossAndGradient() {
      alive();
      const [l, g] = tf.tidy(() => { const r = tf.valueAndGrad(loss)(theta); return [r.value, r.grad] as const; });
      const value = (await l.data())[0]!;
      l.dispose();
      return { loss: value, grad: await read(g) };
    },
    async hvp(v) {
      check(v);
      if (method === 'autodiff') {
        return read(tf.tidy(() => {
          const vt = tf.tensor1d(Float32Array.from(v));
          return tf.grad((p: tf.Tensor) => tf.sum(tf.mul(grad(p), vt)))(theta);
        }));
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
      norm = Math.sqrt(norm);
      if (norm === 0) return new Float64Array(n);
      const eps = 1e-3 / norm;
      return read(tf.tidy(() => {
        const step = tf.mul(tf.tensor1d(Float32Array.from(v)), eps);
        return tf.div(tf.sub(grad(tf.add(theta, step)), grad(tf.sub(theta, step))), 2 * eps);
      }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      tf.dispose([theta, x, y]);
    },
  };
}

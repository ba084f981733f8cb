import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { matMulT } from '../../src/nn/matMulT';
import { registerSecondOrderGradients } from '../../src/nn/secondOrderGradients';
import { initTfBackend } from '../../src/platform/tfBackend';

/** op(X) as plain numbers: X (r × c, row-major) or its transpose. */
function op(x: Float32Array, r: number, c: number, t: boolean): { v: Float64Array; r: number; c: number } {
  if (!t) return { v: Float64Array.from(x), r, c };
  const v = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) v[j * r + i] = x[i * c + j]!;
  return { v, r: c, c: r };
}
function mul(a: { v: Float64Array; r: number; c: number }, b: { v: Float64Array; r: number; c: number }): Float64Array {
  const out = new Float64Array(a.r * b.c);
  for (let i = 0; i < a.r; i++) for (let k = 0; k < a.c; k++) for (let j = 0; j < b.c; j++) out[i * b.c + j] = out[i * b.c + j]! + a.v[i * a.c + k]! * b.v[k * b.c + j]!;
  return out;
}
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i]!)));

describe('matMulT and the BatchMatMul gradient on wasm (explicit transposes)', () => {
  beforeAll(async () => { await initTfBackend(['wasm']); registerSecondOrderGradients(); });

  for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    it(`transposeA=${ta}, transposeB=${tb}: the product and both gradients of Σ W ⊙ op(A) op(B) match plain arithmetic`, () => {
      expect(tf.getBackend()).toBe('wasm');
      const rng = rngFromSeed(ta ? (tb ? 4 : 3) : tb ? 2 : 1);
      const [m, k, n] = [5, 4, 3];
      const [ar, ac] = ta ? [k, m] : [m, k];
      const [br, bc] = tb ? [n, k] : [k, n];
      const a = Float32Array.from(normalFill(rng, new Float64Array(ar * ac)));
      const b = Float32Array.from(normalFill(rng, new Float64Array(br * bc)));
      const w = Float32Array.from(normalFill(rng, new Float64Array(m * n)));
      const before = tf.memory().numTensors;
      const [p, ga, gb] = tf.tidy(() => {
        const [A, B, W] = [tf.tensor2d(a, [ar, ac]), tf.tensor2d(b, [br, bc]), tf.tensor2d(w, [m, n])];
        const product = matMulT(A, B, ta, tb).dataSync();
        const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(W, tf.matMul(x, y, ta, tb))))([A, B]);
        return [product, grads[0]!.dataSync(), grads[1]!.dataSync()];
      });
      expect(tf.memory().numTensors).toBe(before);
      const [opA, opB] = [op(a, ar, ac, ta), op(b, br, bc, tb)];
      expect(maxDiff(p, mul(opA, opB))).toBeLessThan(1e-5);
      // ∂/∂op(A) = W op(B)ᵀ and ∂/∂op(B) = op(A)ᵀ W, transposed back where A or B was.
      const dOpA = mul({ v: Float64Array.from(w), r: m, c: n }, op(Float32Array.from(opB.v), opB.r, opB.c, true));
      const dOpB = mul(op(Float32Array.from(opA.v), opA.r, opA.c, true), { v: Float64Array.from(w), r: m, c: n });
      expect(maxDiff(ga, op(Float32Array.from(dOpA), m, k, ta).v)).toBeLessThan(1e-5);
      expect(maxDiff(gb, op(Float32Array.from(dOpB), k, n, tb).v)).toBeLessThan(1e-5);
    });
  }

  it('transposes the last two axes of a batch of matrices (rank 3)', () => {
    const rng = rngFromSeed(7);
    const a = Float32Array.from(normalFill(rng, new Float64Array(2 * 3 * 4)));
    const b = Float32Array.from(normalFill(rng, new Float64Array(2 * 5 * 4)));
    const [got, want] = tf.tidy(() => {
      const [A, B] = [tf.tensor3d(a, [2, 3, 4]), tf.tensor3d(b, [2, 5, 4])];
      return [matMulT(A, B, false, true).dataSync(), tf.matMul(A, tf.transpose(B, [0, 2, 1])).dataSync()];
    });
    expect(got.length).toBe(2 * 3 * 5);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});

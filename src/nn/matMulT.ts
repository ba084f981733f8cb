import * as tf from '@tensorflow/tfjs';

/**
 * op(A) · op(B), op = transpose where asked, fast on every backend. TF.js 4.22's wasm BatchMatMul is about 13× slower
 * with a transpose flag than without (in Node, 5000×390 by 390×390: 668 ms with transposeB, 51 ms plain; 100×390:
 * 13.9 against 1.2 ms), while an explicit transpose of either operand costs a few ms. So on wasm a flagged operand
 * is transposed first (its last two axes). The other backends keep the flags: their kernels index a transposed
 * operand in place (cpu, measured: within 5% either way; WebGL and WebGPU not measured here). On wasm the result may
 * differ from the flagged kernel's in the last bits (another summation order).
 */
export function matMulT<T extends tf.Tensor>(a: T, b: T, transposeA = false, transposeB = false): T {
  if (tf.getBackend() !== 'wasm' || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB) as T;
  return tf.matMul(transposeA ? swapLastAxes(a) : a, transposeB ? swapLastAxes(b) : b) as T;
}

function swapLastAxes<T extends tf.Tensor>(x: T): T {
  const r = x.rank;
  const perm = [...Array(r).keys()];
  [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
  return tf.transpose(x, perm);
}

import * as tf from '@tensorflow/tfjs';
import { matMulT } from './matMulT';

let registered = false;

/**
 * BatchMatMul's gradient, as TF.js's own (for C = op(A) op(B), ∂A and ∂B are dC times the other operand, transposed
 * as the flags say), with its products taken by matMulT: so that on wasm backpropagation does not run the ~13× slower
 * flagged kernel for every ∂W = hᵀ dZ and ∂h = dZ Wᵀ of a dense layer. The products are ordinary ops, so they
 * differentiate again (H v by double backprop). Idempotent; affects the whole TF.js instance.
 */
export function registerMatMulGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'BatchMatMul', inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const d = dy as tf.Tensor;
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => matMulT(d, b, false, true), b: () => matMulT(a, d, true, false) };
      if (!transposeA && transposeB) return { a: () => matMulT(d, b), b: () => matMulT(d, a, true, false) };
      if (transposeA && !transposeB) return { a: () => matMulT(b, d, false, true), b: () => matMulT(a, d) };
      return { a: () => matMulT(b, d, true, true), b: () => matMulT(d, a, true, true) };
    },
  });
}

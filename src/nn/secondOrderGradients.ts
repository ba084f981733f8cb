import * as tf from '@tensorflow/tfjs';
import { registerMatMulGradient } from './matMulGradient';

let registered = false;

/**
 * Second-order-safe gradients for TF.js 4.22. Kernels whose registered gradient reads their saved *output* (Exp, Tanh,
 * Sigmoid, Softmax) give silently wrong second derivatives when another path leads to the same input (tfjs issue
 * #3252: the saved output's tape node is recorded before the kernel's own, so double backprop never links it to x);
 * these replacements recompute from the saved *input*. Comparison ops get zero gradients, so that max and logSumExp
 * can be differentiated twice. It also registers registerMatMulGradient's faster BatchMatMul gradient (the same derivatives up to rounding), so
 * that every caller that takes gradients gets it. Idempotent; affects the whole TF.js instance (every backend), which is
 * the point.
 */
export function registerSecondOrderGradients(): void {
  if (registered) return;
  registered = true;
  registerMatMulGradient();
  tf.registerGradient({ kernelName: 'Exp', inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.exp(saved[0]!)) }) });
  tf.registerGradient({
    kernelName: 'Tanh', inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(saved[0]!)))) }),
  });
  tf.registerGradient({
    kernelName: 'Sigmoid', inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => { const y = tf.sigmoid(saved[0]!); return tf.mul(dy as tf.Tensor, tf.mul(y, tf.sub(1, y))); } }),
  });
  tf.registerGradient({
    kernelName: 'Softmax', inputsToSave: ['logits'],
    gradFunc: (dy, saved, attrs) => ({
      logits: () => {
        const dim = (attrs as { dim: number }).dim;
        const y = tf.softmax(saved[0]!, dim);
        const dyy = tf.mul(dy as tf.Tensor, y);
        return tf.sub(dyy, tf.mul(tf.sum(dyy, [dim], true), y));
      },
    }),
  });
  for (const kernelName of ['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual']) {
    tf.registerGradient({ kernelName, inputsToSave: ['a', 'b'], gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]!), b: () => tf.zerosLike(saved[1]!) }) });
  }
}

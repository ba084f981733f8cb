import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/rng';
import { mlpLogits } from './mlpLoss';
import { checkSpec, paramLayout, type MlpSpec } from './mlpSpec';

/**
 * A binary classifier as an MLP with one output logit z (mlpSpec.ts's layout, last width 1), its mean binary
 * cross-entropy with logits, BCE(z, y) = mean(softplus(z) − y z), and the IRMv1 penalty of an environment (Arjovsky
 * et al. 2019, §3.1): the squared derivative of its risk with respect to a scale s on the logits at s = 1,
 *   ∂/∂s BCE(s z, y)|_{s=1} = mean((σ(z) − y) z),   penalty = (mean((σ(z) − y) z))².
 */
export function binaryLogits(spec: MlpSpec, theta: tf.Tensor1D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(mlpLogits(spec, theta, x), [-1]);
}

export function binaryCrossEntropy(z: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z)));
}

export function irmPenalty(z: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  return tf.square(tf.mean(tf.mul(tf.sub(tf.sigmoid(z), y), z))) as tf.Scalar;
}

/** Xavier-uniform weights (Glorot & Bengio 2010), W ~ U(−a, a), a = √(6 / (fan_in + fan_out)), zero biases: the IRM reference's initialization. */
export function xavierUniform(spec: MlpSpec, rng: Rng): Float32Array {
  const { layers } = checkSpec(spec);
  const { w, count } = paramLayout(layers);
  const theta = new Float32Array(count);
  for (let l = 1; l < layers.length; l++) {
    const a = Math.sqrt(6 / (layers[l - 1]! + layers[l]!));
    for (let i = 0; i < layers[l - 1]! * layers[l]!; i++) theta[w[l - 1]! + i] = (2 * rng() - 1) * a;
  }
  return theta;
}

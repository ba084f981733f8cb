import * as tf from '@tensorflow/tfjs';
import { paramLayout, type Activation, type MlpSpec } from './mlpSpec';

/** The hidden activation applied elementwise. */
export function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  switch (a) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'softplus': return tf.softplus(x);
  }
}

/** The logits z of a batch x (N × n₀) under θ (mlpSpec.ts's layout). */
export function mlpLogits(spec: MlpSpec, theta: tf.Tensor1D, x: tf.Tensor2D): tf.Tensor2D {
  const { layers } = spec;
  const { w, b } = paramLayout(layers);
  let h: tf.Tensor2D = x;
  for (let l = 1; l < layers.length; l++) {
    const W = tf.reshape(tf.slice(theta, [w[l - 1]!], [layers[l - 1]! * layers[l]!]), [layers[l - 1]!, layers[l]!]) as tf.Tensor2D;
    const bias = tf.slice(theta, [b[l - 1]!], [layers[l]!]);
    const z = tf.add(tf.matMul(h, W), bias) as tf.Tensor2D;
    h = l + 1 < layers.length ? (activate(z, spec.activation) as tf.Tensor2D) : z;
  }
  return h;
}

/**
 * The mean softmax cross-entropy L(θ) = (1/N) Σ_n [logΣ_k exp z_nk − z_n,y_n], written with logSumExp so that its
 * second derivative is right (TF.js's own softmaxCrossEntropy and logSoftmax are not twice differentiable: see
 * secondOrderGradients.ts, which must be registered first). `y` is one-hot (N × classes).
 */
export function mlpLoss(spec: MlpSpec, theta: tf.Tensor1D, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return crossEntropy(mlpLogits(spec, theta, x), y);
}

/** The mean softmax cross-entropy of logits z (N × classes) against one-hot y, twice differentiable (see mlpLoss). */
export function crossEntropy(z: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.sub(tf.logSumExp(z, 1), tf.sum(tf.mul(z, y), 1)));
}

/** Labels as one-hot rows (N × classes, float32). */
export function oneHot(labels: ArrayLike<number>, classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes).toFloat() as tf.Tensor2D);
}

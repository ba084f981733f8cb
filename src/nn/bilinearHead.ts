import * as tf from '@tensorflow/tfjs';
import { matMulT } from './matMulT';

/**
 * A two-layer linear read-out z = aᵀ B φ on features φ ∈ ℝᵐ (a ∈ ℝᵏ, B ∈ ℝ^{k×m}), the Θ_r of Ridge Rider's
 * out-of-distribution extension (Parker-Holder et al. 2020, §3 "Extending RR for Out of Distribution Generalization"),
 * with the mean binary cross-entropy ℓ(z, y) = softplus(z) − y z. Its Hessian in θ_r = (a, B) is written out, so that
 * H_r v is an ordinary differentiable function of the features (and so of θ_f) and the losses built on it need first
 * derivatives only. With h = Bφ, ℓ' = σ(z) − y, ℓ'' = σ(z)(1 − σ(z)), and for v = (v_a, v_B), s = v_aᵀh + aᵀv_Bφ:
 *   (H v)_a = mean(ℓ'' s h + ℓ' v_B φ),   (H v)_B = a ⊗ mean(ℓ'' s φ) + v_a ⊗ mean(ℓ' φ).
 * At a = 0, B = 0 (the maximally invariant saddle: z ≡ 0 whatever θ_f) only the last terms stay, (H v)_a = v_B g and
 * (H v)_B = v_a gᵀ with g = mean((½ − y) φ): H has the eigenvalues ±‖g‖ on (a, B) = (u, ±u gᵀ/‖g‖), k-fold (one for
 * each unit of h, which the saddle's symmetry permutes), and 0 elsewhere.
 */
export interface BilinearHead {
  /** a (k). */
  readonly a: tf.Tensor1D;
  /** B (k × m). */
  readonly b: tf.Tensor2D;
}

/** θ_r packed as [a, B row by row]: k + k m numbers. */
export function headSize(k: number, m: number): number {
  return k + k * m;
}

/** Splits a packed θ_r (or a direction in Θ_r) into a and B. */
export function unpackHead(flat: tf.Tensor1D, k: number, m: number): BilinearHead {
  return { a: tf.slice(flat, 0, k), b: tf.reshape(tf.slice(flat, k, k * m), [k, m]) };
}

/** z = φ Bᵀ a, one logit per row of φ (n × m). */
export function headLogits(phi: tf.Tensor2D, head: BilinearHead): tf.Tensor1D {
  return tf.reshape(tf.matMul(matMulT(phi, head.b, false, true), tf.reshape(head.a, [-1, 1])), [-1]);
}

/** The loss and what its Hessian products need at a point: features, h = Bφ, ℓ' and ℓ'' per example. */
export interface HeadPoint {
  readonly phi: tf.Tensor2D;
  readonly head: BilinearHead;
  readonly h: tf.Tensor2D;
  readonly d1: tf.Tensor1D;
  readonly d2: tf.Tensor1D;
  /** mean BCE. */
  readonly loss: tf.Scalar;
}

export function headPoint(phi: tf.Tensor2D, y: tf.Tensor1D, head: BilinearHead): HeadPoint {
  const h = matMulT(phi, head.b, false, true) as tf.Tensor2D;
  const z = tf.reshape(tf.matMul(h, tf.reshape(head.a, [-1, 1])), [-1]) as tf.Tensor1D;
  const p = tf.sigmoid(z);
  return {
    phi, head, h,
    d1: tf.sub(p, y),
    d2: tf.mul(p, tf.sub(1, p)),
    loss: tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar,
  };
}

/** ∇_{θ_r} L packed as θ_r: (mean(ℓ' h), a ⊗ mean(ℓ' φ)). */
export function headGradient(p: HeadPoint): tf.Tensor1D {
  const n = p.phi.shape[0];
  const ga = tf.div(tf.matMul(tf.reshape(p.d1, [1, -1]), p.h), n);
  const gphi = tf.div(tf.matMul(tf.reshape(p.d1, [1, -1]), p.phi), n);
  const gb = tf.matMul(tf.reshape(p.head.a, [-1, 1]), gphi);
  return tf.concat([tf.reshape(ga, [-1]), tf.reshape(gb, [-1])]);
}

/** H_r v for v packed as θ_r, in closed form (see above); differentiable in φ and v. */
export function headHvp(p: HeadPoint, v: tf.Tensor1D): tf.Tensor1D {
  const [n, m] = p.phi.shape;
  const k = p.head.a.shape[0];
  const { a: va, b: vb } = unpackHead(v, k, m);
  const vbPhi = matMulT(p.phi, vb, false, true);
  const s = tf.add(tf.matMul(p.h, tf.reshape(va, [-1, 1])), tf.matMul(vbPhi, tf.reshape(p.head.a, [-1, 1])));
  const w = tf.mul(tf.reshape(p.d2, [-1, 1]), s);
  const d1 = tf.reshape(p.d1, [-1, 1]);
  const ha = tf.div(tf.add(matMulT(w, p.h, true, false), matMulT(d1, vbPhi, true, false)), n);
  const wPhi = tf.div(matMulT(w, p.phi, true, false), n);
  const gPhi = tf.div(matMulT(d1, p.phi, true, false), n);
  const hb = tf.add(tf.matMul(tf.reshape(p.head.a, [-1, 1]), wPhi), tf.matMul(tf.reshape(va, [-1, 1]), gPhi));
  return tf.concat([tf.reshape(ha, [-1]), tf.reshape(hb, [-1])]);
}

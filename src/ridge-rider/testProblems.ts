import { normalSampler, type Rng } from '../math/rng';
import type { RidgeObjective } from './objective';

/** A random orthogonal n × n matrix Q (rows orthonormal), by Gram–Schmidt on Gaussian rows, twice for stability. */
export function randomOrthogonal(n: number, rng: Rng): Float64Array {
  const z = normalSampler(rng);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) q[i] = z();
  for (let i = 0; i < n; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += q[i * n + k]! * q[j * n + k]!;
        for (let k = 0; k < n; k++) q[i * n + k] = q[i * n + k]! - dot * q[j * n + k]!;
      }
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm += q[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < n; k++) q[i * n + k] = q[i * n + k]! / norm;
  }
  return q;
}

export interface QuarticSaddleOptions {
  /** Curvatures at 0, λ₀ ≤ … (length n). Default: `negatives` in [−2, −0.5], the rest in [0.5, 2], uniform. */
  curvatures?: ArrayLike<number>;
  /** Number of negative curvatures when drawing them. Default 3. */
  negatives?: number;
  /** Weight c of the quartic. Default 1. */
  quartic?: number;
}

/**
 * A synthetic n-D loss with a strict saddle at 0 and several minima, for tests and benchmarks:
 *   L(θ) = ½ θᵀAθ + (c/4) Σ_k θ_k⁴,  A = Qᵀ diag(λ) Q,  Q random orthogonal (from `rng`),
 *   ∇L = Aθ + c θ³ (elementwise),  ∇²L = A + 3c diag(θ²).
 * ∇L(0) = 0 and ∇²L(0) = A, whose eigenvalues are λ (so the ridges at 0 are the rows of Q with λ < 0); the quartic
 * makes L bounded below, so every ride ends. Exact derivatives in closed form; one evaluation costs O(n²).
 */
export function quarticSaddleObjective(n: number, rng: Rng, opts: QuarticSaddleOptions = {}): RidgeObjective & { readonly A: Float64Array; readonly curvatures: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${String(n)}`);
  const neg = opts.negatives ?? 3;
  const c = opts.quartic ?? 1;
  const lam = new Float64Array(n);
  if (opts.curvatures) {
    if (opts.curvatures.length !== n) throw new Error(`curvatures must have length ${n}`);
    for (let i = 0; i < n; i++) lam[i] = opts.curvatures[i]!;
  } else {
    for (let i = 0; i < n; i++) lam[i] = i < neg ? -2 + 1.5 * rng() : 0.5 + 1.5 * rng();
  }
  const q = randomOrthogonal(n, rng);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k * n + i]! * lam[k]! * q[k * n + j]!;
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  const gradient = (theta: ArrayLike<number>, grad: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j]! * theta[j]!;
      const t = theta[i]!;
      grad[i] = s + c * t * t * t;
      f += 0.5 * t * s + 0.25 * c * t * t * t * t;
    }
    return f;
  };
  return {
    n, A, curvatures: lam,
    value: (theta) => gradient(theta, new Float64Array(n)),
    gradient,
    evaluate(theta, grad, hess) {
      hess.set(A);
      for (let i = 0; i < n; i++) hess[i * n + i] = hess[i * n + i]! + 3 * c * theta[i]! * theta[i]!;
      return gradient(theta, grad);
    },
  };
}

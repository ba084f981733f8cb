import { vecDot, vecNorm } from './vec';

/**
 * How much of g lies in the span of orthonormal vectors v₁ … v_m: ‖P g‖/‖g‖ = √(Σᵢ ⟨vᵢ, g⟩²)/‖g‖, from 0 (g is
 * orthogonal to them) to 1 (g lies in their span); NaN when g is 0 or not finite. With Hessian eigenvectors it says
 * where the gradient points: Gur-Ari, Roberts and Dyer, "Gradient Descent Happens in a Tiny Subspace" (2018), find
 * ∇L of a classifier mostly in the span of the top k eigenvectors, k the number of classes.
 */
export function projectionShare(g: ArrayLike<number>, vectors: readonly ArrayLike<number>[], n: number): number {
  const norm = vecNorm(g, n);
  if (!(norm > 0) || !Number.isFinite(norm)) return Number.NaN;
  let s = 0;
  for (const v of vectors) s += vecDot(v, g, n) ** 2;
  return Math.min(1, Math.sqrt(s) / norm);
}

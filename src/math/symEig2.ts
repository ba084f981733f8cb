/**
 * Eigen-decomposition of the symmetric 2×2 matrix [[a, b], [b, c]] in closed form:
 *   λ₁,₂ = (a + c)/2 ∓ √(((a − c)/2)² + b²),  λ₁ ≤ λ₂,
 * with unit eigenvectors e₁ = (cos θ, sin θ), e₂ = (−sin θ, cos θ), θ = ½·atan2(2b, a − c) + π/2 for e₁.
 * Computed with hypot and atan2, so it is stable for nearly equal eigenvalues and needs no branch on b = 0.
 */
export interface SymEig2 {
  /** Smaller eigenvalue. */
  readonly l1: number;
  /** Larger eigenvalue. */
  readonly l2: number;
  /** Unit eigenvector of l1, (e1x, e1y); the one of l2 is (−e1y, e1x). */
  readonly e1x: number;
  readonly e1y: number;
}

export function symEig2(a: number, b: number, c: number): SymEig2 {
  const mean = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  // Angle of the eigenvector of the larger eigenvalue; the smaller one is perpendicular.
  const theta = 0.5 * Math.atan2(2 * b, a - c);
  return { l1: mean - r, l2: mean + r, e1x: -Math.sin(theta), e1y: Math.cos(theta) };
}

/** Curvature type from the Hessian eigenvalues, with |λ| ≤ tol counted as zero. */
export type CurvatureKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate';

export function curvatureKind(l1: number, l2: number, tol: number): CurvatureKind {
  if (!Number.isFinite(l1) || !Number.isFinite(l2)) return 'degenerate';
  if (Math.abs(l1) <= tol || Math.abs(l2) <= tol) return 'degenerate';
  if (l1 > 0) return 'minimum';
  if (l2 < 0) return 'maximum';
  return 'saddle';
}

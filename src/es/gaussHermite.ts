import { createSymEigWorkspace, symEig } from '../math/symEig';

/**
 * Probabilists' Gauss–Hermite rule for the standard normal: nodes x_k and weights w_k (Σ w_k = 1) with
 *   E_{ε~N(0,1)}[p(ε)] = Σ_k w_k p(x_k)   exactly for every polynomial p of degree ≤ 2n − 1.
 * Nodes ascending and symmetric (x_{n−1−k} = −x_k, w_{n−1−k} = w_k).
 */
export interface GaussHermiteRule {
  readonly n: number;
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/** Largest rule accepted: beyond it the outer weights underflow (w ~ e^{−x²/2} with x ≈ 2√n). */
export const MAX_GAUSS_HERMITE_NODES = 256;

const cache = new Map<number, GaussHermiteRule>();

/**
 * Computes the n-point rule (Golub & Welsch 1969, Math. Comp. 23): the nodes are the eigenvalues of the Jacobi
 * matrix of the probabilists' Hermite polynomials He_k (He_{k+1} = x He_k − k He_{k−1}), tridiagonal with zero
 * diagonal and off-diagonal √k, k = 1…n−1 (our symEig, src/math/symEig.ts). Departures from plain Golub–Welsch, for
 * full relative accuracy of the small outer weights: each node gets two Newton steps on the orthonormal
 * p_n = He_n/√(n!), and the weights come from the Christoffel function w_k = 1 / Σ_{j<n} p_j(x_k)², then are
 * symmetrized and normalized to sum 1. Cached per n.
 */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GAUSS_HERMITE_NODES) {
    throw new Error(`Gauss–Hermite nodes must be an integer from 1 to ${MAX_GAUSS_HERMITE_NODES}, got ${String(n)}`);
  }
  const hit = cache.get(n);
  if (hit) return hit;
  const jac = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    jac[(k - 1) * n + k] = Math.sqrt(k);
    jac[k * n + k - 1] = Math.sqrt(k);
  }
  const eig = symEig(jac, n, createSymEigWorkspace(n));
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let x = eig.values[k]!;
    for (let it = 0; it < 2; it++) {
      const { p, dp } = orthonormalHermite(x, n);
      if (dp !== 0 && Number.isFinite(p / dp)) x -= p / dp;
    }
    nodes[k] = x;
    weights[k] = 1 / orthonormalHermite(x, n).christoffel;
  }
  for (let k = 0; k < n >> 1; k++) {
    const j = n - 1 - k;
    const x = 0.5 * (nodes[j]! - nodes[k]!);
    const w = 0.5 * (weights[j]! + weights[k]!);
    nodes[k] = -x;
    nodes[j] = x;
    weights[k] = w;
    weights[j] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weights[k]!;
  for (let k = 0; k < n; k++) weights[k] = weights[k]! / sum;
  const rule = { n, nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * Orthonormal probabilists' Hermite polynomials p_j = He_j/√(j!) at x by the three-term recurrence
 * p_{j+1} = (x p_j − √j p_{j−1})/√(j+1): returns p_n(x), p_n'(x) (= √n p_{n−1}) and Σ_{j<n} p_j(x)².
 */
function orthonormalHermite(x: number, n: number): { p: number; dp: number; christoffel: number } {
  let prev = 0;
  let cur = 1;
  let christoffel = 0;
  for (let j = 0; j < n; j++) {
    christoffel += cur * cur;
    const next = (x * cur - Math.sqrt(j) * prev) / Math.sqrt(j + 1);
    prev = cur;
    cur = next;
  }
  return { p: cur, dp: Math.sqrt(n) * prev, christoffel };
}

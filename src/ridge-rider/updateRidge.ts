import { spectralScale } from './getRidges';

/** Options of the exact UpdateRidge. */
export interface UpdateRidgeOptions {
  /**
   * Continuity rule for (nearly) repeated eigenvalues, on by default: when the best-matching eigenvalue λ_k has
   * neighbours within clusterTol·s (s = max_j |λ_j|, chained as in getRidges' groups), the new direction is the
   * projection of the previous one onto that whole eigenspace, renormalized, instead of one arbitrary basis vector.
   */
  continuity?: boolean;
  /** Relative width of a cluster. Default 1e-6 (as GetRidges' groupTol). */
  clusterTol?: number;
}

export const UPDATE_RIDGE_DEFAULTS = { continuity: true, clusterTol: 1e-6 } as const;

/**
 * Eigenpairs as UpdateRidge reads them: values[j] with the unit vector vectors[j·n … j·n + n − 1], for the whole
 * spectrum (math/symEig.ts) or for some of it (the k smallest by Lanczos).
 */
export interface EigenPairs {
  readonly n: number;
  readonly values: ArrayLike<number>;
  readonly vectors: ArrayLike<number>;
}

/** Eigenpairs from separate vectors (an eigensolver's result, math/lanczos.ts) packed as UpdateRidge reads them. */
export function packPairs(n: number, values: ArrayLike<number>, vectors: readonly ArrayLike<number>[]): EigenPairs {
  const packed = new Float64Array(values.length * n);
  vectors.forEach((v, i) => packed.set(v, i * n));
  return { n, values, vectors: packed };
}

/** What UpdateRidge found. */
export interface RidgeUpdate {
  /** λ of the followed ridge: λ_k, or the Rayleigh quotient dᵀHd = Σ_c ⟨v_c, d_prev⟩² λ_c / Σ_c ⟨v_c, d_prev⟩² over a cluster. */
  readonly lambda: number;
  /** ⟨d_new, d_prev⟩ ∈ [0, 1]: |⟨v_k, d_prev⟩|, or the norm of the projection onto the cluster. */
  readonly overlap: number;
  /** k, the best-matching eigen-index (ascending order), and the size of its cluster (1 without the continuity rule). */
  readonly eig: number;
  readonly cluster: number;
}

/**
 * Exact UpdateRidge (paper §3, "we recompute the spectrum of the Hessian after every parameter update, find the
 * EVec with greatest overlap"): with H(θ) = Σ_j λ_j v_j v_jᵀ and the previous direction d_prev,
 *   k = argmax_j |⟨v_j, d_prev⟩|,   d_new = sign(⟨v_k, d_prev⟩)·v_k,   λ = λ_k,
 * so ⟨d_new, d_prev⟩ > 0 (the direction is preserved; the index k may differ from the ridge's original i, as the
 * paper notes). Departure: the continuity rule (UpdateRidgeOptions) for clusters of equal eigenvalues, where any
 * basis is valid and a plain argmax can jump between basis vectors from one step to the next:
 *   d_new = P d_prev / ‖P d_prev‖,  P = Σ_{c ∈ cluster(k)} v_c v_cᵀ.
 * Over the eigenpairs given: with part of the spectrum, k, the clusters and the scale s are among those.
 * Writes d_new to `out` (length n; may not alias `prev`).
 */
export function updateRidgeExact(spec: EigenPairs, prev: ArrayLike<number>, out: Float64Array, opts: UpdateRidgeOptions = {}): RidgeUpdate {
  const { n, values, vectors } = spec;
  const count = values.length;
  const continuity = opts.continuity ?? UPDATE_RIDGE_DEFAULTS.continuity;
  const tol = opts.clusterTol ?? UPDATE_RIDGE_DEFAULTS.clusterTol;
  let k = 0;
  let best = -1;
  let bestDot = 0;
  for (let j = 0; j < count; j++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += vectors[j * n + i]! * prev[i]!;
    if (Math.abs(dot) > best) { best = Math.abs(dot); bestDot = dot; k = j; }
  }
  let lo = k;
  let hi = k;
  if (continuity) {
    const width = tol * spectralScale(values, count);
    while (lo > 0 && values[lo]! - values[lo - 1]! <= width) lo--;
    while (hi < count - 1 && values[hi + 1]! - values[hi]! <= width) hi++;
  }
  if (lo === hi) {
    const sgn = bestDot < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) out[i] = sgn * vectors[k * n + i]!;
    return { lambda: values[k]!, overlap: best, eig: k, cluster: 1 };
  }
  out.fill(0, 0, n);
  let w2 = 0;
  let wl = 0;
  for (let c = lo; c <= hi; c++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += vectors[c * n + i]! * prev[i]!;
    for (let i = 0; i < n; i++) out[i] = out[i]! + dot * vectors[c * n + i]!;
    w2 += dot * dot;
    wl += dot * dot * values[c]!;
  }
  const norm = Math.sqrt(w2);
  for (let i = 0; i < n; i++) out[i] = out[i]! / norm;
  return { lambda: wl / w2, overlap: norm, eig: k, cluster: hi - lo + 1 };
}

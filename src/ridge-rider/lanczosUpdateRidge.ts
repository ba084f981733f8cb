import { lanczosSteps } from '../math/lanczos';
import { vecDot, vecNorm } from '../math/vec';

/** The eigensolver's settings for UpdateRidge by Lanczos. */
export interface LanczosUpdateOptions {
  /** Eigenpairs computed at the new θ: the k smallest. */
  readonly k: number;
  /** Relative residual and product cap (math/lanczos.ts). */
  readonly tol: number;
  readonly maxMatvecs: number;
  readonly seed?: number;
}

/** The exact eigenvector nearest the old direction, its eigenvalue and |⟨v, ê′⟩|, and the products used. */
export interface LanczosUpdateResult {
  readonly e: Float64Array;
  readonly lambda: number;
  readonly overlap: number;
  readonly matvecs: number;
}

/**
 * UpdateRidge by the exact version's rule (Parker-Holder et al. 2020, §4: "recompute the spectrum of the Hessian after
 * every parameter update, find the EVec with greatest overlap, and then step along this updated direction"), with the
 * spectrum's negative end computed from H v products alone: Lanczos (math/lanczos.ts) for the k smallest eigenpairs of
 * H(θ), its Krylov space started from the old direction ê′, and the eigenvector v maximizing |⟨v, ê′⟩| taken, with its
 * eigenvalue. Unlike Algorithm 2's few gradient steps (approxUpdateRidge.ts), the new direction is an eigenvector to
 * the solver's tolerance whatever the eigen-gaps, so a ride stays on a ridge of H(θ) as long as the ridge stays among
 * the k smallest. The sign is left to the caller (the one that continues ê′).
 */
export function* lanczosUpdateRidgeSteps(e0: ArrayLike<number>, o: LanczosUpdateOptions): Generator<Float64Array, LanczosUpdateResult, ArrayLike<number>> {
  const n = e0.length;
  const norm = vecNorm(e0, n);
  if (!(norm > 0)) throw new Error('the ridge direction is zero');
  const r = yield* lanczosSteps(n, { k: o.k, which: 'smallest', tol: o.tol, maxMatvecs: o.maxMatvecs, seed: o.seed ?? 1, start: e0, verify: false });
  let best = -1;
  let overlap = -1;
  r.vectors.forEach((v, i) => {
    const d = Math.abs(vecDot(v, e0, n)) / norm;
    if (d > overlap) { overlap = d; best = i; }
  });
  if (best < 0) throw new Error('Lanczos found no eigenpair');
  return { e: Float64Array.from(r.vectors[best]!), lambda: r.values[best]!, overlap, matvecs: r.matvecs };
}

import { lanczosSteps } from '../math/lanczos';
import { vecNorm } from '../math/vec';
import { packPairs, updateRidgeExact } from './updateRidge';

/** The eigensolver's settings for UpdateRidge by Lanczos. */
export interface LanczosUpdateOptions {
  /** Eigenpairs computed at the new θ: the k smallest. */
  readonly k: number;
  /** Relative residual and product cap (math/lanczos.ts). */
  readonly tol: number;
  readonly maxMatvecs: number;
  readonly seed?: number;
}

/** The new direction, its eigenvalue and overlap with ê′ as the exact rule gives them (updateRidge.ts), and the products used. */
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
 * H(θ), its Krylov space started from the old direction ê′, then exact Ridge Rider's UpdateRidge on those pairs
 * (updateRidge.ts: the eigenvector v maximizing |⟨v, ê′⟩|, with its eigenvalue and the sign that continues ê′, or
 * the projection on a cluster of equal eigenvalues). Unlike Algorithm 2's few gradient steps (approxUpdateRidge.ts), the new direction is an eigenvector to
 * the solver's tolerance whatever the eigen-gaps, so a ride stays on a ridge of H(θ) as long as the ridge stays among
 * the k smallest.
 */
export function* lanczosUpdateRidgeSteps(e0: ArrayLike<number>, o: LanczosUpdateOptions): Generator<Float64Array, LanczosUpdateResult, ArrayLike<number>> {
  const n = e0.length;
  const norm = vecNorm(e0, n);
  if (!(norm > 0)) throw new Error('the ridge direction is zero');
  const r = yield* lanczosSteps(n, { k: o.k, which: 'smallest', tol: o.tol, maxMatvecs: o.maxMatvecs, seed: o.seed ?? 1, start: e0, verify: false });
  if (r.values.length === 0) throw new Error('Lanczos found no eigenpair');
  const e = new Float64Array(n);
  const u = updateRidgeExact(packPairs(n, r.values, r.vectors), e0, e);
  return { e, lambda: u.lambda, overlap: u.overlap / norm, matvecs: r.matvecs };
}

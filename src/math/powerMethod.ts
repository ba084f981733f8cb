import type { LanczosResult, LanczosSteps } from './lanczos';
import { normalFill, rngFromSeed } from './rng';
import { vecDot, vecNorm } from './vec';

export interface PowerOptions {
  /** The k most negative eigenpairs. */
  readonly k: number;
  /** Converged when ‖H v − λ v‖ ≤ tol · ρ, ρ the estimate of ‖H‖. Default 1e-6. */
  readonly tol?: number;
  /** Cap on products H v, the estimate of ‖H‖ included. Default 1000. */
  readonly maxMatvecs?: number;
  /** Iterations of the estimate of ‖H‖. Default 20. */
  readonly normIterations?: number;
  /** Seed of the random start vectors. Default 1. */
  readonly seed?: number;
}

/**
 * The power method for the most negative eigenpairs of a symmetric H known through products (von Mises and
 * Pollaczek-Geiringer 1929), the simple alternative to Lanczos in Ridge Rider's GetRidges (Parker-Holder et al. 2020,
 * §3: "the Power/Lanczos method"). First ρ ≤ ‖H‖ from power iterations on H (‖H v‖ for unit v, the largest seen).
 * Then, pair by pair, power iterations on the shifted B = 1.05 ρ I − H, whose dominant eigenvalue is 1.05 ρ − λ_min
 * (H's most negative) whenever 1.05 ρ > (λ_max + λ_min)/2, which holds once ρ > ‖H‖/2.1; each iterate is
 * orthogonalized against the pairs found (deflation). A pair is
 * done when ‖H v − λ v‖ ≤ tol · ρ (λ = vᵀ H v), from the product the iteration takes anyway, or when the cap stops it.
 * Each product shrinks the error by (1.05 ρ − λ₂)/(1.05 ρ − λ₁), so clustered eigenvalues converge slowly: that is
 * what Lanczos is for. A generator of products like lanczosSteps (drive it with driveSync or driveAsync); the
 * residuals are those of the last product of each pair, and `restarts` is 0.
 */
export function* powerSteps(n: number, o: PowerOptions): LanczosSteps {
  if (!Number.isInteger(n) || n < 1) throw new Error(`the operator's size must be a positive integer, got ${String(n)}`);
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > n) throw new Error(`k must be an integer from 1 to ${n}, got ${String(o.k)}`);
  const tol = o.tol ?? 1e-6;
  if (!(tol > 0)) throw new Error(`tol must be positive, got ${String(tol)}`);
  const cap = o.maxMatvecs ?? 1000;
  const rng = rngFromSeed(o.seed ?? 1);
  let matvecs = 0;
  const unit = (v: Float64Array, found: readonly Float64Array[]): number => {
    for (let pass = 0; pass < 2; pass++) for (const u of found) { const d = vecDot(u, v, n); for (let i = 0; i < n; i++) v[i] = v[i]! - d * u[i]!; }
    const s = vecNorm(v, n);
    if (s > 0) for (let i = 0; i < n; i++) v[i] = v[i]! / s;
    return s;
  };
  let v = normalFill(rng, new Float64Array(n));
  unit(v, []);
  let rho = 0;
  for (let it = 0; it < (o.normIterations ?? 20) && matvecs < cap; it++) {
    const hv = Float64Array.from(yield v);
    matvecs++;
    const s = vecNorm(hv, n);
    rho = Math.max(rho, s);
    if (s === 0) break;
    for (let i = 0; i < n; i++) v[i] = hv[i]! / s;
  }
  const shift = 1.05 * rho;
  const found: Float64Array[] = [];
  const values: number[] = [];
  const residuals: number[] = [];
  let converged = rho > 0;
  for (let j = 0; j < o.k; j++) {
    v = normalFill(rng, new Float64Array(n));
    unit(v, found);
    let lambda = Number.NaN;
    let residual = Infinity;
    for (;;) {
      if (matvecs >= cap) { converged = false; break; }
      const hv = yield v;
      matvecs++;
      lambda = vecDot(v, hv, n);
      let r = 0;
      for (let i = 0; i < n; i++) r += (hv[i]! - lambda * v[i]!) ** 2;
      residual = Math.sqrt(r);
      if (residual <= tol * rho) break;
      const w = Float64Array.from(v, (x, i) => shift * x - hv[i]!);
      if (!(unit(w, found) > 0)) break;
      v = w;
    }
    found.push(v);
    values.push(lambda);
    residuals.push(residual);
  }
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const result: LanczosResult = {
    values: Float64Array.from(order, (i) => values[i]!), vectors: order.map((i) => found[i]!), residuals: Float64Array.from(order, (i) => residuals[i]!),
    matvecs, restarts: 0, converged, scale: rho,
  };
  return result;
}

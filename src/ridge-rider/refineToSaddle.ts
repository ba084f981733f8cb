import { vecNorm, vecFinite } from '../math/vec';
import { fmtNum } from '../math/fmtNum';
import type { Domain } from '../landscapes/grid';
import { findCriticalPoints, type CriticalPoint } from '../math/criticalPoints';
import { createSymEigWorkspace, symEig } from '../math/symEig';

import { type RidgeObjective } from './objective';

export interface RefineOptions {
  /** Newton iterations. Default 50. */
  maxIter?: number;
  /** Converged when ‖∇L‖ ≤ gradTol·max(1, |L|). Default 1e-10. */
  gradTol?: number;
  /** Longest step ‖Δθ‖. Default: unlimited. */
  maxStep?: number;
  /** An eigenvalue with |λ| ≤ degenerateTol·max|λ_j| counts as zero when classifying. Default 1e-8. */
  degenerateTol?: number;
}

export type PointKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate';

export interface RefinedPoint {
  readonly theta: number[];
  readonly f: number;
  readonly gradNorm: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** Hessian eigenvalues at theta, ascending. */
  readonly eigenvalues: number[];
  readonly kind: PointKind;
  /** Eigenvalues below −degenerateTol·s: the ridges Ridge Rider would have there (per sign). */
  readonly negativeCount: number;
  readonly hasNegativeCurvature: boolean;
  readonly message: string;
}

/**
 * A starting point for Ridge Rider (§3: "we start at or near a strict saddle point θ^MIS") from a click θ₀: Newton's
 * method on ∇L = 0, which converges to saddles and maxima as readily as to minima (Dauphin et al. 2014, §3). With
 * H = Σ λ_i v_i v_iᵀ and g = ∇L, the step is the Levenberg–Marquardt step on the residual g,
 *   Δθ(μ) = −(H² + μI)⁻¹ H g = −Σ_i λ_i⟨v_i, g⟩/(λ_i² + μ) v_i,
 * with μ = 0 (plain Newton) first, then μ ∈ {10⁻⁶, 10⁻³, 10⁻¹, 1, 10}·s², s = max|λ_i|, each with up to 4 halvings,
 * the first that lowers ‖∇L‖ accepted. Reports the point reached, its Hessian spectrum and kind, and whether it
 * has negative curvature (ridges to ride). Throws only for invalid input.
 */
export function refineToSaddle(obj: RidgeObjective, start: ArrayLike<number>, opts: RefineOptions = {}): RefinedPoint {
  const n = obj.n;
  if (start.length !== n || !vecFinite(start, n)) throw new Error(`start must be ${n} finite numbers`);
  const maxIter = opts.maxIter ?? 50;
  const gradTol = opts.gradTol ?? 1e-10;
  const maxStep = opts.maxStep ?? Infinity;
  const degTol = opts.degenerateTol ?? 1e-8;
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const trial = new Float64Array(n);
  const step = new Float64Array(n);
  let g = new Float64Array(n);
  let gt = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const scratch = new Float64Array(n * n);
  let f = obj.evaluate(theta, g, hess);
  const eig = createSymEigWorkspace(n);
  let it = 0;
  let converged = false;
  let ok = Number.isFinite(f) && vecFinite(g, n) && vecFinite(hess, n * n);
  for (; ok && it < maxIter; it++) {
    const gn = vecNorm(g, n);
    if (gn <= gradTol * Math.max(1, Math.abs(f))) { converged = true; break; }
    symEig(hess, n, eig);
    const s = Math.max(...Array.from(eig.values, Math.abs));
    let moved = false;
    for (const m of [0, 1e-6, 1e-3, 1e-1, 1, 10]) {
      const mu = m * s * s;
      step.fill(0);
      for (let i = 0; i < n; i++) {
        const l = eig.values[i]!;
        const denom = l * l + mu;
        if (!(denom > 0) || (mu === 0 && Math.abs(l) <= 1e-12 * s)) continue;
        let c = 0;
        for (let k = 0; k < n; k++) c += eig.vectors[i * n + k]! * g[k]!;
        const w = (-l * c) / denom;
        for (let k = 0; k < n; k++) step[k] = step[k]! + w * eig.vectors[i * n + k]!;
      }
      const len = vecNorm(step, n);
      if (!(len > 0) || !Number.isFinite(len)) continue;
      let t = Math.min(1, maxStep / len);
      for (let h = 0; h < 5 && !moved; h++, t *= 0.5) {
        for (let k = 0; k < n; k++) trial[k] = theta[k]! + t * step[k]!;
        const ft = obj.evaluate(trial, gt, scratch);
        if (Number.isFinite(ft) && vecFinite(gt, n) && vecFinite(scratch, n * n) && vecNorm(gt, n) < gn) {
          theta.set(trial);
          [g, gt] = [gt, g];
          hess.set(scratch);
          f = ft;
          moved = true;
        }
      }
      if (moved) break;
    }
    if (!moved) break;
  }
  if (!ok) return classify(theta, f, g, hess, n, eig, false, 0, degTol, 'L, ∇L or ∇²L is not finite at the start');
  const gn = vecNorm(g, n);
  if (!converged && gn <= gradTol * Math.max(1, Math.abs(f))) converged = true;
  ok = converged;
  return classify(theta, f, g, hess, n, eig, ok, it, degTol, ok ? '' : `Newton stalled after ${it} iterations at ‖∇L‖ = ${fmtNum(gn)}`);
}

function classify(theta: Float64Array, f: number, g: Float64Array, hess: Float64Array, n: number, eig: ReturnType<typeof createSymEigWorkspace>,
  converged: boolean, iterations: number, degTol: number, failure: string): RefinedPoint {
  symEig(hess, n, eig);
  const values = Array.from(eig.values);
  const s = Math.max(0, ...values.map(Math.abs));
  const tol = degTol * s;
  const neg = values.filter((l) => l < -tol).length;
  const pos = values.filter((l) => l > tol).length;
  const kind: PointKind = neg + pos < n || !values.every(Number.isFinite) ? 'degenerate' : neg === n ? 'maximum' : pos === n ? 'minimum' : 'saddle';
  const where = `(${Array.from(theta.subarray(0, Math.min(n, 4)), fmtNum).join(', ')}${n > 4 ? ', …' : ''})`;
  const what = kind === 'degenerate' ? 'a degenerate point' : `a ${kind}`;
  const message = failure
    ? `${failure}; ${where} is not a critical point`
    : `converged to ${what} at ${where}, L = ${fmtNum(f)}, λ_min = ${fmtNum(values[0]!)}${neg > 0 ? `: ${neg} negative eigenvalue${neg === 1 ? '' : 's'}` : ': no negative curvature, nothing to ride'}`;
  return {
    theta: Array.from(theta), f, gradNorm: vecNorm(g, n), converged, iterations, eigenvalues: values, kind,
    negativeCount: neg, hasNegativeCurvature: neg > 0, message,
  };
}

/** A saddle or maximum offered instead of a point without negative curvature. */
export interface SaddleSuggestion {
  readonly point: CriticalPoint;
  /** Distance from the click. */
  readonly distance: number;
}

/**
 * refineToSaddle for a 2D surface, plus a suggestion when the refined point has no negative curvature (a minimum)
 * or Newton failed: the saddle or maximum nearest to the click among math/criticalPoints' points of `domain`
 * (seeded; null when there is none). Newton's steps are capped at half the domain diagonal unless `maxStep` is given.
 * Needs `obj.surface`.
 */
export function refineToSaddle2D(obj: RidgeObjective, click: readonly [number, number], domain: Domain, opts: RefineOptions & { seed?: number } = {}):
  RefinedPoint & { readonly suggestion: SaddleSuggestion | null } {
  if (obj.n !== 2 || !obj.surface) throw new Error('refineToSaddle2D needs a 2D objective with a surface');
  const refined = refineToSaddle(obj, click, { maxStep: 0.5 * Math.hypot(domain.x1 - domain.x0, domain.y1 - domain.y0), ...opts });
  if (refined.converged && refined.hasNegativeCurvature) return { ...refined, suggestion: null };
  const candidates = findCriticalPoints(obj.surface, domain, { seed: opts.seed ?? 1 })
    .filter((p) => p.kind === 'saddle' || p.kind === 'maximum')
    .map((p) => ({ point: p, distance: Math.hypot(p.x - click[0], p.y - click[1]) }))
    .sort((a, b) => a.distance - b.distance);
  const suggestion = candidates[0] ?? null;
  const hint = suggestion
    ? `; the nearest ${suggestion.point.kind} is (${fmtNum(suggestion.point.x)}, ${fmtNum(suggestion.point.y)}) at distance ${fmtNum(suggestion.distance)}`
    : '; there is no saddle or maximum in the domain';
  return { ...refined, message: refined.message + hint, suggestion };
}

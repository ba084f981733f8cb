import { driveAsync, lanczosSteps } from '../math/lanczos';
import { powerSteps } from '../math/powerMethod';
import { vecDot, vecFinite, vecNorm } from '../math/vec';
import { STOP_DEFAULTS } from '../optimizers/stopCriteria';
import { approxUpdateRidgeSteps, type ApproxUpdateOptions } from './approxUpdateRidge';
import type { CurvatureOracle, CurvatureProbe } from './curvature';
import type { GdFinish } from './descend';
import { getRidges } from './getRidges';
import { lanczosUpdateRidgeSteps } from './lanczosUpdateRidge';
import { packPairs } from './updateRidge';

/** A loss known through its value, gradient and Hessian-vector products (a network: nn/hvp.ts). */
export interface HvpProblem {
  readonly n: number;
  /** L(θ) and ∇L(θ). */
  lossAndGradient(theta: Float64Array): Promise<{ f: number; grad: ArrayLike<number> }>;
  /** H(θ) v. */
  hvp(theta: Float64Array, v: Float64Array): Promise<ArrayLike<number>>;
}

/** Approximate Ridge Rider's curvature settings: GetRidges by Lanczos, UpdateRidge by Algorithm 2's gradient steps. */
export interface ApproxCurvatureOptions extends ApproxUpdateOptions {
  /** GetRidges: the k most negative eigenpairs. */
  readonly k: number;
  /** The eigensolver's relative residual and product cap per GetRidges. */
  readonly tol: number;
  readonly maxMatvecs: number;
  readonly seed?: number;
  /** GetRidges' eigensolver: Lanczos (math/lanczos.ts; the default) or the power method (math/powerMethod.ts). */
  readonly solver?: 'lanczos' | 'power';
  /**
   * UpdateRidge: 'gradient' (default), Algorithm 2's S gradient steps on ‖(1/λ)Hê − ê‖² (approxUpdateRidge.ts);
   * 'lanczos', the exact version's rule from products alone: the eigenvector of the k + 2 smallest nearest the old
   * direction (lanczosUpdateRidge.ts), at the GetRidges tolerance and product cap.
   */
  readonly update?: 'gradient' | 'lanczos';
}

/** A point as the approximate oracle measured it: θ, L, ∇L (no Hessian: only products with it). */
export interface ApproxProbe extends CurvatureProbe {
  readonly theta: Float64Array;
}

/** What the approximate oracle has spent, for the benchmarks and the readouts. */
export interface ApproxCounters {
  /** Hessian-vector products in GetRidges (Lanczos) and in UpdateRidge. */
  getRidgesMatvecs: number;
  followMatvecs: number;
  follows: number;
  gradients: number;
}

/**
 * Approximate Ridge Rider's curvature (Parker-Holder et al. 2020, §3 "Approximate RR", Algorithm 2) on a loss known
 * only through H v: GetRidges takes the k most negative eigenpairs by Lanczos (math/lanczos.ts, thick restarts, full
 * reorthogonalization) or, as a switch, the power method (math/powerMethod.ts); UpdateRidge refreshes (e, λ) after
 * each step by a few gradient steps on ‖(1/λ)Hê − ê‖² (approxUpdateRidge.ts) warm-started from the ride's previous
 * pair, or, as a switch, by Lanczos and the greatest overlap (lanczosUpdateRidge.ts); the new direction's sign is
 * chosen to continue the old one and its overlap with it reported for EndRide's δ_break test. The scale s of the
 * relative tolerances is the largest |λ| seen by the GetRidges where the ride branched off (its estimate of ‖H‖; the
 * last GetRidges' for a heading without a fingerprint), so a ride's end does not depend on the rides before it. The
 * finish is plain gradient descent. Asynchronous.
 */
export function approxCurvature(problem: HvpProblem, o: ApproxCurvatureOptions): { oracle: CurvatureOracle<ApproxProbe>; counters: ApproxCounters } {
  const n = problem.n;
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > n) throw new Error(`k must be an integer from 1 to ${n}, got ${String(o.k)}`);
  const counters: ApproxCounters = { getRidgesMatvecs: 0, followMatvecs: 0, follows: 0, gradients: 0 };
  let scale = 0;
  // s at each branching point, by the fingerprint of the ride that ended there ('' for the start).
  const scaleAt = new Map<string, number>();
  const measure = async (theta: ArrayLike<number>, spare: ApproxProbe | null): Promise<ApproxProbe> => {
    const t = spare?.theta ?? new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = theta[i]!;
    const { f, grad } = await problem.lossAndGradient(t);
    counters.gradients++;
    const g = Float64Array.from(grad);
    return { theta: t, f, grad: g, finite: Number.isFinite(f) && vecFinite(g, n), scale };
  };
  const oracle: CurvatureOracle<ApproxProbe> = {
    n,
    sync: false,
    probe: measure,
    async ridges(at, opts, context) {
      const asked = { k: o.k, tol: o.tol, maxMatvecs: o.maxMatvecs, seed: o.seed ?? 1 };
      const solver = o.solver === 'power' ? powerSteps(n, asked) : lanczosSteps(n, { ...asked, which: 'smallest' });
      const r = await driveAsync(solver, (v) => problem.hvp(at.theta, v));
      counters.getRidgesMatvecs += r.matvecs;
      scale = Math.max(r.scale, ...Array.from(r.values, Math.abs));
      (at as { scale: number }).scale = scale;
      if (context.fingerprint) scaleAt.set(context.fingerprint.join(), scale);
      return { ridges: getRidges({ ...packPairs(n, r.values, r.vectors), k: r.values.length, scale }, opts, context), lambdaMin: r.values[0] ?? NaN };
    },
    async follow(at, _from, heading, out) {
      if (heading.fingerprint) (at as { scale: number }).scale = scaleAt.get(heading.fingerprint.slice(0, -1).join()) ?? scale;
      const steps: Generator<Float64Array, { e: Float64Array; lambda: number; matvecs: number }, ArrayLike<number>> = o.update === 'lanczos'
        ? lanczosUpdateRidgeSteps(heading.direction, { k: Math.min(o.k + 2, n), tol: o.tol, maxMatvecs: o.maxMatvecs, seed: o.seed ?? 1 })
        : approxUpdateRidgeSteps(heading.direction, heading.lambda, o);
      const r = await driveAsync(steps, (v) => problem.hvp(at.theta, v));
      counters.followMatvecs += r.matvecs;
      counters.follows++;
      // cos(e, d): with `norm` 'carried' neither is a unit vector.
      const along = vecDot(r.e, heading.direction, n) / Math.max(vecNorm(heading.direction, n) * vecNorm(r.e, n), 1e-300);
      const sign = along < 0 ? -1 : 1;
      for (let i = 0; i < n; i++) out[i] = sign * r.e[i]!;
      return { lambda: r.lambda, overlap: Math.abs(along) };
    },
    descend: async (theta, opts, record) => gradientDescent(problem, theta, opts.lr, opts.maxSteps, record),
    checkDescend: () => undefined,
  };
  return { oracle, counters };
}

/**
 * Gradient descent θ ← θ − η∇L from θ₀ with the stop rules of ridge-rider/descend.ts ('converged' on the gradient or
 * step test, 'diverged' on a non-finite value, 'max-steps'), on a loss known through its gradient.
 */
export async function gradientDescent(problem: HvpProblem, start: ArrayLike<number>, lr: number, maxSteps: number, record: boolean): Promise<GdFinish> {
  const n = problem.n;
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const path: number[] = [];
  let { f, grad } = await problem.lossAndGradient(theta);
  const keep = () => { if (record) { path.push(...theta, f); } };
  const done = (steps: number, stop: GdFinish['stop']): GdFinish => ({ theta, f, steps, stop, ...(record ? { path: Float64Array.from(path) } : {}) });
  if (!Number.isFinite(f) || !vecFinite(grad, n)) return done(0, 'diverged');
  keep();
  for (let k = 1; k <= maxSteps; k++) {
    if (vecNorm(grad, n) <= STOP_DEFAULTS.gradTol * Math.max(1, Math.abs(f))) return done(k - 1, 'converged');
    const trial = Float64Array.from(theta, (x, i) => x - lr * grad[i]!);
    const next = await problem.lossAndGradient(trial);
    if (!Number.isFinite(next.f) || !vecFinite(next.grad, n) || !vecFinite(trial, n)) return done(k - 1, 'diverged');
    let step2 = 0;
    for (let i = 0; i < n; i++) step2 += (trial[i]! - theta[i]!) ** 2;
    theta.set(trial);
    ({ f, grad } = next);
    keep();
    if (Math.sqrt(step2) <= STOP_DEFAULTS.stepTol * Math.max(1, vecNorm(theta, n))) return done(k, 'converged');
  }
  return done(maxSteps, vecNorm(grad, n) <= STOP_DEFAULTS.gradTol * Math.max(1, Math.abs(f)) ? 'converged' : 'max-steps');
}

import { vecFinite, vecNorm } from '../math/vec';
import type { HvpProblem } from './approxCurvature';

export interface GradNormOptions {
  /** η of the steps θ ← θ − η H∇L. */
  readonly lr: number;
  readonly maxSteps: number;
  /** Stop when ‖∇L‖ ≤ tol. */
  readonly tol: number;
}

export interface GradNormResult {
  readonly theta: Float64Array;
  readonly f: number;
  readonly gradNorm: number;
  readonly steps: number;
  readonly stop: 'converged' | 'max-steps' | 'diverged';
  /** ‖∇L‖ after each step, the start's first. */
  readonly gradNorms: Float64Array;
}

/**
 * A near-MIS of a loss known through ∇L and H v (Parker-Holder et al. 2020, §3: Ridge Rider starts at a saddle): the
 * critical point nearest a (small, nearly symmetric) start, by gradient descent on ½‖∇L‖²,
 *   θ ← θ − η H(θ)∇L(θ)   (∇ ½‖∇L‖² = H∇L: one gradient and one product a step),
 * which, unlike descent on L, is attracted by saddles as well as minima. For a network the start is a tiny
 * initialization: all-zero weights are permutation-symmetric but sit on relu's kink.
 */
export async function gradNormDescent(problem: HvpProblem, start: ArrayLike<number>, o: GradNormOptions): Promise<GradNormResult> {
  const n = problem.n;
  if (!(o.lr > 0) || !Number.isFinite(o.lr)) throw new Error(`lr must be a positive number, got ${String(o.lr)}`);
  if (!Number.isInteger(o.maxSteps) || o.maxSteps < 0) throw new Error(`maxSteps must be a non-negative integer, got ${String(o.maxSteps)}`);
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const norms: number[] = [];
  let { f, grad } = await problem.lossAndGradient(theta);
  let g = Float64Array.from(grad);
  const done = (steps: number, stop: GradNormResult['stop']): GradNormResult => ({ theta, f, gradNorm: vecNorm(g, n), steps, stop, gradNorms: Float64Array.from(norms) });
  for (let k = 0; ; k++) {
    if (!Number.isFinite(f) || !vecFinite(g, n)) return done(k, 'diverged');
    norms.push(vecNorm(g, n));
    if (norms[k]! <= o.tol) return done(k, 'converged');
    if (k === o.maxSteps) return done(k, 'max-steps');
    const hg = await problem.hvp(theta, g);
    for (let i = 0; i < n; i++) theta[i] = theta[i]! - o.lr * hg[i]!;
    ({ f, grad } = await problem.lossAndGradient(theta));
    g = Float64Array.from(grad);
  }
}

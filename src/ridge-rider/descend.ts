import { vecNorm, vecFinite } from '../math/vec';
import { MAX_STEPS, type StopReason } from '../optimizers/methods';
import { runOptimizer } from '../optimizers/runOptimizer';
import { validateHyper } from '../optimizers/validateHyper';
import { STOP_DEFAULTS } from '../optimizers/stopCriteria';
import { type RidgeObjective } from './objective';

/** Options of plain gradient descent in ℝⁿ. */
export interface DescendOptions {
  /** Learning rate η > 0. */
  lr: number;
  /** Step budget. */
  maxSteps: number;
  /** Converged when ‖∇L‖ ≤ gradTol·max(1, |L|) (the optimizers' rule, optimizers/stopCriteria). Default 1e-6. */
  gradTol?: number;
  /** Record the path: (θ, L) per point, stride n + 1, start included. Default false. */
  record?: boolean;
  /** Checked after every step; true stops the run there with stop 'cancelled' and `stoppedEarly`. */
  stopWhen?: (theta: Float64Array, f: number) => boolean;
}

export interface DescendResult {
  readonly theta: Float64Array;
  readonly f: number;
  readonly steps: number;
  readonly stop: StopReason;
  readonly stoppedEarly: boolean;
  /** Present when `record`: stride n + 1. */
  readonly path?: Float64Array;
}

/**
 * Gradient descent θ_{k+1} = θ_k − η∇L(θ_k) in ℝⁿ (Cauchy 1847), with the stop rules of optimizers/optimizer.ts:
 * 'converged' on the gradient test (or a step shorter than 10⁻¹²·max(1, ‖θ‖)), 'diverged' on a non-finite θ, L or ∇L
 * (θ_k is kept), 'max-steps' when the budget is spent. The n-D counterpart of the app's 2D GD.
 */
export function descend(obj: RidgeObjective, start: ArrayLike<number>, o: DescendOptions): DescendResult {
  const n = obj.n;
  const gradTol = o.gradTol ?? STOP_DEFAULTS.gradTol;
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const trial = new Float64Array(n);
  let g = new Float64Array(n);
  let gt = new Float64Array(n);
  const path: number[] = [];
  const record = (f: number): void => {
    if (!o.record) return;
    for (let i = 0; i < n; i++) path.push(theta[i]!);
    path.push(f);
  };
  let f = obj.gradient(theta, g);
  const done = (steps: number, stop: StopReason, early = false): DescendResult => ({
    theta, f, steps, stop, stoppedEarly: early, ...(o.record ? { path: Float64Array.from(path) } : {}),
  });
  if (!Number.isFinite(f) || !vecFinite(g, n)) return done(0, 'diverged');
  record(f);
  for (let k = 1; k <= o.maxSteps; k++) {
    if (vecNorm(g, n) <= gradTol * Math.max(1, Math.abs(f))) return done(k - 1, 'converged');
    for (let i = 0; i < n; i++) trial[i] = theta[i]! - o.lr * g[i]!;
    const ft = obj.gradient(trial, gt);
    if (!Number.isFinite(ft) || !vecFinite(gt, n) || !vecFinite(trial, n)) return done(k - 1, 'diverged');
    let step2 = 0;
    for (let i = 0; i < n; i++) step2 += (trial[i]! - theta[i]!) ** 2;
    theta.set(trial);
    [g, gt] = [gt, g];
    f = ft;
    record(f);
    if (o.stopWhen?.(theta, f)) return done(k, 'cancelled', true);
    if (Math.sqrt(step2) <= STOP_DEFAULTS.stepTol * Math.max(1, vecNorm(theta, n))) return done(k, 'converged');
  }
  return done(o.maxSteps, vecNorm(g, n) <= gradTol * Math.max(1, Math.abs(f)) ? 'converged' : 'max-steps');
}

/** The optional gradient-descent finish at a ride's end. */
export interface GdFinishOptions {
  /** η. Default 0.01 (the app's GD default). */
  lr?: number;
  /** Step budget. Default 5000. */
  maxSteps?: number;
}

export const GD_FINISH_DEFAULTS = { lr: 0.01, maxSteps: 5000 } as const;

export interface GdFinish {
  readonly theta: Float64Array;
  readonly f: number;
  readonly steps: number;
  readonly stop: StopReason;
  /** With `record`: (θ, L) per point, stride n + 1, start included. */
  readonly path?: Float64Array;
}

/**
 * GD from a ride's end (paper §3: "until a locally convex region without any negative curvature is found, at which
 * point gradient descent could be performed to find a local optimum"). 2D objectives with a `surface` run through
 * optimizers/runOptimizer('gd'), the same engine as the app's GD; others through `descend`, with the same rules.
 */
export function gdFinish(obj: RidgeObjective, start: ArrayLike<number>, o: GdFinishOptions & { record?: boolean } = {}): GdFinish {
  const { lr, maxSteps } = resolveGdFinish(o);
  checkGdFinish(obj, { lr, maxSteps });
  if (obj.n === 2 && obj.surface) {
    const r = runOptimizer('gd', { lr }, obj.surface, [start[0]!, start[1]!], { maxSteps });
    return { theta: Float64Array.of(r.final[0], r.final[1]), f: r.f, steps: r.steps, stop: r.stop, ...(o.record ? { path: r.points } : {}) };
  }
  const r = descend(obj, start, { lr, maxSteps, record: o.record ?? false });
  return { theta: r.theta, f: r.f, steps: r.steps, stop: r.stop, ...(r.path ? { path: r.path } : {}) };
}

/**
 * Defaults and validation of the GD finish (throws an Error naming the option): lr > 0 and finite; maxSteps an
 * integer in [0, MAX_STEPS].
 */
export function resolveGdFinish(o: GdFinishOptions = {}): Required<GdFinishOptions> {
  const lr = o.lr ?? GD_FINISH_DEFAULTS.lr;
  const maxSteps = o.maxSteps ?? GD_FINISH_DEFAULTS.maxSteps;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`GD finish lr must be a positive number, got ${String(lr)}`);
  if (!Number.isInteger(maxSteps) || maxSteps < 0 || maxSteps > MAX_STEPS) throw new Error(`GD finish maxSteps must be an integer in [0, ${MAX_STEPS}], got ${String(maxSteps)}`);
  return { lr, maxSteps };
}

/** The 2D path runs the app's GD (runOptimizer), whose range for lr is [10⁻⁵, 10]: checked here (throws). */
export function checkGdFinish(obj: RidgeObjective, o: Required<GdFinishOptions>): void {
  if (obj.n === 2 && obj.surface) validateHyper('gd', { lr: o.lr });
}

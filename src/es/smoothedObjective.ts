import { mcSampleSetFrom, smooth, type SmoothOptions } from './smoothing';
import type { SmoothingTarget } from './smoothingTarget';

/**
 * The Gaussian-smoothed surface f_σ(x) = E_{ε~N(0,I)}[f(x + σε)] as an objective the optimizers and the critical-point
 * finder can use (the same `jet` interface as a formula's): f_σ and ∇f_σ from `smooth` (a closed form, the exact
 * piecewise integral, Gauss–Hermite quadrature or Monte Carlo with fixed common random numbers, as `options` say), and
 * the Hessian ∇²f_σ by central differences of ∇f_σ with step h = HESSIAN_STEP·σ (error O(h²) for the smooth f_σ;
 * symmetrized). Each jet costs five smoothing queries, or one with `hessian: false` (the Hessian entries are then NaN:
 * for the first-order methods, which never read them). Monte Carlo keeps its sample set across queries, so f_σ is a
 * fixed smooth function of x (common random numbers), not a noisy one.
 */
export const HESSIAN_STEP = 1e-3;

export interface SmoothedObjective {
  value(p: ArrayLike<number>): number;
  jet(p: ArrayLike<number>, out: Float64Array): Float64Array;
  /** Smoothing queries made so far (each one integral of f). */
  readonly queries: () => number;
}

export function smoothedObjective(target: SmoothingTarget, sigma: number, options: SmoothOptions = {}, hessian = true): SmoothedObjective {
  if (target.dim !== 2) throw new Error('the smoothed objective is for surfaces f(x, y)');
  let queries = 0;
  // One sample set for every query: f_σ by Monte Carlo is then one fixed function of x.
  const opts: SmoothOptions = options.method === 'mc' && !options.sampleSet ? { ...options, sampleSet: mcSampleSetFrom(2, options) } : options;
  const at = (x: number, y: number) => {
    queries++;
    return smooth(target, [x, y], sigma, opts);
  };
  const h = HESSIAN_STEP * sigma;
  return {
    value: (p) => at(p[0]!, p[1]!).value,
    jet(p, out) {
      const x = p[0]!;
      const y = p[1]!;
      const c = at(x, y);
      out[0] = c.value;
      out[1] = c.gradient[0]!;
      out[2] = c.gradient[1]!;
      if (!hessian || !Number.isFinite(c.value)) { out[3] = out[4] = out[5] = NaN; return out; }
      const gxp = at(x + h, y).gradient;
      const gxm = at(x - h, y).gradient;
      const gyp = at(x, y + h).gradient;
      const gym = at(x, y - h).gradient;
      out[3] = (gxp[0]! - gxm[0]!) / (2 * h);
      out[5] = (gyp[1]! - gym[1]!) / (2 * h);
      out[4] = ((gxp[1]! - gxm[1]!) + (gyp[0]! - gym[0]!)) / (4 * h);
      return out;
    },
    queries: () => queries,
  };
}

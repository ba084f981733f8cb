/**
 * How the surface shows the Gaussian-smoothed landscape f_σ(x) = E[f(x + σε)] (smoothing.ts): one type for the app,
 * the link and the surface worker (runners/smoothedGrid.ts).
 */
export const SMOOTH_VIEW_METHODS = ['auto', 'quadrature', 'mc'] as const;
export type SmoothViewMethod = (typeof SMOOTH_VIEW_METHODS)[number];

export interface SmoothSettings {
  /** Show f_σ instead of f. */
  on: boolean;
  /** σ > 0. */
  sigma: number;
  /**
   * auto: a closed form where one is known, else the piecewise method for formulas with min, max, abs, sign, floor,
   * ceil or round (smoothingPiecewise.ts), else Gauss–Hermite quadrature; mc: Monte Carlo with common random numbers.
   */
  method: SmoothViewMethod;
  /** Monte Carlo samples N. */
  samples: number;
  /** The optimizers descend f_σ instead of f (while f_σ is shown), as evolution strategies effectively do. */
  optimize: boolean;
}

export const MAX_SMOOTH_SAMPLES = 65_536;

export function defaultSmoothSettings(): SmoothSettings {
  return { on: false, sigma: 0.5, method: 'auto', samples: 1024, optimize: false };
}

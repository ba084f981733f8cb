import type { MethodId } from './methods';

/**
 * The largest step size η with which a method converges on a quadratic whose Hessian has largest eigenvalue λ > 0
 * (the local model at a point): the update contracts along the stiffest direction only below it.
 *   gradient descent   η < 2/λ                      (|1 − ηλ| < 1)
 *   heavy ball         η < 2(1 + β)/λ               (Polyak 1964; the classic bound, e.g. Goh, "Why Momentum Really
 *                                                     Works", Distill 2017, §"The dynamics of momentum")
 *   Nesterov           η < 2(1 + β)/((1 + 2β) λ)    (the same analysis for the look-ahead gradient ∇f(x − ηβv))
 * Infinity where λ ≤ 0 (no curvature to overshoot) and for the methods without a fixed step (Adam, damped Newton).
 */
export function stepSizeLimit(method: MethodId, lambdaMax: number, beta = 0.9): number {
  if (!(lambdaMax > 0) || !Number.isFinite(lambdaMax)) return Infinity;
  switch (method) {
    case 'gd': return 2 / lambdaMax;
    case 'momentum': return (2 * (1 + beta)) / lambdaMax;
    case 'nesterov': return (2 * (1 + beta)) / ((1 + 2 * beta) * lambdaMax);
    default: return Infinity;
  }
}

/** A step size to suggest below a limit: the largest of 1, 2 and 5 × 10^k that is at most half of it. */
export function suggestedStepSize(limit: number): number {
  if (!Number.isFinite(limit) || limit <= 0) return NaN;
  const half = limit / 2;
  const e = Math.floor(Math.log10(half));
  for (const m of [5, 2, 1]) {
    const v = Number((m * 10 ** e).toPrecision(12));
    if (v <= half) return v;
  }
  return Number((10 ** (e - 1) * 5).toPrecision(12));
}

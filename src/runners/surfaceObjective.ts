import { smoothedObjective } from '../es/smoothedObjective';
import { JetEvaluator } from '../landscapes/expression/jet';
import type { Tape } from '../landscapes/expression/tape';
import type { Domain } from '../landscapes/grid';
import { findCriticalPoints, type CriticalPoint } from '../math/criticalPoints';
import type { Objective } from '../optimizers/objective';
import type { SmoothedRuns } from '../protocol/messages';
import { gridInterpolant } from '../math/gridInterpolant';
import { smoothedGridJs, targetOf } from './smoothedGrid';

/**
 * The surface the optimizers run on: f itself, or the smoothed f_σ (es/smoothedObjective.ts) when asked, with its
 * Hessian only for a method that uses it (damped Newton): a jet of f_σ then costs one smoothing integral, not five.
 */
export function surfaceObjective(tape: Tape, landscape: string, smooth?: SmoothedRuns, hessian = true): Objective {
  if (!smooth) return new JetEvaluator(tape);
  return smoothedObjective(targetOf(tape, landscape), smooth.sigma, { method: smooth.method, samples: smooth.samples, seed: smooth.seed }, hessian);
}

/** Side of the grid of f_σ whose interpolant the critical points of the smoothed surface are found on. */
export const SMOOTH_CRITICAL_GRID = 64;

/**
 * The critical points shown on the surface: of f (math/criticalPoints.ts), or of the smoothed f_σ. Newton on f_σ
 * itself would cost five smoothing integrals a jet (minutes for a formula with kinks); instead f_σ is computed on a
 * SMOOTH_CRITICAL_GRID² grid by the surface's own method (smoothedGridJs, about a second at most) and the critical
 * points are those of its bicubic interpolant (math/gridInterpolant.ts): located to a small fraction of the grid
 * spacing where f_σ varies on the scale of σ ≥ the spacing, and classified by the interpolant's curvature.
 */
export function surfaceCriticalPoints(tape: Tape, domain: Domain, seed: number, smooth?: SmoothedRuns & { readonly landscape: string }): CriticalPoint[] {
  if (!smooth) return findCriticalPoints(new JetEvaluator(tape), domain, { seed });
  const spec = { domain, nx: SMOOTH_CRITICAL_GRID, ny: SMOOTH_CRITICAL_GRID };
  const fields = smoothedGridJs(tape, smooth.landscape, spec, { on: true, sigma: smooth.sigma, method: smooth.method, samples: smooth.samples, optimize: false }, smooth.seed);
  return findCriticalPoints(gridInterpolant(fields.f, fields.spec), domain, { seed });
}

import { landscapeById } from '../landscapes/registry';
import { curvatureKind } from '../math/symEig2';
import { isMethodId } from '../optimizers/methods';
import { stepSizeLimit, suggestedStepSize } from '../optimizers/stepSizeLimit';
import type { AppParams } from '../store/params';
import type { RunTrack } from '../store/appStore';
import { currentFormula } from '../store/appStore';
import { jetAt } from './jetAt';

const num = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(3)).toString());

/** What a first-order method's step size means at a point: the stability limit from the curvature there, and a suggestion. */
export interface StepAdvice {
  readonly lambdaMax: number;
  readonly limit: number;
  readonly suggestion: number;
}

/** The step-size advice for a method at (x, y) of the current surface; null where it does not apply (Adam, Newton, λ_max ≤ 0). */
export function stepAdvice(p: AppParams, method: string, x: number, y: number): StepAdvice | null {
  if (!isMethodId(method)) return null;
  const at = jetAt(currentFormula(p), x, y);
  if (!at) return null;
  const lambdaMax = Math.max(at.eig.l1, at.eig.l2);
  const limit = stepSizeLimit(method, lambdaMax, p.hyper[method].beta ?? 0.9);
  if (!Number.isFinite(limit)) return null;
  return { lambdaMax, limit, suggestion: suggestedStepSize(limit) };
}

/**
 * Why a run ended, in words a student can act on: where a converged run stopped (a minimum, or a saddle or maximum,
 * which is not a minimum), and why a run diverged: a step size above the stability limit 2/λ_max at the start, a
 * surface with no minimum, or the engine's own reason.
 */
export function stopWords(r: RunTrack, p: AppParams): string {
  const n = Math.max(0, r.count - 1);
  const steps = `${n} step${n === 1 ? '' : 's'}`;
  if (r.stop === null) return 'running…';
  if (r.stop === 'cancelled') return 'cancelled';
  if (r.stop === 'max-steps') return `used its ${steps}`;
  const k = 3 * (r.count - 1);
  if (r.stop === 'converged') {
    if (r.count === 0) return 'converged';
    const at = jetAt(currentFormula(p), r.points[k]!, r.points[k + 1]!);
    if (!at) return 'converged';
    const scale = Math.max(Math.abs(at.eig.l1), Math.abs(at.eig.l2), 1e-300);
    const kind = curvatureKind(at.eig.l1, at.eig.l2, 1e-6 * scale);
    if (kind === 'minimum') return 'converged to a minimum';
    if (kind === 'saddle') return `stopped at a saddle point, not a minimum (λ = ${num(at.eig.l1)}, ${num(at.eig.l2)})`;
    if (kind === 'maximum') return `stopped at a maximum, not a minimum (λ = ${num(at.eig.l1)}, ${num(at.eig.l2)})`;
    return 'stopped where ∇f = 0 and the curvature is zero (a degenerate point)';
  }
  // Diverged.
  if (landscapeById(p.landscape)?.unboundedBelow) return `left the picture after ${steps}: this surface has no minimum, f keeps decreasing`;
  if (r.count > 0) {
    const advice = stepAdvice(p, r.method, r.points[0]!, r.points[1]!);
    const eta = isMethodId(r.method) ? p.hyper[r.method].lr : undefined;
    if (advice && eta !== undefined && eta >= advice.limit) {
      return `diverged after ${steps}: η = ${num(eta)} is too large for the curvature at the start (λ_max = ${num(advice.lambdaMax)}; `
        + `it is stable for η < ${num(advice.limit)}). Try η = ${num(advice.suggestion)}.`;
    }
  }
  return `diverged after ${steps}${r.message ? `: ${r.message}` : ''}`;
}

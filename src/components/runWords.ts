import { landscapeById } from '../landscapes/registry';
import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { curvatureKind, symEig2, type CurvatureKind } from '../math/symEig2';
import { surfaceObjective } from '../runners/surfaceObjective';
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

const smoothedKinds = new Map<string, CurvatureKind | null>();

/** The curvature kind of f_σ at (x, y) (five smoothing integrals, remembered per point and setting); null if unknown. */
function smoothedKindAt(p: AppParams, x: number, y: number): CurvatureKind | null {
  const formula = currentFormula(p);
  const key = JSON.stringify([formula, p.landscape, p.smooth.sigma, p.smooth.method, p.smooth.samples, p.seed, x, y]);
  let kind = smoothedKinds.get(key);
  if (kind === undefined) {
    const compiled = tryCompileFormula(formula);
    kind = null;
    if (compiled.ok) {
      const j = surfaceObjective(compiled.tape, p.landscape, { sigma: p.smooth.sigma, method: p.smooth.method, samples: p.smooth.samples, seed: p.seed }).jet([x, y], new Float64Array(6));
      const e = symEig2(j[3]!, j[4]!, j[5]!);
      if (Number.isFinite(e.l1) && Number.isFinite(e.l2)) kind = curvatureKind(e.l1, e.l2, 1e-6 * Math.max(Math.abs(e.l1), Math.abs(e.l2), 1e-300));
    }
    if (smoothedKinds.size > 64) smoothedKinds.clear();
    smoothedKinds.set(key, kind);
  }
  return kind;
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
  const onSmoothed = p.smooth.on && p.smooth.optimize;
  if (r.stop === 'converged') {
    if (r.count === 0) return 'converged';
    if (onSmoothed) {
      // The run descended f_σ: its end point is classified by f_σ's curvature there.
      const kind = smoothedKindAt(p, r.points[k]!, r.points[k + 1]!);
      const phrase = { saddle: 'a saddle point', maximum: 'a maximum', degenerate: 'a degenerate point' } as const;
      return kind === 'minimum' ? 'converged to a minimum of f_σ' : kind ? `stopped at ${phrase[kind]} of f_σ, not a minimum` : 'converged on f_σ';
    }
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
  if (r.count > 0 && !onSmoothed) {
    const advice = stepAdvice(p, r.method, r.points[0]!, r.points[1]!);
    const eta = isMethodId(r.method) ? p.hyper[r.method].lr : undefined;
    if (advice && eta !== undefined && eta >= advice.limit) {
      return `diverged after ${steps}: η = ${num(eta)} is too large for the curvature at the start (λ_max = ${num(advice.lambdaMax)}; `
        + `it is stable for η < ${num(advice.limit)}). Try η = ${num(advice.suggestion)}.`;
    }
  }
  return `diverged after ${steps}${r.message ? `: ${r.message}` : ''}`;
}

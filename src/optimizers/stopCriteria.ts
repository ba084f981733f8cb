import { fmtNum } from '../math/fmtNum';
import type { Domain } from '../landscapes/grid';
import { curvatureKind, symEig2 } from '../math/symEig2';

/**
 * When a run stops, and why. The defaults, shared by the UI, workers, CLI and tests:
 *  - converged, gradient test:  ‖∇f(x_k)‖ ≤ gradTol · max(1, |f(x_k)|), and for methods with memory (momentum,
 *    Nesterov, Adam) also ‖v‖ ≤ the same bound, so a heavy ball rolling fast through the bottom of a valley is not
 *    stopped. Relative to |f| above 1 because ∇f is computed from f-sized terms and cannot be more accurate than
 *    ≈ ε_mach·|f| per unit length; absolute below 1 so that f → 0 (zero-residual minima) still converges.
 *  - converged, step test:  ‖x_{k+1} − x_k‖ ≤ stepTol · max(1, ‖x_k‖) (x no longer moves in Float64; 1e-12 is
 *    about 5000 ulps), once for GD and Newton, for 3 consecutive steps for methods with memory.
 *  - diverged:  a non-finite x, f or ∇f (∇²f for Newton) at the trial point, or a point more than escapeWidths
 *    domain widths from the domain centre (max over axes of |x − c|/width), or a singular H + λI for Newton.
 *  - max-steps:  the step budget is spent.
 */
export const STOP_DEFAULTS = {
  gradTol: 1e-6,
  stepTol: 1e-12,
  escapeWidths: 100,
} as const;

/** Distance of p from the domain centre in domain widths, the larger over the two axes: max(|x − cₓ|/wₓ, |y − c_y|/w_y). */
export function escapeWidthsOf(d: Domain, p: ArrayLike<number>): number {
  const wx = d.x1 - d.x0;
  const wy = d.y1 - d.y0;
  return Math.max(Math.abs(p[0]! - 0.5 * (d.x0 + d.x1)) / wx, Math.abs(p[1]! - 0.5 * (d.y0 + d.y1)) / wy);
}

/**
 * '' when x, f, ∇f (and ∇²f if `needHessian`) at p are finite, else the reason, naming what became non-finite
 * and at which step: "f became NaN at step 37", "∇f is Infinity at the start point (0, 0)".
 */
export function divergenceMessage(p: ArrayLike<number>, jet: ArrayLike<number>, needHessian: boolean, step: number, where: string): string {
  let what = '';
  let value = 0;
  const n = needHessian ? 6 : 3;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(jet[i]!)) {
      what = i === 0 ? 'f' : i < 3 ? '∇f' : '∇²f';
      value = jet[i]!;
      break;
    }
  }
  if (!what) return '';
  const place = where ? ` ${where}` : '';
  return step === 0
    ? `${what} is ${String(value)} at the start point (${fmtNum(p[0]!)}, ${fmtNum(p[1]!)})`
    : `${what} became ${String(value)} at step ${step}${place} (x = ${fmtNum(p[0]!)}, y = ${fmtNum(p[1]!)})`;
}

/** The kind of critical point whose Hessian is in `jet`, for messages ("a saddle point"), or '' if not finite. */
function criticalKindPhrase(jet: ArrayLike<number>): string {
  const e = symEig2(jet[3]!, jet[4]!, jet[5]!);
  if (!Number.isFinite(e.l1) || !Number.isFinite(e.l2)) return '';
  const kind = curvatureKind(e.l1, e.l2, 1e-9 * Math.max(Math.abs(e.l1), Math.abs(e.l2)));
  return kind === 'degenerate' ? 'a degenerate critical point' : kind === 'saddle' ? 'a saddle point' : `a ${kind}`;
}

interface StopView {
  readonly jet: ArrayLike<number>;
  readonly step: number;
  readonly gradTol: number;
  readonly stepTol: number;
  readonly maxSteps: number;
}

/** Why the run converged, naming the test, the step and the kind of point reached (Newton also finds saddles). */
export function convergenceMessage(s: StopView, test: 'gradient' | 'step'): string {
  const g = Math.hypot(s.jet[1]!, s.jet[2]!);
  const phrase = criticalKindPhrase(s.jet);
  const what = phrase ? ` to ${phrase}` : '';
  if (s.step === 0) return `the start point is already a critical point${phrase ? ` (${phrase})` : ''}: ‖∇f‖ = ${fmtNum(g)}`;
  return test === 'gradient'
    ? `converged${what} at step ${s.step}: ‖∇f‖ = ${fmtNum(g)} ≤ ${s.gradTol.toExponential()}·max(1, |f|)`
    : `converged at step ${s.step}: the point stopped moving (step < ${s.stepTol.toExponential()}·max(1, ‖x‖)); ‖∇f‖ = ${fmtNum(g)}`;
}

/** The step budget was spent. */
export function stepLimitMessage(s: StopView): string {
  return `reached the step budget of ${s.maxSteps} steps; ‖∇f‖ = ${fmtNum(Math.hypot(s.jet[1]!, s.jet[2]!))} at the last point`;
}

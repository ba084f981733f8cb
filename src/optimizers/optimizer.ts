import { fmtNum } from '../math/fmtNum';
import type { Domain } from '../landscapes/grid';
import { MAX_STEPS, type MethodId, type StopReason } from './methods';
import type { Objective } from './objective';
import { STOP_DEFAULTS, convergenceMessage, divergenceMessage, escapeWidthsOf, stepLimitMessage } from './stopCriteria';
import { validateHyper } from './validateHyper';

/** Options of `initOptimizer`; every field has a documented default (STOP_DEFAULTS). */
export interface OptimizerOptions {
  /** The view rectangle: escape is measured in its widths from its centre. Default: the 10 × 10 box centred at the start. */
  domain?: Domain;
  /** Step budget; the run stops with 'max-steps' after this many steps. Default and upper bound MAX_STEPS. */
  maxSteps?: number;
  /** Converged when ‖∇f‖ ≤ gradTol·max(1, |f|) (and the method's memory is as small). Default 1e-6. */
  gradTol?: number;
  /** Converged when ‖Δx‖ ≤ stepTol·max(1, ‖x‖) for `stallSteps` consecutive steps. Default 1e-12. */
  stepTol?: number;
  /** Diverged when the point is more than this many domain widths from the domain centre. Default 100. */
  escapeWidths?: number;
}

/**
 * The state of one optimizer run. `stepOptimizer` mutates it in place (no allocation per step, so a worker can
 * take millions of steps) and returns the same object; copy `x`/`jet` if you keep them across steps.
 */
export interface OptimizerState {
  readonly method: MethodId;
  /** Validated hyper-parameters, defaults filled in. */
  readonly hyper: Readonly<Record<string, number>>;
  readonly objective: Objective;
  readonly domain: Domain;
  readonly maxSteps: number;
  readonly gradTol: number;
  readonly stepTol: number;
  readonly escapeWidths: number;
  /** Current point x_k. */
  readonly x: Float64Array;
  /** Jet at x_k: [f, f_x, f_y, f_xx, f_xy, f_yy]. */
  readonly jet: Float64Array;
  /** Velocity v (momentum, Nesterov, in gradient units) or first moment m (Adam). */
  readonly m: Float64Array;
  /** Second moment v of Adam. */
  readonly s: Float64Array;
  /** Steps taken: k. */
  step: number;
  /** ‖x_k − x_{k−1}‖ (0 before the first step). */
  lastStepLength: number;
  /** Consecutive steps shorter than stepTol·max(1, ‖x‖). */
  stalled: number;
  /** Null while running. */
  stop: StopReason | null;
  /** Why it stopped, for people ("f became NaN at step 37"); empty while running. */
  message: string;
  /** Scratch: trial point, its jet, and Nesterov's look-ahead point and jet. */
  readonly trial: Float64Array;
  readonly trialJet: Float64Array;
  readonly look: Float64Array;
  readonly lookJet: Float64Array;
}

/** Methods with memory need this many consecutive tiny steps before the step criterion counts: v or m can pass through 0. */
const STALL_STEPS: Readonly<Record<MethodId, number>> = { gd: 1, newton: 1, momentum: 3, nesterov: 3, adam: 3 };

/**
 * A Newton system H + λI is treated as singular when |det| ≤ SINGULAR_RTOL·s² with s = max(|a|, |c|) + |b| ≥ max|λᵢ|,
 * i.e. when its condition number exceeds about 10¹²: the solve would return noise.
 */
const SINGULAR_RTOL = 1e-12;

function checkPositive(name: string, v: number, max = Infinity): number {
  if (!Number.isFinite(v) || v <= 0 || v > max) throw new Error(`${name} must be a positive number${max < Infinity ? ` ≤ ${max}` : ''}, got ${String(v)}`);
  return v;
}

/**
 * init of the step API (architecture.md, convention 2): validates the hyper-parameters (throws naming the
 * parameter and its range), evaluates the jet at the start and zeroes the method's memory (v = m = s = 0).
 * A start that is already a critical point stops at once as 'converged'; one where f or ∇f is not finite stops as
 * 'diverged' with step 0. Throws for a non-finite start or bad options. No randomness: the methods are deterministic.
 */
export function initOptimizer(method: MethodId, hyper: Readonly<Record<string, number>>, objective: Objective,
  start: readonly [number, number], opts: OptimizerOptions = {}): OptimizerState {
  const h = validateHyper(method, hyper);
  if (!Number.isFinite(start[0]) || !Number.isFinite(start[1])) throw new Error(`start must be two finite numbers, got ${String(start[0])}, ${String(start[1])}`);
  const maxSteps = opts.maxSteps ?? MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 0 || maxSteps > MAX_STEPS) throw new Error(`maxSteps must be an integer in [0, ${MAX_STEPS}], got ${String(maxSteps)}`);
  const domain = opts.domain ?? { x0: start[0] - 5, x1: start[0] + 5, y0: start[1] - 5, y1: start[1] + 5 };
  if (!(domain.x1 > domain.x0) || !(domain.y1 > domain.y0) || ![domain.x0, domain.x1, domain.y0, domain.y1].every(Number.isFinite)) {
    throw new Error('domain must have finite bounds with x0 < x1 and y0 < y1');
  }
  const state: OptimizerState = {
    method, hyper: h, objective, domain, maxSteps,
    gradTol: checkPositive('gradTol', opts.gradTol ?? STOP_DEFAULTS.gradTol),
    stepTol: checkPositive('stepTol', opts.stepTol ?? STOP_DEFAULTS.stepTol),
    escapeWidths: checkPositive('escapeWidths', opts.escapeWidths ?? STOP_DEFAULTS.escapeWidths),
    x: Float64Array.of(start[0], start[1]), jet: new Float64Array(6), m: new Float64Array(2), s: new Float64Array(2),
    step: 0, lastStepLength: 0, stalled: 0, stop: null, message: '',
    trial: new Float64Array(2), trialJet: new Float64Array(6), look: new Float64Array(2), lookJet: new Float64Array(6),
  };
  objective.jet(state.x, state.jet);
  const bad = divergenceMessage(state.x, state.jet, method === 'newton', 0, '');
  if (bad) return stopWith(state, 'diverged', bad);
  const widths = escapeWidthsOf(domain, state.x);
  if (widths > state.escapeWidths) return stopWith(state, 'diverged', `the start point is ${fmtNum(widths)} domain widths from the domain centre (limit ${state.escapeWidths})`);
  if (isConverged(state)) return stopWith(state, 'converged', convergenceMessage(state, 'gradient'));
  if (maxSteps === 0) return stopWith(state, 'max-steps', stepLimitMessage(state));
  return state;
}

function stopWith(state: OptimizerState, stop: StopReason, message: string): OptimizerState {
  state.stop = stop;
  state.message = message;
  return state;
}

/** ‖∇f(x_k)‖ ≤ τ and, for methods with memory, ‖v‖ ≤ τ too (at rest, not passing through), τ = gradTol·max(1, |f|). */
function isConverged(state: OptimizerState): boolean {
  const j = state.jet;
  const tol = state.gradTol * Math.max(1, Math.abs(j[0]!));
  if (Math.hypot(j[1]!, j[2]!) > tol) return false;
  return state.method === 'gd' || state.method === 'newton' || Math.hypot(state.m[0]!, state.m[1]!) <= tol;
}

/**
 * step of the step API: one update x_{k+1} = x_k + Δx_k by the method's rule, with g = ∇f(x_k), H = ∇²f(x_k):
 *   gd        Δx = −η g                                                    (Cauchy 1847)
 *   momentum  v ← βv + g;  Δx = −η v                                       (Polyak 1964, heavy ball)
 *   nesterov  v ← βv + ∇f(x − ηβv);  Δx = −η v                             (Nesterov 1983 in the form of
 *             Sutskever et al. 2013, eqs. 3–4, with their velocity = −ηv)
 *   adam      m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  m̂ = m/(1−β₁ᵏ⁺¹), ŝ = s/(1−β₂ᵏ⁺¹);
 *             Δx = −η m̂/(√ŝ + ε)                                          (Kingma & Ba 2015, Algorithm 1)
 *   newton    Δx = −η (H + λI)⁻¹ g, a closed-form 2×2 solve                 (damped / Levenberg-regularized Newton)
 * Plain Newton (λ = 0) seeks ∇f = 0, so it is attracted to saddles and maxima as readily as to minima
 * (Dauphin et al. 2014, "Identifying and attacking the saddle point problem", §3); λ > 0 only shifts the spectrum
 * and does not change that where H has an eigenvalue below −λ. A singular or non-finite H + λI stops the run as
 * 'diverged' with a message suggesting a larger λ.
 * The trial point is checked before it is accepted: a non-finite x, f, ∇f (or H for Newton), or a point more than
 * `escapeWidths` domain widths from the domain centre stops the run as 'diverged' and leaves x_k in place, so a
 * trajectory never holds a NaN. Mutates `state` and returns it; a stopped state is returned unchanged.
 */
export function stepOptimizer(state: OptimizerState): OptimizerState {
  if (state.stop !== null) return state;
  const k = state.step + 1;
  const { x, jet, m, s, hyper } = state;
  const gx = jet[1]!;
  const gy = jet[2]!;
  const eta = hyper.lr!;
  let dx: number;
  let dy: number;
  let m0 = 0, m1 = 0, s0 = 0, s1 = 0;
  switch (state.method) {
    case 'gd':
      dx = -eta * gx;
      dy = -eta * gy;
      break;
    case 'momentum': {
      const beta = hyper.beta!;
      m0 = beta * m[0]! + gx;
      m1 = beta * m[1]! + gy;
      dx = -eta * m0;
      dy = -eta * m1;
      break;
    }
    case 'nesterov': {
      const beta = hyper.beta!;
      state.look[0] = x[0]! - eta * beta * m[0]!;
      state.look[1] = x[1]! - eta * beta * m[1]!;
      state.objective.jet(state.look, state.lookJet);
      const bad = divergenceMessage(state.look, state.lookJet, false, k, 'at the look-ahead point');
      if (bad) return stopWith(state, 'diverged', bad);
      m0 = beta * m[0]! + state.lookJet[1]!;
      m1 = beta * m[1]! + state.lookJet[2]!;
      dx = -eta * m0;
      dy = -eta * m1;
      break;
    }
    case 'adam': {
      const b1 = hyper.beta1!;
      const b2 = hyper.beta2!;
      const eps = hyper.eps!;
      m0 = b1 * m[0]! + (1 - b1) * gx;
      m1 = b1 * m[1]! + (1 - b1) * gy;
      s0 = b2 * s[0]! + (1 - b2) * gx * gx;
      s1 = b2 * s[1]! + (1 - b2) * gy * gy;
      const c1 = 1 - Math.pow(b1, k);
      const c2 = 1 - Math.pow(b2, k);
      dx = (-eta * (m0 / c1)) / (Math.sqrt(s0 / c2) + eps);
      dy = (-eta * (m1 / c1)) / (Math.sqrt(s1 / c2) + eps);
      break;
    }
    case 'newton': {
      const lambda = hyper.damping!;
      const a = jet[3]! + lambda;
      const b = jet[4]!;
      const c = jet[5]! + lambda;
      const det = a * c - b * b;
      const scale = Math.max(Math.abs(a), Math.abs(c)) + Math.abs(b);
      if (!Number.isFinite(det) || scale === 0 || Math.abs(det) <= SINGULAR_RTOL * scale * scale) {
        return stopWith(state, 'diverged', `H + λI is singular at step ${k} (det = ${fmtNum(det)}, λ = ${lambda}): Newton's step is undefined; increase the damping λ`);
      }
      dx = (-eta * (c * gx - b * gy)) / det;
      dy = (-eta * (a * gy - b * gx)) / det;
      break;
    }
    default:
      throw new Error(`unknown method ${String(state.method)}`);
  }
  const t = state.trial;
  t[0] = x[0]! + dx;
  t[1] = x[1]! + dy;
  if (!Number.isFinite(t[0]) || !Number.isFinite(t[1])) {
    return stopWith(state, 'diverged', `the step overflowed at step ${k} (x = ${t[0]}, y = ${t[1]})`);
  }
  const widths = escapeWidthsOf(state.domain, t);
  if (widths > state.escapeWidths) {
    return stopWith(state, 'diverged', `left the domain at step ${k}: (${fmtNum(t[0])}, ${fmtNum(t[1])}) is ${fmtNum(widths)} domain widths from its centre (limit ${state.escapeWidths})`);
  }
  state.objective.jet(t, state.trialJet);
  const bad = divergenceMessage(t, state.trialJet, state.method === 'newton', k, '');
  if (bad) return stopWith(state, 'diverged', bad);

  // Accept x_{k+1}.
  x[0] = t[0];
  x[1] = t[1];
  jet.set(state.trialJet);
  m[0] = m0;
  m[1] = m1;
  s[0] = s0;
  s[1] = s1;
  state.step = k;
  state.lastStepLength = Math.hypot(dx, dy);
  if (isConverged(state)) return stopWith(state, 'converged', convergenceMessage(state, 'gradient'));
  if (state.lastStepLength <= state.stepTol * Math.max(1, Math.hypot(x[0], x[1]))) {
    state.stalled += 1;
    if (state.stalled >= STALL_STEPS[state.method]) return stopWith(state, 'converged', convergenceMessage(state, 'step'));
  } else {
    state.stalled = 0;
  }
  if (k >= state.maxSteps) return stopWith(state, 'max-steps', stepLimitMessage(state));
  return state;
}

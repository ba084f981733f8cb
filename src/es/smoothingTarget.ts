import { UNARY_FUNCTIONS } from '../landscapes/expression/functions';
import { JetEvaluator } from '../landscapes/expression/jet';
import { Op, type Tape } from '../landscapes/expression/tape';
import type { SmoothedValue } from './smoothingExact';

/**
 * What the smoothing engine smooths: a formula in d = 1 (x) or 2 (x, y) variables, how regular it is, and its
 * closed-form smoothing where one is known.
 */
export interface SmoothingTarget {
  readonly name: string;
  readonly dim: 1 | 2;
  readonly tape: Tape;
  /** 'piecewise' when the formula uses min, max, abs, floor, ceil, round or sign (kinks or jumps). */
  readonly kind: 'smooth' | 'piecewise';
  /** True with floor/ceil/round/sign: f jumps, so E[∇f] misses the jumps and the Stein gradient is used. */
  readonly discontinuous: boolean;
  /** f_σ(x) and ∇f_σ(x) in closed form, when known. */
  readonly exact?: (point: readonly number[], sigma: number) => SmoothedValue;
  /** A short name of the closed form ('wall', 'step function (Φ sum)', …). */
  readonly exactName?: string;
}

/** A target for any compiled formula; `extra` adds a closed form and overrides the name or kind. */
export function targetFromTape(tape: Tape, extra: Partial<Pick<SmoothingTarget, 'name' | 'exact' | 'exactName' | 'kind'>> = {}): SmoothingTarget {
  const dim = tape.vars.length;
  if (dim !== 1 && dim !== 2) throw new Error(`smoothing needs a formula in 1 or 2 variables, got ${dim}`);
  const kinked = tape.instrs.some((ins) => ins.op === Op.Min || ins.op === Op.Max || (ins.op === Op.Unary && UNARY_FUNCTIONS[ins.b]!.name === 'abs'));
  const discontinuous = tape.piecewiseConstant;
  return {
    name: extra.name ?? 'formula', dim, tape, kind: extra.kind ?? (kinked || discontinuous ? 'piecewise' : 'smooth'), discontinuous,
    ...(extra.exact ? { exact: extra.exact, exactName: extra.exactName ?? 'closed form' } : {}),
  };
}

/** The evaluators a target needs, built once per target (JetEvaluator owns a work buffer: not re-entrant). */
const evaluators = new WeakMap<SmoothingTarget, JetEvaluator>();

export function evaluatorOf(target: SmoothingTarget): JetEvaluator {
  let ev = evaluators.get(target);
  if (!ev) { ev = new JetEvaluator(target.tape); evaluators.set(target, ev); }
  return ev;
}

/** Throws unless σ is a finite number > 0 (the message names the parameter). */
export function checkSigma(sigma: number, name = 'sigma'): void {
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || !(sigma > 0)) throw new Error(`${name} must be a finite number > 0, got ${String(sigma)}`);
}

/** Throws unless v is an integer in [min, max]. */
export function checkInteger(v: number, name: string, min: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${String(v)}`);
}

/** Throws unless v is a finite number in (min, max] (open at min when `minOpen`). */
export function checkNumber(v: number, name: string, min: number, max: number, minOpen = false): void {
  const ok = typeof v === 'number' && Number.isFinite(v) && v <= max && (minOpen ? v > min : v >= min);
  if (!ok) throw new Error(`${name} must be a finite number in ${minOpen ? '(' : '['}${min}, ${max}], got ${String(v)}`);
}

/** Throws unless the point has `dim` finite coordinates. */
export function checkPoint(point: readonly number[], dim: number): void {
  if (!Array.isArray(point) || point.length !== dim) throw new Error(`point must have ${dim} coordinate${dim === 1 ? '' : 's'}, got ${Array.isArray(point) ? point.length : String(point)}`);
  for (const v of point) if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`point must be finite, got [${point.join(', ')}]`);
}

/** Largest Monte Carlo sample count accepted. */
export const MAX_SAMPLES = 1_000_000;

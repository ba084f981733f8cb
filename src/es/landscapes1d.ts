import { compileFormula } from '../landscapes/expression/compileFormula';
import { JetEvaluator } from '../landscapes/expression/jet';
import type { Tape } from '../landscapes/expression/tape';
import { smoothPiecewisePoly, smoothWall, type PolyPiece, type SmoothedValue } from './smoothingExact';
import { StepSmoother } from './smoothingConvolution';
import { targetFromTape, type SmoothingTarget } from './smoothingTarget';

/** A local or global minimum x* of a 1D function, f(x*) = f. */
export interface Minimum1D {
  readonly x: number;
  readonly f: number;
  readonly global: boolean;
}

/**
 * A named 1D test function for smoothed curves and (μ, σ) maps (es-vo.md §1.1 and §4), as a formula in x of our
 * formula language (compiled by the same path as typed formulas).
 */
export interface Landscape1D {
  readonly id: string;
  readonly name: string;
  readonly formula: string;
  readonly domain: { readonly x0: number; readonly x1: number };
  readonly minima: readonly Minimum1D[];
  /** σ values of the source's several-σ plot, largest first. */
  readonly sigmaSeries: readonly number[];
  /** Suggested start x₀ for descent demos. */
  readonly start?: number;
  /** 'piecewise' when f has kinks or jumps (min, floor). */
  readonly kind: 'smooth' | 'piecewise';
  /** f_σ(x) and f_σ'(x) in closed form, when known (es-vo.md §4). */
  readonly exact?: (x: number, sigma: number) => SmoothedValue;
  /** What the closed form is. */
  readonly exactName?: string;
  readonly description: string;
}

/** narrow-vs-wide: min(0.2(x + 4.5)(x − 0.5), 26(x − 2)(x − 2.5), 0) as pieces (0.2x² + 0.8x − 0.45 on [−4.5, 0.5], 26x² − 117x + 130 on [2, 2.5]). */
const NARROW_WIDE_PIECES: readonly PolyPiece[] = [
  { lo: -4.5, hi: 0.5, coeffs: [-0.45, 0.8, 0.2] },
  { lo: 2, hi: 2.5, coeffs: [130, -117, 26] },
];
/** plateau: min(x², 1) = 1 on (−∞, −1), x² on [−1, 1), 1 on [1, ∞). */
const PLATEAU_PIECES: readonly PolyPiece[] = [
  { lo: -Infinity, hi: -1, coeffs: [1] },
  { lo: -1, hi: 1, coeffs: [0, 0, 1] },
  { lo: 1, hi: Infinity, coeffs: [1] },
];

let quantizedSteps: StepSmoother | null = null;
function quantizedSincStep(x: number, sigma: number): SmoothedValue {
  if (!quantizedSteps) {
    const ev = new JetEvaluator(compileFormula(QUANTIZED_SINC_FORMULA, ['x']));
    const p = new Float64Array(1);
    quantizedSteps = new StepSmoother((t) => { p[0] = t; return ev.value(p); }, 1e-3);
  }
  return quantizedSteps.smooth(x, sigma);
}

const QUANTIZED_SINC_FORMULA = 'floor(-sinc(x) * 5) / 5';
const WIDE = { x0: -5, x1: 5 } as const;

/** The 1D registry. Minima were found by Newton's method on f' (tested in test/unit/landscapes1d.test.ts). */
export const LANDSCAPES_1D: readonly Landscape1D[] = [
  { id: 'sinc', name: '−sinc', formula: '-sinc(x)', domain: WIDE, kind: 'smooth', sigmaSeries: [0.35, 0.2, 0.1], start: 3,
    minima: [{ x: 0, f: -1, global: true }, { x: 2.459024, f: -0.128375, global: false }, { x: -2.459024, f: -0.128375, global: false },
      { x: 4.477409, f: -0.070913, global: false }, { x: -4.477409, f: -0.070913, global: false }],
    description: 'f(x) = −sin(πx)/(πx) (Havtorn; Huszár via Javanmard): gradient descent reaches the global minimum only from |x₀| < 1.43.' },
  { id: 'sinc-quantized', name: 'Quantized −sinc', formula: QUANTIZED_SINC_FORMULA, domain: WIDE, kind: 'piecewise', sigmaSeries: [0.35, 0.2, 0.1], start: 3,
    minima: [{ x: 0, f: -1, global: true }], exact: quantizedSincStep, exactName: 'step function (Φ sum over numerically located jumps)',
    description: 'f(x) = ⌊−5 sinc(x)⌋/5 (Havtorn): levels 0.2 apart, zero gradient almost everywhere; the minimum −1 is the plateau sinc(x) ≥ 0.8.' },
  { id: 'narrow-wide', name: 'Narrow vs wide', formula: 'min(0.2*(x + 4.5)*(x - 0.5), 26*(x - 2)*(x - 2.5), 0)', domain: WIDE, kind: 'piecewise',
    sigmaSeries: [0.35, 0.2, 0.1], start: -4,
    minima: [{ x: -2, f: -1.25, global: false }, { x: 2.25, f: -1.625, global: true }],
    exact: (x, s) => smoothPiecewisePoly(NARROW_WIDE_PIECES, x, s), exactName: 'piecewise polynomial (truncated-normal moments)',
    description: 'Havtorn: a wide local basin at x = −2 (f = −1.25) and a narrow global one at x = 2.25 (f = −1.625); large σ prefers the wide one.' },
  { id: 'wall', name: 'Wall', formula: '(x - 2)^2/4 + 3*exp(-x^2/(2*0.1^2))', domain: { x0: -3, x1: 4 }, kind: 'smooth',
    sigmaSeries: [0.5, 0.35, 0.2, 0.1], start: -2,
    minima: [{ x: 2, f: 0, global: true }, { x: -0.294780, f: 1.355428, global: false }],
    exact: (x, s) => smoothWall(x, s), exactName: 'wall: (x−2)²/4 + σ²/4 + h·w/√(w²+σ²)·exp(−x²/(2(w²+σ²)))',
    description: 'A bowl around x = 2 with a narrow barrier (h = 3, w = 0.1) at 0 that stops gradient descent from x₀ = −2; smoothing lowers it (none left at σ = 0.5). It stands in for the wall of "Random Evolutionary Strategies in Machine Learning", whose formula is unpublished.' },
  { id: 'plateau', name: 'Plateau', formula: 'min(x^2, 1)', domain: { x0: -4, x1: 4 }, kind: 'piecewise', sigmaSeries: [1, 0.35, 0.1], start: 3,
    minima: [{ x: 0, f: 0, global: true }], exact: (x, s) => smoothPiecewisePoly(PLATEAU_PIECES, x, s), exactName: 'piecewise polynomial (truncated-normal moments)',
    description: 'f = min(x², 1): the gradient is exactly 0 at x₀ = 3; only a large σ "sees" the basin. It stands in for the plateau of "Random Evolutionary Strategies in Machine Learning", whose formula is unpublished.' },
];

const BY_ID = new Map(LANDSCAPES_1D.map((l) => [l.id, l]));

export function landscape1dById(id: string): Landscape1D | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

const tapes = new Map<string, Tape>();

/** The compiled tape (in x) of a 1D landscape, cached. */
export function landscape1dTape(def: Landscape1D): Tape {
  let t = tapes.get(def.id);
  if (!t) { t = compileFormula(def.formula, ['x']); tapes.set(def.id, t); }
  return t;
}

const targets = new Map<string, SmoothingTarget>();

/** The smoothing target of a 1D landscape, with its closed form (if any) as `exact`. */
export function landscape1dTarget(def: Landscape1D): SmoothingTarget {
  let t = targets.get(def.id);
  if (!t) {
    const exact = def.exact;
    t = targetFromTape(landscape1dTape(def), {
      name: def.id, kind: def.kind, ...(exact ? { exact: (p: readonly number[], s: number) => exact(p[0]!, s), exactName: def.exactName ?? 'closed form' } : {}),
    });
    targets.set(def.id, t);
  }
  return t;
}

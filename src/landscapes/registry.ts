import { compileFormula } from './expression/compileFormula';
import type { Tape } from './expression/tape';
import type { Domain } from './grid';

/** A minimum listed in the literature (es-vo.md §1.2, checked numerically there and in test/unit/landscapes). */
export interface KnownMinimum {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly global: boolean;
  /** False where the minimum is a non-differentiable point (Ackley's cone tip): ∇f is undefined there. */
  readonly smooth: boolean;
}

export interface LandscapeDef {
  readonly id: string;
  readonly name: string;
  readonly formula: string;
  readonly domain: Domain;
  readonly minima: readonly KnownMinimum[];
  /** Draw log(f − min f + ε): for functions whose interesting structure spans decades (Rosenbrock). */
  readonly logScale: boolean;
  readonly description: string;
  /**
   * Step sizes η of the first-order methods for this surface where the methods' defaults (η = 0.01) diverge: the
   * largest of 0.01, 0.005, 0.002, 0.001, 5·10⁻⁴, … with which no run from a 7 × 7 grid of starts (15 % to 85 % of
   * the domain on each axis) diverges within 500 steps; on Rastrigin, whose curvature (λ_max up to 2 + 40π² ≈ 397)
   * makes larger steps bounce from basin to basin, every one of those runs converges. test/unit/stepSizes.test.ts
   * checks both.
   */
  readonly stepSize?: Readonly<Partial<Record<'gd' | 'momentum' | 'nesterov', number>>>;
  /** f decreases without bound inside the domain (a saddle surface): runs leave the domain whatever the step size. */
  readonly unboundedBelow?: boolean;
}

const min = (x: number, y: number, f: number, global = true, smooth = true): KnownMinimum => ({ x, y, f, global, smooth });
const box = (x0: number, x1: number, y0: number, y1: number): Domain => ({ x0, x1, y0, y1 });

/** η of a first-order method on a landscape: its stepSize where it has one, else the method's default. */
export function landscapeStepSize(landscape: string, method: string, fallback: number): number {
  const s = landscapeById(landscape)?.stepSize;
  return (s && (s as Record<string, number | undefined>)[method]) ?? fallback;
}

/** The gallery of named 2D test functions. Formulas are compiled by the same path as typed ones. */
export const LANDSCAPES: readonly LandscapeDef[] = [
  { id: 'himmelblau', name: 'Himmelblau', formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', domain: box(-5, 5, -5, 5),
    minima: [min(3, 2, 0), min(-2.805118, 3.131313, 0), min(-3.77931, -3.283186, 0), min(3.584428, -1.848127, 0)],
    logScale: true, description: 'Four global minima, four saddles and one local maximum at (−0.2708, −0.9230).' },
  { id: 'rosenbrock', name: 'Rosenbrock', formula: '(1 - x)^2 + 100 * (y - x^2)^2', domain: box(-2, 2, -1, 3),
    minima: [min(1, 1, 0)], logScale: true, description: 'A curved, narrow valley; the minimum at (1, 1) is easy to find and slow to reach.',
    stepSize: { gd: 0.001, momentum: 0.001, nesterov: 0.0005 } },
  { id: 'rastrigin', name: 'Rastrigin', formula: '20 + x^2 - 10 * cos(2 * pi * x) + y^2 - 10 * cos(2 * pi * y)', domain: box(-5.12, 5.12, -5.12, 5.12),
    minima: [min(0, 0, 0)], logScale: false, description: 'A bowl covered by a regular lattice of local minima.', stepSize: { gd: 0.002, momentum: 0.005, nesterov: 0.002 } },
  { id: 'ackley', name: 'Ackley', formula: '-20 * exp(-0.2 * sqrt(0.5 * (x^2 + y^2))) - exp(0.5 * (cos(2 * pi * x) + cos(2 * pi * y))) + e + 20',
    domain: box(-5, 5, -5, 5), minima: [min(0, 0, 0, true, false)], logScale: false,
    description: 'A nearly flat outer region with many local minima around a sharp, non-differentiable global minimum at the origin.' },
  { id: 'beale', name: 'Beale', formula: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2', domain: box(-4.5, 4.5, -4.5, 4.5),
    minima: [min(3, 0.5, 0)], logScale: true, description: 'Sharp ridges at the corners and a flat valley to the minimum at (3, 0.5).',
    stepSize: { gd: 0.0002, momentum: 0.00005, nesterov: 0.00005 } },
  { id: 'six-hump-camel', name: 'Six-hump camel', formula: '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2', domain: box(-3, 3, -2, 2),
    minima: [min(0.089842, -0.712656, -1.031628), min(-0.089842, 0.712656, -1.031628),
      min(1.703607, -0.796084, -0.215464, false), min(-1.703607, 0.796084, -0.215464, false),
      min(1.607105, 0.568651, 2.10425, false), min(-1.607105, -0.568651, 2.10425, false)],
    logScale: false, description: 'Six local minima, two of them global.' },
  { id: 'styblinski-tang', name: 'Styblinski–Tang', formula: '0.5 * (x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)', domain: box(-5, 5, -5, 5),
    minima: [min(-2.903534, -2.903534, -78.332331), min(2.746803, 2.746803, -50.058893, false),
      min(-2.903534, 2.746803, -64.195612, false), min(2.746803, -2.903534, -64.195612, false)],
    logScale: false, description: 'Four minima of different depths at the corners of a square.' },
  { id: 'mccormick', name: 'McCormick', formula: 'sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1', domain: box(-1.5, 4, -3, 4),
    minima: [min(-0.547198, -1.547198, -1.913223)], logScale: false, description: 'A tilted, gently curved valley.' },
  { id: 'monkey-saddle', name: 'Monkey saddle', formula: 'x^3 - 3*x*y^2', domain: box(-1.5, 1.5, -1.5, 1.5),
    minima: [], logScale: false, description: 'A degenerate critical point at the origin: the Hessian vanishes there, three valleys meet. '
      + 'f has no minimum: runs slide down a valley and leave the picture.', unboundedBelow: true },
  { id: 'quadratic-saddle', name: 'Quadratic saddle', formula: 'x^2 - y^2', domain: box(-2, 2, -2, 2),
    minima: [], logScale: false, description: 'The simplest saddle: curvature +2 along x, −2 along y. f has no minimum: runs escape along y.',
    unboundedBelow: true },
  { id: 'ridge-rider-fig1', name: 'Ridge Rider Fig. 1 (reconstruction)',
    formula: 'exp(-((x-0.1*max(y,0)^3)^2/0.5 + y^2/8)) - 0.6*(exp(-((x-1.2)^2+y^2)/0.3) + exp(-((x+1.2)^2+y^2)/0.3)) - 1.5*exp(-((x-2.4)^2+(y-3.3)^2)/0.8) - 0.6*exp(-((x-1.3)^2+(y-1.8)^2)/0.2) - 1.75*exp(-(x^2+(y+3.3)^2)/0.8) + 0.3*exp(-((x-0.35)^2+(y+1.9)^2)/0.05)',
    domain: box(-4, 4, -4, 4),
    minima: [min(0, -3.347274, -1.498652), min(2.389507, 3.336697, -1.489863), min(1.254439, 0, -0.551132, false),
      min(-1.254439, -0.000001, -0.551131, false), min(1.402022, 1.741525, -0.432051, false)],
    logScale: false,
    description: 'A reconstruction of the toy surface of Figure 1 of the Ridge Rider paper (Parker-Holder et al. 2020), whose '
      + 'formula is unpublished: a hill with its maximum at the origin (λ = −4.57 across, −0.18 along its crest, which bends '
      + 'to +x for y > 0), two steep local minima at (±1.254, 0) that gradient descent from near the origin finds, two deep '
      + 'minima at (2.390, 3.337) and (0, −3.347) (the second 0.009 lower) at the ends of the low-curvature ridge, a local '
      + 'minimum at (1.402, 1.742) inside the bend and a narrow bump with a local maximum at (0.296, −1.838).' },
];

export const DEFAULT_DOMAIN: Domain = box(-5, 5, -5, 5);

const BY_ID: ReadonlyMap<string, LandscapeDef> = new Map(LANDSCAPES.map((l) => [l.id, l]));

export function landscapeById(id: string): LandscapeDef | undefined {
  return BY_ID.get(id);
}

/** A landscape ready to evaluate: its definition (a built-in, or a typed formula with the default domain) and its tape. */
export interface ResolvedLandscape {
  readonly def: LandscapeDef;
  readonly tape: Tape;
  readonly builtin: boolean;
}

const tapeCache = new Map<string, Tape>();

/** Tape of a built-in, compiled once. */
export function builtinTape(def: LandscapeDef): Tape {
  let t = tapeCache.get(def.id);
  if (!t) { t = compileFormula(def.formula); tapeCache.set(def.id, t); }
  return t;
}

/**
 * Resolves a built-in id (case-insensitive, also its display name) or else compiles the text as a formula in
 * x and y. Throws FormulaError for a malformed formula.
 */
export function resolveLandscape(nameOrFormula: string): ResolvedLandscape {
  const key = nameOrFormula.trim().toLowerCase();
  const def = BY_ID.get(key) ?? LANDSCAPES.find((l) => l.name.toLowerCase() === key);
  if (def) return { def, tape: builtinTape(def), builtin: true };
  const tape = compileFormula(nameOrFormula);
  return {
    def: { id: 'custom', name: 'Custom formula', formula: nameOrFormula.trim(), domain: DEFAULT_DOMAIN, minima: [], logScale: false, description: '' },
    tape, builtin: false,
  };
}

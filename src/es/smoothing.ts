import { builtinTape, type LandscapeDef } from '../landscapes/registry';
import { MAX_GAUSS_HERMITE_NODES } from './gaussHermite';
import { smoothConvolution, type ConvolutionOptions } from './smoothingConvolution';
import { smoothQuadratic, smoothRastrigin, type SmoothedValue } from './smoothingExact';
import { mcSampleSetFromSeed, smoothMonteCarlo, type McSampleSet } from './smoothingMonteCarlo';
import { piecewiseDetail, smoothPiecewisePoint } from './smoothingPiecewise';
import { smoothQuadrature, type GradientMode } from './smoothingQuadrature';
import { MAX_SAMPLES, checkInteger, checkPoint, checkSigma, evaluatorOf, targetFromTape, type SmoothingTarget } from './smoothingTarget';

/**
 * Gaussian smoothing f_σ(x) = E_{ε~N(0,I)}[f(x + σε)] (the ES objective, and the VO bound U(μ, σ) at μ = x; es-vo.md §2)
 * by one of six methods, with the gradient ∇f_σ: 'exact' (a closed form), 'quadrature' (Gauss–Hermite),
 * 'convolution' (dense 1D convolution), 'piecewise' (adaptive Gauss–Kronrod split at the located kinks and jumps,
 * separable parts in 1D; smoothingPiecewise.ts) and 'mc' (Monte Carlo).
 */
export type SmoothingMethod = 'auto' | 'exact' | 'quadrature' | 'convolution' | 'piecewise' | 'mc';
export const SMOOTHING_METHODS: readonly SmoothingMethod[] = ['auto', 'exact', 'quadrature', 'convolution', 'piecewise', 'mc'];

export interface SmoothOptions {
  readonly method?: SmoothingMethod;
  /** Gauss–Hermite nodes per axis (default 64 in 1D, 20 in 2D, i.e. 20 × 20). */
  readonly nodes?: number;
  /** Quadrature gradient: 'auto' (Stein for jumps, else pathwise), 'pathwise' or 'stein'. */
  readonly gradient?: GradientMode;
  /** Monte Carlo samples N (default 1024, 1 to 1e6) and seed of the common random numbers (default 1). */
  readonly samples?: number;
  readonly seed?: number;
  /** A ready sample set (overrides samples and seed). */
  readonly sampleSet?: McSampleSet;
  readonly convolution?: ConvolutionOptions;
}

export const SMOOTH_DEFAULTS = { nodes1d: 64, nodes2d: 20, samples: 1024, seed: 1 } as const;

export interface SmoothResult extends SmoothedValue {
  /** The method actually used ('auto' resolved). */
  readonly method: Exclude<SmoothingMethod, 'auto'>;
  /** How the gradient was formed: 'closed-form', 'pathwise' E[∇f(x + σε)] or 'stein' E[f(x + σε)ε]/σ. */
  readonly gradientMethod: 'closed-form' | 'pathwise' | 'stein';
  /** Which closed form, nodes or samples: a short human-readable note. */
  readonly detail: string;
  /** Monte Carlo only: standard errors of the value and of each gradient component. */
  readonly stderr?: { readonly value: number; readonly gradient: number[] };
  /** Nodes or samples left out because f was not finite there. */
  readonly skipped: number;
}

/**
 * 'auto' resolves to: the closed form when the target has one; else, for piecewise targets (min, max, abs, sign,
 * floor, ceil, round: Gauss–Hermite ripples on kinks and jumps, es-vo.md §2.2), the dense convolution in 1D and the
 * piecewise method in 2D (relative error ~1e-8 where 20 × 20 Gauss–Hermite is off by 1e-2: (sign(x) + 1)/2 at
 * x = 0.3, σ = 0.2 gives 0.9225 for Φ(1.5) = 0.93319); else Gauss–Hermite quadrature, so smooth formulas keep their
 * results. Never Monte Carlo.
 */
export function resolveMethod(target: SmoothingTarget, method: SmoothingMethod): Exclude<SmoothingMethod, 'auto'> {
  if (method !== 'auto') return method;
  if (target.exact) return 'exact';
  if (target.kind === 'piecewise') return target.dim === 1 ? 'convolution' : 'piecewise';
  return 'quadrature';
}

/**
 * f_σ(point) and ∇f_σ(point) for σ > 0 by `options.method` (default 'auto', see resolveMethod). Errors (thrown, naming
 * the parameter): σ not finite or ≤ 0, a point of the wrong length or not finite, nodes outside [1, 256], samples
 * outside [1, 1e6], 'exact' without a closed form, 'convolution' for a 2D target.
 */
export function smooth(target: SmoothingTarget, point: readonly number[], sigma: number, options: SmoothOptions = {}): SmoothResult {
  checkSigma(sigma);
  checkPoint(point, target.dim);
  const method = resolveMethod(target, options.method ?? 'auto');
  switch (method) {
    case 'exact': {
      if (!target.exact) throw new Error(`method 'exact': no closed form is known for ${target.name}; use quadrature, convolution or mc`);
      const r = target.exact(point, sigma);
      return { value: r.value, gradient: r.gradient, method, gradientMethod: 'closed-form', detail: target.exactName ?? 'closed form', skipped: 0 };
    }
    case 'quadrature': {
      const nodes = options.nodes ?? (target.dim === 1 ? SMOOTH_DEFAULTS.nodes1d : SMOOTH_DEFAULTS.nodes2d);
      checkInteger(nodes, 'nodes', 1, target.dim === 1 ? MAX_GAUSS_HERMITE_NODES : 100);
      const r = smoothQuadrature(target, point, sigma, nodes, options.gradient ?? 'auto');
      return { ...r, method, detail: `Gauss–Hermite, ${target.dim === 1 ? nodes : `${nodes}×${nodes}`} nodes` };
    }
    case 'convolution': {
      if (target.dim !== 1) throw new Error(`method 'convolution' is for 1D functions; ${target.name} is 2D (use quadrature or mc)`);
      const ev = evaluatorOf(target);
      const p = new Float64Array(1);
      const r = smoothConvolution((x) => { p[0] = x; return ev.value(p); }, point[0]!, sigma, options.convolution);
      return { ...r, method, gradientMethod: 'stein', detail: 'dense convolution (Stein gradient)' };
    }
    case 'piecewise': {
      const { capped, ...r } = smoothPiecewisePoint(target, point, sigma);
      const note = capped ? '; work cap reached (dense kinks and jumps, or fine detail against σ): accuracy not controlled' : '';
      return { ...r, method, gradientMethod: 'stein', detail: piecewiseDetail(target) + note };
    }
    case 'mc': {
      const set = options.sampleSet ?? mcSampleSetFrom(target.dim, options);
      const r = smoothMonteCarlo(target, point, sigma, set);
      return { value: r.value, gradient: r.gradient, method, gradientMethod: 'stein', stderr: r.stderr, skipped: r.skipped,
        detail: `Monte Carlo, ${set.samples} common samples` };
    }
    default:
      throw new Error(`unknown smoothing method ${String(method)}; use one of ${SMOOTHING_METHODS.join(', ')}`);
  }
}

/** The seeded common sample set of `options` (validated). */
export function mcSampleSetFrom(dim: number, options: SmoothOptions): McSampleSet {
  const samples = options.samples ?? SMOOTH_DEFAULTS.samples;
  const seed = options.seed ?? SMOOTH_DEFAULTS.seed;
  checkInteger(samples, 'samples', 1, MAX_SAMPLES);
  checkInteger(seed, 'seed', 0, 2 ** 32 - 1);
  return mcSampleSetFromSeed(dim, samples, seed);
}

/** Closed forms of built-in 2D landscapes (src/landscapes/registry.ts) by id. */
const CLOSED_FORMS_2D: Readonly<Record<string, { name: string; f: (p: readonly number[], s: number) => SmoothedValue }>> = {
  rastrigin: { name: 'Rastrigin: x² + σ² − 10 cos(2πx) e^{−2π²σ²} per coordinate', f: (p, s) => smoothRastrigin(p, s) },
  'quadratic-saddle': { name: 'quadratic: f + ½σ² tr A', f: (p, s) => smoothQuadratic([2, 0, 0, -2], [0, 0], 0, p, s) },
};

const builtinTargets = new Map<string, SmoothingTarget>();

/** The smoothing target of a built-in 2D landscape, with its closed form where one is known (Rastrigin, the quadratic saddle). */
export function landscape2dTarget(def: LandscapeDef): SmoothingTarget {
  let t = builtinTargets.get(def.id);
  if (!t) {
    const cf = CLOSED_FORMS_2D[def.id];
    t = targetFromTape(builtinTape(def), { name: def.id, ...(cf ? { exact: cf.f, exactName: cf.name } : {}) });
    builtinTargets.set(def.id, t);
  }
  return t;
}

import { gridX, gridY, type GridSpec } from '../landscapes/grid';
import { smoothConvolution } from './smoothingConvolution';
import { smoothMonteCarloValue } from './smoothingMonteCarlo';
import { smoothPiecewiseGrid } from './smoothingPiecewise';
import { smoothQuadratureValue } from './smoothingQuadrature';
import { SMOOTH_DEFAULTS, mcSampleSetFrom, resolveMethod, smooth, type SmoothOptions } from './smoothing';
import { checkInteger, checkNumber, checkSigma, evaluatorOf, type SmoothingTarget } from './smoothingTarget';

/**
 * Grid helpers for the UI: f_σ on a 2D GridSpec, f_σ and f_σ' along a 1D x-grid, and the VO bound
 * U(μ, σ) = E[f(μ + σε)] on a (μ, σ) grid (es-vo.md §2.1). Same methods and defaults as smooth(); value-only paths
 * skip the jets.
 */

/**
 * f_σ at every node of a 2D grid, row-major (j·nx + i) like GridFields. The piecewise method (auto for piecewise
 * formulas) shares its work across the grid: each 1D part of a separable formula is one line integral for all nodes of
 * its axis, and the non-separable rest one set of rows for all nodes, or, for σ small against the grid, Gauss–Hermite
 * where one branch covers a node's window and nested integrals elsewhere (smoothingPiecewise.ts); its values are those
 * of smooth() at each node to ~1e-8 unless the work cap is reached (dense breaklines).
 */
export function smoothGrid2D(target: SmoothingTarget, spec: GridSpec, sigma: number, options: SmoothOptions = {}): Float32Array {
  if (target.dim !== 2) throw new Error(`smoothGrid2D needs a 2D target; ${target.name} is ${target.dim}D`);
  checkSigma(sigma);
  checkInteger(spec.nx, 'nx', 2, 4096);
  checkInteger(spec.ny, 'ny', 2, 4096);
  const method = resolveMethod(target, options.method ?? 'auto');
  if (method === 'piecewise') return Float32Array.from(smoothPiecewiseGrid(target, spec, sigma));
  const out = new Float32Array(spec.nx * spec.ny);
  const point = [0, 0];
  const scratch = new Float64Array(2);
  const nodes = options.nodes ?? SMOOTH_DEFAULTS.nodes2d;
  if (method === 'quadrature') checkInteger(nodes, 'nodes', 1, 100);
  const set = method === 'mc' ? options.sampleSet ?? mcSampleSetFrom(2, options) : null;
  for (let j = 0; j < spec.ny; j++) {
    point[1] = gridY(spec, j);
    for (let i = 0; i < spec.nx; i++) {
      point[0] = gridX(spec, i);
      let v: number;
      if (method === 'quadrature') v = smoothQuadratureValue(target, point, sigma, nodes, scratch);
      else if (set) v = smoothMonteCarloValue(target, point, sigma, set, scratch);
      else v = smooth(target, point, sigma, { ...options, method }).value;
      out[j * spec.nx + i] = v;
    }
  }
  return out;
}

/** n equally spaced values from a to b inclusive. */
export function linspace(a: number, b: number, n: number): Float64Array {
  checkInteger(n, 'n', 1, 1_000_000);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return out;
}

/** f_σ(x_i) and f_σ'(x_i) along a 1D x-grid. */
export function smoothCurve1D(target: SmoothingTarget, xs: ArrayLike<number>, sigma: number, options: SmoothOptions = {}): { value: Float64Array; gradient: Float64Array } {
  if (target.dim !== 1) throw new Error(`smoothCurve1D needs a 1D target; ${target.name} is ${target.dim}D`);
  checkSigma(sigma);
  const value = new Float64Array(xs.length);
  const gradient = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const r = smooth(target, [xs[i]!], sigma, options);
    value[i] = r.value;
    gradient[i] = r.gradient[0]!;
  }
  return { value, gradient };
}

/** Defaults of the (μ, σ) map: Havtorn's grid μ ∈ [−5, 5], σ ∈ (0, 2], 200 × 200 (es-vo.md §2.1). */
export const BOUND_MAP_DEFAULTS = { n: 200, sigmaMin: 0.01, sigmaMax: 2, convolutionPoints: 2001 } as const;

/**
 * The VO bound U(μ_i, σ_j) = E[f(μ_i + σ_j ε)] of a 1D target, row-major over σ (j·nμ + i, σ on the y-axis as in
 * the source figures). σ_j = 0 is allowed here and gives f(μ) (U(μ, 0) = f(μ)); σ must be finite, ≥ 0 and ≤ 1e3.
 * For the dense convolution the grid is capped at `convolutionPoints` (default 2001) per cell, i.e. h = 12σ/2000,
 * an error O(6e-3·|Δ|) per jump, so a 200 × 200 map stays interactive; pass options.convolution to change it.
 */
export function boundMap1D(target: SmoothingTarget, mus: ArrayLike<number>, sigmas: ArrayLike<number>, options: SmoothOptions = {}): Float64Array {
  if (target.dim !== 1) throw new Error(`boundMap1D needs a 1D target; ${target.name} is ${target.dim}D`);
  for (let j = 0; j < sigmas.length; j++) checkNumber(sigmas[j]!, 'sigma', 0, 1e3);
  const out = new Float64Array(mus.length * sigmas.length);
  const method = resolveMethod(target, options.method ?? 'auto');
  const ev = evaluatorOf(target);
  const p = new Float64Array(1);
  const f = (x: number): number => { p[0] = x; return ev.value(p); };
  const conv = options.convolution ?? { maxPoints: BOUND_MAP_DEFAULTS.convolutionPoints };
  const set = method === 'mc' ? options.sampleSet ?? mcSampleSetFrom(1, options) : null;
  const nodes = options.nodes ?? SMOOTH_DEFAULTS.nodes1d;
  const point = [0];
  const scratch = new Float64Array(2);
  for (let j = 0; j < sigmas.length; j++) {
    const s = sigmas[j]!;
    for (let i = 0; i < mus.length; i++) {
      point[0] = mus[i]!;
      let v: number;
      if (s === 0) v = f(point[0]);
      else if (method === 'convolution') v = smoothConvolution(f, point[0], s, conv).value;
      else if (method === 'quadrature') v = smoothQuadratureValue(target, point, s, nodes, scratch);
      else if (set) v = smoothMonteCarloValue(target, point, s, set, scratch);
      else v = smooth(target, point, s, { ...options, method }).value;
      out[j * mus.length + i] = v;
    }
  }
  return out;
}

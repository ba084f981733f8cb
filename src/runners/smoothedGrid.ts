import { landscape2dTarget, mcSampleSetFrom } from '../es/smoothing';
import { createSmoothKernel, mcSamples, quadratureSamples, type SmoothKernel } from '../gpu/smoothKernel';
import { smoothGrid2D } from '../es/smoothingGrid';
import { piecewiseIsSeparable } from '../es/smoothingPiecewise';
import { targetFromTape, type SmoothingTarget } from '../es/smoothingTarget';
import type { Tape } from '../landscapes/expression/tape';
import { allocGridFields, type GridFields, type GridSpec } from '../landscapes/grid';
import { landscapeById } from '../landscapes/registry';
import type { SmoothSettings } from '../es/smoothSettings';

/**
 * Largest grid side of the JavaScript smoothing path when no closed form is known and the formula does not separate
 * (quadrature costs 400 f-evaluations a node; the piecewise method's shared rows cost about as much in all).
 */
export const JS_SMOOTH_GRID = 96;

/**
 * ∇ and ∇² of a field sampled on a grid by central differences (one-sided at the edges), so that the overlays
 * (eigenvector crosses, curvature regions) can be drawn for the smoothed surface f_σ, whose exact derivatives the
 * sampled paths do not give.
 */
export function fieldsFromValues(f: Float32Array, spec: GridSpec): GridFields {
  const out = allocGridFields(spec);
  out.f.set(f);
  const { nx, ny } = spec;
  const hx = (spec.domain.x1 - spec.domain.x0) / (nx - 1);
  const hy = (spec.domain.y1 - spec.domain.y0) / (ny - 1);
  const at = (i: number, j: number) => f[Math.min(ny - 1, Math.max(0, j)) * nx + Math.min(nx - 1, Math.max(0, i))]!;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const il = Math.max(0, i - 1), ir = Math.min(nx - 1, i + 1);
      const jd = Math.max(0, j - 1), ju = Math.min(ny - 1, j + 1);
      out.gx[k] = (at(ir, j) - at(il, j)) / ((ir - il) * hx);
      out.gy[k] = (at(i, ju) - at(i, jd)) / ((ju - jd) * hy);
      const ic = Math.min(nx - 2, Math.max(1, i));
      const jc = Math.min(ny - 2, Math.max(1, j));
      out.hxx[k] = (at(ic + 1, j) - 2 * at(ic, j) + at(ic - 1, j)) / (hx * hx);
      out.hyy[k] = (at(i, jc + 1) - 2 * at(i, jc) + at(i, jc - 1)) / (hy * hy);
      out.hxy[k] = (at(ir, ju) - at(il, ju) - at(ir, jd) + at(il, jd)) / ((ir - il) * hx * (ju - jd) * hy);
    }
  }
  return out;
}

/**
 * f_σ(x) = E[f(x + σε)] on the grid by the JavaScript smoothing engine (src/es), method auto: a closed form where
 * one is known, and piecewise formulas (min, max, abs, sign, floor, ceil, round) by the piecewise method
 * (smoothingPiecewise.ts: exact line integrals between located kinks and jumps), both on the full grid when they need
 * no 2D integral (a closed form, or a formula that separates as g(x) + h(y) or p(x)·q(y)); else, and for method
 * quadrature or mc, Gauss–Hermite quadrature, the piecewise method's nested 2D integral or Monte Carlo with common
 * random numbers (seeded) on a grid of at most JS_SMOOTH_GRID nodes a side.
 */
export function smoothedGridJs(tape: Tape, landscape: string, spec: GridSpec, s: SmoothSettings, seed: number): GridFields {
  const target = targetOf(tape, landscape);
  const cheap = s.method === 'auto' && (target.exact !== undefined || (target.kind === 'piecewise' && piecewiseIsSeparable(target)));
  const side = cheap ? Math.max(spec.nx, spec.ny) : Math.min(JS_SMOOTH_GRID, Math.max(spec.nx, spec.ny));
  const small: GridSpec = { domain: spec.domain, nx: Math.min(spec.nx, side), ny: Math.min(spec.ny, side) };
  const values = smoothGrid2D(target, small, s.sigma, { method: s.method, samples: s.samples, seed });
  return fieldsFromValues(values, small);
}

/** The smoothing target of a surface: a built-in landscape's (with its closed form, when known) or the formula's. */
export function targetOf(tape: Tape, landscape: string): SmoothingTarget {
  const def = landscapeById(landscape);
  return def ? landscape2dTarget(def) : targetFromTape(tape);
}

/** Largest grid side of the WebGPU smoothing path. */
export const GPU_SMOOTH_GRID = 256;
/** Gauss–Hermite nodes per axis of the quadrature paths (the JS default, src/es/smoothing.ts). */
const QUADRATURE_NODES = 20;

/**
 * True when the JavaScript path is the accurate one for method auto, so the surface worker should not use the WebGPU
 * kernel: a closed form (exact and fast), or a piecewise formula, for which the kernel's 20 × 20 Gauss–Hermite rule
 * ripples (off by ~1e-2 at a jump; the JS piecewise method is accurate to ~1e-8, see smoothingPiecewise.ts). The
 * WebGPU path still serves smooth formulas (Gauss–Hermite, where it matches the JS quadrature) and Monte Carlo.
 * The name is the surface worker's; it reads "the JS path is exact enough".
 */
export function hasClosedForm(tape: Tape, landscape: string, s: SmoothSettings): boolean {
  const target = targetOf(tape, landscape);
  return s.method === 'auto' && (target.exact !== undefined || target.kind === 'piecewise');
}

/**
 * f_σ on the grid by the generated WebGPU kernel (src/gpu/smoothKernel.ts), on at most GPU_SMOOTH_GRID nodes a side:
 * the same Gauss–Hermite rule (method auto for smooth formulas, or quadrature) or the same seeded common random
 * numbers (mc) as the JavaScript path. Piecewise formulas under auto go to smoothedGridJs (see hasClosedForm). Kernels
 * are cached per formula and mode in `cache`.
 */
export async function smoothedGridGpu(device: GPUDevice, tape: Tape, formula: string, spec: GridSpec, s: SmoothSettings, seed: number,
  cache: Map<string, SmoothKernel>): Promise<GridFields> {
  const mode = s.method === 'mc' ? 'mc' : 'quadrature';
  const key = `${mode}|${formula}`;
  let kernel = cache.get(key);
  if (!kernel) {
    if (cache.size > 8) { for (const k of cache.values()) k.destroy(); cache.clear(); }
    kernel = createSmoothKernel(device, tape, mode);
    cache.set(key, kernel);
  }
  const samples = mode === 'mc' ? mcSamples(mcSampleSetFrom(2, { samples: s.samples, seed })) : quadratureSamples(QUADRATURE_NODES);
  const small: GridSpec = { domain: spec.domain, nx: Math.min(spec.nx, GPU_SMOOTH_GRID), ny: Math.min(spec.ny, GPU_SMOOTH_GRID) };
  const out = await kernel.run(small, s.sigma, samples);
  return fieldsFromValues(out.value, small);
}

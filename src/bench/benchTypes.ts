import type { GpuAdapterSummary } from '../gpu/gridKernel';
import type { FieldComparison, FieldTolerance } from './compareFields';
import { SMOOTH_BENCH_DEFAULTS, SMOOTH_BENCH_LANDSCAPES, type SmoothLandscapeBench } from './smoothBench';
import type { HvpBackendBench } from './hvpBench';

/**
 * What bench.html runs, from its query string:
 *   mode=bench     JS and WebGPU grids for each landscape, `runs` timed runs each (the default);
 *   mode=compare   one run each at `size`, with per-field comparisons (the browser test uses this);
 *   mode=backends  initTfBackend for each TF.js backend alone, and a grid on TF.js's own GPUDevice;
 *   mode=smooth    Gaussian smoothing f_σ on a size × size grid: JS smoothGrid2D (Monte Carlo, `samples` common random
 *                  numbers, timed on a jsSize × jsSize grid and scaled per cell) vs the WebGPU smoothing kernel (MC and
 *                  nodes × nodes Gauss–Hermite), compared on the jsSize grid (src/bench/smoothBench.ts);
 *   mode=hvp       Hessian-vector products of networks on each TF.js backend: double backprop against finite
 *                  differences on tiny networks of every activation, and ms per product of 784-128-128-10 at each
 *                  batch in `batches` (a comma list; `size` is ignored) over `runs` (src/bench/hvpBench.ts).
 * Other keys: size (nodes per side), runs, l (a landscape id or formula; repeat for several), where=worker|main,
 * device=own|tf (a fresh GPUDevice, or TF.js's webgpu device), rtol, atol; for mode=smooth also samples, js (jsSize),
 * sigma, nodes, seed (defaults in SMOOTH_BENCH_DEFAULTS; size defaults to 256 and runs to 3 there).
 */
export interface BenchParams {
  readonly mode: 'bench' | 'compare' | 'backends' | 'smooth' | 'hvp';
  readonly size: number;
  readonly runs: number;
  readonly landscapes: readonly string[];
  readonly where: 'worker' | 'main';
  readonly device: 'own' | 'tf';
  readonly tol: FieldTolerance;
  /** mode=hvp: the batch sizes to time (none: correctness only). */
  readonly batches?: readonly number[];
  /** mode=smooth only. */
  readonly smooth?: { readonly samples: number; readonly jsSize: number; readonly sigma: number; readonly nodes: number; readonly seed: number };
}

/** The landscapes the benchmark times by default (brief: four built-ins and one typed formula). */
export const BENCH_LANDSCAPES: readonly string[] = ['himmelblau', 'rosenbrock', 'rastrigin', 'ackley', 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)'];

/**
 * Default tolerance of the WebGPU (f32) grid against the JS (f64, stored as f32) grid, |GPU − JS| ≤ atol·scale +
 * rtol·|JS| (compareFields.ts): atol ≈ 2 × WGSL's 2^-11 absolute error bound for sin/cos; see
 * test/browser/gpuGrid.test.ts for the measurements behind it.
 */
export const DEFAULT_TOLERANCE: FieldTolerance = { rtol: 1e-4, atol: 1e-3 };

export const DEFAULT_PARAMS: BenchParams = {
  mode: 'bench', size: 512, runs: 5, landscapes: BENCH_LANDSCAPES, where: 'worker', device: 'own', tol: DEFAULT_TOLERANCE,
};

export function benchQuery(p: Partial<BenchParams>): string {
  const q = new URLSearchParams();
  if (p.mode) q.set('mode', p.mode);
  if (p.size !== undefined) q.set('size', String(p.size));
  if (p.runs !== undefined) q.set('runs', String(p.runs));
  for (const l of p.landscapes ?? []) q.append('l', l);
  if (p.where) q.set('where', p.where);
  if (p.device) q.set('device', p.device);
  if (p.tol) { q.set('rtol', String(p.tol.rtol)); q.set('atol', String(p.tol.atol)); }
  if (p.batches) q.set('batches', p.batches.join(','));
  if (p.smooth) {
    q.set('samples', String(p.smooth.samples));
    q.set('js', String(p.smooth.jsSize));
    q.set('sigma', String(p.smooth.sigma));
    q.set('nodes', String(p.smooth.nodes));
    q.set('seed', String(p.smooth.seed));
  }
  return q.toString();
}

export function parseBenchQuery(search: string): BenchParams {
  const q = new URLSearchParams(search);
  const num = (key: string, def: number, lo: number, hi: number): number => {
    const v = Number(q.get(key));
    return q.has(key) && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : def;
  };
  const mode = q.get('mode');
  const landscapes = q.getAll('l').filter((s) => s.trim().length > 0);
  const smooth = mode === 'smooth';
  const sd = SMOOTH_BENCH_DEFAULTS;
  return {
    mode: mode === 'compare' || mode === 'backends' || mode === 'smooth' || mode === 'hvp' ? mode : 'bench',
    ...(mode === 'hvp' ? { batches: (q.get('batches') ?? '').split(',').filter((t) => t !== '').map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 60_000) } : {}),
    size: Math.round(num('size', smooth ? sd.size : DEFAULT_PARAMS.size, 2, 4096)),
    runs: Math.round(num('runs', smooth ? sd.runs : DEFAULT_PARAMS.runs, 1, 100)),
    landscapes: landscapes.length > 0 ? landscapes : smooth ? SMOOTH_BENCH_LANDSCAPES : BENCH_LANDSCAPES,
    ...(smooth ? {
      smooth: {
        samples: Math.round(num('samples', sd.samples, 1, 1_000_000)), jsSize: Math.round(num('js', sd.jsSize, 2, 4096)),
        sigma: num('sigma', sd.sigma, 1e-6, 1e3), nodes: Math.round(num('nodes', sd.nodes, 1, 100)), seed: Math.round(num('seed', sd.seed, 0, 2 ** 32 - 1)),
      },
    } : {}),
    where: q.get('where') === 'main' ? 'main' : 'worker',
    device: q.get('device') === 'tf' ? 'tf' : 'own',
    tol: { rtol: num('rtol', (smooth ? sd.tol : DEFAULT_TOLERANCE).rtol, 0, 1), atol: num('atol', (smooth ? sd.tol : DEFAULT_TOLERANCE).atol, 0, 1) },
  };
}

export interface LandscapeBench {
  /** As given (id or formula) and as resolved. */
  readonly input: string;
  readonly name: string;
  readonly formula: string;
  readonly tapeLength: number;
  readonly wgslChars: number;
  /** JS path (evalGridJs) ms per grid, after one untimed warm-up run. */
  readonly jsMs: readonly number[];
  readonly jsMedianMs: number;
  /** createGridKernel + first run (shader compile, buffer allocation, dispatch, readback). */
  readonly gpuFirstMs: number | null;
  /** WebGPU ms per grid end to end (uniform write, dispatch, copy, mapAsync readback, copy out). */
  readonly gpuMs: readonly number[];
  readonly gpuMedianMs: number | null;
  readonly fields: readonly FieldComparison[] | null;
  readonly maxRelDiff: number | null;
  readonly pass: boolean | null;
  readonly error?: string;
}

export interface BackendCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms?: number;
  readonly detail?: string;
}

export interface BenchResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly params: BenchParams;
  readonly where: 'worker' | 'main';
  readonly userAgent: string;
  /** Whether a GPUDevice was obtained, from where, and its adapter. */
  readonly webgpu: { readonly available: boolean; readonly source: 'own' | 'tf'; readonly adapter: GpuAdapterSummary | null; readonly reason?: string };
  readonly landscapes: readonly LandscapeBench[];
  /** mode=backends: each TF.js backend tried alone. */
  readonly backends?: readonly BackendCheck[];
  /** mode=backends: the grid kernel on TF.js's webgpu device, compared against the JS path. */
  readonly tfDeviceGrid?: { readonly ok: boolean; readonly maxRelDiff?: number; readonly error?: string };
  /** mode=smooth: one entry per landscape. */
  readonly smoothing?: readonly SmoothLandscapeBench[];
  /** mode=hvp: one entry per TF.js backend. */
  readonly hvp?: readonly HvpBackendBench[];
  readonly totalMs: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

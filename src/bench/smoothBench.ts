import { smoothGrid2D } from '../es/smoothingGrid';
import { mcSampleSetFromSeed, smoothMonteCarlo, type McSampleSet } from '../es/smoothingMonteCarlo';
import { targetFromTape, type SmoothingTarget } from '../es/smoothingTarget';
import { createSmoothKernel, mcSamples, quadratureSamples, type SmoothKernel } from '../gpu/smoothKernel';
import { gridX, gridY, type GridSpec } from '../landscapes/grid';
import { resolveLandscape } from '../landscapes/registry';
import { compareField, type FieldComparison, type FieldTolerance } from './compareFields';

/** The landscapes of the smoothing benchmark (brief: Rastrigin, Himmelblau and one typed formula). */
export const SMOOTH_BENCH_LANDSCAPES: readonly string[] = ['rastrigin', 'himmelblau', 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)'];

/** Settings of the smoothing section: grid size² nodes × `samples` MC samples; JS timed on jsSize² and scaled per cell. */
export interface SmoothBenchSettings {
  readonly size: number;
  readonly jsSize: number;
  readonly samples: number;
  readonly seed: number;
  readonly sigma: number;
  /** Gauss–Hermite nodes per axis of the quadrature run (nodes × nodes samples). */
  readonly nodes: number;
  readonly runs: number;
  readonly tol: FieldTolerance;
}

export const SMOOTH_BENCH_DEFAULTS: SmoothBenchSettings = {
  size: 256, jsSize: 64, samples: 1024, seed: 1, sigma: 0.5, nodes: 20, runs: 3, tol: { rtol: 1e-4, atol: 1e-4 },
};

export interface SmoothLandscapeBench {
  readonly input: string;
  readonly name: string;
  /** JS smoothGrid2D (same MC sample set) on jsSize², ms, and scaled per cell to size². */
  readonly jsMs: number;
  readonly jsScaledMs: number;
  /** WebGPU MC at size²: createSmoothKernel + first run, then the median of `runs` (dispatch + readback). */
  readonly gpuFirstMs: number | null;
  readonly gpuMedianMs: number | null;
  /** WebGPU Gauss–Hermite nodes² at size², median ms. */
  readonly gpuQuadMs: number | null;
  /** On the jsSize² grid, same samples: MC value vs smoothGrid2D, Stein gradient (x, y) vs smoothMonteCarlo, GH value vs smoothGrid2D. */
  readonly value: FieldComparison | null;
  readonly gradX: FieldComparison | null;
  readonly gradY: FieldComparison | null;
  readonly quadValue: FieldComparison | null;
  readonly error?: string;
}

const now = (): number => performance.now();
const median = (xs: readonly number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? NaN : v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** JS smoothGrid2D in ms on an n × n grid (after a small untimed warm-up), and its result. */
export function timeSmoothJs(target: SmoothingTarget, domain: GridSpec['domain'], n: number, sigma: number, set: McSampleSet): { ms: number; value: Float32Array } {
  smoothGrid2D(target, { domain, nx: 8, ny: 8 }, sigma, { method: 'mc', sampleSet: set });
  const t = now();
  const value = smoothGrid2D(target, { domain, nx: n, ny: n }, sigma, { method: 'mc', sampleSet: set });
  return { ms: now() - t, value };
}

/** The Stein gradient field of smoothMonteCarlo at every node (the JS reference of the kernel's gradient fields). */
function steinGradientJs(target: SmoothingTarget, spec: GridSpec, sigma: number, set: McSampleSet): [Float32Array, Float32Array] {
  const gx = new Float32Array(spec.nx * spec.ny);
  const gy = new Float32Array(spec.nx * spec.ny);
  for (let j = 0; j < spec.ny; j++) {
    for (let i = 0; i < spec.nx; i++) {
      const g = smoothMonteCarlo(target, [gridX(spec, i), gridY(spec, j)], sigma, set).gradient;
      gx[j * spec.nx + i] = g[0]!;
      gy[j * spec.nx + i] = g[1]!;
    }
  }
  return [gx, gy];
}

/** One landscape of the smoothing section; never throws (errors are reported). */
export async function benchSmoothOne(input: string, s: SmoothBenchSettings, device: GPUDevice | null, progress: (line: string) => void): Promise<SmoothLandscapeBench> {
  let name = input;
  let mc: SmoothKernel | null = null;
  let quad: SmoothKernel | null = null;
  let jsMs = NaN;
  let gpuFirstMs: number | null = null;
  const gpuMs: number[] = [];
  const quadMs: number[] = [];
  const cells = (s.size * s.size) / (s.jsSize * s.jsSize);
  const partial = (): SmoothLandscapeBench => ({
    input, name, jsMs, jsScaledMs: jsMs * cells, gpuFirstMs, gpuMedianMs: gpuMs.length ? median(gpuMs) : null,
    gpuQuadMs: quadMs.length ? median(quadMs) : null, value: null, gradX: null, gradY: null, quadValue: null,
  });
  try {
    const land = resolveLandscape(input);
    name = land.def.name === 'Custom formula' ? input : land.def.name;
    const target = targetFromTape(land.tape, { name });
    const set = mcSampleSetFromSeed(2, s.samples, s.seed);
    const domain = land.def.domain;
    const small: GridSpec = { domain, nx: s.jsSize, ny: s.jsSize };
    const full: GridSpec = { domain, nx: s.size, ny: s.size };
    const js = timeSmoothJs(target, domain, s.jsSize, s.sigma, set);
    jsMs = js.ms;
    progress(`smoothing ${name}: JS ${jsMs.toFixed(0)} ms at ${s.jsSize}x${s.jsSize}`);
    await tick();
    if (!device) return { ...partial(), error: 'no WebGPU device' };
    const samples = mcSamples(set);
    let t = now();
    mc = createSmoothKernel(device, land.tape, 'mc');
    await mc.run(full, s.sigma, samples);
    gpuFirstMs = now() - t;
    for (let r = 0; r < s.runs; r++) {
      t = now();
      await mc.run(full, s.sigma, samples);
      gpuMs.push(now() - t);
    }
    const gpuSmall = await mc.run(small, s.sigma, samples);
    const [gx, gy] = steinGradientJs(target, small, s.sigma, set);
    const qs = quadratureSamples(s.nodes);
    quad = createSmoothKernel(device, land.tape, 'quadrature');
    await quad.run(full, s.sigma, qs);
    for (let r = 0; r < s.runs; r++) {
      t = now();
      await quad.run(full, s.sigma, qs);
      quadMs.push(now() - t);
    }
    const quadSmall = await quad.run(small, s.sigma, qs);
    const quadJs = smoothGrid2D(target, small, s.sigma, { method: 'quadrature', nodes: s.nodes });
    const result: SmoothLandscapeBench = {
      ...partial(),
      value: compareField('f_sigma', js.value, gpuSmall.value, s.tol),
      gradX: compareField('stein g_x', gx, gpuSmall.gx, s.tol),
      gradY: compareField('stein g_y', gy, gpuSmall.gy, s.tol),
      quadValue: compareField('f_sigma (GH)', quadJs, quadSmall.value, s.tol),
    };
    progress(`smoothing ${name}: WebGPU MC ${median(gpuMs).toFixed(0)} ms, GH ${median(quadMs).toFixed(0)} ms at ${s.size}x${s.size}, max rel diff ${result.value!.maxRel.toExponential(1)}`);
    return result;
  } catch (e) {
    return { ...partial(), error: e instanceof Error ? e.message : String(e) };
  } finally {
    mc?.destroy();
    quad?.destroy();
  }
}

import { createGridKernel, gpuAdapterSummary, requestGpuDevice, type GridKernel } from '../gpu/gridKernel';
import { evalGridJs, type GridSpec } from '../landscapes/grid';
import { resolveLandscape } from '../landscapes/registry';
import { compareGridFields } from './compareFields';
import { SMOOTH_BENCH_DEFAULTS, benchSmoothOne, type SmoothLandscapeBench } from './smoothBench';
import { DEFAULT_TOLERANCE, median, type BackendCheck, type BenchParams, type BenchResult, type LandscapeBench } from './benchTypes';

const now = (): number => performance.now();
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Lets the event loop breathe between heavy runs (progress messages, GC). */
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Runs a benchmark, comparison or backend check (see BenchParams) in the current context: a dedicated worker or
 * the page. Never throws: failures are reported in the result. TF.js is loaded only for device=tf or
 * mode=backends (a dynamic import), so the plain grid benchmark does not pay for it.
 */
export async function runBench(params: BenchParams, where: 'worker' | 'main', progress: (line: string) => void = () => undefined): Promise<BenchResult> {
  const t0 = now();
  const userAgent = typeof navigator !== 'undefined' ? navigator.userAgent : '';
  const base = { params, where, userAgent };
  if (params.mode === 'backends') return { ...base, ...(await checkBackends(progress)), totalMs: now() - t0 };
  if (params.mode === 'hvp') {
    const { benchHvp } = await import('./hvpBench');
    const { results: hvp, adapter } = await benchHvp(params.batches ?? [], params.runs, progress);
    const ok = hvp.some((h) => h.ok);
    return { ...base, ok, ...(ok ? {} : { error: 'no TF.js backend ran' }), webgpu: { available: adapter !== null, source: 'tf', adapter }, landscapes: [], hvp, totalMs: now() - t0 };
  }

  let device: GPUDevice | null = null;
  let reason: string | undefined;
  try {
    if (params.device === 'tf') {
      const { initTfBackend, gpuDeviceFromTf } = await import('../platform/tfBackend');
      const choice = await initTfBackend(['webgpu']).catch((e: unknown) => { reason = errorText(e); return null; });
      device = choice ? gpuDeviceFromTf() : null;
    } else {
      device = await requestGpuDevice();
      if (!device) reason = 'navigator.gpu or its adapter is missing';
    }
  } catch (e) {
    reason = errorText(e);
  }
  const webgpu = { available: device !== null, source: params.device, adapter: device ? gpuAdapterSummary(device) : null, ...(reason ? { reason } : {}) };
  progress(`WebGPU: ${device ? `${webgpu.adapter!.vendor} / ${webgpu.adapter!.architecture}` : `unavailable (${reason})`}`);

  if (params.mode === 'smooth') {
    const sp = params.smooth ?? SMOOTH_BENCH_DEFAULTS;
    const settings = { size: params.size, jsSize: sp.jsSize, samples: sp.samples, seed: sp.seed, sigma: sp.sigma, nodes: sp.nodes, runs: params.runs, tol: params.tol };
    const smoothing: SmoothLandscapeBench[] = [];
    for (const input of params.landscapes) {
      smoothing.push(await benchSmoothOne(input, settings, device, progress));
      await tick();
    }
    const ok = device !== null && smoothing.every((l) => !l.error);
    return { ...base, ok, ...(ok ? {} : { error: device ? 'some landscapes failed' : `no WebGPU device: ${reason}` }), webgpu, landscapes: [], smoothing, totalMs: now() - t0 };
  }

  const runs = params.mode === 'compare' ? 1 : params.runs;
  const landscapes: LandscapeBench[] = [];
  for (const input of params.landscapes) {
    landscapes.push(await benchOne(input, params, runs, device, progress));
    await tick();
  }
  const ok = device !== null && landscapes.every((l) => !l.error);
  return { ...base, ok, ...(ok ? {} : { error: device ? 'some landscapes failed' : `no WebGPU device: ${reason}` }), webgpu, landscapes, totalMs: now() - t0 };
}

async function benchOne(input: string, params: BenchParams, runs: number, device: GPUDevice | null, progress: (line: string) => void): Promise<LandscapeBench> {
  let name = input;
  let formula = input;
  let tapeLength = 0;
  let wgslChars = 0;
  const jsMs: number[] = [];
  const gpuMs: number[] = [];
  let gpuFirstMs: number | null = null;
  let kernel: GridKernel | null = null;
  const partial = (): LandscapeBench => ({
    input, name, formula, tapeLength, wgslChars, jsMs, jsMedianMs: median(jsMs), gpuFirstMs, gpuMs,
    gpuMedianMs: gpuMs.length ? median(gpuMs) : null, fields: null, maxRelDiff: null, pass: null,
  });
  try {
    const land = resolveLandscape(input);
    name = land.def.name;
    formula = land.def.formula;
    tapeLength = land.tape.instrs.length;
    const spec: GridSpec = { domain: land.def.domain, nx: params.size, ny: params.size };
    // JS path: one untimed warm-up (JIT), then the timed runs; the last result is the reference.
    let ref = evalGridJs(land.tape, spec);
    if (params.mode !== 'compare') {
      for (let r = 0; r < runs; r++) {
        const t = now();
        ref = evalGridJs(land.tape, spec);
        jsMs.push(now() - t);
        await tick();
      }
    }
    progress(`${name}: JS ${params.mode === 'compare' ? 'done' : `${median(jsMs).toFixed(1)} ms`}`);
    if (!device) return { ...partial(), error: 'no WebGPU device' };
    let t = now();
    kernel = createGridKernel(device, land.tape);
    wgslChars = kernel.wgsl.length;
    let gpu = await kernel.run(spec);
    gpuFirstMs = now() - t;
    for (let r = 0; r < (params.mode === 'compare' ? 0 : runs); r++) {
      t = now();
      gpu = await kernel.run(spec);
      gpuMs.push(now() - t);
    }
    const cmp = compareGridFields(ref, gpu, params.tol);
    progress(`${name}: WebGPU ${gpuMs.length ? `${median(gpuMs).toFixed(1)} ms` : 'done'}, max rel diff ${cmp.maxRel.toExponential(2)}`);
    return { ...partial(), fields: cmp.fields, maxRelDiff: cmp.maxRel, pass: cmp.pass };
  } catch (e) {
    return { ...partial(), error: errorText(e) };
  } finally {
    kernel?.destroy();
  }
}

/** Each TF.js backend alone, then a grid on TF.js's webgpu device against the JS path. */
async function checkBackends(progress: (line: string) => void): Promise<Pick<BenchResult, 'ok' | 'error' | 'webgpu' | 'landscapes' | 'backends' | 'tfDeviceGrid'>> {
  const { initTfBackend, gpuDeviceFromTf } = await import('../platform/tfBackend');
  const { BUNDLED_WASM_PATHS } = await import('../platform/wasmAssets');
  const backends: BackendCheck[] = [];
  for (const name of ['webgl', 'wasm', 'cpu', 'webgpu']) {
    try {
      const choice = await initTfBackend([name], { wasmPaths: BUNDLED_WASM_PATHS });
      const a = choice.tried[0]!;
      backends.push({ name, ok: true, ...(a.ms !== undefined ? { ms: a.ms } : {}), ...(a.detail ? { detail: a.detail } : {}) });
    } catch (e) {
      backends.push({ name, ok: false, error: errorText(e) });
    }
    progress(`TF.js ${name}: ${backends[backends.length - 1]!.ok ? 'ok' : backends[backends.length - 1]!.error}`);
  }
  // webgpu was tried last, so when it works it is the active backend here.
  const device = gpuDeviceFromTf();
  const webgpu = { available: device !== null, source: 'tf' as const, adapter: device ? gpuAdapterSummary(device) : null };
  let tfDeviceGrid: BenchResult['tfDeviceGrid'];
  if (!device) {
    tfDeviceGrid = { ok: false, error: 'TF.js webgpu backend not active' };
  } else {
    let kernel: GridKernel | null = null;
    try {
      const land = resolveLandscape('rosenbrock');
      const spec: GridSpec = { domain: land.def.domain, nx: 64, ny: 64 };
      kernel = createGridKernel(device, land.tape);
      const cmp = compareGridFields(evalGridJs(land.tape, spec), await kernel.run(spec), DEFAULT_TOLERANCE);
      tfDeviceGrid = { ok: cmp.pass, maxRelDiff: cmp.maxRel };
    } catch (e) {
      tfDeviceGrid = { ok: false, error: errorText(e) };
    } finally {
      kernel?.destroy();
    }
  }
  const ok = backends.every((b) => b.ok) && tfDeviceGrid.ok;
  return { ok, ...(ok ? {} : { error: 'some backends failed' }), webgpu, landscapes: [], backends, tfDeviceGrid };
}

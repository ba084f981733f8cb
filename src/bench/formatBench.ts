import type { GpuAdapterSummary } from '../gpu/gridKernel';
import type { BenchResult } from './benchTypes';

/** Plain-text table: numbers right-aligned, the first column (and those in `left`) left-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((s, c) => (c === 0 || left.includes(c) ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const fmtMs = (ms: number | null | undefined): string => (ms === null || ms === undefined || !Number.isFinite(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
export const fmtSci = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : x === 0 ? '0' : x.toExponential(1));

/** True when the adapter is a software one (SwiftShader, or one flagged as a fallback adapter). */
export function isSoftwareAdapter(a: GpuAdapterSummary | null): boolean {
  if (!a) return false;
  return a.isFallbackAdapter === true || /swiftshader/i.test(`${a.architecture} ${a.vendor} ${a.description}`);
}

/** One line naming the adapter, and a warning line when it is a CPU implementation. */
export function adapterLines(r: BenchResult): string[] {
  const a = r.webgpu.adapter;
  if (!r.webgpu.available || !a) return [`WebGPU: unavailable${r.webgpu.reason ? ` (${r.webgpu.reason})` : ''}`];
  const name = [a.vendor, a.architecture, a.device, a.description].filter((s) => s).join(' / ') || 'unknown adapter';
  const lines = [`WebGPU adapter: ${name}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}, device from ${r.webgpu.source === 'tf' ? 'TF.js webgpu backend' : 'requestAdapter()'}, run in a ${r.where === 'worker' ? 'dedicated worker' : 'page'}`];
  if (isSoftwareAdapter(a)) lines.push('Note: WebGPU here runs on SwiftShader, a CPU implementation: these are not GPU figures.');
  return lines;
}

/**
 * The benchmark table: landscape, JS in Node (when given), JS in the browser, WebGPU, the first WebGPU run
 * (shader compile included), speed-up = JS-browser / WebGPU, and the max difference relative to each field's scale.
 */
export function formatBenchResult(r: BenchResult, jsNodeMs?: ReadonlyMap<string, number>): string {
  const out: string[] = [];
  if (r.params.mode === 'smooth') {
    out.push(formatSmoothing(r, jsNodeMs));
  } else if (r.params.mode === 'hvp') {
    const batches = r.params.batches ?? [];
    out.push('Hessian-vector products per TF.js backend (WebGPU here is SwiftShader, a CPU renderer): relative difference of double backprop '
      + 'and finite differences on 6-8-3 networks, tensors left over, ms per product of 784-128-128-10 relu (random inputs), Adam steps/s at batch 128, '
      + 'and ms per point of a loss slice on 256 images (the first layer\'s products computed once, as the app) against a full forward pass per point');
    out.push(formatTable(['backend', 'relu', 'tanh', 'sigmoid', 'softplus', 'leaked', ...batches.map((n) => `batch ${n} ms`), 'train steps/s', 'slice ms/pt', 'forward ms/pt'],
      (r.hvp ?? []).map((h) => (h.ok
        ? [h.backend, fmtSci(h.relErr?.relu), fmtSci(h.relErr?.tanh), fmtSci(h.relErr?.sigmoid), fmtSci(h.relErr?.softplus), String(h.leakedTensors), ...batches.map((n) => fmtMs(h.ms?.[String(n)])),
          h.trainStepsPerSecond?.toFixed(1) ?? '', fmtMs(h.sliceMsPerPoint?.slice), fmtMs(h.sliceMsPerPoint?.forward)]
        : [h.backend, `error: ${h.error}`, '', '', '', '', ...batches.map(() => ''), '', '', '']))));
  } else if (r.params.mode === 'backends') {
    out.push(formatTable(['TF.js backend', 'ok', 'init ms', 'detail'],
      (r.backends ?? []).map((b) => [b.name, b.ok ? 'yes' : 'NO', fmtMs(b.ms), b.error ?? b.detail ?? '']), [3]));
    if (r.tfDeviceGrid) out.push(`grid kernel on TF.js's GPUDevice: ${r.tfDeviceGrid.ok ? 'ok' : 'FAILED'}${r.tfDeviceGrid.maxRelDiff !== undefined ? `, max rel diff ${fmtSci(r.tfDeviceGrid.maxRelDiff)}` : ''}${r.tfDeviceGrid.error ? ` (${r.tfDeviceGrid.error})` : ''}`);
  } else {
    const size = `${r.params.size}x${r.params.size}`;
    const label = (l: BenchResult['landscapes'][number]): string =>
      l.name === 'Custom formula' ? (l.formula.length > 48 ? `${l.formula.slice(0, 47)}…` : l.formula) : l.name;
    const diff = (l: BenchResult['landscapes'][number]): string => (l.error ? `error: ${l.error}` : fmtSci(l.maxRelDiff));
    if (r.params.mode === 'compare') {
      const tol = `|GPU − JS| ≤ ${r.params.tol.atol}·scale + ${r.params.tol.rtol}·|JS|`;
      out.push(`Comparison at ${size}: WebGPU vs JS per field (${tol}); max rel diff = max |WebGPU − JS| / max |JS| over the six fields.`);
      out.push(formatTable(['landscape', 'compile + 1st run ms', 'max rel diff', 'within tolerance'],
        r.landscapes.map((l) => [label(l), fmtMs(l.gpuFirstMs), diff(l), l.pass === null ? '—' : l.pass ? 'yes' : 'NO'])));
    } else {
      const headers = ['landscape', ...(jsNodeMs ? ['JS-node ms'] : []), 'JS-browser ms', 'WebGPU ms', 'WebGPU 1st ms', 'speed-up', 'max rel diff'];
      const rows = r.landscapes.map((l) => [
        label(l),
        ...(jsNodeMs ? [fmtMs(jsNodeMs.get(l.input))] : []),
        fmtMs(l.jsMedianMs), fmtMs(l.gpuMedianMs), fmtMs(l.gpuFirstMs),
        l.gpuMedianMs && Number.isFinite(l.jsMedianMs) ? `${(l.jsMedianMs / l.gpuMedianMs).toFixed(2)}x` : '—',
        diff(l),
      ]);
      out.push(`Grid ${size} (f, gradient, Hessian), median of ${r.params.runs} runs; WebGPU ms = dispatch + readback end to end; `
        + '1st = with shader compile; speed-up = JS-browser / WebGPU; max rel diff = max |WebGPU − JS| / max |JS| over the six fields.');
      out.push(formatTable(headers, rows));
    }
  }
  out.push(...adapterLines(r));
  if (!r.ok) out.push(`NOT OK: ${r.error ?? 'unknown error'}`);
  out.push(`total ${fmtMs(r.totalMs)} ms in the browser`);
  return out.join('\n');
}

/**
 * The smoothing table: ms per smoothed frame at size² × samples (MC, common random numbers), JS scaled per cell from
 * the jsSize² grid it was timed on, WebGPU measured at full size; differences measured on the jsSize² grid.
 */
function formatSmoothing(r: BenchResult, jsNodeMs?: ReadonlyMap<string, number>): string {
  const sp = r.params.smooth;
  const n = r.params.size;
  const js = sp?.jsSize ?? n;
  const rows = (r.smoothing ?? []).map((l) => {
    const node = jsNodeMs?.get(l.input);
    const grad = l.gradX && l.gradY ? Math.max(l.gradX.maxRel, l.gradY.maxRel) : null;
    return [
      l.name.length > 36 ? `${l.name.slice(0, 35)}…` : l.name,
      ...(jsNodeMs ? [fmtMs(node === undefined ? undefined : (node * n * n) / (js * js))] : []),
      fmtMs(l.jsScaledMs), fmtMs(l.gpuMedianMs), fmtMs(l.gpuFirstMs),
      l.gpuMedianMs && Number.isFinite(l.jsScaledMs) ? `${(l.jsScaledMs / l.gpuMedianMs).toFixed(1)}x` : '—',
      l.error ? `error: ${l.error}` : fmtSci(l.value?.maxAbs), fmtSci(l.value?.maxRel), fmtSci(grad), fmtMs(l.gpuQuadMs), fmtSci(l.quadValue?.maxRel),
    ];
  });
  const head = [
    `Smoothing f_sigma(x) = E[f(x + sigma*eps)], sigma = ${sp?.sigma ?? '?'}, ${n}x${n} nodes x ${sp?.samples ?? '?'} Monte Carlo samples (common random numbers, seed ${sp?.seed ?? '?'}); ms per smoothed frame, WebGPU median of ${r.params.runs} runs (dispatch + readback).`,
    js !== n
      ? `JS (smoothGrid2D, Float64) was timed on a ${js}x${js} grid (same domain, same samples) and SCALED per cell (x${((n * n) / (js * js)).toFixed(0)}) to ${n}x${n}; differences are measured on that ${js}x${js} grid (WebGPU run there too).`
      : `JS (smoothGrid2D, Float64) timed at ${n}x${n}.`,
    `max abs / rel diff = max |WebGPU - JS| (/ max |JS|) of f_sigma; Stein rel = same for the gradient (1/sigma) sum f eps / N vs smoothMonteCarlo; GH = ${sp?.nodes ?? 20}x${sp?.nodes ?? 20} Gauss-Hermite on WebGPU (vs smoothGrid2D quadrature).`,
  ];
  const headers = ['landscape', ...(jsNodeMs ? ['JS-node ms'] : []), 'JS-browser ms', 'WebGPU ms', 'WebGPU 1st ms', 'speed-up', 'max abs diff', 'max rel diff', 'Stein rel', `GH${sp?.nodes ?? 20}² ms`, 'GH rel diff'];
  return [...head, formatTable(headers, rows)].join('\n');
}

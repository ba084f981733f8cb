/**
 * bench.html: runs the grid benchmark / comparison / backend check described by the query string (BenchParams),
 * by default inside a dedicated Worker as the app does, shows progress and a summary in <pre id="out">, and
 * exposes the BenchResult as window.__benchResult for the CLI (src/cli/bench.ts) and the browser tests.
 */
import { runBench } from './benchRunner';
import { parseBenchQuery, type BenchParams, type BenchResult } from './benchTypes';
import type { BenchWorkerMessage } from './benchWorker';
import { formatBenchResult } from './formatBench';

declare global {
  interface Window {
    __benchResult?: BenchResult;
    __benchProgress?: string[];
  }
}

const out = document.getElementById('out');
const progressLines: string[] = [];
window.__benchProgress = progressLines;
const show = (text: string): void => { if (out) out.textContent = text; };
const progress = (line: string): void => { progressLines.push(line); show(`running…\n${progressLines.join('\n')}`); };

function inWorker(params: BenchParams): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<BenchWorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') progress(m.line);
      else { worker.terminate(); if (m.type === 'result') resolve(m.result); else reject(new Error(m.error)); }
    };
    worker.onerror = (e) => { worker.terminate(); reject(new Error(`worker failed: ${e.message}`)); };
    worker.postMessage(params);
  });
}

async function main(): Promise<void> {
  const params = parseBenchQuery(location.search);
  const t0 = performance.now();
  let result: BenchResult;
  try {
    result = params.where === 'main' ? await runBench(params, 'main', progress) : await inWorker(params);
  } catch (e) {
    result = {
      ok: false, error: e instanceof Error ? e.message : String(e), params, where: params.where, userAgent: navigator.userAgent,
      webgpu: { available: false, source: params.device, adapter: null }, landscapes: [], totalMs: performance.now() - t0,
    };
  }
  show(formatBenchResult(result));
  window.__benchResult = result;
}

void main();

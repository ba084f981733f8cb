/**
 * Dedicated-worker entry of the benchmark page: receives BenchParams, runs them where the app's compute will
 * run (a worker, with its own navigator.gpu), posts progress lines and then the BenchResult.
 */
import { runBench } from './benchRunner';
import type { BenchParams, BenchResult } from './benchTypes';

export type BenchWorkerMessage = { type: 'progress'; line: string } | { type: 'result'; result: BenchResult } | { type: 'error'; error: string };

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<BenchParams>) => void) | null;
  postMessage(message: BenchWorkerMessage): void;
};

scope.onmessage = (e) => {
  runBench(e.data, 'worker', (line) => scope.postMessage({ type: 'progress', line }))
    .then((result) => scope.postMessage({ type: 'result', result }))
    .catch((err: unknown) => scope.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) }));
};

/**
 * `npx tsx src/cli/benchRidge.ts [--runs N] [--json]`: times the exact Ridge Rider engine in Node and prints rides
 * per second and ride steps per second (medians over --runs timed runs, default 5, after one warm-up run); it never
 * asserts timings. Cases:
 *   himmelblau        n = 2, from the maximum (−0.270845, −0.923039), bfs, α = 0.01, 64 rides, formula jets;
 *   himmelblau+gd     the same with a GD finish (η = 0.01, ≤ 5000 steps) at every ride end;
 *   quartic-50        n = 50, ½θᵀAθ + ¼Σθ⁴ with 3 negative curvatures at the saddle 0 (seed 7), α = 0.05, 16 rides;
 *   symEig-n          one symmetric eigendecomposition (math/symEig) of a random n × n matrix, n = 20, 50, 100.
 */
import { performance } from 'node:perf_hooks';
import { median } from '../bench/benchTypes';
import { resolveLandscape } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { createSymEigWorkspace, symEig } from '../math/symEig';
import { objectiveFromTape, type RidgeObjective } from '../ridge-rider/objective';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import type { RidgeRiderOptions } from '../ridge-rider/state';
import { quarticSaddleObjective } from '../ridge-rider/testProblems';

interface Row { name: string; n: number; msPerRun: number; rides: number; steps: number; gdSteps: number; ridesPerS: number; stepsPerS: number }

function benchSearch(name: string, obj: RidgeObjective, start: number[], opts: RidgeRiderOptions, runs: number): Row {
  runRidgeRider(obj, start, opts);
  const times: number[] = [];
  let last = runRidgeRider(obj, start, opts);
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    last = runRidgeRider(obj, start, opts);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return {
    name, n: obj.n, msPerRun: ms, rides: last.rides.length, steps: last.totalSteps, gdSteps: last.gdSteps,
    ridesPerS: (1000 * last.rides.length) / ms, stepsPerS: (1000 * last.totalSteps) / ms,
  };
}

function benchEig(n: number, runs: number): { name: string; n: number; msPerDecomposition: number } {
  const rng = rngFromSeed(n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { const v = 2 * rng() - 1; a[i * n + j] = v; a[j * n + i] = v; }
  const ws = createSymEigWorkspace(n);
  const reps = Math.max(5, Math.round(2e6 / n ** 3));
  for (let k = 0; k < reps; k++) symEig(a, n, ws);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) symEig(a, n, ws);
    times.push((performance.now() - t0) / reps);
  }
  return { name: `symEig-${n}`, n, msPerDecomposition: median(times) };
}

function main(argv: readonly string[]): void {
  let runs = 5;
  let asJson = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') asJson = true;
    else if (a === '--runs' || a.startsWith('--runs=')) {
      runs = Number(a.includes('=') ? a.slice(7) : argv[++i]);
      if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs must be an integer from 1 to 100');
    } else throw new Error(`unknown argument ${a}; use --runs N and --json`);
  }
  const him = objectiveFromTape(resolveLandscape('himmelblau').tape);
  const max = [-0.270845, -0.923039];
  const base: RidgeRiderOptions = { order: 'bfs', step: { alpha: 0.01 }, maxRides: 64 };
  const quartic = quarticSaddleObjective(50, rngFromSeed(7), { negatives: 3 });
  const rows = [
    benchSearch('himmelblau', him, max, base, runs),
    benchSearch('himmelblau+gd', him, max, { ...base, gdFinish: { lr: 0.01, maxSteps: 5000 } }, runs),
    benchSearch('quartic-50', quartic, new Array(50).fill(0), { step: { alpha: 0.05 }, maxRides: 16 }, runs),
  ];
  const eig = [20, 50, 100].map((n) => benchEig(n, runs));
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ node: process.version, runs, searches: rows, eigen: eig })}\n`);
    return;
  }
  const lines = [`Ridge Rider engine, Node ${process.version}, median of ${runs} runs`, '',
    `${'case'.padEnd(15)} ${'n'.padStart(3)} ${'rides'.padStart(6)} ${'steps'.padStart(7)} ${'gd steps'.padStart(9)} ${'ms/run'.padStart(9)} ${'rides/s'.padStart(9)} ${'steps/s'.padStart(9)}`];
  for (const r of rows) {
    lines.push(`${r.name.padEnd(15)} ${String(r.n).padStart(3)} ${String(r.rides).padStart(6)} ${String(r.steps).padStart(7)} ${String(r.gdSteps).padStart(9)} ${r.msPerRun.toFixed(1).padStart(9)} ${r.ridesPerS.toFixed(0).padStart(9)} ${r.stepsPerS.toFixed(0).padStart(9)}`);
  }
  lines.push('', ...eig.map((e) => `${e.name.padEnd(15)} ${e.msPerDecomposition.toFixed(3)} ms per eigendecomposition`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 2;
}

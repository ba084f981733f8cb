/**
 * `npm run bench:rr [-- options]`: what approximate Ridge Rider and Table 1 cost in Node, per TF.js backend; prints
 * figures and never asserts timings.
 *   ride step   seconds per step of approximate Ridge Rider on MNIST (784-128-128-10 relu, batch 1000, S = 5: one
 *               gradient and S Hessian-vector products, then the accuracies on 1000 train and 1000 test images),
 *               from two runs that differ only in their step count, so the MIS and GetRidges cancel out;
 *   table 1     seconds per full-batch step of ERM, IRM and the grayscale oracle on all of Colored MNIST (50,000
 *               training images), from runs of 1 and 3 steps, and the run times and the whole Table 1 (10 runs
 *               of each baseline, 30 of Ridge Rider) they imply; Ridge Rider's run is timed on --rr-limit images.
 *   side by side  one run of each Table 1 method on --side-limit images per environment (default 500), the same code
 *               (runners/coloredTable.ts) in this process and in the app's network worker in Chromium (wasm), seconds
 *               per run and their ratio.
 * Options: --backends=wasm,cpu, --quick (wasm only, fewer steps, Ridge Rider's protocol on 1000 images), --skip-table,
 * --no-browser (no side-by-side run), --side-limit=n, --no-build, --json.
 */
import { performance } from 'node:perf_hooks';
import { coloredMnist } from '../data/coloredMnist';
import { mnistDataset } from '../nn/dataset';
import { initTfBackend } from '../platform/tfBackend';
import { COLORED_SETTINGS, coloredBaseline } from '../runners/coloredBaselines';
import { COLORED_RR_DEFAULTS, coloredRidgeRider } from '../runners/coloredRidge';
import { MNIST_RR_DEFAULTS } from '../runners/mnistRidge';
import { median } from '../bench/benchTypes';
import { normalFill, rngFromSeed } from '../math/rng';
import { vecNorm } from '../math/vec';
import { firstExamples, type Dataset } from '../nn/dataset';
import { initParams } from '../nn/mlpSpec';
import { createNetProblem } from '../nn/netProblem';
import { approxCurvature } from '../ridge-rider/approxCurvature';
import { ensureBuilt, withPreviewChromium } from '../bench/previewChromium';
import type { ColoredRow } from '../protocol/nn';
import { coloredTable } from '../runners/coloredTable';
import { loadMnistNode } from './mnistNode';

const t0 = performance.now();
const say = (s: string): void => { process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}\n`); };

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

async function main(argv: readonly string[]): Promise<void> {
  let backends = ['wasm', 'cpu'];
  let quick = false;
  let asJson = false;
  let skipTable = false;
  let withBrowser = true;
  let build = true;
  let sideLimit = 500;
  for (const a of argv) {
    if (a === '--skip-table') { skipTable = true; continue; }
    if (a === '--json') asJson = true;
    else if (a === '--quick') { quick = true; backends = ['wasm']; }
    else if (a === '--no-browser') withBrowser = false;
    else if (a === '--no-build') build = false;
    else if (a.startsWith('--side-limit=')) {
      sideLimit = Number(a.slice('--side-limit='.length));
      if (!Number.isInteger(sideLimit) || sideLimit < 100 || sideLimit > 25_000) throw new Error('--side-limit must be an integer from 100 to 25000');
    } else if (a.startsWith('--backends=')) backends = a.slice('--backends='.length).split(',');
    else throw new Error(`unknown argument ${a}; use --backends=wasm,cpu, --quick, --skip-table, --no-browser, --side-limit=n, --no-build, --json`);
  }
  const split = loadMnistNode('train');
  const data = { train: mnistDataset(split), test: mnistDataset(loadMnistNode('test')) };
  const envs = coloredMnist(split, 1);
  const rows: Record<string, number | string>[] = [];
  if (!asJson) process.stdout.write(`Approximate Ridge Rider and Table 1 in Node ${process.version}\n`);
  for (const backend of backends) {
    const choice = await initTfBackend([backend]);
    if (choice.name !== backend) { say(`${backend}: not available`); continue; }
    const row: Record<string, number | string> = { backend };
    const n = backend === 'cpu' || quick ? 3 : 10;
    say(`${backend}: ${n} approximate Ridge Rider steps (probe, then UpdateRidge) …`);
    const gradient = await rideStepSeconds(data.train, n, 'gradient');
    row.rr_step_s = gradient.seconds;
    row.rr_hvp_per_step = gradient.products;
    say(`${backend}: ${n} steps with UpdateRidge by Lanczos …`);
    const lanczos = await rideStepSeconds(data.train, n, 'lanczos');
    row.rr_lanczos_step_s = lanczos.seconds;
    row.rr_lanczos_hvp_per_step = lanczos.products;
    if (backend === 'wasm' && !skipTable) {
      for (const method of ['erm', 'irm', 'grayscale'] as const) {
        say(`${backend}: ${method} on all of Colored MNIST, 1 and 3 full-batch steps …`);
        const one = await timed(() => coloredBaseline(envs, method, 1, { steps: 1 }));
        const three = await timed(() => coloredBaseline(envs, method, 1, { steps: 3 }));
        const step = (three - one) / 2;
        row[`${method}_step_s`] = step;
        row[`${method}_run_s`] = one - step + step * COLORED_SETTINGS[method].steps;
      }
      const limit = quick ? 1000 : 5000;
      say(`${backend}: Ridge Rider's Colored MNIST protocol on ${limit} images per environment …`);
      row.rr_limit = limit;
      row.rr_run_s = await timed(() => coloredRidgeRider(envs, { ...COLORED_RR_DEFAULTS, limit }, 1));
      row.table1_hours = (10 * ((row.erm_run_s as number) + (row.irm_run_s as number) + (row.grayscale_run_s as number)) + 30 * (row.rr_run_s as number)) / 3600;
    }
    rows.push(row);
    if (!asJson) process.stdout.write(`${describe(row).join('\n')}\n`);
  }
  let side: SideBySide | null = null;
  if (withBrowser) {
    side = await sideBySide(split, sideLimit, build);
    if (!asJson) process.stdout.write(`${describeSide(side).join('\n')}\n`);
  }
  if (asJson) process.stdout.write(`${JSON.stringify({ node: process.version, rows, sideBySide: side })}\n`);
}

const TABLE_METHODS = ['rr', 'erm', 'irm', 'grayscale'] as const;

interface SideBySide { readonly limit: number; readonly chromium: string; readonly node: Record<string, number>; readonly browser: Record<string, number> }

/**
 * One run of each Table 1 method on `limit` images per environment (seed 1): coloredTable in this process (wasm),
 * then the app's "Run Table 1" in Chromium, whose network worker runs the same function; each row's seconds.
 */
async function sideBySide(split: ReturnType<typeof loadMnistNode>, limit: number, build: boolean): Promise<SideBySide> {
  const table = { seed: 1, runs: 1, limit, methods: TABLE_METHODS };
  await initTfBackend(['wasm']);
  say(`side by side: Table 1, one run of each method on ${limit} images per environment, in this process …`);
  const node: Record<string, number> = {};
  await coloredTable(split, table, (row) => { node[row.method] = row.seconds; say(`  node ${row.method}: ${row.seconds.toFixed(1)} s`); });
  const root = process.cwd();
  ensureBuilt(root, build, say);
  return withPreviewChromium(root, null, async (browser, appUrl) => {
    const page = await browser.newPage();
    await page.addInitScript(() => { try { localStorage.setItem('ridgelab.introSeen', '1'); } catch { /* about:blank */ } });
    await page.goto(`${appUrl}#nn=1&nbk=wasm&crn=1&crl=${limit}`);
    await page.waitForFunction(() => (window.__ridgelab?.store.getState().netData?.train ?? 0) > 0, undefined, { timeout: 180_000 });
    say('side by side: the same in the app\'s network worker (Chromium, wasm) …');
    await page.exposeFunction('benchRowDone', (method: string, seconds: number) => say(`  browser ${method}: ${seconds.toFixed(1)} s`));
    const rows = await page.evaluate(() => new Promise<ColoredRow[]>((resolve) => {
      const store = window.__ridgelab!.store;
      const report = (window as unknown as { benchRowDone: (m: string, s: number) => void }).benchRowDone;
      let seen = 0;
      const off = store.subscribe((s) => {
        for (; seen < s.netColored.rows.length; seen++) report(s.netColored.rows[seen]!.method, s.netColored.rows[seen]!.seconds);
        if (s.netColored.state === 'done') { off(); resolve([...s.netColored.rows]); }
      });
      store.getState().netAsk('colored');
    }));
    const inBrowser: Record<string, number> = {};
    for (const r of rows) inBrowser[r.method] = r.seconds;
    return { limit, chromium: browser.version(), node, browser: inBrowser };
  });
}

function describeSide(x: SideBySide): string[] {
  return [
    `Table 1 side by side: one run of each method on ${x.limit} images per environment (seed 1), wasm, Node ${process.version} and Chromium ${x.chromium}'s network worker:`,
    ...TABLE_METHODS.map((m) => `  ${m.padEnd(9)} ${x.node[m]!.toFixed(1).padStart(7)} s in Node, ${x.browser[m]!.toFixed(1).padStart(7)} s in the browser worker (${(x.browser[m]! / x.node[m]!).toFixed(2)}×)`),
  ];
}

/**
 * Seconds per ride step of approximate Ridge Rider on the default network at its default batch: the new point's
 * loss and gradient, then UpdateRidge (approxCurvature's probe and follow: Algorithm 2's S gradient steps, 1 + 2S
 * Hessian-vector products, or a Lanczos run), from a random unit direction at small weights; the median of n steps
 * after one warm-up, and the mean products per step as counted.
 */
async function rideStepSeconds(train: Dataset, n: number, update: 'gradient' | 'lanczos'): Promise<{ seconds: number; products: number }> {
  const s = MNIST_RR_DEFAULTS;
  const spec = { layers: [...s.layers], activation: s.activation };
  const problem = createNetProblem(spec, firstExamples(train, s.batch));
  try {
    // The runner's GetRidges settings (runners/mnistRidge.ts): UpdateRidge by Lanczos uses them.
    const { oracle, counters } = approxCurvature(problem, { k: 2, tol: 1e-3, maxMatvecs: 1000, inner: s.inner, lrE: s.lrE, lrLambda: s.lrLambda, stepScale: s.stepScale, update });
    const theta = Float64Array.from(initParams(spec, rngFromSeed(1)), (x) => x * s.initScale);
    const d = normalFill(rngFromSeed(2), new Float64Array(problem.n));
    const norm = vecNorm(d, d.length);
    for (let i = 0; i < d.length; i++) d[i]! /= norm;
    const out = new Float64Array(problem.n);
    const times: number[] = [];
    for (let k = 0; k <= n; k++) {
      const t = performance.now();
      for (let i = 0; i < theta.length; i++) theta[i]! += s.alpha * d[i]!;
      const at = await oracle.probe(theta, null);
      await oracle.follow(at, null, { direction: d, lambda: -0.5 }, out);
      d.set(out);
      if (k > 0) times.push((performance.now() - t) / 1000);
    }
    return { seconds: median(times), products: counters.followMatvecs / counters.follows };
  } finally {
    problem.dispose();
  }
}

/** One backend's figures in words. */
function describe(r: Record<string, number | string>): string[] {
  const lines = [
    `${String(r.backend)}:`,
    `  ride step on 784-128-128-10 at batch 1000, UpdateRidge by gradient steps (1 gradient + ${(r.rr_hvp_per_step as number).toFixed(0)} H v): ${(r.rr_step_s as number).toFixed(2)} s`,
    `  the same with UpdateRidge by Lanczos (1 gradient + ${(r.rr_lanczos_hvp_per_step as number).toFixed(0)} H v on average): ${(r.rr_lanczos_step_s as number).toFixed(2)} s (${((r.rr_lanczos_step_s as number) / (r.rr_step_s as number)).toFixed(1)}×)`,
  ];
  if (r.erm_step_s === undefined) return lines;
  for (const m of ['erm', 'irm', 'grayscale'] as const) {
    lines.push(`  ${m.padEnd(9)} full batch (50,000 images): ${(r[`${m}_step_s`] as number).toFixed(2)} s per step, ${((r[`${m}_run_s`] as number) / 60).toFixed(1)} min per run of ${COLORED_SETTINGS[m].steps} steps`);
  }
  lines.push(`  Ridge Rider's protocol on ${r.rr_limit} images per environment: ${(r.rr_run_s as number).toFixed(0)} s per run`);
  lines.push(`  Table 1 (10 runs of each baseline on all images, 30 of Ridge Rider as above): ${(r.table1_hours as number).toFixed(1)} hours`);
  return lines;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 2;
});

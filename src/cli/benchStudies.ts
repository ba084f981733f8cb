/**
 * `npm run bench:studies [-- options]`: times Ridge Rider's small-n experiments (Parker-Holder et al. 2020, §4) and
 * prints figures; it never asserts timings.
 *   tree-d6      the app's default tree (depth 6, tree 1, seed 1), every method: ms per tree (median of --runs);
 *   tree-d12     the first tree of the Fig. 3 sweep (depth 12): Ridge Rider alone (rides, steps, steps/s, rides/s),
 *                then every method;
 *   fig3         the Fig. 3 sweep (10 trees at depth 12, every method) in this process;
 *   fig2         the Fig. 2 sweep (4 depths × 20 trees, every method) in this process and over 2 worker processes
 *                (`tree-sweep --workers 2`), unless --quick;
 *   eig share    the share of CPU time inside the Hessian eigendecompositions (math/symEig and what it calls), from a
 *                V8 CPU profile (--cpu-prof) of `tree-sweep` in one process: the Fig. 2 sweep, or with --quick the
 *                Fig. 3 sweep;
 *   lever        the Fig. 6 lever game (25 runs × 5 repeats) in this process;
 *   browser      unless --no-browser: the built app in Chromium, timing the Fig. 2 sweep (unless --quick), the
 *                Fig. 3 sweep and the lever game in the study worker (wall time from the request to the last result).
 * Options: --runs N (3), --quick, --no-browser, --no-build, --json.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from '../bench/benchTypes';
import { promisify } from 'node:util';
import { ensureBuilt, withPreviewChromium } from '../bench/previewChromium';
import { generateTree, TREE_DEFAULTS, type BinaryTree } from '../envs/binaryTree';
import { LEVER_DEFAULTS, LEVER_PAYOFFS_PAPER } from '../envs/leverGame';
import { treeMis } from '../envs/treeMis';
import { treeObjective } from '../envs/treePolicy';
import type { TreeSweep } from '../envs/treeSweeps';
import { TREE_SWEEP_PLAN } from '../envs/treeSweeps';
import { rngFromSeed } from '../math/rng';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import { runLeverZsc } from '../runners/leverZsc';
import { runTreeMethods, TREE_METHODS, TREE_RUN_DEFAULTS, treeRidgeOptions, type TreeRunSettings } from '../runners/treeMethods';
import { runSweepJobs, sweepJobs, sweepTree } from '../runners/treeSweep';

const SEED = 1;
const say = (s: string): void => { process.stderr.write(`${s}\n`); };

function timeMedian(runs: number, f: () => void): number {
  f();
  const t: number[] = [];
  for (let k = 0; k < runs; k++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); }
  return median(t);
}

const ALL: TreeRunSettings = { ...TREE_RUN_DEFAULTS, methods: [...TREE_METHODS] };

/** Ridge Rider alone on a tree, as the tree experiment runs it. */
function rideAlone(tree: BinaryTree, runs: number) {
  const obj = treeObjective(tree);
  const theta0 = treeMis(tree, obj, ALL.mis);
  let last = runRidgeRider(obj, theta0, treeRidgeOptions(ALL, ALL.budget), rngFromSeed(SEED));
  const ms = timeMedian(runs, () => { last = runRidgeRider(obj, theta0, treeRidgeOptions(ALL, ALL.budget), rngFromSeed(SEED)); });
  return { n: obj.n, ms, rides: last.rides.length, steps: last.totalSteps };
}

interface ProfileNode { readonly id: number; readonly callFrame: { readonly functionName: string }; readonly hitCount?: number; readonly children?: readonly number[] }

/** The share of a V8 CPU profile's samples (idle excluded) taken inside one of `names` or anything they call. */
function shareInside(nodes: readonly ProfileNode[], names: ReadonlySet<string>): number {
  const byId = new Map(nodes.map((x) => [x.id, x]));
  let inside = 0;
  let total = 0;
  const stack: [number, boolean][] = [[nodes[0]!.id, false]];
  while (stack.length > 0) {
    const [id, within] = stack.pop()!;
    const node = byId.get(id)!;
    const w = within || names.has(node.callFrame.functionName);
    if (node.callFrame.functionName !== '(idle)') { total += node.hitCount ?? 0; if (w) inside += node.hitCount ?? 0; }
    for (const c of node.children ?? []) stack.push([c, w]);
  }
  return total > 0 ? inside / total : NaN;
}

/** `tree-sweep` of a sweep plan in one child process under the CPU profiler: its share of time in eigendecompositions. */
async function eigShare(sweep: TreeSweep): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ridgelab-prof-'));
  try {
    const plan = TREE_SWEEP_PLAN[sweep];
    await promisify(execFile)(process.execPath, [...process.execArgv, '--cpu-prof', '--cpu-prof-dir', dir, new URL('./main.ts', import.meta.url).pathname,
      'tree-sweep', '--depths', plan.depths.join(','), '--trees', String(plan.trees), '--workers', '1', '--json'], { maxBuffer: 256 << 20 });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the profiler wrote no profile');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
    return shareInside(profile.nodes, new Set(['symEig', 'symEigQL']));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fig2Workers(workers: number): Promise<number> {
  const t0 = performance.now();
  await promisify(execFile)(process.execPath, [...process.execArgv, new URL('./main.ts', import.meta.url).pathname, 'tree-sweep', '--workers', String(workers), '--json'],
    { maxBuffer: 256 << 20 });
  return performance.now() - t0;
}

interface BrowserFigures { fig2Ms: number | null; fig3Ms: number; leverMs: number; chromium: string }

async function benchBrowser(build: boolean, quick: boolean): Promise<BrowserFigures> {
  const root = process.cwd();
  ensureBuilt(root, build, say);
  return withPreviewChromium(root, null, async (browser, appUrl) => {
    const page = await browser.newPage();
    await page.addInitScript(() => { try { localStorage.setItem('ridgelab.introSeen', '1'); } catch { /* about:blank */ } });
    const sweepMs = async (sweep: TreeSweep): Promise<number> => {
      await page.goto(`${appUrl}#t=1&tsw=${sweep}`);
      await page.waitForFunction(() => window.__ridgelab?.store.getState().treeView != null, undefined, { timeout: 120_000 });
      say(`browser: the ${sweep} sweep in the study worker …`);
      return page.evaluate(() => new Promise<number>((resolve) => {
        const store = window.__ridgelab!.store;
        const t0 = performance.now();
        const off = store.subscribe((s) => { if (s.sweepProgress && !s.sweepProgress.running && s.sweepRows.length > 0) { off(); resolve(performance.now() - t0); } });
        store.getState().requestSweep();
      }));
    };
    const fig2Ms = quick ? null : await sweepMs('fig2');
    const fig3Ms = await sweepMs('fig3');
    await page.goto(`${appUrl}#lv=1&lvn=24`);
    await page.waitForFunction(() => window.__ridgelab?.store.getState().leverResult != null, undefined, { timeout: 120_000 });
    say('browser: the lever game (25 × 5) in the study worker …');
    const leverMs = await page.evaluate(() => new Promise<number>((resolve) => {
      const store = window.__ridgelab!.store;
      const t0 = performance.now();
      const off = store.subscribe((s) => { if (s.leverResult && s.leverProgress && !s.leverProgress.running && s.params.lever.runs === 25) { off(); resolve(performance.now() - t0); } });
      const p = store.getState().params;
      store.getState().setParams({ lever: { ...p.lever, runs: 25 } });
    }));
    return { fig2Ms, fig3Ms, leverMs, chromium: browser.version() };
  });
}

async function main(argv: readonly string[]): Promise<void> {
  let runs = 3;
  let quick = false;
  let withBrowser = true;
  let build = true;
  let asJson = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') asJson = true;
    else if (a === '--quick') quick = true;
    else if (a === '--no-browser') withBrowser = false;
    else if (a === '--no-build') build = false;
    else if (a === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new Error('--runs must be an integer from 1 to 100');
    } else throw new Error(`unknown argument ${a}; use --runs N, --quick, --no-browser, --no-build and --json`);
  }
  const t0 = performance.now();
  say('tree-d6 …');
  const d6 = generateTree({ ...TREE_DEFAULTS, depth: 6 }, rngFromSeed(1));
  const d6Ms = timeMedian(runs, () => runTreeMethods(d6, ALL, SEED));
  say('tree-d12 …');
  const d12 = sweepTree(SEED, 12, 0);
  const ride12 = rideAlone(d12, runs);
  const d12Ms = timeMedian(1, () => runTreeMethods(d12, ALL, SEED));
  say('fig3 sweep in this process …');
  const f3 = TREE_SWEEP_PLAN.fig3;
  let t = performance.now();
  runSweepJobs(sweepJobs(f3.depths, f3.trees), SEED, ALL);
  const fig3Ms = performance.now() - t;
  let fig2Ms: number | null = null;
  let fig2WorkersMs: number | null = null;
  if (!quick) {
    const f2 = TREE_SWEEP_PLAN.fig2;
    say('fig2 sweep in this process …');
    t = performance.now();
    runSweepJobs(sweepJobs(f2.depths, f2.trees), SEED, ALL);
    fig2Ms = performance.now() - t;
    say('fig2 sweep over 2 worker processes …');
    fig2WorkersMs = await fig2Workers(2);
  }
  say(`the share of time in eigendecompositions (a CPU profile of the ${quick ? 'Fig. 3' : 'Fig. 2'} sweep) …`);
  const share = await eigShare(quick ? 'fig3' : 'fig2');
  say('lever …');
  const leverMs = timeMedian(1, () => runLeverZsc({ ...LEVER_DEFAULTS, payoffs: [...LEVER_PAYOFFS_PAPER] }, SEED));
  let browser: BrowserFigures | null = null;
  let browserError: string | undefined;
  if (withBrowser) {
    try { browser = await benchBrowser(build, quick); } catch (e) { browserError = (e as Error).message; }
  }
  const figures = { node: process.version, runs, d6: { n: d6.decisions.length, ms: d6Ms }, d12: { ...ride12, allMethodsMs: d12Ms }, fig3Ms, fig2Ms, fig2WorkersMs, eigShare: { sweep: quick ? 'fig3' : 'fig2', share }, leverMs, browser, browserError };
  if (asJson) { process.stdout.write(`${JSON.stringify(figures)}\n`); return; }
  const s = (ms: number | null) => (ms === null ? 'skipped (--quick)' : `${(ms / 1000).toFixed(1)} s`);
  const lines = [
    `Ridge Rider's tree MDP and lever game, Node ${process.version} (seed ${SEED}; medians of ${runs} runs where repeated)`, '',
    `tree-d6   n = ${d6.decisions.length} logits, every method: ${d6Ms.toFixed(1)} ms per tree`,
    `tree-d12  n = ${ride12.n} logits, Ridge Rider alone: ${ride12.ms.toFixed(0)} ms, ${ride12.rides} rides, ${ride12.steps} steps, `
      + `${((1000 * ride12.steps) / ride12.ms).toFixed(0)} steps/s, ${((1000 * ride12.rides) / ride12.ms).toFixed(0)} rides/s`,
    `          every method: ${d12Ms.toFixed(0)} ms`,
    `fig3      10 trees at depth 12, every method, this process: ${s(fig3Ms)}`,
    `fig2      80 trees at depths 4-10, every method, this process: ${s(fig2Ms)}; over 2 worker processes: ${s(fig2WorkersMs)}`
      + (fig2Ms !== null && fig2WorkersMs !== null ? ` (${(fig2Ms / fig2WorkersMs).toFixed(2)}x)` : ''),
    `eig share ${(100 * share).toFixed(0)}% of the CPU time of the ${quick ? 'Fig. 3' : 'Fig. 2'} sweep (one process, every method) is spent in Hessian eigendecompositions`,
    `lever     Fig. 6, 25 runs x 5 repeats, this process: ${s(leverMs)}`,
    browser
      ? `browser   Chromium ${browser.chromium}, the study worker: Fig. 2 sweep ${s(browser.fig2Ms)}`
        + (browser.fig2Ms !== null && fig2Ms !== null ? ` (${(browser.fig2Ms / fig2Ms).toFixed(2)}x Node)` : '')
        + `, Fig. 3 sweep ${s(browser.fig3Ms)} (${(browser.fig3Ms / fig3Ms).toFixed(2)}x Node), `
        + `lever game ${s(browser.leverMs)} (${(browser.leverMs / leverMs).toFixed(2)}x Node)`
      : `browser   ${browserError ? `failed: ${browserError}` : 'skipped (--no-browser)'}`,
    '', `bench total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 2;
});

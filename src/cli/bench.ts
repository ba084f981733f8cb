/**
 * `npm run bench [-- options]`: times the grid kernels (f, ∇f, ∇²f on a size × size grid) and prints figures; it
 * never asserts timings.
 *   (a) the JS path (evalGridJs, Float64 jets) in Node, median of --runs after a warm-up;
 *   (b) unless --no-browser: builds the app when dist/ is missing or older than the sources, serves it with vite's
 *       preview() on a free loopback port, drives /usr/bin/chromium (playwright-core, WebGPU on SwiftShader) to
 *       bench.html, which runs the JS path and the generated WGSL kernel in a dedicated worker and compares them;
 *       also checks each TF.js backend in that worker (--no-backends to skip);
 *   (c) a smoothing section (unless --no-smooth): f_σ on a 256 × 256 grid with 1024 Monte Carlo samples (common
 *       random numbers) for Rastrigin, Himmelblau and sin(3*x)*cos(2*y) + 0.1*(x^2+y^2): JS smoothGrid2D in Node and
 *       in the browser worker, timed on a 64 × 64 subgrid and scaled per cell (a full JS frame takes 7–11 s), vs the
 *       WebGPU smoothing kernel (src/gpu/smoothKernel.ts) at full size, plus 20 × 20 Gauss–Hermite on WebGPU;
 *   (d) unless --no-first-paint: loads the production build's app --paint-runs times (5) in fresh pages and times
 *       the first painted surface, the full grid and the longest main-thread task (bench/firstPaint.ts);
 *   (e) unless --no-hvp: networks on each TF.js backend in the worker (bench.html?mode=hvp): double backprop against
 *       finite differences, ms per H v of 784-128-128-10 at batch 256, 1024 and 60,000 (the full training set's size, once, where
 *       a product of 1024 takes under a second), Adam steps/s at batch 128, and ms per
 *       point of a loss slice against full forward passes (--hvp-only: this alone);
 *   (f) prints the tables (or --json).
 * Options: --size N (512), --runs N (5), --landscape L (repeatable; id or formula), --where worker|main,
 *   --device own|tf, --json, --no-browser, --no-backends, --no-build, --dist DIR (serve a build made elsewhere),
 *   --timeout SECONDS (240), --no-smooth, --smooth-only, --smooth-size N (256), --smooth-js-size N (64), --samples N (1024). With --json, run `npm run -s bench -- --json` (or `npx tsx src/cli/bench.ts --json`) so
 *   that npm's banner does not precede the JSON; progress goes to stderr.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evalGridJs } from '../landscapes/grid';
import { resolveLandscape } from '../landscapes/registry';
import { SMOOTH_BENCH_DEFAULTS, SMOOTH_BENCH_LANDSCAPES, timeSmoothJs } from '../bench/smoothBench';
import { mcSampleSetFromSeed } from '../es/smoothingMonteCarlo';
import { targetFromTape } from '../es/smoothingTarget';
import { BENCH_LANDSCAPES, benchQuery, DEFAULT_TOLERANCE, median, type BenchParams, type BenchResult } from '../bench/benchTypes';
import { fmtMs, formatBenchResult, formatTable } from '../bench/formatBench';
import { benchFirstPaint, formatFirstPaint, type FirstPaintRun } from '../bench/firstPaint';
import { ensureBuilt, withPreviewChromium } from '../bench/previewChromium';


interface Options {
  size: number; runs: number; landscapes: string[]; where: 'worker' | 'main'; device: 'own' | 'tf';
  json: boolean; browser: boolean; backends: boolean; build: boolean; timeoutS: number;
  /** Serve this already-built directory instead of dist/ (never rebuilt). */
  dist: string | null;
  smooth: boolean; smoothOnly: boolean; smoothSize: number; smoothJsSize: number; samples: number;
  firstPaint: boolean; paintRuns: number; hvp: boolean;
  /** Only the network benchmarks (e). */
  hvpOnly: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { size: 512, runs: 5, landscapes: [], where: 'worker', device: 'own', json: false, browser: true, backends: true, build: true, timeoutS: 240, dist: null,
    smooth: true, smoothOnly: false, smoothSize: SMOOTH_BENCH_DEFAULTS.size, smoothJsSize: SMOOTH_BENCH_DEFAULTS.jsSize, samples: SMOOTH_BENCH_DEFAULTS.samples,
    firstPaint: true, paintRuns: 5, hvp: true, hvpOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [key, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${key} needs a value`);
      return v;
    };
    const int = (lo: number, hi: number): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`${key} must be an integer in [${lo}, ${hi}]`);
      return n;
    };
    switch (key) {
      case '--size': o.size = int(2, 4096); break;
      case '--runs': o.runs = int(1, 100); break;
      case '--landscape': case '-l': o.landscapes.push(value()); break;
      case '--where': o.where = value() === 'main' ? 'main' : 'worker'; break;
      case '--device': o.device = value() === 'tf' ? 'tf' : 'own'; break;
      case '--timeout': o.timeoutS = int(10, 3600); break;
      case '--json': o.json = true; break;
      case '--no-browser': o.browser = false; break;
      case '--no-backends': o.backends = false; break;
      case '--no-build': o.build = false; break;
      case '--dist': o.dist = value(); break;
      case '--no-smooth': o.smooth = false; break;
      case '--no-hvp': o.hvp = false; break;
      case '--hvp-only': o.hvpOnly = true; o.smooth = false; o.backends = false; o.firstPaint = false; break;
      case '--smooth-only': o.smoothOnly = true; break;
      case '--smooth-size': o.smoothSize = int(2, 4096); break;
      case '--smooth-js-size': o.smoothJsSize = int(2, 4096); break;
      case '--samples': o.samples = int(1, 1_000_000); break;
      case '--no-first-paint': o.firstPaint = false; break;
      case '--paint-runs': o.paintRuns = int(1, 50); break;
      case '--help': case '-h':
        process.stdout.write('usage: npm run bench -- [--size 512] [--runs 5] [--landscape ID|FORMULA ...] [--where worker|main] [--device own|tf] [--json] [--no-browser] [--no-backends] [--no-build] [--dist DIR] [--timeout 240] [--no-smooth] [--smooth-only] [--smooth-size 256] [--smooth-js-size 64] [--samples 1024] [--no-first-paint] [--paint-runs 5]\n');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  if (o.landscapes.length === 0) o.landscapes = [...BENCH_LANDSCAPES];
  return o;
}

/** Messages go to stderr so that --json output on stdout stays clean. */
const say = (s: string): void => { process.stderr.write(`${s}\n`); };

function benchNode(o: Options): Map<string, number> {
  const ms = new Map<string, number>();
  for (const input of o.landscapes) {
    const land = resolveLandscape(input);
    const spec = { domain: land.def.domain, nx: o.size, ny: o.size };
    evalGridJs(land.tape, spec); // warm-up (JIT)
    const times: number[] = [];
    for (let r = 0; r < o.runs; r++) {
      const t = performance.now();
      evalGridJs(land.tape, spec);
      times.push(performance.now() - t);
    }
    ms.set(input, median(times));
    say(`node  ${land.def.name === 'Custom formula' ? input : land.def.name}: ${fmtMs(median(times))} ms per grid`);
  }
  return ms;
}

/** JS smoothGrid2D in Node on the smoothing subgrid (ms, unscaled), same samples as the browser part. */
function benchSmoothNode(o: Options): Map<string, number> {
  const ms = new Map<string, number>();
  const d = SMOOTH_BENCH_DEFAULTS;
  const set = mcSampleSetFromSeed(2, o.samples, d.seed);
  for (const input of SMOOTH_BENCH_LANDSCAPES) {
    const land = resolveLandscape(input);
    const { ms: t } = timeSmoothJs(targetFromTape(land.tape), land.def.domain, o.smoothJsSize, d.sigma, set);
    ms.set(input, t);
    say(`node  smoothing ${land.builtin ? land.def.name : input}: ${fmtMs(t)} ms at ${o.smoothJsSize}x${o.smoothJsSize} x ${o.samples} samples`);
  }
  return ms;
}

interface BrowserResults { grid: BenchResult | null; backends: BenchResult | null; smooth: BenchResult | null; firstPaint: FirstPaintRun[] | null; hvp: BenchResult | null }

async function benchBrowser(o: Options): Promise<BrowserResults> {
  const root = process.cwd();
  if (o.dist === null) ensureBuilt(root, o.build, say);
  else if (!existsSync(join(o.dist, 'bench.html'))) throw new Error(`${o.dist}/bench.html not found`);
  return withPreviewChromium(root, o.dist, async (browser, appUrl) => {
    const base = `${appUrl}bench.html?`;
    const open = async (query: string): Promise<BenchResult> => {
      const page = await browser.newPage();
      page.on('console', (m) => { if (m.type() === 'error') say(`  [page] ${m.text()}`); });
      page.on('pageerror', (e) => say(`  [page error] ${e.message}`));
      let shown = 0;
      const poll = setInterval(() => {
        page.evaluate(() => window.__benchProgress ?? []).then((lines) => {
          for (; shown < lines.length; shown++) say(`browser ${lines[shown]}`);
        }).catch(() => undefined);
      }, 500);
      try {
        await page.goto(base + query);
        await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: o.timeoutS * 1000, polling: 250 });
        const lines = await page.evaluate(() => window.__benchProgress ?? []);
        for (; shown < lines.length; shown++) say(`browser ${lines[shown]}`);
        return (await page.evaluate(() => window.__benchResult)) as BenchResult;
      } finally {
        clearInterval(poll);
        await page.close();
      }
    };
    const params: Partial<BenchParams> = { mode: 'bench', size: o.size, runs: o.runs, landscapes: o.landscapes, where: o.where, device: o.device, tol: DEFAULT_TOLERANCE };
    const grid = o.smoothOnly || o.hvpOnly ? null : await open(benchQuery(params));
    const backends = o.backends && !o.smoothOnly ? await open(benchQuery({ mode: 'backends', where: o.where })) : null;
    const d = SMOOTH_BENCH_DEFAULTS;
    const smooth = o.smooth ? await open(benchQuery({
      mode: 'smooth', size: o.smoothSize, runs: d.runs, landscapes: SMOOTH_BENCH_LANDSCAPES, where: o.where, device: o.device, tol: d.tol,
      smooth: { samples: o.samples, jsSize: o.smoothJsSize, sigma: d.sigma, nodes: d.nodes, seed: d.seed },
    })) : null;
    const hvp = o.hvp && !o.smoothOnly ? await open(benchQuery({ mode: 'hvp', runs: 3, batches: [256, 1024, 60_000] })) : null;
    const firstPaint = o.firstPaint && !o.smoothOnly ? await benchFirstPaint(browser, appUrl, o.paintRuns) : null;
    if (firstPaint) say(`first paint: ${firstPaint.map((r) => `${r.firstMs.toFixed(0)}/${r.fullMs.toFixed(0)} ms`).join(', ')}`);
    return { grid, backends, smooth, firstPaint, hvp };
  });
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  say(`JS path in Node ${process.version}, ${o.size}x${o.size}, median of ${o.runs} runs`);
  const nodeMs = o.smoothOnly || o.hvpOnly ? new Map<string, number>() : benchNode(o);
  const smoothNodeMs = o.smooth || o.smoothOnly ? benchSmoothNode(o) : null;
  if (o.smoothOnly) o.smooth = true;
  let browser: BrowserResults | null = null;
  let browserError: string | undefined;
  if (o.browser) {
    try {
      browser = await benchBrowser(o);
    } catch (e) {
      browserError = e instanceof Error ? e.message : String(e);
    }
  }
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ size: o.size, runs: o.runs, node: Object.fromEntries(nodeMs), smoothNode: smoothNodeMs ? Object.fromEntries(smoothNodeMs) : null, browser, browserError }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [''];
  if (browser) {
    if (browser.grid) lines.push(formatBenchResult(browser.grid, nodeMs));
    if (browser.backends) lines.push('', formatBenchResult(browser.backends));
    if (browser.smooth) lines.push('', formatBenchResult(browser.smooth, smoothNodeMs ?? undefined));
    if (browser.firstPaint) lines.push('', formatFirstPaint(browser.firstPaint));
    if (browser.hvp) lines.push('', formatBenchResult(browser.hvp));
  } else {
    if (!o.smoothOnly) lines.push(formatTable(['landscape', 'JS-node ms'], o.landscapes.map((l) => [resolveLandscape(l).builtin ? resolveLandscape(l).def.name : l, fmtMs(nodeMs.get(l))])));
    if (smoothNodeMs) {
      const scale = (o.smoothSize * o.smoothSize) / (o.smoothJsSize * o.smoothJsSize);
      lines.push('', `Smoothing, JS in Node: ${o.smoothJsSize}x${o.smoothJsSize} x ${o.samples} MC samples, scaled per cell (x${scale.toFixed(0)}) to ${o.smoothSize}x${o.smoothSize}`);
      lines.push(formatTable(['landscape', 'JS-node ms'], SMOOTH_BENCH_LANDSCAPES.map((l) => [l, fmtMs(smoothNodeMs.get(l)! * scale)])));
    }
    lines.push(browserError ? `browser part failed: ${browserError}` : 'browser part skipped (--no-browser)');
  }
  lines.push(`bench total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  say(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

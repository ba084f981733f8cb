/**
 * `npm run bench [-- options]`: times the grid kernels (f, ∇f, ∇²f on a size × size grid) and prints figures; it
 * never asserts timings.
 *   (a) the JS path (evalGridJs, Float64 jets) in Node, median of --runs after a warm-up;
 *   (b) unless --no-browser: builds the app when dist/ is missing or older than the sources, serves it with vite's
 *       preview() on a free loopback port, drives /usr/bin/chromium (playwright-core, WebGPU on SwiftShader) to
 *       bench.html, which runs the JS path and the generated WGSL kernel in a dedicated worker and compares them;
 *       also checks each TF.js backend in that worker (--no-backends to skip);
 *   (c) prints the table (or --json).
 * Options: --size N (512), --runs N (5), --landscape L (repeatable; id or formula), --where worker|main,
 *   --device own|tf, --json, --no-browser, --no-backends, --no-build, --dist DIR (serve a build made elsewhere),
 *   --timeout SECONDS (240). With --json, run `npm run -s bench -- --json` (or `npx tsx src/cli/bench.ts --json`) so
 *   that npm's banner does not precede the JSON; progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evalGridJs } from '../landscapes/grid';
import { resolveLandscape } from '../landscapes/registry';
import { BENCH_LANDSCAPES, benchQuery, DEFAULT_TOLERANCE, median, type BenchParams, type BenchResult } from '../bench/benchTypes';
import { fmtMs, formatBenchResult, formatTable } from '../bench/formatBench';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags of test/browser/harness.ts: WebGPU on SwiftShader without a GPU. */
const CHROMIUM_ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'];

interface Options {
  size: number; runs: number; landscapes: string[]; where: 'worker' | 'main'; device: 'own' | 'tf';
  json: boolean; browser: boolean; backends: boolean; build: boolean; timeoutS: number;
  /** Serve this already-built directory instead of dist/ (never rebuilt). */
  dist: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { size: 512, runs: 5, landscapes: [], where: 'worker', device: 'own', json: false, browser: true, backends: true, build: true, timeoutS: 240, dist: null };
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
      case '--help': case '-h':
        process.stdout.write('usage: npm run bench -- [--size 512] [--runs 5] [--landscape ID|FORMULA ...] [--where worker|main] [--device own|tf] [--json] [--no-browser] [--no-backends] [--no-build] [--dist DIR] [--timeout 240]\n');
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

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newestMtime(join(path, e)));
  return t;
}

/** Rebuilds dist/ when it lacks bench.html or any source is newer than it. */
function ensureBuilt(root: string, allowBuild: boolean): void {
  const built = join(root, 'dist', 'bench.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = ['src', 'workers', 'public', 'index.html', 'bench.html', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
  if (builtAt > 0 && Math.max(...sources) <= builtAt) return;
  if (!allowBuild) { say(builtAt ? 'dist/ is older than the sources (--no-build): using it anyway' : 'dist/ is missing'); if (!builtAt) throw new Error('dist/bench.html missing and --no-build given'); return; }
  say(builtAt ? 'dist/ is older than the sources: npx vite build …' : 'dist/ is missing: npx vite build …');
  const t = performance.now();
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  say(`built in ${(performance.now() - t) / 1000 | 0} s`);
}

async function benchBrowser(o: Options): Promise<{ grid: BenchResult; backends: BenchResult | null }> {
  const root = process.cwd();
  if (o.dist === null) ensureBuilt(root, o.build);
  else if (!existsSync(join(o.dist, 'bench.html'))) throw new Error(`${o.dist}/bench.html not found`);
  const { preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const server = await preview({ root, ...(o.dist !== null ? { build: { outDir: o.dist } } : {}), preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    const base = `http://127.0.0.1:${address.port}/bench.html?`;
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
    const grid = await open(benchQuery(params));
    const backends = o.backends ? await open(benchQuery({ mode: 'backends', where: o.where })) : null;
    return { grid, backends };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  say(`JS path in Node ${process.version}, ${o.size}x${o.size}, median of ${o.runs} runs`);
  const nodeMs = benchNode(o);
  let browser: { grid: BenchResult; backends: BenchResult | null } | null = null;
  let browserError: string | undefined;
  if (o.browser) {
    try {
      browser = await benchBrowser(o);
    } catch (e) {
      browserError = e instanceof Error ? e.message : String(e);
    }
  }
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ size: o.size, runs: o.runs, node: Object.fromEntries(nodeMs), browser, browserError }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [''];
  if (browser) {
    lines.push(formatBenchResult(browser.grid, nodeMs));
    if (browser.backends) lines.push('', formatBenchResult(browser.backends));
  } else {
    lines.push(formatTable(['landscape', 'JS-node ms'], o.landscapes.map((l) => [resolveLandscape(l).builtin ? resolveLandscape(l).def.name : l, fmtMs(nodeMs.get(l))])));
    lines.push(browserError ? `browser part failed: ${browserError}` : 'browser part skipped (--no-browser)');
  }
  lines.push(`bench total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  say(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';

/** Debian's Chromium, as in the browser tests. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags of test/browser/harness.ts: WebGPU on SwiftShader without a GPU. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newestMtime(join(path, e)));
  return t;
}

/** Rebuilds dist/ when it lacks bench.html or any source is newer than it; progress lines go to `say`. */
export function ensureBuilt(root: string, allowBuild: boolean, say: (line: string) => void): void {
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

/**
 * Serves the build (`outDir`, default dist/) with vite's preview() on a free loopback port, launches Chromium, runs
 * `f` with the browser and the app's base URL ("http://127.0.0.1:port/"), and closes both whatever happens.
 */
export async function withPreviewChromium<T>(root: string, outDir: string | null, f: (browser: Browser, baseUrl: string) => Promise<T>): Promise<T> {
  const { preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const server = await preview({ root, ...(outDir !== null ? { build: { outDir } } : {}), preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    return await f(browser, `http://127.0.0.1:${address.port}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

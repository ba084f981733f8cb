import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium; WebGPU runs on SwiftShader with --enable-unsafe-webgpu, no GPU needed. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface TrackedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Every console line, for diagnosis when a test fails. */
  log: string[];
}

/**
 * Opens a page that records console errors and page errors. The first-visit introduction is marked as seen unless
 * `firstVisit` (a test of the introduction itself).
 */
export async function openPage(browser: Browser, path = '', viewport = { width: 1400, height: 900 }, firstVisit = false): Promise<TrackedPage> {
  const page = await browser.newPage({ viewport });
  if (!firstVisit) await page.addInitScript(() => { try { localStorage.setItem('ridgelab.introSeen', '1'); } catch { /* about:blank */ } });
  const errors: string[] = [];
  const log: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    log.push(`[${m.type()}] ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(baseUrl() + path);
  return { page, errors, log };
}

/**
 * Saves a screenshot for review. Headless Chromium now and then never delivers the compositor frame a capture waits
 * for (seen once in CI after a resize, with the page itself idle). So a capture that times out is retried, up to three
 * tries, but only while the page still answers: its main thread must run a script within 5 s, else the page is hung
 * (a long task of ours) and the test fails here.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  for (let attempt = 1; ; attempt++) {
    try {
      await page.screenshot({ path: file, timeout: 20_000 });
      return file;
    } catch (e) {
      if (attempt === 3 || !(e instanceof Error) || e.name !== 'TimeoutError') throw e;
      const answered = await Promise.race([
        page.evaluate(() => document.readyState !== 'loading'),
        new Promise<boolean>((done) => setTimeout(() => done(false), 5_000)),
      ]);
      if (!answered) throw new Error(`screenshot ${name}: the page's main thread did not answer in 5 s`);
      console.warn(`screenshot ${name}: capture timed out with the page answering; try ${attempt + 1} of 3`);
      await page.bringToFront();
    }
  }
}

/** Page coordinates of a data point, from the plot rectangle (the clip path of the surface's SVG) and the visible domain. */
export async function dataToPage(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(([x, y]) => {
    const svg = document.querySelector('.surface svg')!;
    const box = svg.getBoundingClientRect();
    const r = svg.querySelector('clipPath rect')!;
    const [rx, ry, rw, rh] = ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)));
    const d = window.__ridgelab!.store.getState().params.view;
    return [box.left + rx! + ((x - d.x0) / (d.x1 - d.x0)) * rw!, box.top + ry! + ((d.y1 - y) / (d.y1 - d.y0)) * rh!] as [number, number];
  }, [x, y] as [number, number]);
}

/** Reads `read()` every 250 ms until `ok` holds (and returns the value) or `ms` pass (and throws with the last value). */
export async function until<T>(page: Page, read: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(v).slice(0, 600)}`);
    await page.waitForTimeout(250);
  }
}

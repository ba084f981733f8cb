import type { Browser } from 'playwright-core';
import { median } from './benchTypes';

/** One load of the app: when the first surface was painted, when the full grid was, and the longest main-thread task. */
export interface FirstPaintRun {
  /** ms from navigation start to the frame that shows the first (coarse) surface. */
  readonly firstMs: number;
  /** ms to the frame that shows the full-resolution grid. */
  readonly fullMs: number;
  /** Side of the first grid drawn. */
  readonly firstSide: number;
  /** Longest main-thread task (the Long Tasks API) before the full grid, ms. */
  readonly longestTaskMs: number;
}

/**
 * Loads the production build's app `runs` times in fresh pages at 1440 × 900 (the first-visit introduction marked as
 * seen) and times the first painted surface: the store is polled on every animation frame, so a time is that of
 * the frame in which the surface could first be drawn.
 */
export async function benchFirstPaint(browser: Browser, url: string, runs: number): Promise<FirstPaintRun[]> {
  const out: FirstPaintRun[] = [];
  for (let r = 0; r < runs; r++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      localStorage.setItem('ridgelab.introSeen', '1');
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__longest = Math.max(w.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    try {
      await page.goto(url);
      const first = await page.waitForFunction(() => {
        const s = window.__ridgelab?.store.getState().surface;
        return s ? { t: performance.now(), side: s.grid.spec.nx } : null;
      }, undefined, { timeout: 120_000, polling: 'raf' });
      const { t: firstMs, side } = (await first.jsonValue()) as { t: number; side: number };
      const full = await page.waitForFunction(() => {
        const s = window.__ridgelab?.store.getState().surface;
        return s && s.coarse !== true ? performance.now() : null;
      },
        undefined, { timeout: 120_000, polling: 'raf' });
      const fullMs = (await full.jsonValue()) as number;
      const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      out.push({ firstMs, fullMs, firstSide: side, longestTaskMs });
    } finally {
      await page.close();
    }
  }
  return out;
}

/** The runs as a few lines of text: median (min–max) of each figure. */
export function formatFirstPaint(runs: readonly FirstPaintRun[]): string {
  const stat = (f: (r: FirstPaintRun) => number) => {
    const v = runs.map(f);
    return `${median(v).toFixed(0)} ms (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})`;
  };
  return [
    `First paint of the production build at 1440x900, ${runs.length} loads: median (min–max)`,
    `  first surface painted   ${stat((r) => r.firstMs)}  (${runs[0]?.firstSide ?? '?'}x${runs[0]?.firstSide ?? '?'} grid)`,
    `  full grid painted       ${stat((r) => r.fullMs)}`,
    `  longest main-thread task ${stat((r) => r.longestTaskMs)}`,
  ].join('\n');
}

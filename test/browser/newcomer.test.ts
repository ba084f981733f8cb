import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './harness';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function waitForGrid(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().surface !== null, undefined, { timeout: 60_000 });
}

async function waitForRidge(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().ridge?.end != null, undefined, { timeout: 90_000 });
}

/** Height and width of the main figure in CSS pixels: the surface, or the 1D view's plots when that is the figure. */
async function figureBox(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const oned = window.__ridgelab!.store.getState().params.oned.on;
    const el = document.querySelector(oned ? '.oned-plots' : '.surface')!;
    const r = el.getBoundingClientRect();
    return { width: Math.round(r.width), height: Math.round(r.height) };
  });
}

/** Widest right edge of any element, against the viewport's width: nothing may be cut off on the right. */
async function overflowRight(page: Page): Promise<{ scrollWidth: number; worst: string }> {
  return page.evaluate(() => {
    let worst = '';
    let right = 0;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const clipped = el.closest('.dock-body, .ride-tree-scroll, .table-scroll');
      if (clipped && clipped !== el) continue;
      if (r.right > right) { right = r.right; worst = `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`; }
    }
    return { scrollWidth: document.documentElement.scrollWidth, worst: `${worst} at ${Math.round(right)}` };
  });
}

describe('A newcomer\'s first minutes', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('keeps the figure at least 560 px tall at 1440 × 900 in every mode', async () => {
    const modes: [string, string][] = [
      ['default', ''],
      ['runs', '#m=gd,momentum,adam&s=0,0'],
      ['ridge', '#rr=1'],
      ['smoothing', '#sm=1&sms=0.5'],
      ['es', '#e=openai&s=0,0'],
      ['1d', '#o=1'],
    ];
    const sizes: Record<string, { width: number; height: number }> = {};
    for (const [name, hash] of modes) {
      const { page, errors } = await openPage(browser, hash, DESKTOP);
      await waitForGrid(page);
      if (hash.includes('rr=1')) await waitForRidge(page);
      await page.waitForTimeout(300);
      sizes[name] = await figureBox(page);
      await screenshot(page, `layout-desktop-${name}`);
      expect(errors, name).toEqual([]);
      await page.close();
    }
    console.log(`figure size at 1440×900: ${Object.entries(sizes).map(([k, v]) => `${k} ${v.width}×${v.height}`).join(', ')}`);
    for (const [name, s] of Object.entries(sizes)) expect(s.height, name).toBeGreaterThanOrEqual(560);
  });

  it('on a 390 × 844 phone cuts nothing off at the right, puts the controls within 1,500 px and fits the search tree to its width', async () => {
    const { page, errors } = await openPage(browser, '#rr=1&rx=12', PHONE);
    await waitForGrid(page);
    await waitForRidge(page);
    await page.waitForTimeout(300);
    const over = await overflowRight(page);
    expect(over.scrollWidth, over.worst).toBeLessThanOrEqual(PHONE.width);
    const controlsTop = await page.evaluate(() => document.querySelector('.sidebar')!.getBoundingClientRect().top + window.scrollY);
    expect(controlsTop).toBeLessThan(1500);
    const tree = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid=ride-tree] svg')!;
      const box = svg.getBoundingClientRect();
      // Rendered size of every visible label: its font size times the fit's scale.
      const fonts = [...svg.querySelectorAll<SVGTextElement>('g.node text')].filter((t) => t.textContent)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a);
      return { width: box.width, left: box.left, nodes: svg.querySelectorAll('g.node').length, minFont: Math.min(...fonts) };
    });
    expect(tree.nodes).toBeGreaterThan(1);
    expect(tree.left).toBeGreaterThanOrEqual(0);
    expect(tree.left + tree.width).toBeLessThanOrEqual(PHONE.width);
    expect(tree.minFont).toBeGreaterThanOrEqual(10);
    console.log(`phone: scrollWidth ${over.scrollWidth}, controls at ${Math.round(controlsTop)} px, tree ${Math.round(tree.width)} px wide, ${tree.nodes} nodes, smallest label ${tree.minFont.toFixed(1)} px`);
    await screenshot(page, 'layout-phone-ridge');
    await page.screenshot({ path: 'test-output/screenshots/layout-phone-full.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the finished search at once, replays it on request, and fits a long replay into seconds', async () => {
    const { page, errors } = await openPage(browser, '#rr=1&rx=12&rf=1', DESKTOP);
    await waitForRidge(page);
    const atOnce = await page.evaluate(() => {
      const s = window.__ridgelab!.store.getState();
      return { playing: s.playing, replay: s.ridgeReplay, rides: s.ridge!.rides.length };
    });
    expect(atOnce.playing).toBe(false);
    expect(atOnce.replay).toBe(false);
    // Every ride is in the tree and on the surface without any playback.
    await expect.poll(() => page.locator('[data-testid=ride-tree] g.node[aria-label^="Ride "]').count()).toBe(atOnce.rides);
    await expect.poll(() => page.locator('.surface g[data-run^="ride-"]').count()).toBeGreaterThanOrEqual(atOnce.rides);
    await page.click('[data-ridge=replay]');
    const replay = await page.evaluate(() => { const s = window.__ridgelab!.store.getState(); return { replay: s.ridgeReplay, playing: s.playing }; });
    expect(replay).toEqual({ replay: true, playing: true });
    await page.click('[data-ridge=show-all]');
    expect(await page.evaluate(() => window.__ridgelab!.store.getState().ridgeReplay)).toBe(false);
    await page.close();

    // Rastrigin's search takes tens of thousands of steps; the automatic speed replays it in a few seconds.
    const long = await openPage(browser, '#l=rastrigin&rr=1&rf=1', DESKTOP);
    await waitForRidge(long.page);
    const steps = await long.page.evaluate(() => {
      const r = window.__ridgelab!.store.getState().ridge!;
      return r.rides.reduce((a, x) => a + x.steps + (x.gdPath && x.gdSteps !== null ? x.gdSteps : 0), 0);
    });
    const t0 = Date.now();
    await long.page.click('[data-ridge=replay]');
    await long.page.waitForFunction(() => !window.__ridgelab!.store.getState().playing, undefined, { timeout: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`Rastrigin search: ${steps} steps replayed in ${seconds.toFixed(1)} s at the automatic speed`);
    expect(steps).toBeGreaterThan(5000);
    // The automatic speed: the whole timeline in AUTO_REPLAY_S = 6 seconds of playback.
    expect(await long.page.textContent('.timeline')).toContain(`auto (${Math.round(steps / 6)} steps/s)`);
    expect(errors.concat(long.errors)).toEqual([]);
    await long.page.close();
  });
});

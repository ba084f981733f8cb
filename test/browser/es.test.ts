import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { streamEs } from '../../src/runners/esStream';
import { defaultEsRunSettings } from '../../src/es/esRunSettings';
import { launchBrowser, openPage, screenshot } from './harness';

const MINIMA = landscapeById('himmelblau')!.minima;
const distToMin = (x: number, y: number) => Math.min(...MINIMA.map((m) => Math.hypot(x - m.x, y - m.y)));

describe('evolution strategies in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('runs ES and natural-gradient VO beside GD from (0, 0) on Himmelblau, as in Node, and draws the search distribution', async () => {
    const { page, errors } = await openPage(browser, '#m=gd&e=es,vo-natural&esh=nes-havtorn&s=0,0');
    await page.waitForFunction(() => {
      const runs = Object.values(window.__ridgelab!.store.getState().runs);
      return runs.length === 3 && runs.every((r) => r && r.stop !== null);
    }, undefined, { timeout: 90_000 });
    const app = await page.evaluate(() => Object.fromEntries(Object.entries(window.__ridgelab!.store.getState().runs).map(([k, r]) => [k, {
      count: r!.count, last: Array.from(r!.points.subarray((r!.count - 1) * 3, r!.count * 3)), genCount: r!.es?.genCount ?? 0, pop: r!.es?.pop ?? 0,
    }])));
    // Natural-gradient VO reaches a minimum (σ shrinks); fixed-σ ES stays in its neighbourhood, jittering.
    const vo = app['es:vo-natural']!;
    const es = app['es:es']!;
    expect(vo.genCount).toBe(60);
    expect(vo.pop).toBe(200);
    expect(distToMin(vo.last[0]!, vo.last[1]!)).toBeLessThan(0.05);
    expect(distToMin(es.last[0]!, es.last[1]!)).toBeGreaterThan(0.2);

    // The worker's runs equal the engine's in Node with the same settings and seed (float32 transport).
    const tape = compileFormula(landscapeById('himmelblau')!.formula);
    const ui = { ...defaultEsRunSettings(), algos: ['es', 'vo-natural'] as ('es' | 'vo-natural')[], shaping: 'nes-havtorn' as const };
    for (const algo of ui.algos) {
      const pts: number[] = [];
      await streamEs(algo, ui, tape, 'himmelblau', [0, 0], landscapeById('himmelblau')!.domain, 1, async (b) => { pts.push(...b.points); return true; });
      const last = pts.slice(-3);
      const got = app[`es:${algo}`]!.last;
      expect(Math.abs(got[0]! - last[0]!), algo).toBeLessThan(1e-5);
      expect(Math.abs(got[1]! - last[1]!), algo).toBeLessThan(1e-5);
    }

    // At the playhead: one ellipse, one cloud of samples and the arrows per strategy, plus the exact smoothed gradient.
    await page.evaluate(() => window.__ridgelab!.store.setState({ playing: false, playhead: 10 }));
    await expect.poll(() => page.locator('.surface [data-marker=ellipse]').count()).toBe(2);
    expect(await page.locator('.surface [data-marker=points]').count()).toBe(2);
    expect(await page.locator('.surface [data-marker=arrow]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('tr[data-method="es:vo-natural"]')).toContain('VO (natural gradient)');
    await screenshot(page, 'es-vo-himmelblau');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the smoothed landscape f_σ, exact against Rastrigin\'s closed form, and the σ slider recomputes it', async () => {
    const { page, errors } = await openPage(browser, '#l=rastrigin&sm=1&sms=0.3');
    await page.waitForFunction(() => window.__ridgelab!.store.getState().surface?.coarse === false, undefined, { timeout: 60_000 });
    const check = async (sigma: number) => {
      const g = await page.evaluate(() => {
        const grid = window.__ridgelab!.store.getState().surface!.grid;
        const { nx, ny, domain: d } = grid.spec;
        const pick = [[0, 0], [nx - 1, ny - 1], [Math.floor(nx / 2), Math.floor(ny / 3)], [7, ny - 9]];
        return pick.map(([i, j]) => [d.x0 + (i! * (d.x1 - d.x0)) / (nx - 1), d.y0 + (j! * (d.y1 - d.y0)) / (ny - 1), grid.f[j! * nx + i!]!]);
      });
      // E[x² − 10 cos 2π(x + σε)] = x² + σ² − 10 cos(2πx) e^{−2π²σ²}, per coordinate (es-vo.md §2.2).
      const exact = (x: number, y: number) => 20 + [x, y].reduce((a, c) => a + c * c + sigma * sigma - 10 * Math.cos(2 * Math.PI * c) * Math.exp(-2 * Math.PI * Math.PI * sigma * sigma), 0);
      for (const [x, y, f] of g) expect(Math.abs(f! - exact(x!, y!))).toBeLessThan(1e-4 * Math.max(1, Math.abs(exact(x!, y!))));
    };
    await check(0.3);
    expect(await page.textContent('.surface svg')).toContain('σ = 0.3');
    await screenshot(page, 'smoothed-rastrigin-0.3');
    // Drag the σ slider (log scale) to σ = 1 and release: the surface is recomputed for the new σ.
    const slider = page.locator('[data-smooth=sigma]');
    await slider.focus();
    await slider.fill('0.01');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.smooth.sigma)).toBe(1);
    await expect.poll(async () => { try { await check(1); return true; } catch { return false; } }, { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'smoothed-rastrigin-1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the 1D view: smoothed curves, the bound U(μ, σ), VO tunnelling through the wall where gradient descent stops', async () => {
    const { page, errors } = await openPage(browser, '#o=1&of=wall&sms=0.2', { width: 1400, height: 1300 });
    await page.waitForFunction(() => window.__ridgelab!.store.getState().oned !== null, undefined, { timeout: 60_000 });
    const r = await page.evaluate(() => {
      const o = window.__ridgelab!.store.getState().oned!;
      return { curves: o.curves.map((c) => c.label), vo: Array.from(o.vo.slice(-2)), gd: Array.from(o.gd.slice(-2)), cells: o.U.length,
        finite: Array.from(o.U).every(Number.isFinite) };
    });
    expect(r.curves).toEqual(['f', 'σ = 0.5', 'σ = 0.35', 'σ = 0.2', 'σ = 0.1']);
    expect(r.cells).toBe(161 * 81);
    expect(r.finite).toBe(true);
    // Gradient descent from x₀ = −2 stops at the local minimum before the wall; VO reaches the global minimum at 2.
    expect(r.gd[0]!).toBeLessThan(0);
    expect(Math.abs(r.vo[0]! - 2)).toBeLessThan(0.05);
    expect(r.vo[1]!).toBeLessThan(0.05);
    await expect.poll(() => page.locator('[data-testid=oned-map] path').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid=oned-curves] path').count()).toBeGreaterThan(4);
    await page.locator('[data-testid=oned-map]').scrollIntoViewIfNeeded();
    await screenshot(page, 'oned-wall');
    // Clicking the map starts VO (and GD) at the clicked (μ, σ).
    const box = (await page.locator('[data-testid=oned-map] svg').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.55);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.oned.start)).not.toBeNull();
    const clicked = (await page.evaluate(() => window.__ridgelab!.store.getState().params.oned.start))!;
    expect(clicked[1]).toBeGreaterThan(0);
    await page.waitForFunction((mu) => window.__ridgelab!.store.getState().oned?.start === mu, clicked[0], { timeout: 60_000 });
    const restarted = await page.evaluate(() => { const o = window.__ridgelab!.store.getState().oned!; return [o.vo[0]!, o.vo[1]!, o.gd[0]!]; });
    expect(restarted[0]).toBeCloseTo(clicked[0], 5);
    expect(restarted[1]).toBeCloseTo(clicked[1], 5);
    expect(restarted[2]).toBeCloseTo(clicked[0], 5);
    // A typed formula in x: a malformed one is refused with a message and the curve stays; a valid one replaces it.
    await page.selectOption('[data-oned=fn]', 'custom');
    await page.fill('[data-oned=formula]', '-sinc(x) + 0.1*');
    await page.click('.formula-row button[type=submit] >> nth=1');
    await expect.poll(() => page.textContent('[role=alert]')).toContain('previous curve is kept');
    await page.fill('[data-oned=formula]', '-sinc(x) + 0.1*sin(8*x)');
    await page.click('.formula-row button[type=submit] >> nth=1');
    await page.waitForFunction(() => window.__ridgelab!.store.getState().oned?.name === 'f(x) = -sinc(x) + 0.1*sin(8*x)', undefined, { timeout: 60_000 });
    const vo = await page.evaluate(() => Array.from(window.__ridgelab!.store.getState().oned!.vo.slice(-2)));
    expect(Math.abs(vo[0]! + 0.128)).toBeLessThan(0.05);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('applies a figure preset from the Figures panel and shows its caption', async () => {
    const { page, errors } = await openPage(browser, '', { width: 1400, height: 1300 });
    await page.waitForFunction(() => window.__ridgelab!.store.getState().surface?.coarse === false, undefined, { timeout: 60_000 });
    await page.click('[data-figure=havtorn-himmelblau]');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.es.algos.join(','))).toBe('es,vo,vo-natural');
    expect(await page.textContent('[data-testid=figure-caption-aside]')).toContain('struggles to converge');
    expect(await page.textContent('[data-testid=figure-caption]')).toContain('On show');
    await page.waitForFunction(() => {
      const runs = Object.values(window.__ridgelab!.store.getState().runs);
      return runs.length === 4 && runs.every((r) => r && r.stop !== null);
    }, undefined, { timeout: 90_000 });
    await page.evaluate(() => window.__ridgelab!.store.setState({ playing: false, playhead: 30 }));
    await screenshot(page, 'figure-havtorn-himmelblau');
    await page.click('[data-figure=plateau]');
    await page.waitForFunction(() => window.__ridgelab!.store.getState().oned?.fn === 'plateau', undefined, { timeout: 60_000 });
    await page.locator('[data-testid=oned-map]').scrollIntoViewIfNeeded();
    await screenshot(page, 'figure-plateau');
    expect(errors).toEqual([]);
    await page.close();
  });
});

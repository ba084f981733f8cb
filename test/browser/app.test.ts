import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dataToPage, launchBrowser, openPage, screenshot } from './harness';

/** Reads a few fields of the app state through the test handle the app exposes on window. */
async function appState(page: Page) {
  return page.evaluate(() => {
    const s = window.__ridgelab!.store.getState();
    const runs = Object.fromEntries(Object.entries(s.runs).map(([k, r]) => {
      const n = r!.count;
      return [k, { count: n, stop: r!.stop, message: r!.message, last: n > 0 ? Array.from(r!.points.subarray((n - 1) * 3, n * 3)) : null }];
    }));
    return { params: s.params, gridPath: s.surface?.path ?? null, hasGrid: s.surface !== null, backend: s.backend?.name ?? null,
      critical: s.critical.map((c) => ({ kind: c.kind, x: c.x, y: c.y })), runs, playhead: s.playhead, playing: s.playing,
      notices: s.notices.map((n) => n.text), formulaProblem: s.formulaProblem };
  });
}

async function waitForGrid(page: Page) {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().surface?.coarse === false, undefined, { timeout: 60_000 });
}

async function waitForRunsEnd(page: Page) {
  await page.waitForFunction(() => {
    const runs = Object.values(window.__ridgelab!.store.getState().runs);
    return runs.length > 0 && runs.every((r) => r && r.stop !== null);
  }, undefined, { timeout: 60_000 });
}



describe('app in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('loads with no console errors, picks a backend and draws the surface', async () => {
    const { page, errors } = await openPage(browser);
    await waitForGrid(page);
    await page.waitForFunction(() => window.__ridgelab!.store.getState().backend !== null);
    const st = await appState(page);
    expect(st.backend).toBe('webgpu');
    expect(st.gridPath).toBe('webgpu');
    await expect.poll(async () => page.textContent('[data-testid=backend]')).toContain('webgpu');
    // The heatmap really has pixels: many distinct colours across the canvas.
    await page.waitForTimeout(300);
    const stats = await page.evaluate(() => {
      const c = document.querySelector('.surface canvas') as HTMLCanvasElement;
      const g = c.getContext('2d')!;
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let opaque = 0;
      for (let i = 0; i < d.length; i += 4 * 37) { colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!); if (d[i + 3] === 255) opaque++; }
      return { w: c.width, h: c.height, colours: colours.size, opaque };
    });
    expect(stats.w).toBeGreaterThan(100);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.opaque).toBeGreaterThan(100);
    // Himmelblau's nine critical points are found in the default view.
    await page.waitForFunction(() => window.__ridgelab!.store.getState().critical.length >= 9);
    const kinds = (await appState(page)).critical.map((c) => c.kind).sort();
    expect(kinds.filter((k) => k === 'minimum')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'saddle')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'maximum')).toHaveLength(1);
    await screenshot(page, 'app-himmelblau');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the surface and shows the position of a malformed formula', async () => {
    const { page, errors } = await openPage(browser);
    await waitForGrid(page);
    const before = await appState(page);
    await page.fill('#formula-input', 'sin(3*x) + cos(');
    await page.click('.formula button[type=submit]');
    await page.waitForSelector('#formula-error');
    const text = await page.textContent('#formula-error');
    expect(text).toMatch(/at character \d+/);
    const after = await appState(page);
    expect(after.params.landscape).toBe(before.params.landscape);
    expect(after.hasGrid).toBe(true);
    await page.fill('#formula-input', 'x.constructor');
    await page.click('.formula button[type=submit]');
    await expect.poll(async () => page.textContent('#formula-error')).toContain('not allowed');
    await screenshot(page, 'formula-error');
    // A valid formula replaces the surface.
    await page.fill('#formula-input', 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)');
    await page.click('.formula button[type=submit]');
    await expect.poll(async () => (await appState(page)).params.landscape).toBe('custom');
    expect(await page.$('#formula-error')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back field by field on a tampered URL and says what it ignored', async () => {
    const { page, errors } = await openPage(browser, '#l=no-such-landscape&gd.lr=abc&n=-5&m=gd,adam&seed=7');
    await waitForGrid(page);
    const st = await appState(page);
    expect(st.params.landscape).toBe('himmelblau');
    expect(st.params.hyper.gd.lr).toBe(0.01);
    expect(st.params.steps).toBe(500);
    expect(st.params.seed).toBe(7);
    expect(st.params.methods).toEqual(['gd', 'adam']);
    const notice = st.notices.join(' ');
    expect(notice).toContain('gd.lr');
    expect(notice).toMatch(/\bl\b/);
    expect(await page.textContent('.notices')).toContain('ignored');
    await screenshot(page, 'tampered-url');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restarts a crashed worker with a message and recomputes', async () => {
    const { page } = await openPage(browser);
    await waitForGrid(page);
    await page.evaluate(() => { window.__ridgelab!.store.setState({ surface: null }); window.__ridgelab!.compute.crash('surface'); });
    await page.waitForFunction(() => window.__ridgelab!.compute.restarts().surface === 1);
    await waitForGrid(page);
    const st = await appState(page);
    expect(st.notices.join(' ')).toMatch(/surface worker stopped .*started/);
    await page.evaluate(() => window.__ridgelab!.compute.crash('runs'));
    await page.waitForFunction(() => window.__ridgelab!.compute.restarts().runs === 1);
    expect((await appState(page)).notices.join(' ')).toMatch(/optimizer worker stopped/);
    await screenshot(page, 'worker-restarted');
    await page.close();
  });
  it('runs gradient descent from a click at (0, 0) on Himmelblau, animates it and ends near (3, 2)', async () => {
    const { page, errors } = await openPage(browser, '#m=gd');
    await waitForGrid(page);
    await page.evaluate(() => window.__ridgelab!.store.setState({ speed: 30 }));
    const [px, py] = await dataToPage(page, 0, 0);
    await page.mouse.click(px, py);
    await page.waitForFunction(() => window.__ridgelab!.store.getState().params.start !== null);
    // A click lands within a pixel of (0, 0); the start fields then make it exact, as a user would.
    const clicked = (await appState(page)).params.start!;
    expect(Math.hypot(clicked[0], clicked[1])).toBeLessThan(0.03);
    for (const name of ['start-x', 'start-y']) {
      await page.fill(`input[name=${name}]`, '0');
      await page.press(`input[name=${name}]`, 'Enter');
    }
    await page.waitForFunction(() => window.__ridgelab!.store.getState().playhead > 2);
    const early = (await appState(page)).playhead;
    await page.waitForTimeout(400);
    const later = await appState(page);
    expect(later.playing).toBe(true);
    expect(later.playhead).toBeGreaterThan(early);
    await screenshot(page, 'gd-himmelblau-animating');
    await page.evaluate(() => window.__ridgelab!.store.setState({ speed: 4000 }));
    await waitForRunsEnd(page);
    await page.waitForFunction(() => !window.__ridgelab!.store.getState().playing);
    const st = await appState(page);
    expect(st.params.start).toEqual([0, 0]);
    const gd = st.runs.gd!;
    expect(gd.stop).toBe('converged');
    expect(gd.last![0]).toBeCloseTo(3, 3);
    expect(gd.last![1]).toBeCloseTo(2, 3);
    expect(await page.textContent('[data-testid=step-label]')).toBe(`step ${gd.count - 1} / ${gd.count - 1}`);
    expect(await page.textContent('tr[data-method=gd]')).toContain('converged');
    // Scrubbing moves the playhead; the hover readout shows the exact values at the minimum.
    await page.locator('.timeline input[type=range]').fill('10');
    expect((await appState(page)).playhead).toBe(10);
    const [mx, my] = await dataToPage(page, 3, 2);
    await page.mouse.move(mx, my);
    await expect.poll(async () => page.textContent('[data-testid=readout]')).toMatch(/λ₁ = /);
    await screenshot(page, 'gd-himmelblau-done');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores the same picture and the same runs from a shared URL', async () => {
    const { page } = await openPage(browser);
    await waitForGrid(page);
    await page.click('[data-landscape=rosenbrock]');
    await page.check('[data-overlay=eigenvectors]');
    await page.check('[data-method=momentum]');
    await page.fill('input[name="momentum.lr"]', '0.0005');
    await page.press('input[name="momentum.lr"]', 'Enter');
    await waitForGrid(page);
    const [px, py] = await dataToPage(page, -1.5, 2);
    await page.mouse.click(px, py);
    await waitForRunsEnd(page);
    await page.waitForTimeout(400);
    const first = await appState(page);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('l=rosenbrock');
    await screenshot(page, 'share-original');
    const second = await openPage(browser, hash);
    await waitForGrid(second.page);
    await waitForRunsEnd(second.page);
    const restored = await appState(second.page);
    expect(restored.params).toEqual(first.params);
    expect(restored.runs).toEqual(first.runs);
    expect(restored.notices).toEqual([]);
    await screenshot(second.page, 'share-restored');
    await page.close();
    await second.page.close();
  });

  it('stops a diverging run with a visible marker and its reason', async () => {
    const { page, errors } = await openPage(browser, '#m=gd,adam&gd.lr=0.5&s=2,2');
    await waitForGrid(page);
    await waitForRunsEnd(page);
    const st = await appState(page);
    expect(st.runs.gd!.stop).toBe('diverged');
    expect(st.runs.gd!.message.length).toBeGreaterThan(5);
    expect(st.runs.gd!.last!.every(Number.isFinite)).toBe(true);
    expect(st.runs.adam!.stop).not.toBe('diverged');
    await expect.poll(async () => page.textContent('tr[data-method=gd]')).toContain('diverged');
    await page.waitForFunction(() => !window.__ridgelab!.store.getState().playing);
    expect(await page.locator('[data-stop=diverged]').count()).toBeGreaterThan(0);
    await screenshot(page, 'diverged');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports PNG, SVG, JSON and CSV', async () => {
    const { page } = await openPage(browser, '#m=gd,adam&s=0,0');
    await waitForGrid(page);
    await waitForRunsEnd(page);
    const save = async (label: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.actions button:text-is("${label}")`)]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
    };
    const png = await save('PNG');
    expect(png.name).toBe('ridgelab-himmelblau.png');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(800);
    const svg = await save('SVG');
    const svgText = svg.bytes.toString();
    expect(svgText).toMatch(/^<\?xml|^<svg/);
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText).toContain('data:image/png;base64,');
    const json = JSON.parse((await save('JSON')).bytes.toString());
    expect(json.runs.map((r: { method: string }) => r.method).sort()).toEqual(['adam', 'gd']);
    const csv = (await save('CSV')).bytes.toString().split('\n');
    expect(csv[0]).toBe('trace,kind,step,x,y,f,end,eigenvalue');
    expect(csv[1]).toMatch(/^gd,optimizer,0,0,0,170(\.0*)?,/);
    const critical = (await save('Critical CSV')).bytes.toString().trim().split('\n');
    expect(critical[0]).toBe('x,y,f,kind');
    expect(critical).toHaveLength(10);
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('test-output/screenshots', { recursive: true });
    writeFileSync('test-output/screenshots/export.png', png.bytes);
    writeFileSync('test-output/screenshots/export.svg', svg.bytes);
    await page.close();
  });

  it('keeps animating while the workers compute, and reports frame times', async () => {
    // Five optimizers with a 20000-step budget each on Rosenbrock (none converges), played back while they stream in;
    // then the same while the surface worker also recomputes grids and critical points for new views 3 times a second.
    const hash = '#l=rosenbrock&m=gd,momentum,nesterov,adam,newton&gd.lr=0.0001&momentum.lr=0.0001&nesterov.lr=0.0001&adam.lr=0.0001&newton.lr=0.001&s=-1.5,2.5&n=20000';
    const { page } = await openPage(browser, hash);
    await waitForGrid(page);
    await page.waitForTimeout(500);
    const measure = (zoomEveryMs: number) => page.evaluate(async (zoomEveryMs) => {
      const app = window.__ridgelab!;
      app.store.setState({ speed: 480, playhead: 0, playing: true });
      const deltas: number[] = [];
      let longTasks = 0;
      const obs = new PerformanceObserver((l) => { longTasks += l.getEntries().length; });
      try { obs.observe({ type: 'longtask', buffered: false }); } catch { /* not supported */ }
      const t0 = performance.now();
      let prev = t0;
      let zooms = 0;
      let nextZoom = t0 + zoomEveryMs;
      // Per-layer draw times of the surface view's heavy frames (total > 8 ms), for the report only.
      const view = window.__ridgelabView;
      let lastStats: Record<string, number> | null = view ? view.lastFrame() : null;
      const heavy: Record<string, number>[] = [];
      await new Promise<void>((resolve) => {
        const frame = (t: number) => {
          deltas.push(t - prev);
          prev = t;
          const fs = view?.lastFrame() ?? null;
          if (fs && fs !== lastStats) { lastStats = fs; if (fs.total! > 8) heavy.push(fs); }
          if (zoomEveryMs > 0 && t >= nextZoom) {
            nextZoom += zoomEveryMs;
            const k = 1 + 0.05 * (++zooms % 5);
            app.store.getState().setParams({ view: { x0: -2 * k, x1: 2 * k, y0: -1 * k, y1: 3 * k } });
          }
          if (t < t0 + 4000) requestAnimationFrame(frame); else resolve();
        };
        requestAnimationFrame(frame);
      });
      obs.disconnect();
      deltas.shift();
      const sorted = [...deltas].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
      const r = (v: number) => Math.round(v * 10) / 10;
      const layers = ['total', 'heatmap', 'contours', 'overlays', 'axes', 'trajectories'];
      const median = (a: number[]) => { const b = [...a].sort((x, y) => x - y); return b.length ? b[b.length >> 1]! : 0; };
      const heavyFrames = { count: heavy.length, medianMs: Object.fromEntries(layers.map((k) => [k, r(median(heavy.map((h) => h[k] ?? 0)))])) };
      return { heavyFrames, frames: deltas.length, fps: r(deltas.length / 4), meanMs: r(deltas.reduce((a, b) => a + b, 0) / deltas.length), p50Ms: r(q(0.5)),
        p95Ms: r(q(0.95)), maxMs: r(sorted[sorted.length - 1]!), over20ms: deltas.filter((d) => d > 20).length, longTasks, zooms,
        playhead: Math.round(app.store.getState().playhead) };
    }, zoomEveryMs);
    const streaming = await measure(0);
    const streamingAndZooming = await measure(333);
    const stats = { streaming, streamingAndZooming };
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/frame-times.json', JSON.stringify(stats, null, 2));
    console.log(`frame times while workers compute: ${JSON.stringify(stats)}`);
    for (const m of [streaming, streamingAndZooming]) {
      expect(m.frames).toBeGreaterThan(10);
      expect(m.playhead).toBeGreaterThan(0);
    }
    expect(streamingAndZooming.zooms).toBeGreaterThan(5);
    await screenshot(page, 'busy-workers');
    await page.close();
  });
});

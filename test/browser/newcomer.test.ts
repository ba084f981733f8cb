import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LANDSCAPES } from '../../src/landscapes/registry';
import { baseUrl, dataToPage, launchBrowser, openPage, screenshot } from './harness';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function waitForGrid(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().surface?.coarse === false, undefined, { timeout: 60_000 });
}

async function waitForRunsEnd(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const runs = Object.values(window.__ridgelab!.store.getState().runs);
    return runs.length > 0 && runs.every((r) => r && r.stop !== null);
  }, undefined, { timeout: 60_000 });
}

/** Clicks a button that downloads a file; the file's suggested name and its bytes. */
async function save(page: Page, selector: string): Promise<{ name: string; bytes: Buffer; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), bytes, text: bytes.toString() };
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

    // With η = 0.01 for the gradient-descent finishes, Rastrigin's search takes 60,306 steps (the finishes bounce
    // between basins until their 5,000-step budget; the surface's own η = 0.002 settles them in ~11 steps); the
    // automatic speed replays it in a few seconds.
    const long = await openPage(browser, '#l=rastrigin&rr=1&rf=1&rl=0.01', DESKTOP);
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

  it('exports a Ridge Rider search with every setting, reads the rides back exactly, and saves the tree, the loss chart and the figure with legends', async () => {
    const { page, errors } = await openPage(browser, '#rr=1&rf=1&rx=8&m=gd,momentum&s=0.67,0.1&e=vo-natural&ei=40', DESKTOP);
    await waitForGrid(page);
    await waitForRidge(page);
    await waitForRunsEnd(page);
    const app = await page.evaluate(() => {
      const s = window.__ridgelab!.store.getState();
      return {
        es: s.params.es,
        rides: s.ridge!.rides.map((r) => ({ fingerprint: [...r.fingerprint], eigenvalue: r.eigenvalue, start: [...r.start!], end: [...r.end!], endReason: r.endReason,
          path: Array.from(r.path!), gdPath: r.gdPath ? Array.from(r.gdPath) : null, endAfterGd: r.endAfterGd ? [...r.endAfterGd] : null })),
        gd: Array.from(s.runs.gd!.points.subarray(0, 3 * s.runs.gd!.count)),
      };
    });
    const json = await save(page, '[data-export=json]');
    expect(json.name).toBe('ridgelab-himmelblau.json');
    const doc = JSON.parse(json.text);
    // Every setting, the evolution strategies' included, and the link that restores them.
    expect(doc.settings.es).toEqual(app.es);
    expect(doc.settings.ridge.maxRides).toBe(8);
    expect(doc.url).toContain('rr=1');
    // Full precision: the start point 0.67 is written as 0.67, not as the float32 0.6700000166893005.
    expect(doc.runs.find((r: { method: string }) => r.method === 'gd').points[0].slice(0, 2)).toEqual([0.67, 0.1]);
    expect(doc.runs.find((r: { method: string }) => r.method === 'gd').points.flat()).toEqual(app.gd);
    // The rides, exactly as computed.
    const rides = doc.ridgeRider.rides;
    expect(rides).toHaveLength(app.rides.length);
    rides.forEach((d: Record<string, unknown>, k: number) => {
      const a = app.rides[k]!;
      expect(d.fingerprint).toEqual(a.fingerprint);
      expect(d.eigenvalue).toBe(a.eigenvalue);
      expect(d.start).toEqual(a.start);
      expect(d.end).toEqual(a.end);
      expect(d.endReason).toBe(a.endReason);
      expect((d.path as number[][]).flat()).toEqual(a.path);
      expect((d.gdPath as number[][]).flat()).toEqual(a.gdPath);
      expect(d.endAfterGd).toEqual(a.endAfterGd);
    });

    const csv = (await save(page, '[data-export=csv]')).text.trim().split('\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['trace', 'kind', 'step', 'x', 'y', 'f', 'end', 'eigenvalue']);
    const kinds = new Set(csv.slice(1).map((r) => r[1]));
    expect([...kinds].sort()).toEqual(['es', 'gd-finish', 'optimizer', 'ride']);
    const first = app.rides[0]!;
    const rideRows = csv.filter((r) => r[1] === 'ride' && r[0] === 'ride 0+');
    expect(rideRows.flatMap((r) => [Number(r[3]), Number(r[4]), Number(r[5])])).toEqual(first.path);
    expect(rideRows.every((r) => r[6] === first.endReason && Number(r[7]) === first.eigenvalue)).toBe(true);

    // The figure: a legend of the methods and the rides, and no wide empty margins around the plot.
    const surfaceWidth = await page.evaluate(() => document.querySelector('.surface')!.getBoundingClientRect().width);
    const svg = await save(page, '[data-export=svg]');
    for (const label of ['Gradient descent', 'Momentum', 'VO (natural gradient)', 'ride 0+', 'GD finish']) expect(svg.text, label).toContain(`>${label}`);
    const svgWidth = Number(/<svg[^>]*\swidth="([0-9.]+)"/.exec(svg.text)![1]);
    const png = await save(page, '[data-export=png]');
    const pngWidth = png.bytes.readUInt32BE(16);
    console.log(`export: surface ${Math.round(surfaceWidth)} px wide, SVG ${svgWidth} px, PNG ${pngWidth} px (2×)`);
    expect(svgWidth).toBeLessThan(0.75 * surfaceWidth);
    expect(pngWidth).toBe(2 * svgWidth);

    // The search tree and the loss chart, each as an SVG document.
    const tree = await save(page, '[data-save=search-tree]');
    expect(tree.name).toBe('ridgelab-himmelblau-search-tree.svg');
    expect(tree.text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(tree.text).toContain('0+');
    await page.click('[data-dock=loss]');
    await expect.poll(() => page.locator('[data-testid=loss-chart] svg [data-layer=legend] text').count()).toBeGreaterThan(3);
    const loss = await save(page, '[data-save=loss]');
    expect(loss.text).toContain('>Gradient descent<');
    expect(loss.text).toContain('>ride 0+');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('test-output/screenshots', { recursive: true });
    writeFileSync('test-output/screenshots/export-ridge.png', png.bytes);
    writeFileSync('test-output/screenshots/export-tree.svg', tree.bytes);
    writeFileSync('test-output/screenshots/export-loss.svg', loss.bytes);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the 1D view when it is the figure: both plots in one picture, the curves as CSV', async () => {
    const { page, errors } = await openPage(browser, '#o=1', DESKTOP);
    await page.waitForFunction(() => window.__ridgelab!.store.getState().oned !== null, undefined, { timeout: 60_000 });
    await page.waitForTimeout(300);
    const svg = await save(page, '[data-export=svg]');
    expect(svg.name).toMatch(/^ridgelab-1d-.*\.svg$/);
    expect(svg.text.match(/<svg\b/g)!.length).toBe(3);
    expect(svg.text).toContain('U(μ, σ)');
    const png = await save(page, '[data-export=png]');
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    const csv = (await save(page, '[data-export=csv]')).text.split('\n');
    expect(csv[0]).toMatch(/^x,f/);
    const json = JSON.parse((await save(page, '[data-export=json]')).text);
    expect(json.oned.curves.length).toBeGreaterThan(1);
    expect(json.settings.oned.on).toBe(true);
    const { writeFileSync } = await import('node:fs');
    writeFileSync('test-output/screenshots/export-1d.png', png.bytes);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the gallery\'s defaults from typical clicks without divergence, and says why a run diverges when the step size is too large', async () => {
    const { page, errors } = await openPage(browser, '', DESKTOP);
    await waitForGrid(page);
    const report: string[] = [];
    for (const def of LANDSCAPES.filter((d) => !d.unboundedBelow)) {
      const d = def.domain;
      for (const [u, v] of [[0.3, 0.7], [0.75, 0.25]] as const) {
        const start: [number, number] = [Number((d.x0 + u * (d.x1 - d.x0)).toFixed(3)), Number((d.y0 + v * (d.y1 - d.y0)).toFixed(3))];
        // As a user does: pick the landscape in the panel, turn on the first-order methods, click a start.
        await page.evaluate(([id, s]) => {
          const st = window.__ridgelab!.store.getState();
          st.selectLandscape(id);
          window.__ridgelab!.store.getState().setParams({ methods: ['gd', 'momentum', 'nesterov', 'adam'], start: s });
        }, [def.id, start] as [string, [number, number]]);
        await waitForRunsEnd(page);
        const stops = await page.evaluate(() => Object.values(window.__ridgelab!.store.getState().runs).map((r) => `${r!.method}:${r!.stop}`));
        report.push(`${def.id} (${start.join(', ')}): ${stops.join(' ')}`);
        expect(stops.filter((x) => x.endsWith(':diverged')), `${def.id} from (${start.join(', ')})`).toEqual([]);
      }
    }
    console.log(report.join('\n'));
    // Rosenbrock at η = 0.01 (a link that asks for it): the step-size hint warns, the run diverges and says why in
    // plain words, and the suggested η fixes it.
    const ros = await openPage(browser, '#l=rosenbrock&m=gd&gd.lr=0.01&s=-1,2', DESKTOP);
    await waitForRunsEnd(ros.page);
    await expect.poll(() => ros.page.getAttribute('[data-step-hint=gd]', 'data-over')).toBe('true');
    const why = await ros.page.textContent('tr[data-method=gd] [data-testid=run-stop]');
    expect(why).toMatch(/diverged after \d+ steps?: η = 0\.01 is too large for the curvature at the start \(λ_max = .*stable for η < .*Try η = /);
    await screenshot(ros.page, 'rosenbrock-step-too-large');
    await ros.page.click('[data-step-hint=gd] button');
    await waitForRunsEnd(ros.page);
    const fixed = await ros.page.evaluate(() => { const s = window.__ridgelab!.store.getState(); return { lr: s.params.hyper.gd.lr, stop: s.runs.gd!.stop }; });
    expect(fixed.lr).toBeLessThan(0.01);
    expect(fixed.stop).not.toBe('diverged');
    expect(errors.concat(ros.errors)).toEqual([]);
    await page.close();
    await ros.page.close();
  });

  it('thins Rastrigin\'s lattice of critical points, settles Ridge Rider\'s finishes there, and colours a pole on a log scale', async () => {
    const { page, errors } = await openPage(browser, '#l=rastrigin&rr=1&rf=1', DESKTOP);
    await waitForGrid(page);
    await waitForRidge(page);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().critical.length)).toBeGreaterThan(200);
    const drawn = await page.evaluate(() => ({
      total: window.__ridgelab!.store.getState().critical.length,
      shown: document.querySelectorAll('.surface [data-layer=critical] [data-kind]').length,
      kinds: [...new Set([...document.querySelectorAll('.surface [data-layer=critical] [data-kind]')].map((e) => e.getAttribute('data-kind')))],
      legend: document.querySelector('.surface [data-layer=legend]')!.textContent,
    }));
    console.log(`Rastrigin: ${drawn.shown} of ${drawn.total} critical points drawn (${drawn.kinds.join(', ')})`);
    expect(drawn.shown).toBeLessThan(drawn.total / 2);
    expect(drawn.kinds).toEqual(['minimum']);
    expect(drawn.legend).toContain(`minima only: ${drawn.shown} of ${drawn.total}`);
    // The gradient-descent finishes settle in their basins at the surface's η = 0.002 instead of bouncing for 5,000 steps.
    const finishes = await page.evaluate(() => window.__ridgelab!.store.getState().ridge!.rides.map((r) => r.gdSteps ?? 0));
    expect(Math.max(...finishes)).toBeLessThan(100);
    await screenshot(page, 'rastrigin-thinned');
    await page.close();

    const pole = await openPage(browser, `#l=custom&f=${encodeURIComponent('1/(x^2 + y^2)')}`, DESKTOP);
    await waitForGrid(pole.page);
    await expect.poll(() => pole.page.textContent('.surface [data-layer=colorbar]')).toContain('log scale');
    await screenshot(pole.page, 'pole-log-scale');
    expect(errors.concat(pole.errors)).toEqual([]);
    await pole.page.close();
  });

  it('Figure 1: the second ride dotted, the gradient-descent baseline visible over the rides, no degenerate markers, no NaN', async () => {
    const { page, errors } = await openPage(browser, '', DESKTOP);
    await waitForGrid(page);
    await page.click('[data-preset=fig1]');
    await waitForRidge(page);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().critical.length)).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const fig = await page.evaluate(() => {
      const s = window.__ridgelab!.store.getState();
      const second = s.ridge!.rides.find((r) => r.fingerprint.join(',') === '3,1')!;
      const layer = document.querySelector('.surface [data-layer=trajectories]')!;
      const groups = [...layer.children].map((g) => g.getAttribute('data-run'));
      const dash = (id: string) => layer.querySelector(`g[data-run="${id}"] path[stroke-dasharray]`)?.getAttribute('stroke-dasharray') ?? null;
      return {
        secondDash: dash(`ride-${second.id}`), firstDash: dash(`ride-${s.ridge!.rides[0]!.id}`), baselineDash: dash('ring-0'),
        lastRide: Math.max(...groups.map((g, i) => (g?.startsWith('ride-') ? i : -1))), firstBaseline: groups.indexOf('ring-0'),
        degenerate: document.querySelectorAll('.surface [data-layer=critical] [data-kind=degenerate]').length,
        summary: document.querySelector('[data-testid=ridge-summary]')!.textContent,
      };
    });
    expect(fig.secondDash).not.toBeNull();
    expect(fig.firstDash).toBeNull();
    expect(fig.baselineDash).not.toBeNull();
    // The baseline is drawn after (over) every ride, so it shows where it runs along the blue and green rides.
    expect(fig.firstBaseline).toBeGreaterThan(fig.lastRide);
    expect(fig.degenerate).toBe(0);
    expect(fig.summary).not.toMatch(/NaN/);
    await screenshot(page, 'fig1-dotted-baseline');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells the truth: Newton at a saddle, a non-finite readout, a nowhere-finite formula, a cleared failed start, the monkey saddle', async () => {
    // Damped Newton from near Himmelblau's saddle converges to it: the table says saddle, not just "converged".
    const { page, errors } = await openPage(browser, '#m=newton&s=-0.2,-1.8', DESKTOP);
    await waitForRunsEnd(page);
    await expect.poll(() => page.textContent('tr[data-method=newton] [data-testid=run-stop]')).toMatch(/saddle point, not a minimum/);
    // The readout at a pole.
    await page.evaluate(() => window.__ridgelab!.store.getState().submitFormula('1/(x^2 + y^2)'));
    await page.evaluate(() => window.__ridgelab!.store.setState({ hover: { x: 0, y: 0 } }));
    await expect.poll(() => page.textContent('[data-testid=readout]')).toContain('not finite');
    // A formula finite nowhere: said so, and no colour bar.
    await page.evaluate(() => window.__ridgelab!.store.getState().submitFormula('x/0'));
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().notices.map((n) => n.text).join(' '))).toMatch(/not finite anywhere/);
    await expect.poll(() => page.locator('.surface [data-layer=colorbar] rect').count()).toBe(0);
    await page.close();

    // A failed Ridge Rider start (a click in a minimum's basin) warns; the next start that succeeds clears it.
    const rr = await openPage(browser, '#rr=1&rs=3.1,2.1', DESKTOP);
    const notices = () => rr.page.evaluate(() => window.__ridgelab!.store.getState().notices.map((n) => n.text).join(' | '));
    // The page loads and the surface worker tries the start first: poll on what it says, not on how fast (1 s by default).
    await expect.poll(notices, { timeout: 30_000 }).toMatch(/Ridge Rider: .*minimum/);
    await rr.page.evaluate(() => { const s = window.__ridgelab!.store.getState(); s.setParams({ ridge: { ...s.params.ridge, start: [-0.1, -1.9] } }); });
    await waitForRidge(rr.page);
    await expect.poll(notices).not.toMatch(/Ridge Rider: .*minimum/);
    await rr.page.close();

    // The monkey saddle: the degenerate point is not a start, the panel says why and offers a point beside it.
    const ms = await openPage(browser, '#l=monkey-saddle&rr=1', DESKTOP);
    await waitForRidge(ms.page);
    await expect.poll(() => ms.page.textContent('[data-testid=ridge-start]')).toMatch(/degenerate point .*zero Hessian/);
    await ms.page.click('[data-testid=ridge-start] button:text("start at the suggested point")');
    await waitForRidge(ms.page);
    await expect.poll(() => ms.page.evaluate(() => window.__ridgelab!.store.getState().ridge?.rides.length ?? 0)).toBeGreaterThan(0);
    expect(errors.concat(rr.errors, ms.errors)).toEqual([]);
    await ms.page.close();
  });

  it('drives the σ slider by value, as assistive technology does, and the surface follows', async () => {
    const { page, errors } = await openPage(browser, '#l=rastrigin&sm=1&sms=0.3', DESKTOP);
    await waitForGrid(page);
    const slider = page.locator('[data-smooth=sigma]');
    // The slider's position is log₁₀ σ: −0.5 is σ = 10^−0.5 = 0.316.
    await slider.fill('-0.5');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.smooth.sigma)).toBe(0.316);
    await expect.poll(() => page.textContent('.surface svg')).toContain('σ = 0.316');
    expect(await slider.getAttribute('aria-valuetext')).toBe('σ = 0.316');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drags the start and the runs follow; η and β sliders rerun as they move; Back and Forward step through earlier states', async () => {
    const { page, errors } = await openPage(browser, '#m=gd&s=0,0', DESKTOP);
    await waitForGrid(page);
    await waitForRunsEnd(page);
    const [x0, y0] = await dataToPage(page, 0, 0);
    const [x1, y1] = await dataToPage(page, -2, 2);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let k = 1; k <= 8; k++) await page.mouse.move(x0 + ((x1 - x0) * k) / 8, y0 + ((y1 - y0) * k) / 8);
    await page.mouse.up();
    await waitForRunsEnd(page);
    const after = await page.evaluate(() => { const s = window.__ridgelab!.store.getState(); return { start: s.params.start!, first: [...s.runs.gd!.points.subarray(0, 2)], view: s.params.view }; });
    expect(Math.hypot(after.start[0] + 2, after.start[1] - 2)).toBeLessThan(0.1);
    expect(after.first).toEqual(after.start);
    // The view did not pan: the press grabbed the start, not the surface.
    expect(after.view).toEqual({ x0: -5, x1: 5, y0: -5, y1: 5 });

    // The step-size slider applies while it moves.
    await page.locator('input[name="gd.lr-slider"]').fill(String(Math.log10(0.002)));
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.hyper.gd.lr)).toBe(0.002);
    await waitForRunsEnd(page);

    // Back and Forward: each settled change is one step of the history.
    await page.waitForTimeout(1300);
    await page.evaluate(() => window.__ridgelab!.store.getState().selectLandscape('rosenbrock'));
    await page.waitForTimeout(1300);
    await page.evaluate(() => window.__ridgelab!.store.getState().selectLandscape('rastrigin'));
    await page.waitForTimeout(1300);
    const landscape = () => page.evaluate(() => window.__ridgelab!.store.getState().params.landscape);
    await page.click('[data-history=back]');
    await expect.poll(landscape).toBe('rosenbrock');
    await page.click('[data-history=back]');
    await expect.poll(landscape).toBe('himmelblau');
    expect(await page.evaluate(() => window.__ridgelab!.store.getState().params.hyper.gd.lr)).toBe(0.002);
    await page.goForward();
    await expect.poll(landscape).toBe('rosenbrock');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows that the surface is being computed, and paints a coarse surface first', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.addInitScript(() => {
      localStorage.setItem('ridgelab.introSeen', '1');
      // Record the side of every surface the store receives, from the app's first frame on.
      const w = window as unknown as { __sides: number[] };
      w.__sides = [];
      const hook = () => {
        const store = window.__ridgelab?.store;
        if (!store) { requestAnimationFrame(hook); return; }
        store.subscribe((st, prev) => { if (st.surface && st.surface !== prev.surface) w.__sides.push(st.surface.coarse ? -st.surface.grid.spec.nx : st.surface.grid.spec.nx); });
      };
      hook();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl());
    await waitForGrid(page);
    const sides = await page.evaluate(() => (window as unknown as { __sides: number[] }).__sides);
    console.log(`surfaces received (negative: coarse): ${sides.join(', ')}`);
    expect(sides[0]).toBe(-64);
    expect(sides.at(-1)).toBeGreaterThan(64);
    // Until a surface exists the figure says it is being computed; while a newer one is computed, a badge says so.
    await page.evaluate(() => window.__ridgelab!.store.setState({ surface: null }));
    await expect.poll(() => page.textContent('[data-testid=computing]')).toContain('Computing the surface');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on the smoothed surface shows the critical points of f_σ and lets the optimizers descend f_σ', async () => {
    // Rastrigin at σ = 0.5: its 441 critical points are smoothed into one minimum at the origin.
    // η = 0.05 suits f_σ, whose curvature is at most 2 + 40π² e^{−2π²σ²} ≈ 4.9 here.
    const { page, errors } = await openPage(browser, '#l=rastrigin&sm=1&sms=0.5&m=gd&gd.lr=0.05&s=2.3,-1.8&smo=1', DESKTOP);
    await waitForGrid(page);
    await waitForRunsEnd(page);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().critical.map((c) => c.kind).join(',')), { timeout: 60_000 }).toBe('minimum');
    const run = await page.evaluate(() => { const r = window.__ridgelab!.store.getState().runs.gd!; return { stop: r.stop, end: [...r.points.subarray(3 * (r.count - 1), 3 * r.count - 1)] }; });
    expect(run.stop).toBe('converged');
    expect(Math.hypot(run.end[0]!, run.end[1]!)).toBeLessThan(1e-3);
    expect(await page.textContent('tr[data-method=gd] [data-testid=run-stop]')).toContain('minimum of f_σ');
    // On f itself (at f's safe step size) gradient descent from the same start stops in a nearby small basin.
    await page.click('[data-smooth=optimize]');
    await page.evaluate(() => { const s = window.__ridgelab!.store.getState(); s.setParams({ hyper: { ...s.params.hyper, gd: { lr: 0.002 } } }); });
    await waitForRunsEnd(page);
    const onF = await page.evaluate(() => { const r = window.__ridgelab!.store.getState().runs.gd!; return [...r.points.subarray(3 * (r.count - 1), 3 * r.count - 1)]; });
    expect(Math.hypot(onF[0]!, onF[1]!)).toBeGreaterThan(1);
    await screenshot(page, 'smoothed-critical-and-runs');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains itself: a first-visit introduction with four things to try, a glossary of every term with the papers, no internal references', async () => {
    const { page, errors } = await openPage(browser, '', DESKTOP, true);
    await waitForGrid(page);
    const intro = page.locator('[role=dialog][aria-labelledby=intro-h]');
    await expect.poll(() => intro.count()).toBe(1);
    expect(await intro.locator('ol > li').count()).toBe(4);
    await screenshot(page, 'intro-first-visit');
    // The second thing to try rebuilds Figure 1.
    await intro.locator('ol > li:nth-child(2) button').click();
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.landscape)).toBe('ridge-rider-fig1');
    expect(await intro.count()).toBe(0);
    // Dismissed for good: the plain address does not show it again; Help opens the glossary, which reopens it.
    await page.goto(baseUrl());
    await waitForGrid(page);
    expect(await page.locator('[aria-labelledby=intro-h]').count()).toBe(0);
    await page.click('[data-testid=help]');
    const glossary = page.locator('[role=dialog][aria-labelledby=glossary-h]');
    const terms = await glossary.locator('[data-term] dt').allTextContents();
    for (const t of ['Ridge Rider and ridges', 'Fingerprint Ψ and the 0+ / 1− notation', 'Step size α', 'δ_break', 'EndRide', 'Top N', 'Eigenvalue groups',
      'MIS', 'Smoothing σ', 'Population N', 'Fitness shaping', 'η_μ']) expect(terms.join(' | '), t).toContain(t);
    const links = await glossary.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toContain('https://arxiv.org/abs/2011.06505');
    // A long entry reads in paragraphs, its papers after the last.
    const paras = glossary.locator('[data-term=approx-rr] dd p');
    expect(await paras.count()).toBeGreaterThanOrEqual(4);
    expect(await paras.last().locator('a').count()).toBeGreaterThan(0);
    expect(await paras.first().locator('a').count()).toBe(0);
    await glossary.locator('button:text("Introduction")').click();
    await expect.poll(() => page.locator('[aria-labelledby=intro-h]').count()).toBe(1);
    await page.click('[data-testid=intro-close]');
    // A panel's "?" opens the glossary at its term.
    await page.click('button[aria-label="What is Ridge Rider?"]');
    await expect.poll(() => page.locator('[data-term=ridge].current').count()).toBe(1);
    await page.keyboard.press('Escape');
    // No text on screen points into the code or research notes.
    for (const hash of ['', '#rr=1', '#l=ridge-rider-fig1&rr=1&rp=fig1', '#o=1', '#sm=1&e=vo-natural&s=0,0', '#nn=1']) {
      await page.goto(baseUrl() + hash);
      await waitForGrid(page);
      await page.evaluate(() => { for (const d of document.querySelectorAll('details, .section')) d.setAttribute('open', ''); });
      const text = await page.evaluate(() => document.body.innerText + [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join(' '));
      expect(text, hash).not.toMatch(/\.md\b|src\/|seeds?\/|seed 00\d|stand-in|Havtorn order/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

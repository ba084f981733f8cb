import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { landscapeById } from '../../src/landscapes/registry';
import { resolveProblem } from '../../src/problems';
import { runRidgeRider } from '../../src/ridge-rider';
import { defaultStart2D } from '../../src/ridge-rider/startPoint';
import { defaultRidgeSettings } from '../../src/ridge-rider/settings';
import { rngFromSeed } from '../../src/math/rng';
import { prepareRidgeSearch } from '../../src/runners/ridgeSearch';
import { RIDGE_RIDER_FIG1 } from '../../src/experiments/ridgeRiderFig1';
import { dataToPage, launchBrowser, openPage, screenshot } from './harness';

interface RideSummary { id: number; fingerprint: number[]; parent: number | null; steps: number; endReason: string; end: number[]; endAfterGd: number[] | null }

async function waitForGrid(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().surface?.coarse === false, undefined, { timeout: 60_000 });
}

async function waitForRidge(page: Page): Promise<{ rides: RideSummary[]; start: number[] | null; end: string; ringAngles: number[] }> {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().ridge?.end != null, undefined, { timeout: 90_000 });
  return page.evaluate(() => {
    const r = window.__ridgelab!.store.getState().ridge!;
    return {
      rides: r.rides.map((x) => ({ id: x.id, fingerprint: [...x.fingerprint], parent: x.parent, steps: x.steps, endReason: x.endReason, end: [...x.end!],
        endAfterGd: x.endAfterGd ? [...x.endAfterGd] : null })),
      start: r.start?.start ? [...r.start.start] : null, end: r.end!.reason, ringAngles: r.ring?.runs.map((x) => x.angleDeg) ?? [],
    };
  });
}

describe('Ridge Rider in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('gives the same rides in the worker as the engine in Node, from Himmelblau\'s maximum', async () => {
    const { page, errors } = await openPage(browser, '#rr=1&rf=1&rc=1&rx=12');
    const app = await waitForRidge(page);
    await page.evaluate(() => window.__ridgelab!.store.setState({ speed: 4000 }));
    await page.waitForFunction(() => !window.__ridgelab!.store.getState().playing, undefined, { timeout: 60_000 });
    await waitForGrid(page);
    await screenshot(page, 'ridge-himmelblau');

    // The same search in Node, set up by the same code as the worker's (runners/ridgeSearch.ts).
    const def = landscapeById('himmelblau')!;
    const problem = resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain, name: def.id });
    const start = defaultStart2D(problem.objective.surface!, def.domain, 1)!;
    expect(start.kind).toBe('maximum');
    expect(app.start![0]).toBeCloseTo(start.x, 12);
    expect(app.start![1]).toBeCloseTo(start.y, 12);
    const settings = { ...defaultRidgeSettings(), gdFinish: true, ring: true, maxRides: 12 };
    const prep = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings, seed: 1, preset: null });
    const node = runRidgeRider(problem.objective, prep.start.theta!, prep.options, rngFromSeed(1));

    expect(app.rides.map((r) => r.fingerprint)).toEqual(node.rides.map((r) => r.fingerprint));
    expect(app.rides.map((r) => r.steps)).toEqual(node.rides.map((r) => r.steps));
    expect(app.rides.map((r) => r.endReason)).toEqual(node.rides.map((r) => r.endReason));
    app.rides.forEach((r, i) => {
      const n = node.rides[i]!;
      expect(Math.hypot(r.end[0]! - n.end[0]!, r.end[1]! - n.end[1]!)).toBeLessThan(1e-9);
      if (n.endAfterGd) expect(Math.hypot(r.endAfterGd![0]! - n.endAfterGd[0]!, r.endAfterGd![1]! - n.endAfterGd[1]!)).toBeLessThan(1e-9);
    });
    // The first four rides leave the maximum along both eigenvectors in both directions.
    expect(app.rides.slice(0, 4).map((r) => r.fingerprint)).toEqual([[0], [1], [2], [3]]);
    // The ring of gradient-descent runs around the maximum (both eigenvalues negative) is there; its exit angles are
    // checked at a saddle below, where Appendix D.1's argument holds.
    expect(app.ringAngles.length).toBe(12);
    expect(await page.textContent('[data-testid=ridge-summary]')).toMatch(/\d+ rides, stopped/);

    // The tree: one node per ride; focusing (or hovering) a node highlights its ride, Enter (or a click) replays the
    // search up to it.
    const nodes = page.locator('[data-testid=ride-tree] g.node[aria-label^="Ride "]');
    await expect.poll(() => nodes.count()).toBe(app.rides.length);
    const third = app.rides[2]!;
    const treeNode = page.locator(`[data-testid=ride-tree] g.node[aria-label^="Ride ${third.id},"]`);
    await treeNode.focus();
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().highlightRide)).toBe(third.id);
    await treeNode.press('Enter');
    const replay = await page.evaluate(() => ({ playhead: window.__ridgelab!.store.getState().playhead, playing: window.__ridgelab!.store.getState().playing }));
    expect(replay.playing).toBe(false);
    expect(replay.playhead).toBeGreaterThan(0);
    expect(await treeNode.getAttribute('aria-label')).toContain('1+');
    // Hovering the surface on a ride's path highlights that ride (the middle of the first ride).
    const first = app.rides[0]!;
    const mid = await page.evaluate((id) => {
      const r = window.__ridgelab!.store.getState().ridge!.rides.find((x) => x.id === id)!;
      const k = Math.floor(r.path!.length / 6);
      return [r.path![3 * k]!, r.path![3 * k + 1]!] as [number, number];
    }, first.id);
    const [px, py] = await dataToPage(page, mid[0], mid[1]);
    await page.evaluate(() => window.__ridgelab!.store.setState({ playhead: Number((document.querySelector('.timeline input[type=range]') as HTMLInputElement).max) }));
    await page.mouse.move(px, py);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().highlightRide)).toBe(first.id);
    // The Hessian's eigenvectors at the cursor: a cross of two lines, titled with both eigenvalues.
    await expect.poll(() => page.locator('.surface [data-marker=eigen] path').count()).toBe(4);
    expect(await page.locator('.surface [data-marker=eigen] title').textContent()).toMatch(/λ₁ = .*λ₂ = /);
    await screenshot(page, 'ridge-tree-highlight');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refines a click to the nearest saddle, and says so when the click is in a minimum\'s basin', async () => {
    const { page, errors } = await openPage(browser, '#rr=1&rs=-0.1,-1.9&rx=4&rc=1&rcn=16');
    const near = await waitForRidge(page);
    // Himmelblau's saddle near (−0.128, −1.954).
    expect(near.start![0]).toBeCloseTo(-0.127961, 4);
    expect(near.start![1]).toBeCloseTo(-1.953715, 4);
    // Appendix D.1: at a saddle, every gradient-descent run started close around it leaves along ±e_min.
    expect(near.ringAngles.length).toBe(16);
    console.log(`ring at the saddle: exit angles to ±e_min, max ${Math.max(...near.ringAngles).toFixed(2)}°`);
    expect(Math.max(...near.ringAngles)).toBeLessThan(5);
    await page.evaluate(() => window.__ridgelab!.store.setState({ speed: 4000 }));
    await page.waitForFunction(() => !window.__ridgelab!.store.getState().playing, undefined, { timeout: 60_000 });
    await waitForGrid(page);
    await screenshot(page, 'ridge-saddle-ring');
    await page.close();
    const basin = await openPage(browser, '#rr=1&rs=3.1,2.1&rx=4');
    const r = await waitForRidge(basin.page);
    expect(r.start).toBeNull();
    expect(r.end).toBe('no-start');
    await expect.poll(async () => basin.page.textContent('[data-testid=ridge-start]')).toMatch(/minimum.*nearest (saddle|maximum)/s);
    await waitForGrid(basin.page);
    await screenshot(basin.page, 'ridge-no-negative-curvature');
    expect(errors).toEqual([]);
    await basin.page.close();
  });

  it('renders the Figure 1 preset: GD baseline to the local minima, four rides to all four minima, as the golden record', async () => {
    const { page, errors } = await openPage(browser, '', { width: 1400, height: 1300 });
    await waitForGrid(page);
    await page.click('[data-preset=fig1]');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().params.landscape)).toBe('ridge-rider-fig1');
    const app = await waitForRidge(page);
    const exp = RIDGE_RIDER_FIG1.expected;
    expect(app.start![0]).toBeCloseTo(exp.start[0], 6);
    expect(app.start![1]).toBeCloseTo(exp.start[1], 6);
    expect(app.end).toBe(exp.stop);
    expect(app.rides.map((r) => r.fingerprint)).toEqual(exp.fingerprints);
    // The first four rides and their gradient-descent finishes: the two local minima, then the two global minima.
    for (const p of RIDGE_RIDER_FIG1.paths) {
      const ride = app.rides.find((r) => r.fingerprint.join(',') === p.fingerprint.join(','))!;
      const want = exp.paths[p.name as keyof typeof exp.paths];
      expect(ride.steps, p.name).toBe(want.steps);
      expect(Math.hypot(ride.end[0]! - want.end[0], ride.end[1]! - want.end[1]), p.name).toBeLessThan(1e-5);
      expect(Math.hypot(ride.endAfterGd![0]! - want.endAfterGd[0], ride.endAfterGd![1]! - want.endAfterGd[1]), p.name).toBeLessThan(1e-4);
    }
    // GD baseline: every run ends in one of the two local minima (±1.254, 0), never a global one.
    const baseline = await page.evaluate(() => window.__ridgelab!.store.getState().ridge!.ring!.runs.map((r) => [r.path[r.path.length - 3]!, r.path[r.path.length - 2]!]));
    expect(baseline).toHaveLength(16);
    const plus = baseline.filter(([x, y]) => Math.hypot(x! - 1.254439, y!) < 1e-3).length;
    const minus = baseline.filter(([x, y]) => Math.hypot(x! + 1.254439, y!) < 1e-3).length;
    expect([plus, minus]).toEqual([exp.gd.plus, exp.gd.minus]);
    await expect.poll(() => page.textContent('[data-testid=preset-fig1]')).toContain('brown');
    await page.evaluate(() => window.__ridgelab!.store.setState({ speed: 4000 }));
    await page.waitForFunction(() => !window.__ridgelab!.store.getState().playing, undefined, { timeout: 60_000 });
    await screenshot(page, 'ridge-fig1-preset');
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseTree, TREE_DEFAULTS } from '../../src/envs/binaryTree';
import { LEVER_DEFAULTS, LEVER_PAYOFFS_PAPER } from '../../src/envs/leverGame';
import { TREE_METHODS } from '../../src/envs/treeMethodIds';
import { mdpSettings, mdpTree } from '../../src/compute/treeClient';
import { runLeverZsc } from '../../src/runners/leverZsc';
import { treeView } from '../../src/runners/treeMethods';
import { runSweepJobs, sweepJobs } from '../../src/runners/treeSweep';
import { defaultParams, type MdpParams } from '../../src/store/params';
import { launchBrowser, openPage, screenshot } from './harness';

/** What the tree worker returned, with its typed arrays as plain arrays (and so comparable with Node's). */
async function treeViewOf(page: Page) {
  await page.waitForFunction(() => window.__ridgelab?.store.getState().treeView != null, undefined, { timeout: 90_000 });
  return page.evaluate(() => {
    const v = window.__ridgelab!.store.getState().treeView!;
    return { ...v, rides: v.rides.map((r) => ({ ...r, path: Array.from(r.path) })) };
  });
}

/** Node's tree view for the app's tree settings, in the same shape. */
function nodeTreeView(m: MdpParams, seed: number) {
  const v = treeView(parseTree(mdpTree(m)), mdpSettings(m), seed);
  return { ...v, rides: v.rides.map((r) => ({ ...r, path: Array.from(r.path) })) };
}

async function downloadOf(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!).toString() };
}

describe('The tree MDP and the lever game in Chromium (Parker-Holder et al. 2020, Figs. 2, 3, 6)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('runs Ridge Rider and the baselines on the tree in a worker, bit for bit as in Node, and draws the tree with its found leaves', async () => {
    const { page, errors } = await openPage(browser, '#t=1');
    const app = await treeViewOf(page);
    const p = defaultParams();
    const node = nodeTreeView(p.mdp, p.seed);
    expect(app.positive).toEqual(node.positive);
    expect(app.mis).toEqual(node.mis);
    expect(app.methods).toEqual(node.methods);
    expect(app.rides.length).toBe(node.rides.length);
    expect(app.rides).toEqual(node.rides);

    // The picture: every leaf of the tree, coloured by its sign; each leaf Ridge Rider found tagged with a fingerprint.
    const tree = mdpTree(p.mdp);
    const leaves = tree.nodes.filter((x) => 'reward' in x).length;
    await expect.poll(() => page.locator('[data-testid=mdp-tree] [data-leaf]').count()).toBe(leaves);
    expect(await page.locator('[data-testid=mdp-tree] [data-leaf=positive]').count()).toBe(node.positive.length);
    const found = node.methods.rr!.found;
    expect(found.length).toBeGreaterThan(0);
    const tagged = await page.$$eval('[data-testid=mdp-tree] [data-leaf=positive] text', (ts) => ts.map((t) => t.textContent!.trim()).filter((s) => s !== '+10').length);
    expect(tagged).toBe(found.length);
    expect(await page.textContent('[data-testid=tree-mis]')).toContain(`found ${found.length} of ${node.positive.length} positive leaves`);

    // A found leaf, clicked, moves the timeline to the end of the ride that found it and highlights that ride.
    const leaf = found[0]!;
    const ride = node.rides.findIndex((r) => r.leaf === leaf);
    const widths = () => page.$$eval('[data-testid=mdp-tree] path', (ps) => ps.map((x) => x.getAttribute('stroke-width')).join());
    // A new playhead or a hovered ride repaints the tree in place: the leaf stays the same element, so that a click on
    // it is not lost to a redraw landing between the button's press and release (it was, on a loaded machine).
    const leafSelector = `[data-testid=mdp-tree] [data-node="${leaf}"]`;
    await page.evaluate((sel) => { (window as unknown as { leafEl: Element | null }).leafEl = document.querySelector(sel); }, leafSelector);
    await page.evaluate(() => window.__ridgelab!.store.setState({ playhead: 7, playing: false, treeRide: 1 }));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate((sel) => document.querySelector(sel) === (window as unknown as { leafEl: Element | null }).leafEl, leafSelector)).toBe(true);
    await page.evaluate(() => window.__ridgelab!.store.setState({ playhead: 0, playing: false, treeRide: null }));
    // The MIS's policy once the redraw has landed: two frames, then the same widths twice (a fixed pause was too short on a loaded machine).
    const settled = async () => {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (let a = await widths(); ;) { await page.waitForTimeout(200); const b = await widths(); if (a === b) return b; a = b; }
    };
    const widthsAtMis = await settled();
    expect(await page.textContent('[data-testid=mdp-tree] svg > text')).toBe(`Ridge Rider at the MIS, before its ${node.rides.length} rides`);
    await page.click(`[data-testid=mdp-tree] [data-node="${leaf}"]`);
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().treeRide)).toBe(ride);
    // The clicked leaf has focus, with no outline drawn over its label and the p labels nearby.
    expect(await page.$eval(leafSelector, (el) => [document.activeElement === el, getComputedStyle(el).outlineStyle])).toEqual([true, 'none']);
    // The policy on the edges is the ride's end policy (the redraw comes with the next frame, so wait for it)...
    await expect.poll(widths, { timeout: 10_000 }).not.toBe(widthsAtMis);
    // ... and back at the MIS it is the MIS's again: the policy on the edges follows the playhead.
    await page.evaluate(() => window.__ridgelab!.store.setState({ playhead: 0, playing: false, treeRide: null }));
    await expect.poll(widths, { timeout: 10_000 }).toBe(widthsAtMis);
    // The search tree in the dock lists every ride.
    await expect.poll(() => page.locator('[data-testid=mdp-search-tree] g.node[aria-label^="Ride "]').count()).toBe(node.rides.length);
    await screenshot(page, 'tree-mdp');

    const csv = await downloadOf(page, '.actions button:text-is("CSV")');
    expect(csv.name).toMatch(/tree-methods\.csv$/);
    expect(csv.text.split('\n')[0]).toBe('method,found,positive_leaves,fraction,steps,found_leaves');
    expect(csv.text).toContain(`rr,${found.length},${node.positive.length},`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads a tree from a file, and a file that is not a tree leaves the current one with a clear notice', async () => {
    const { page, errors } = await openPage(browser, '#t=1');
    const before = await treeViewOf(page);
    await page.setInputFiles('[data-tree=file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"nodes": [{"children": [1, 2]}') });
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().notices.map((n) => n.text).join(' | '))).toContain('broken.json is not a tree');
    const kept = await page.evaluate(() => ({ loaded: window.__ridgelab!.store.getState().loadedTree, positive: window.__ridgelab!.store.getState().treeView?.positive }));
    expect(kept.loaded).toBeNull();
    expect(kept.positive).toEqual(before.positive);

    await page.setInputFiles('[data-tree=file]', { name: 'cycle.json', mimeType: 'application/json', buffer: Buffer.from('{"nodes": [{"children": [1, 0]}, {"reward": 1}]}') });
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().notices.map((n) => n.text).join(' | '))).toContain('cycle.json is not a tree');

    const small = { nodes: [{ children: [1, 2] }, { children: [3, 4] }, { reward: -1 }, { reward: 10 }, { reward: -1 }] };
    await page.setInputFiles('[data-tree=file]', { name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(small)) });
    await page.waitForFunction(() => window.__ridgelab!.store.getState().treeView?.positive.join() === '3', undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid=mdp-tree] [data-leaf]').count()).toBe(3);
    const rr = await page.evaluate(() => window.__ridgelab!.store.getState().treeView!.methods.rr!.found);
    expect(rr).toEqual([3]);
    const saved = await downloadOf(page, '[data-tree=save]');
    expect(JSON.parse(saved.text)).toEqual(small);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the Fig. 3 preset\'s sweep one tree at a time in a worker, as in Node, and cancels it', async () => {
    const { page, errors } = await openPage(browser, '', { width: 1440, height: 900 });
    await page.click('[data-figure=tree-fig3]');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().mdpPane)).toBe('sweep');
    expect(await page.textContent('[data-testid=figure-caption-aside]')).toContain('Fixed-EVs obtains competitive performance');
    await page.waitForFunction(() => window.__ridgelab!.store.getState().sweepRows.length >= 2, undefined, { timeout: 120_000 });
    expect(await page.textContent('[data-testid=sweep-progress]')).toMatch(/tree \d+ of 10/);
    await page.click('[data-sweep=cancel]');
    await expect.poll(() => page.evaluate(() => window.__ridgelab!.store.getState().sweepProgress?.running)).toBe(false);
    const n = await page.evaluate(() => window.__ridgelab!.store.getState().sweepRows.length);
    await page.waitForTimeout(6000);
    const { rows, mdp, seed } = await page.evaluate(() => {
      const s = window.__ridgelab!.store.getState();
      return { rows: s.sweepRows, mdp: s.params.mdp, seed: s.params.seed };
    });
    expect(rows.length).toBe(n);
    expect(n).toBeLessThan(10);
    expect(await page.textContent('[data-testid=sweep-status]')).toContain(`stopped after ${n} of 10 trees`);

    const node = runSweepJobs(sweepJobs([12], 10).slice(0, n), seed, mdpSettings(mdp), { ...TREE_DEFAULTS, sparsity: mdp.sparsity, reverse: mdp.rewards === 'paper' });
    const strip = (r: { depth: number; tree: number; positive: number; decisions: number; fraction: object; steps: object }) =>
      ({ depth: r.depth, tree: r.tree, positive: r.positive, decisions: r.decisions, fraction: r.fraction, steps: r.steps });
    expect(rows.map(strip)).toEqual(node.map(strip));
    expect(Object.keys(rows[0]!.fraction).sort()).toEqual([...TREE_METHODS].sort());

    // The partial result is drawn: one bar per method, and the table's row says how many trees it averages.
    await expect.poll(() => page.locator('[data-testid=sweep-chart] svg [aria-label="bar"] rect').count()).toBe(6);
    await page.click('button:text-is("Sweep numbers")');
    expect(await page.textContent('[data-testid=sweep-table]')).toContain(`${n} of 10`);
    await screenshot(page, 'tree-sweep-fig3');
    const csv = await downloadOf(page, '.actions button:text-is("CSV")');
    expect(csv.name).toMatch(/sweep\.csv$/);
    expect(csv.text.trim().split('\n').length).toBe(1 + 6 * n);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plays the lever game in a worker as in Node, draws Fig. 6 and keeps the result when the payoffs typed are not valid', async () => {
    const { page, errors } = await openPage(browser, '#lv=1&lvn=5&lvk=2', { width: 1440, height: 900 });
    await page.waitForFunction(() => window.__ridgelab?.store.getState().leverResult != null, undefined, { timeout: 120_000 });
    const app = await page.evaluate(() => window.__ridgelab!.store.getState().leverResult);
    const node = runLeverZsc({ ...LEVER_DEFAULTS, payoffs: [...LEVER_PAYOFFS_PAPER], runs: 5, repeats: 2 }, defaultParams().seed);
    expect(app).toEqual(JSON.parse(JSON.stringify(node)));
    expect(node.ridges.map((x) => x.multiplicity)).toEqual([1, 1, 1, 6, 6, 6, 6, 6, 6]);

    // Left: a bar per ridge; right: three runs per ridge over the ten levers.
    await expect.poll(() => page.locator('[data-testid=lever-payoff] svg [aria-label="bar"] rect').count()).toBe(9);
    await expect.poll(() => page.locator('[data-testid=lever-heatmap] svg [aria-label="cell"] rect').count()).toBe(9 * 3 * 10);
    expect(await page.textContent('[data-testid=lever-summary]')).toContain(`deploys ridge ${node.chosen.index}`);
    expect(await page.locator('[data-testid=lever-table] tbody tr').count()).toBe(10);
    await screenshot(page, 'lever-fig6');

    const csv = await downloadOf(page, '.actions button:text-is("CSV")');
    expect(csv.name).toMatch(/lever-ridges\.csv$/);
    expect(csv.text.trim().split('\n').length).toBe(1 + 9 + 1);

    for (const [typed, message] of [['1, abc', '"abc" is not a number'], ['1', 'at least two levers'], ['1, 0, 2', 'payoff 1 must be a positive']] as const) {
      await page.fill('input[name=lvp]', typed);
      await page.press('input[name=lvp]', 'Enter');
      await expect.poll(() => page.textContent('.field-error')).toContain(message);
      expect(await page.evaluate(() => window.__ridgelab!.store.getState().params.lever.payoffs.length)).toBe(10);
    }
    await page.press('input[name=lvp]', 'Escape');
    expect(await page.evaluate(() => window.__ridgelab!.store.getState().leverResult!.chosen.index)).toBe(node.chosen.index);

    // Other-Play's levers: nine 1.0 and one 0.9; the protocol deploys the 0.9 lever's ridge.
    await page.click('[data-lever=other-play]');
    await page.waitForFunction(() => {
      const s = window.__ridgelab!.store.getState();
      return s.params.lever.payoffs.length === 10 && s.params.lever.payoffs[9] === 0.9 && s.leverResult != null && s.leverProgress?.running === false
        && s.leverResult.ridges.length === 9;
    }, undefined, { timeout: 120_000 });
    const other = await page.evaluate(() => window.__ridgelab!.store.getState().leverResult!);
    expect(other.ridges[0]!.multiplicity).toBe(1);
    expect(other.chosen.index).toBe(0);
    expect(other.chosen.crossPlay).toBeCloseTo(0.9, 2);
    expect(errors).toEqual([]);
    await page.close();
  });
});

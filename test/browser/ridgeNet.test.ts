import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstRidgeIndex } from '../../src/nn/ridePaths';
import { MEASURED_SWEEP } from '../../src/nn/sweepSummary';
import { launchBrowser, openPage, screenshot, until } from './harness';

const rr = (page: Page) => page.evaluate(() => {
  const s = window.__ridgelab!.store.getState();
  return { data: s.netData?.train ?? 0, state: s.netRr.state, mis: s.netRr.mis, rides: s.netRr.rides.map((r) => ({ fp: r.fingerprint, steps: r.steps, test: r.testAccuracy, digits: r.digitAccuracy.length, end: r.endReason, lambda: r.lambda, overlap: r.overlap })) };
});
const colored = (page: Page) => page.evaluate(() => {
  const c = window.__ridgelab!.store.getState().netColored;
  return { state: c.state, rows: c.rows, done: c.done, total: c.total, samples: c.samples?.map((e) => ({ name: e.name, size: e.size, n: e.labels.length, agree: e.colourAgreement })) ?? null };
});

// A small network and short rides on wasm in the worker, ending only where the loss would rise, each keeping its first λ;
// the small sweep's trials take those rides (not the default single long ride); Colored MNIST on 100 images per environment.
const HASH = '#nn=1&nbk=wasm&nl=784,16,10&rrh=784,16,10&rrn=2&rrf=2&rrs=12&rrb=64&rri=2&rro=2&rrt=3&rrq=search&rrz=loss&rrw=previous&rrl=0&crn=2&crl=100';

describe('Ridge Rider on a network and Colored MNIST, in the network worker', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('runs approximate Ridge Rider from the near-MIS and draws Fig. 4 (accuracy along the rides) and Fig. 5 (accuracy per digit)', async () => {
    const { page, errors } = await openPage(browser, HASH, { width: 1440, height: 900 });
    await until(page, () => rr(page), (s) => s.data > 0, 60_000);
    await page.click('[data-net-pane=rides]');
    // Nothing drawn yet: no picture to export, and the buttons say why.
    expect(await page.locator('[data-export=png]').isDisabled()).toBe(true);
    expect(await page.getAttribute('[data-export=svg]', 'title')).toContain('Nothing is drawn yet');
    // The ride under way reports its steps (the status line's progress within a ride): the most seen.
    await page.evaluate(() => {
      const w = window as unknown as { maxStep: number };
      w.maxStep = 0;
      window.__ridgelab!.store.subscribe((s) => { w.maxStep = Math.max(w.maxStep, s.netRr.step); });
    });
    await page.click('[data-net=rr-run]');
    const mis = await until(page, () => rr(page), (s) => s.mis !== null, 120_000);
    expect(mis.state).toBe('running');
    expect(mis.mis!.spectrum[0]).toBeLessThan(0);
    expect(mis.mis!.trainAccuracy).toBeLessThan(0.3);
    const done = await until(page, () => rr(page), (s) => s.state !== 'running', 240_000);
    expect(done.state).toBe('done');
    expect(await page.evaluate(() => (window as unknown as { maxStep: number }).maxStep)).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid=rr-status]').innerText()).toMatch(/Done: \d+ rides? in \d+ s.*ended because/);
    // The link opens this pane.
    await page.waitForFunction(() => location.hash.includes('np=rides'));
    // Two searches of at most two rides (depth first), leaving the MIS along ±v₀ and ±v₁: Fig. 5's rows ψ[0] = 0, 1.
    expect(done.rides.length).toBeGreaterThanOrEqual(2);
    expect(done.rides.length).toBeLessThanOrEqual(4);
    for (const r of done.rides) { expect(r.test).toHaveLength(r.steps + 1); expect(r.digits).toBe(r.steps + 1); }
    // The link's ride end and λ start reach the worker: rides end on the loss (or the cap), each with its first λ throughout.
    for (const r of done.rides) { expect(['loss', 'max-ride-steps']).toContain(r.end); expect(new Set(r.lambda).size).toBe(1); }
    const psi0 = done.rides.map((r) => firstRidgeIndex({ fingerprint: r.fp }));
    expect(psi0).toEqual([...psi0].sort());
    expect(new Set(psi0)).toEqual(new Set([0, 1]));
    expect(await page.locator('[data-testid=rr-digits-early]').textContent()).toContain('ψ[0] = 1');
    for (const id of ['rr-accuracy', 'rr-overlap', 'rr-digits-early', 'rr-digits-late']) expect(await page.locator(`[data-testid=${id}] svg`).count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await screenshot(page, 'ridge-rider-network');
    // The rides' data as CSV: one row per point of every ride, with the accuracy per digit.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    expect(csv.suggestedFilename()).toContain('ridge-rider');
    const text = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(text[0]).toContain('digit_9_accuracy');
    expect(text).toHaveLength(1 + done.rides.reduce((a, r) => a + r.steps + 1, 0));
    expect(text[0]).toContain('steps_from_mis');
    expect(text[0]).toContain('descent_cos');
    for (const col of ['path', 'first_ridge', 'end_reason', 'overlap', 'e_curvature']) expect(text[0]!.split(',')).toContain(col);
    // The picture keeps what the screen shows around the plots: the colour key, the ramps and the direction chart's caption.
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=svg]')]);
    expect(svgFile.suggestedFilename()).toBe('ridgelab-mnist-784-16-10-ridge-rider.svg');
    const svgText = readFileSync((await svgFile.path())!, 'utf8');
    expect(svgText).toContain('first ridge 0');
    expect(svgText).toContain('dots: |⟨e, exact eigenvector⟩|');
    expect(svgText).toContain('best test');
    expect(svgText).toMatch(/>accuracy</);
    // The direction chart: Theorem 2's overlap where checked, and at every step how downhill the step was.
    expect(await page.locator('[data-testid=rr-overlap]').textContent()).toContain('cos(step, −∇L)');
    // Pointing at a check's dot shows one tip with both: what the check measured there and how downhill the step was.
    const dot = await page.locator('[data-testid=rr-overlap] svg g[aria-label=dot] circle').first().boundingBox();
    await page.mouse.move(dot!.x + dot!.width / 2, dot!.y + dot!.height / 2);
    const tip = page.locator('[data-testid=rr-overlap] svg g[aria-label=tip]');
    await until(page, () => tip.textContent(), (t) => (t ?? '').includes('overlap'), 10_000);
    expect(await tip.locator('text').count()).toBe(1);
    for (const words of ['overlap', 'eᵀHe', 'cos(step, −∇L)', '% sharpest']) expect(await tip.textContent()).toContain(words);
    // Every dot's tip whole: inside its chart, not cut off at an edge.
    const dots = page.locator('[data-testid=rr-overlap] svg g[aria-label=dot] circle');
    const chartBox = (await page.locator('[data-testid=rr-overlap] svg', { has: page.locator('g[aria-label=dot]') }).boundingBox())!;
    for (let k = 0; k < await dots.count(); k++) {
      const at = (await dots.nth(k).boundingBox())!;
      await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
      await page.waitForTimeout(150);
      const box = (await until(page, () => tip.boundingBox(), (b) => b !== null, 5_000))!;
      const over = Math.max(chartBox.x - box.x, chartBox.y - box.y, box.x + box.width - chartBox.x - chartBox.width, box.y + box.height - chartBox.y - chartBox.height);
      expect(over, `dot ${k}'s tip reaches ${over.toFixed(0)} px past the chart`).toBeLessThanOrEqual(1);
    }
    // The small sweep (Fig. 4, right): Ridge Rider, LR_e = 0 and Rand-Ridge+ in turn, each trial a dot.
    await page.click('[data-net=rr-sweep]');
    // While a trial runs (it reports only when it ends), its elapsed time ticks.
    await until(page, () => page.locator('[data-testid=rr-sweep-status]').innerText(), (t) => /trial 1 running for [1-9]\d* s/.test(t), 30_000);
    const sweep = await until(page, () => page.evaluate(() => window.__ridgelab!.store.getState().netRrSweep), (s) => s.state !== 'running', 240_000);
    expect(sweep.state).toBe('done');
    expect(sweep.trials.map((t) => t.variant)).toEqual(['rr', 'fixed', 'random']);
    expect(sweep.trials[1]!.lrE).toBe(0);
    for (const t of sweep.trials) {
      expect(t.inner).toBeLessThanOrEqual(16); expect(t.batch).toBeGreaterThanOrEqual(256); expect(t.batch).toBeLessThanOrEqual(1024);
      expect(t.alpha).toBeGreaterThanOrEqual(0.01); expect(t.alpha).toBeLessThanOrEqual(0.2);
      // Each trial starts at its MIS, near chance.
      expect(t.startTest).toBeGreaterThan(0); expect(t.startTest).toBeLessThan(0.3);
    }
    expect(await page.locator('[data-testid=rr-sweep] svg').count()).toBeGreaterThan(0);
    // A dot per trial's end, a ring per trial's start, and a line between them.
    expect(await page.locator('[data-testid=rr-sweep] svg g[aria-label=dot] circle').count()).toBe(2 * sweep.trials.length);
    expect(await page.locator('[data-testid=rr-sweep] svg g[aria-label=link] path').count()).toBe(sweep.trials.length);
    // α's axis spans the range the app draws from, on round values, whatever the first trials drew.
    expect(await page.locator('[data-testid=rr-sweep] svg g[aria-label="x-axis tick label"] text').allTextContents()).toEqual(['0.01', '0.02', '0.05', '0.1', '0.2']);
    await screenshot(page, 'ridge-rider-network-sweep');
    // Its summary counts each variant's trials the paper's way (above 60%), and the trials download as CSV.
    expect(await page.locator('[data-testid=rr-sweep-summary]').innerText()).toMatch(/Ridge Rider: 1 trial, up to [\d.]+%, (none|1) above 60%; LR_e = 0: 1 trial/);
    // Where its one Ridge Rider trial ended at or below 60%, a line says that this is common with so few trials.
    const hint = page.locator('[data-testid=rr-sweep-none-above]');
    expect(await hint.count()).toBe(sweep.trials[0]!.finalTest > 0.6 ? 0 : 1);
    if (sweep.trials[0]!.finalTest <= 0.6) expect(await hint.innerText()).toContain(`That is no surprise with one Ridge Rider trial: in the measured sweep's ${MEASURED_SWEEP.trials} one-ride trials`);
    const [sweepCsv] = await Promise.all([page.waitForEvent('download'), page.click('[data-net=rr-sweep-csv]')]);
    const sweepText = readFileSync((await sweepCsv.path())!, 'utf8');
    expect(sweepText.trim().split('\n')).toHaveLength(1 + sweep.trials.length);
    expect(sweepText.split('\n')[0]).toBe('trial,variant,inner,alpha,lr_e,lr_lambda,batch,start_test_accuracy,final_train_accuracy,final_test_accuracy,best_test_accuracy,seconds,network');
    expect(sweepText.split('\n')[1]).toMatch(/,784-16-10$/);
    // The picture of the pane ends with the sweep's chart.
    const [withSweep] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=svg]')]);
    expect(readFileSync((await withSweep.path())!, 'utf8')).toContain('test accuracy (%): start ○, final ●');
    // A command-line sweep's log loads into the same chart; a malformed file is refused with a notice and the trials stay.
    const log = [{ event: 'sweep', seed: 1, settings: { layers: [784, 32, 10] } }, ...[0.05, 0.1].map((alpha, i) => ({ event: 'trial', trial: i, variant: i === 0 ? 'rr' : 'fixed', inner: 3, alpha, lr_e: i === 0 ? 0.01 : 0, lr_lambda: 1e-5,
      batch: 400, rides: 1, start_test_accuracy: 0.1, final_train_accuracy: 0.8, final_test_accuracy: i === 0 ? 0.79 : 0.2, best_test_accuracy: 0.8, seconds: 30 }))].map((l) => JSON.stringify(l)).join('\n');
    // Two shards' logs at once: the first with the sweep's settings and trial 0, the second with trial 1.
    const [head, t0, t1] = log.split('\n');
    await page.setInputFiles('[data-net=rr-sweep-file]', [{ name: 'shard1.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${head}\n${t0}\n`) },
      { name: 'shard2.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${head}\n${t1}\n`) }]);
    await until(page, () => page.locator('[data-testid=rr-sweep-summary]').innerText(), (t) => t.startsWith('2 trials from shard1.jsonl, shard2.jsonl, on a 784–32–10 network.'), 10_000);
    expect(await page.locator('[data-testid=rr-sweep-summary]').innerText()).toContain('Ridge Rider: 1 trial, up to 79.0%, 1 above 60%; LR_e = 0: 1 trial, up to 20.0%, none above 60%.');
    // Its Ridge Rider trial passed 60%: no such line.
    expect(await hint.count()).toBe(0);
    // The chart redraws on the next frame after the summary: wait for the loaded trials' 2 dots and 2 rings.
    expect(await until(page, () => page.locator('[data-testid=rr-sweep] svg g[aria-label=dot] circle').count(), (n) => n === 4, 10_000)).toBe(4);
    await page.setInputFiles('[data-net=rr-sweep-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n') });
    await until(page, () => page.evaluate(() => window.__ridgelab!.store.getState().notices.map((n) => n.text).join(' | ')), (t) => t.includes('bad.csv was not loaded: the CSV has no columns trial'), 10_000);
    expect(await page.evaluate(() => window.__ridgelab!.store.getState().netRrSweep.trials.length)).toBe(2);
    // The sweep measured with the command line ships with the app: one click shows its trials, with the figures the help quotes.
    await page.click('[data-net=rr-sweep-measured]');
    const measured = `${MEASURED_SWEEP.trials} trials from the measured sweep, on a 784–32–10 network. Ridge Rider: ${MEASURED_SWEEP.rr.trials} trials, up to ${(100 * MEASURED_SWEEP.rr.best).toFixed(1)}%`;
    expect(await until(page, () => page.locator('[data-testid=rr-sweep-summary]').innerText(), (t) => t.startsWith(measured), 10_000)).toContain(measured);
    expect(await until(page, () => page.locator('[data-testid=rr-sweep] svg g[aria-label=dot] circle').count(), (n) => n === 2 * MEASURED_SWEEP.trials, 10_000)).toBe(2 * MEASURED_SWEEP.trials);
    expect(await hint.count()).toBe(MEASURED_SWEEP.rr.above60 > 0 ? 0 : 1);
    await screenshot(page, 'ridge-rider-network-measured-sweep');
    // The captions' step settings are one click away, and the link keeps them.
    await page.click('[data-rr-preset=fig4]');
    const fig4 = await page.evaluate(() => { const n = window.__ridgelab!.store.getState().params.net; return [n.rrInner, n.rrAlpha, n.rrLrE, n.rrLrLambda, n.rrBatch, n.rrStepScale]; });
    expect(fig4).toEqual([236, 0.00264, 0.00051, 4.34e-6, 2236, 'plain']);
    expect(await page.getAttribute('[data-rr-preset=fig4]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-rr-preset=app]', 'aria-pressed')).toBe('false');
    await page.waitForFunction(() => location.hash.includes('rri=236') && location.hash.includes('rrk=plain'));
    expect(await page.locator('[data-testid=rr-preset-cost]').innerText()).toContain('hours');
    // Fig. 5's preset also lays the run out as the figure: one search per first ridge.
    await page.click('[data-rr-preset=fig5]');
    expect(await page.evaluate(() => { const n = window.__ridgelab!.store.getState().params.net; return [n.rrFirst, n.rrRidges, n.rrInner]; })).toEqual([4, 2, 1]);
    await page.click('[data-rr-preset=app]');
    expect(await page.evaluate(() => window.__ridgelab!.store.getState().params.net.rrStepScale)).toBe('lambda2');
    expect(await page.locator('[data-testid=rr-preset-cost]').count()).toBe(0);
    // The quick preset lays out the app's search (one of 16 rides); back to this test's two searches of two rides.
    await page.evaluate(() => { const st = window.__ridgelab!.store; const p = st.getState().params; st.getState().setParams({ net: { ...p.net, rrFirst: 2, rrRidges: 2 } }); });
    // UpdateRidge by Lanczos: Algorithm 2's controls grey out, and in the worker every checked step is on an exact eigenvector.
    await page.selectOption('select[name=rrv]', 'lanczos');
    expect(await page.locator('input[name=rri]').isDisabled()).toBe(true);
    await page.waitForFunction(() => location.hash.includes('rrv=lanczos'));
    await page.click('[data-net=rr-run]');
    await until(page, () => rr(page), (s) => s.state === 'running', 30_000);
    const exact = await until(page, () => rr(page), (s) => s.state !== 'running', 240_000);
    expect(exact.state).toBe('done');
    const checked = exact.rides.flatMap((r) => r.overlap.filter((o) => Number.isFinite(o)));
    expect(checked.length).toBeGreaterThan(0);
    for (const o of checked) expect(o).toBeGreaterThan(0.99);
    // Ridge Rider's own rides need no word on their directions; steepest descent, run as a reference, does.
    expect(await page.locator('[data-testid=rr-directions]').count()).toBe(0);
    await page.selectOption('select[name=rrd]', 'gradient');
    await page.click('[data-net=rr-run]');
    await until(page, () => rr(page), (s) => s.state === 'running', 30_000);
    expect((await until(page, () => rr(page), (s) => s.state !== 'running', 240_000)).state).toBe('done');
    expect(await page.locator('[data-testid=rr-directions]').innerText()).toMatch(/steepest descent[^]*places in that tree, not ridges/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await screenshot(page, 'ridge-rider-network-phone');
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('shows Colored MNIST\'s environments, fills Table 1 run by run, and a cancel keeps the runs done', async () => {
    const { page, errors } = await openPage(browser, HASH, { width: 1440, height: 900 });
    await until(page, () => rr(page), (s) => s.data > 0, 60_000);
    await page.click('[data-net-pane=colored]');
    // Table 1 is a table: no picture to export, and the buttons say so.
    expect(await page.locator('[data-export=png]').isDisabled()).toBe(true);
    expect(await page.getAttribute('[data-export=svg]', 'title')).toContain('export it as CSV or JSON');
    const samples = await until(page, () => colored(page), (s) => s.samples !== null, 30_000);
    expect(samples.samples!.map((e) => [e.name, e.size])).toEqual([['train-1', 25_000], ['train-2', 25_000], ['test', 10_000]]);
    expect(samples.samples![0]!.agree).toBeGreaterThan(0.78);
    expect(samples.samples![2]!.agree).toBeLessThan(0.12);
    await page.click('[data-net=colored-run]');
    // Within a run, its method and its optimizer steps as they go (a run of minutes is never a silent one).
    const now = await page.waitForSelector('[data-testid=colored-current]', { timeout: 60_000 });
    expect(await now.innerText()).toMatch(/now Ridge Rider, run 1: step [\d,]+ of [\d,]+/);
    // Run 1 of Ridge Rider and of ERM (IRM, the slowest, is cancelled while it runs).
    const round = await until(page, () => colored(page), (s) => s.rows.length >= 2, 300_000);
    expect(round.total).toBe(8);
    expect(round.rows.slice(0, 2).map((r) => r.method)).toEqual(['rr', 'erm']);
    expect(round.rows[1]!.train - round.rows[1]!.test).toBeGreaterThan(0.4);
    const rrRow = round.rows[0]!;
    expect(rrRow.chosen).toBeDefined();
    expect(rrRow.oracle!.test).toBeGreaterThanOrEqual(rrRow.test);
    // The oracle row shows the oracle's own train accuracy, not the chosen candidate's.
    const oracleCells = await page.locator('[data-testid=colored-table] tbody tr').nth(4).locator('td').allInnerTexts();
    expect(oracleCells.slice(1, 3)).toEqual([(100 * rrRow.oracle!.train).toFixed(1), (100 * rrRow.oracle!.test).toFixed(1)]);
    expect(await page.locator('[data-testid=colored-table] tbody tr').count()).toBe(7);
    await page.waitForFunction(() => window.__ridgelab!.store.getState().netColored.current?.method === 'irm', undefined, { timeout: 30_000 });
    expect(await page.locator('[data-testid=colored-current]').innerText()).toMatch(/now IRM, run 1: step [\d,]+ of 501/);
    await page.click('[data-net=colored-cancel]');
    const after = await until(page, () => colored(page), (s) => s.state === 'cancelled', 30_000);
    expect(after.rows.length).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(1500);
    expect((await colored(page)).rows).toHaveLength(after.rows.length);
    expect(await page.locator('[data-testid=colored-table]').innerText()).toContain('best candidate on test');
    // Ridge Rider's run: the loss through two ridges at its MIS, every candidate on it.
    expect(rrRow.slice!.losses).toHaveLength(rrRow.slice!.side ** 2);
    expect(rrRow.candidates!.length).toBeGreaterThan(1);
    // With the slice drawn, the pane has a picture: PNG and SVG export it.
    expect(await page.locator('[data-export=png]').isDisabled()).toBe(false);
    const [sliceSvg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=svg]')]);
    expect(sliceSvg.suggestedFilename()).toBe('ridgelab-colored-mnist-slice.svg');
    expect(readFileSync((await sliceSvg.path())!, 'utf8')).toContain('along ridge u');
    expect(await page.locator('[data-testid=colored-slice] svg').count()).toBeGreaterThan(0);
    await screenshot(page, 'colored-mnist-table');
    // The same slice on the loss-slice view: a surface, with the MIS, every candidate and the chosen one's ring.
    await page.click('[data-net=colored-slice-view]');
    const shown = await until(page, () => page.evaluate(() => {
      const s = window.__ridgelab!.store.getState();
      return { pane: s.params.net.pane, run: s.netSlice?.colored?.run ?? null, side: s.netSlice?.side ?? 0, n: s.netSlice?.samples.length ?? 0 };
    }), (s) => s.run !== null, 30_000);
    expect(shown).toEqual({ pane: 'slice', run: rrRow.run, side: rrRow.slice!.side, n: rrRow.slice!.side ** 2 });
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid=surface] [data-layer=markers] circle').count()).toBeGreaterThanOrEqual(1 + rrRow.candidates!.length);
    expect(await page.locator('[data-testid=net-slice-caption]').innerText()).toContain('Ridge Rider run 1');
    await screenshot(page, 'colored-mnist-slice');
    await page.click('[data-net-pane=colored]');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await screenshot(page, 'colored-mnist-table-phone');
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});

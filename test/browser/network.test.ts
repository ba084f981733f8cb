import { writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, until } from './harness';

/** What the tests read of the network state in the store. */
const netState = (page: Page) => page.evaluate(() => {
  const s = window.__ridgelab!.store.getState();
  return {
    data: s.netData?.train ?? 0, backend: s.netBackend?.name ?? null, run: s.netRun, busy: s.netBusy, steps: s.netCurves.count,
    evals: s.netCurves.evals, spectra: s.netSpectra.map((x) => ({ step: x.step, outliers: x.outliers.length, matvecs: x.matvecs })),
    eigs: s.netEigs, slice: s.netSlice ? { side: s.netSlice.side, step: s.netSlice.step, critical: s.netSlice.critical.length, nx: s.netSlice.grid.spec.nx } : null,
    model: s.netModel, notices: s.notices.map((n) => n.text), numTensors: null as number | null,
  };
});

// A small network so that a few hundred steps on SwiftShader's WebGPU take seconds, with the live spectrum every 100 steps.
const HASH = '#nn=1&nbk=webgpu&nl=784,32,10&nst=300&nb=64&nee=50&nde=100&nhs=128&nqs=16&nqd=1&nk=2&nw=both&nsg=9';

describe('the network view: MNIST trained in the worker on WebGPU, its spectrum and a loss slice', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('loads MNIST, trains a few hundred steps with live curves and spectra, pauses and resumes, and keeps the page animating', async () => {
    const { page, errors } = await openPage(browser, HASH);
    const loaded = await until(page, () => netState(page), (s) => s.data > 0, 60_000);
    expect(loaded.backend).toBe('webgpu');
    await page.click('[data-dock=net-samples]');
    await page.waitForSelector('[data-testid=net-gallery]');
    await page.click('[data-net=train]');
    await until(page, () => netState(page), (s) => s.steps >= 40, 60_000);
    // Frames while the worker trains (for the report; no timed assertion).
    const frames = await page.evaluate(async () => {
      const d: number[] = [];
      let prev = performance.now();
      await new Promise<void>((resolve) => {
        const t0 = prev;
        const f = (t: number) => { d.push(t - prev); prev = t; if (t < t0 + 3000) requestAnimationFrame(f); else resolve(); };
        requestAnimationFrame(f);
      });
      d.shift();
      const sorted = [...d].sort((a, b) => a - b);
      return { frames: d.length, fps: Math.round((10 * d.length) / 3) / 10, p95Ms: Math.round(sorted[Math.floor(0.95 * sorted.length)]! * 10) / 10, over20ms: d.filter((x) => x > 20).length };
    });
    expect(frames.frames).toBeGreaterThan(10);
    await page.click('[data-net=pause]');
    const paused = await until(page, () => netState(page), (s) => s.run.state === 'paused', 30_000);
    expect(paused.run.step).toBeLessThan(300);
    await page.waitForTimeout(500);
    expect((await netState(page)).steps).toBe(paused.steps);
    await page.click('[data-net=resume]');
    const done = await until(page, () => netState(page), (s) => s.run.state === 'done', 240_000);
    expect(done.steps).toBe(300);
    expect(done.evals.map((e) => e.step)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    const last = done.evals[done.evals.length - 1]!;
    expect(last.testAccuracy).toBeGreaterThan(0.8);
    expect(last.trainLoss).toBeLessThan(done.evals[0]!.trainLoss / 3);
    expect(done.spectra.map((x) => x.step)).toEqual([100, 200, 300]);
    expect(done.spectra.every((x) => x.matvecs === 16)).toBe(true);
    const speed = done.run.stepsPerSecond;
    await page.waitForTimeout(400);
    await screenshot(page, 'network-training');
    // The training figure saves as an SVG with both charts (not just their legends), named after the network.
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=svg]')]);
    expect(svgFile.suggestedFilename()).toBe('ridgelab-mnist-784-32-10-training.svg');
    const svgText = (await import('node:fs')).readFileSync((await svgFile.path())!, 'utf8');
    expect(svgText).toContain('cross-entropy loss');
    expect(svgText).toContain('accuracy (%)');
    expect((svgText.match(/<path/g) ?? []).length).toBeGreaterThan(4);
    await page.click('[data-net-pane=spectrum]');
    await page.waitForSelector('[data-testid=net-density] svg');
    expect(await page.textContent('[data-testid=net-spectrum-summary]')).toMatch(/Step 300: the bulk spans λ from/);
    await screenshot(page, 'network-spectrum');
    for (const tab of ['net-weights', 'net-confusion']) {
      await page.click(`[data-dock=${tab}]`);
      await page.waitForTimeout(300);
    }
    await page.waitForSelector('[data-testid=net-confusion] svg');
    await page.click('[data-dock=net-weights]');
    await page.waitForSelector('[data-testid=net-weight-grid]');
    await screenshot(page, 'network-weights');
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/network-browser.json', JSON.stringify({ backend: loaded.backend, stepsPerSecond: speed, framesWhileTraining: frames }, null, 2));
    console.log(`network in the worker on ${loaded.backend}: ${speed.toFixed(1)} steps/s (784-32-10, batch 64); frames while training ${JSON.stringify(frames)}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds eigenpairs with their residuals, draws an eigen-slice in the surface view, refuses a bad model file and keeps the network', async () => {
    const { page, errors } = await openPage(browser, HASH.replace('nst=300', 'nst=120').replace('nde=100', 'nde=0'));
    await until(page, () => netState(page), (s) => s.data > 0, 60_000);
    await page.click('[data-net=train]');
    await until(page, () => netState(page), (s) => s.run.state === 'done', 120_000);
    // A computation in progress can be cancelled: nothing arrives, and the buttons come back.
    await page.click('[data-net=eigs]');
    await until(page, () => netState(page), (x) => (x.busy?.done ?? 0) > 0, 60_000);
    await page.click('[data-net=stop]');
    const stopped = await until(page, () => netState(page), (x) => x.busy === null, 30_000);
    await page.waitForTimeout(1000);
    expect(stopped.eigs).toBeNull();
    expect((await netState(page)).eigs).toBeNull();
    await page.click('[data-net=eigs]');
    const e = (await until(page, () => netState(page), (s) => s.eigs !== null, 120_000)).eigs!;
    expect(e.values).toHaveLength(4);
    const scale = Math.max(...e.values.map(Math.abs));
    for (const r of e.residuals) expect(r / scale).toBeLessThan(2e-2);
    expect(e.values[3]).toBeGreaterThan(0);
    await page.click('[data-dock=net-eigs]');
    await page.waitForSelector('[data-testid=net-eigs] tbody tr');
    await page.click('[data-net=slice]');
    const s = await until(page, () => netState(page), (x) => x.slice !== null, 120_000);
    expect(s.slice).toMatchObject({ side: 9, step: 120, nx: 193 });
    expect(await page.textContent('[data-testid=net-slice-caption]')).toMatch(/eigenvector of λ = /);
    await page.waitForTimeout(600);
    const box = (await page.locator('[data-testid=surface]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => /L ≈/.test(document.querySelector('[data-testid=readout]')?.textContent ?? ''));
    await screenshot(page, 'network-slice');
    // A model file with the wrong shapes: a notice, and the trained network stays.
    const before = await netState(page);
    await page.setInputFiles('[data-net=file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ layers: [784, 10], activation: 'relu', weights: [[[1, 2]]], biases: [[0]] })) });
    await page.waitForFunction(() => window.__ridgelab!.store.getState().notices.some((n) => /model was not loaded/.test(n.text)));
    const after = await netState(page);
    expect(after.model).toEqual(before.model);
    expect(after.notices.join(' ')).toMatch(/weights\[0\] must have 784 rows/);
    // Saving gives a model file that loads back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-net=save]')]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(path!, 'utf8')) as { layers: number[]; weights: number[][][] };
    expect(json.layers).toEqual([784, 32, 10]);
    expect(json.weights[0]).toHaveLength(784);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a phone, the network view stacks its figure, status and controls; the automatic backend passes over a software WebGPU adapter; a crashed worker is replaced', async () => {
    const { page, errors } = await openPage(browser, HASH.replace('&nbk=webgpu', ''), { width: 390, height: 844 });
    await until(page, () => netState(page), (s) => s.data > 0, 60_000);
    const backend = await page.evaluate(() => window.__ridgelab!.store.getState().netBackend!);
    expect(backend.name).toBe('wasm');
    expect(backend.tried.find((t) => t.name === 'webgpu')?.error).toMatch(/software \(fallback\) adapter/);
    expect(await page.textContent('[data-testid=backend]')).toMatch(/wasm/);
    await page.waitForSelector('[data-testid=net-status]');
    await screenshot(page, 'network-phone');
    // A crashed network worker is replaced: the user is told, and MNIST loads again.
    await page.evaluate(() => window.__ridgelab!.compute.crash('net'));
    await page.waitForFunction(() => window.__ridgelab!.store.getState().notices.some((n) => /network worker stopped/.test(n.text)));
    const reloaded = await until(page, () => netState(page), (s) => s.data > 0, 60_000);
    expect(await page.evaluate(() => window.__ridgelab!.compute.restarts().net)).toBe(1);
    // The notice stays after MNIST is in again (the data's arrival clears only data notices).
    expect(reloaded.notices.join(' ')).toMatch(/network worker stopped/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

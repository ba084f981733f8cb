import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { benchQuery, type BenchResult } from '../../src/bench/benchTypes';
import { formatBenchResult } from '../../src/bench/formatBench';
import { launchBrowser, openPage } from './harness';

/**
 * Hessian-vector products of networks on every TF.js backend Chromium has here (webgpu on SwiftShader, webgl, wasm,
 * cpu), in a dedicated worker as the app will run them: double backprop against central differences of the
 * gradient for every activation, and no tensors left behind.
 */
describe('network Hessian-vector products in a Chromium worker, per TF.js backend', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('double backprop agrees with finite differences on webgpu, webgl, wasm and cpu, for every activation, and leaks nothing', async () => {
    const { page, errors } = await openPage(browser, `bench.html?${benchQuery({ mode: 'hvp', runs: 1 })}`);
    await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: 170_000, polling: 200 });
    const result = (await page.evaluate(() => window.__benchResult)) as BenchResult;
    console.log(formatBenchResult(result));
    const byName = new Map((result.hvp ?? []).map((h) => [h.backend, h]));
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
      const h = byName.get(backend);
      expect(h?.ok, `${backend}: ${h?.error ?? 'missing'}`).toBe(true);
      for (const [activation, err] of Object.entries(h!.relErr!)) expect(err, `${backend} ${activation}`).toBeLessThan(5e-3);
      expect(h!.leakedTensors, backend).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

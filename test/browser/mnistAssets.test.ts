import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './harness';

describe('MNIST in the built app', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('serves the checked MNIST assets itself, and Chromium inflates them to the published labels', async () => {
    const { page, errors } = await openPage(browser, '#t=1');
    const got = await page.evaluate(async () => {
      const manifest = await (await fetch('mnist/manifest.json')).json() as { splits: Record<string, { count: number; images: string; labels: string }> };
      const inflate = async (name: string) => new Uint8Array(await new Response((await fetch(`mnist/${name}`)).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      const labels = await inflate(manifest.splits.test!.labels);
      const images = await inflate(manifest.splits.test!.images);
      return { counts: [manifest.splits.train!.count, manifest.splits.test!.count], first: Array.from(labels.subarray(0, 10)), labels: labels.length, images: images.length };
    });
    expect(got).toEqual({ counts: [60_000, 10_000], first: [7, 2, 1, 0, 4, 1, 4, 9, 5, 9], labels: 10_000, images: 10_000 * 784 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, until } from './harness';
const HASH = '#nn=1&nbk=wasm&nl=784,16,10&rrh=784,16,10&rrn=2&rrf=2&rrs=12&rrb=64&rri=2&rro=2&rrt=3&rrz=loss&rrw=previous&rrl=0&crn=2&crl=100';
describe('look', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });
  it('phone screenshot timing', async () => {
    const { page, errors } = await openPage(browser, HASH, { width: 1440, height: 900 });
    const st = () => page.evaluate(() => { const s = window.__ridgelab!.store.getState(); return { data: s.netData?.train ?? 0, state: s.netRr.state }; });
    await until(page, st, (s) => s.data > 0, 60_000);
    await page.click('[data-net-pane=rides]');
    await page.click('[data-net=rr-run]');
    await until(page, st, (s) => s.state === 'running', 30_000);
    await until(page, st, (s) => s.state !== 'running', 240_000);
    await page.evaluate(() => {
      const w = window as unknown as { lt: number[]; frames: number; renders: number };
      w.lt = []; w.frames = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lt.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: false });
      const f = () => { w.frames++; requestAnimationFrame(f); }; requestAnimationFrame(f);
    });
    const take = () => page.evaluate(() => { const w = window as unknown as { lt: number[]; frames: number }; const r = { lt: w.lt.slice(), frames: w.frames }; w.lt = []; w.frames = 0; return r; });
    await page.waitForTimeout(4000); console.log('desk idle 4s', JSON.stringify(await take()));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(1000); console.log('phone first 1s', JSON.stringify(await take()));
    await page.waitForTimeout(4000); console.log('phone idle 4s', JSON.stringify(await take()));
    await page.waitForTimeout(4000); console.log('phone idle 4s', JSON.stringify(await take()));
    console.log(errors);
  }, 400_000);
});

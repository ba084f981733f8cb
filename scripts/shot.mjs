// Dev aid: serve dist/ and save a screenshot of a URL hash. Usage: node scripts/shot.mjs <name> [hash] [waitMs]
import { preview } from 'vite';
import { chromium } from 'playwright-core';

const [name = 'shot', hash = '', wait = '4000'] = process.argv.slice(2);
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const port = server.httpServer.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] });
const [vw, vh] = (process.env.VIEWPORT ?? '1400x900').split('x').map(Number);
const page = await browser.newPage({ viewport: { width: vw, height: vh } });
page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
await page.goto(`http://127.0.0.1:${port}/${hash ? '#' + hash : ''}`);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: `/tmp/shots/${name}.png` });
console.log(JSON.stringify(await page.evaluate(() => { const s = window.__ridgelab?.store.getState(); return s && { backend: s.backend, grid: s.surface && { path: s.surface.path, ms: s.surface.ms }, crit: s.critical.length, notices: s.notices, hash: location.hash }; })));
await browser.close();
await server.close();

/**
 * The generated WGSL grid kernel in real headless Chromium (WebGPU on SwiftShader) against the JS reference path
 * (evalGridJs), driven through bench.html?mode=compare: the page runs both paths in a dedicated worker, as the app
 * will, and compares the six fields node by node (src/bench/compareFields.ts).
 *
 * Tolerance, per field, at every node where the JS value is finite:
 *     |GPU − JS| ≤ ATOL · scale + RTOL · |JS|,   scale = max |JS| over the field's finite nodes,
 * with ATOL = 1e-3 and RTOL = 1e-4. Why: the GPU path is f32 throughout (grid coordinates included) and WGSL only
 * bounds sin/cos to an absolute error of 2^-11 ≈ 4.9e-4 (SwiftShader measures ≈ 3.7e-4 of the field scale on the
 * trig landscapes), and exp/log/pow to a few ULP plus their conditioning. Formulas without any elementary function
 * (polynomials, quotients, min/max) are held to maxRel = max|GPU − JS| / scale ≤ 1e-5 (measured ≤ 1e-6).
 *
 * Exclusions: nodes where the JS value is NaN or ±∞ in Float32 (poles, 0·∞ in the chain rule at a cone tip, f32
 * overflow): WGSL lets implementations treat NaN and ∞ as indeterminate, so nothing is promised there. The
 * 129 × 129 grids put the origin on a node and check that exactly the expected nodes are excluded, and that the GPU
 * is finite everywhere else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, launchBrowser, openPage, screenshot } from './harness';
import { LANDSCAPES, resolveLandscape } from '../../src/landscapes/registry';
import { Op } from '../../src/landscapes/expression/tape';
import { benchQuery, type BenchParams, type BenchResult, type LandscapeBench } from '../../src/bench/benchTypes';
import type { FieldTolerance } from '../../src/bench/compareFields';

const TOL: FieldTolerance = { rtol: 1e-4, atol: 1e-3 };
const TIGHT_MAX_REL = 1e-5;

const BUILTINS = LANDSCAPES.map((l) => l.id);

/** Typed formulas on the default domain [−5, 5]², 128 × 128 (no node on an axis). */
const FORMULAS = [
  'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)',
  'sinc(x/4 + 2) * sinc(y/400) + sinc(x/40)', // both branches of the sinc helpers, away from |πu| ∈ [0.1, 1]
  'min(x^2, y) + max(sin(x), cos(y))',
  'max(x, y, x*y) - min(x + y, 2)',
  '(x*y + 1) / (x^2 + y^2 + 1)',
  'abs(x) + abs(y - 1) * x',
  'x^-2 + y^3 - x^-3*y + x^7',
  '(x/5)^40 + (y/5)^41 + (x/5)^1500 + (y/5)^1501',
  'log(1 + x^2) * tanh(y) + exp(-(x^2 + y^2)/4)',
  'cbrt(x) + abs(y)^1.5 + (x^2+1)^0.25',
  'tan(x/4) + asin(y/6) + acos(x/6) + atan(x*y)',
  'sinh(x/2) * cosh(y/3) + log2(x^2 + 1) + log10(y^2 + 2)',
  'pow(x^2 + 1, y/4)',
  'max(x, -1e39) + y + 1e-39 * x',
];

/**
 * Constants near the f32 limit: Hessian coefficients such as 3e38 · 2 overflow f32 and are folded to P.inf by the
 * generator (a literal-only WGSL expression that overflows fails shader creation). These must compile and run, and
 * the value field must agree where JS is finite in f32. The derivative fields are not compared: near the f32 limit
 * the shader compiler may reassociate constant products (SwiftShader turns 1.5e38·(2y) + 1.6e38·(2y) into
 * 6.2e38·y = ∞), which WGSL allows and the JS path does not do.
 */
/**
 * Formulas undefined on part of [−5, 5]² (JS gives NaN there): WGSL's log, sqrt, asin, pow of a negative are
 * indeterminate, so the kernel must write NaN exactly where JS does, never a finite look-alike (log|x|).
 * 128 × 128: x < 0 on 64 of the 128 columns; |x| > 3 on 52.
 */
const PARTIAL: readonly (readonly [string, number])[] = [
  ['log(x) + sin(3*y)', 64 * 128],
  ['sqrt(x) * cos(y)', 64 * 128],
  ['asin(x/3) + y', 52 * 128],
  ['x^0.5 + y^2', 64 * 128],
  ['min(log(x), 0) + y', 64 * 128],
  ['pow(x, y/4)', 64 * 128],
];

const EXTREME = ['3e38 * x^2 + y^2 * 1.5e38 + y^2 * 1.6e38 + y', '(x^2 + 1e-30) / 1e-30 * 1e-9 + y'];

/** 129 × 129 on [−5, 5]² (Ackley's domain too): the origin and the axes are nodes. Expected excluded nodes per field f, gx, gy, hxx, hxy, hyy. */
const SINGULAR: readonly (readonly [string, readonly number[]])[] = [
  ['sqrt(x^2 + y^2)', [0, 1, 1, 1, 1, 1]],
  ['cos(sqrt(x^2 + y^2))', [0, 0, 0, 1, 1, 1]],
  ['log(x^2 + y^2)', [1, 1, 1, 1, 1, 1]],
  ['ackley', [0, 1, 1, 1, 1, 1]],
  ['x / y', [129, 129, 129, 129, 129, 129]],
  ['abs(x) * y + sign(y) + floor(x) + round(y) * ceil(x*y)', [0, 0, 0, 0, 0, 0]],
];

/**
 * Near zero, where the closed forms of sinc' and sinc'' cancel in f32, the WGSL helpers use the Taylor series up to
 * |πu| = 1 (functions.ts); this formula puts many nodes in 0.1 ≤ |πu| < 1.
 */
const SINC_NEAR_ZERO = 'sinc(x) * sinc(y/2)';

let browser: Browser;

async function compare(name: string, landscapes: readonly string[], size: number): Promise<{ result: BenchResult; errors: string[] }> {
  const params: Partial<BenchParams> = { mode: 'compare', size, landscapes, tol: TOL };
  const { page, errors, log } = await openPage(browser, `bench.html?${benchQuery(params)}`);
  try {
    await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: 150_000, polling: 200 });
    const result = (await page.evaluate(() => window.__benchResult)) as BenchResult;
    await screenshot(page, name);
    if (!result.ok) console.log(log.join('\n'));
    return { result, errors };
  } finally {
    await page.close();
  }
}

function find(r: BenchResult, input: string): LandscapeBench {
  const l = r.landscapes.find((x) => x.input === input);
  if (!l) throw new Error(`no result for ${input}`);
  return l;
}

/** True when the tape has no elementary function call (only + − × ÷, powers, min/max). */
function functionFree(input: string): boolean {
  return resolveLandscape(input).tape.instrs.every((ins) => ins.op !== Op.Unary);
}

function expectAgree(l: LandscapeBench, nodes: number): void {
  expect(l.error, l.error).toBeUndefined();
  expect(l.fields).not.toBeNull();
  for (const f of l.fields!) {
    const where = `${l.input} ${f.field}: node ${f.worstIndex} JS ${f.worstRef} GPU ${f.worstTest}, scale ${f.scale}, maxRel ${f.maxRel}`;
    expect(f.testNonFinite, `${where}: GPU not finite where JS is`).toBe(0);
    expect(f.testFiniteWhereRefNaN, `${where}: GPU finite where JS is NaN (undefined)`).toBe(0);
    expect(f.compared + f.excluded).toBe(nodes);
    expect(f.worst, where).toBeLessThanOrEqual(1);
    if (functionFree(l.input)) expect(f.maxRel, `${where} (function-free formula)`).toBeLessThanOrEqual(TIGHT_MAX_REL);
  }
}

let r128: BenchResult;
let r129: BenchResult;
let errors128: string[];
let errors129: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ result: r128, errors: errors128 } = await compare('gpu-grid-128', [...BUILTINS, ...FORMULAS, ...EXTREME, SINC_NEAR_ZERO, ...PARTIAL.map(([f]) => f)], 128));
  ({ result: r129, errors: errors129 } = await compare('gpu-grid-129', SINGULAR.map(([f]) => f), 129));
});

afterAll(async () => {
  await browser?.close();
});

describe('WebGPU grid kernel vs the JS path (Chromium, dedicated worker)', () => {
  it('has a WebGPU adapter in this environment (SwiftShader with the harness flags), so nothing passes without WebGPU', () => {
    expect(r128.webgpu.available, r128.webgpu.reason).toBe(true);
    expect(r128.where).toBe('worker');
    const a = r128.webgpu.adapter!;
    expect(a).not.toBeNull();
    if (CHROMIUM_ARGS.includes('--use-webgpu-adapter=swiftshader')) expect(`${a.architecture} ${a.vendor} ${a.description}`).toMatch(/swiftshader/i);
    expect(r128.ok, r128.error).toBe(true);
    expect(r128.landscapes).toHaveLength(BUILTINS.length + FORMULAS.length + EXTREME.length + 1 + PARTIAL.length);
    expect(errors128).toEqual([]);
  });

  it.each(BUILTINS)('built-in %s agrees at 128 × 128', (id) => {
    const l = find(r128, id);
    expectAgree(l, 128 * 128);
    for (const f of l.fields!) expect(f.excluded, `${id} ${f.field}`).toBe(0);
  });

  it.each(FORMULAS)('formula %s agrees at 128 × 128', (formula) => {
    const l = find(r128, formula);
    expectAgree(l, 128 * 128);
    for (const f of l.fields!) expect(f.compared, `${formula} ${f.field}`).toBeGreaterThan(128 * 128 * 0.9);
  });

  it.each(EXTREME)('formula %s (f32-overflowing constants) compiles, runs, and its value agrees where JS is finite in f32', (formula) => {
    const l = find(r128, formula);
    expect(l.error, l.error).toBeUndefined();
    const f = l.fields!.find((c) => c.field === 'f')!;
    expect(f.compared).toBeGreaterThan(0);
    expect(f.testNonFinite).toBe(0);
    expect(f.worst, `node ${f.worstIndex}: JS ${f.worstRef} GPU ${f.worstTest}`).toBeLessThanOrEqual(1);
  });

  it(`${SINC_NEAR_ZERO} agrees at 128 × 128 (sinc near zero)`, () => {
    expectAgree(find(r128, SINC_NEAR_ZERO), 128 * 128);
  });

  it.each(PARTIAL.map(([f, n]) => [f, n] as const))('%s: NaN on the GPU exactly where JS is undefined (%i nodes of f)', (formula, undefinedNodes) => {
    const l = find(r128, formula);
    expectAgree(l, 128 * 128);
    expect(l.fields![0]!.excluded).toBe(undefinedNodes);
  });

  it.each(SINGULAR.map(([f, ex]) => [f, ex] as const))('%s at 129 × 129: agrees, excluding exactly the non-finite JS nodes %j', (formula, expected) => {
    expect(r129.ok, r129.error).toBe(true);
    expect(errors129).toEqual([]);
    const l = find(r129, formula);
    expectAgree(l, 129 * 129);
    expect(l.fields!.map((f) => f.excluded)).toEqual(expected);
  });

  it('TF.js in a worker: webgpu, webgl, wasm (Vite-served binaries) and cpu initialize, and the grid kernel runs on TF.js\'s GPUDevice', async () => {
    const { page, errors } = await openPage(browser, `bench.html?${benchQuery({ mode: 'backends' })}`);
    try {
      await page.waitForFunction(() => window.__benchResult !== undefined, null, { timeout: 150_000, polling: 200 });
      const r = (await page.evaluate(() => window.__benchResult)) as BenchResult;
      await screenshot(page, 'gpu-grid-tf-backends');
      const byName = new Map((r.backends ?? []).map((b) => [b.name, b]));
      for (const name of ['webgpu', 'webgl', 'wasm', 'cpu']) expect(byName.get(name)?.ok, `${name}: ${byName.get(name)?.error}`).toBe(true);
      expect(r.tfDeviceGrid?.ok, r.tfDeviceGrid?.error).toBe(true);
      expect(r.webgpu.source).toBe('tf');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { defaultFinishStepSize, defaultStepSize, withStepSizes } from '../../src/store/stepSizes';
import { MAX_FORMULA_LENGTH, compileFormula, tryCompileFormula } from '../../src/landscapes/expression/compileFormula';
import { UNARY_FUNCTIONS } from '../../src/landscapes/expression/functions';
import { DEFAULT_DOMAIN, LANDSCAPES, landscapeById } from '../../src/landscapes/registry';
import { METHODS, METHOD_IDS, type MethodId } from '../../src/optimizers/methods';
import { ES_RUN_ALGOS as ES_UI_ALGOS, ES_RUN_SHAPINGS as ES_SHAPINGS, MAX_ES_ITERS, MAX_ES_POP } from '../../src/es/esRunSettings';
import { ARCHIVE_ORDERS as RIDGE_ORDERS } from '../../src/ridge-rider/archive';
import { RIDGE_END_CRITERIA } from '../../src/ridge-rider/settings';
import { COLORMAP_IDS } from '../../src/surface/colorScale';
import { defaultParams, type AppParams } from '../../src/store/params';
import { MAX_RIDES } from '../../src/store/ridgeFields';
import {
  CUSTOM_LANDSCAPE, MAX_CONTOURS, MAX_COORD, MAX_HASH_LENGTH, MAX_RUN_STEPS, MAX_SEED, MIN_CONTOURS, MIN_VIEW_SPAN, PARAM_FIELDS,
  decodeParams, encodeParams, hyperField, paramField, validateParams,
} from '../../src/store/urlCodec';
import { mulberry32 } from '../../src/math/rng';

/** mulberry32: a fixed-seed PRNG, so every failure below is reproducible from the printed seed. */
type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

const LANDSCAPE_IDS = [...LANDSCAPES.map((l) => l.id), CUSTOM_LANDSCAPE];

/** A random formula from the whitelisted grammar (every UNARY function, min/max, + - * / ^, implicit products). */
function randomFormula(rng: Rng, depth = 0): string {
  const r = rng();
  if (depth > 3 || r < 0.25) {
    return pick(rng, ['x', 'y', 'pi', 'e', 'tau', '2', '0.5', '1e-3', '3x', '2y', String(Math.round(rng() * 1000) / 100)]);
  }
  const a = () => randomFormula(rng, depth + 1);
  const sp = () => pick(rng, ['', ' ', '  ']);
  if (r < 0.55) return `${a()}${sp()}${pick(rng, ['+', '-', '*', '/', '^'])}${sp()}${a()}`;
  if (r < 0.8) return `${pick(rng, UNARY_FUNCTIONS.map((f) => f.name))}(${a()})`;
  if (r < 0.9) return `${pick(rng, ['min', 'max'])}(${a()},${sp()}${a()})`;
  return `-(${a()})`;
}

/** A number that exercises the shortest-round-trip formatting: full 17-digit doubles, integers, tiny, -0. */
function randomNumber(rng: Rng, maxAbs: number): number {
  const r = rng();
  if (r < 0.05) return -0;
  if (r < 0.2) return randInt(rng, -10, 10);
  if (r < 0.3) return (rng() < 0.5 ? -1 : 1) * 10 ** (-300 * rng());
  if (r < 0.4) return 0.1 + 0.2;
  return (2 * rng() - 1) * maxAbs * 10 ** (-6 * rng());
}

function randomView(rng: Rng): AppParams['view'] {
  for (;;) {
    const x0 = randomNumber(rng, MAX_COORD / 2);
    const y0 = randomNumber(rng, MAX_COORD / 2);
    const w = 10 ** (-5 + 10 * rng());
    const h = rng() < 0.2 ? w : 10 ** (-5 + 10 * rng());
    const v = { x0, x1: x0 + w, y0, y1: y0 + h };
    if (v.x1 - v.x0 >= MIN_VIEW_SPAN && v.y1 - v.y0 >= MIN_VIEW_SPAN && Math.abs(v.x1) <= MAX_COORD && Math.abs(v.y1) <= MAX_COORD) return v;
  }
}

function randomHyper(rng: Rng, min: number, max: number, log: boolean): number {
  const r = rng();
  if (r < 0.1) return min;
  if (r < 0.2) return max;
  const v = log && min > 0 ? min * (max / min) ** rng() : min + (max - min) * rng();
  return Math.min(max, Math.max(min, v));
}

/** A random valid AppParams: every field drawn from its declared range. */
function randomParams(rng: Rng): AppParams {
  const p = defaultParams();
  p.landscape = pick(rng, LANDSCAPE_IDS);
  if (rng() < 0.7) {
    for (;;) {
      const f = randomFormula(rng);
      if (f.length <= MAX_FORMULA_LENGTH && tryCompileFormula(f).ok) { p.formula = f; break; }
    }
  }
  p.view = rng() < 0.3 ? { ...(landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN) } : randomView(rng);
  p.colormap = pick(rng, COLORMAP_IDS);
  p.scale = pick(rng, ['auto', 'linear', 'log'] as const);
  p.contours = rng() < 0.5;
  p.eigenvectors = rng() < 0.5;
  p.curvature = rng() < 0.5;
  p.critical = rng() < 0.5;
  p.contourCount = randInt(rng, MIN_CONTOURS, MAX_CONTOURS);
  const ids = METHOD_IDS.filter(() => rng() < 0.5);
  for (let i = ids.length - 1; i > 0; i--) { const j = randInt(rng, 0, i); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }
  p.methods = ids;
  for (const m of METHODS) {
    for (const h of m.hyper) if (rng() < 0.5) p.hyper[m.id][h.key] = randomHyper(rng, h.min, h.max, h.log);
  }
  p.start = rng() < 0.3 ? null : [randomNumber(rng, MAX_COORD), randomNumber(rng, MAX_COORD)];
  p.steps = rng() < 0.1 ? pick(rng, [1, MAX_RUN_STEPS]) : randInt(rng, 1, MAX_RUN_STEPS);
  p.seed = rng() < 0.1 ? pick(rng, [0, MAX_SEED]) : randInt(rng, 0, MAX_SEED);
  const r = p.ridge;
  r.on = rng() < 0.5;
  r.preset = pick(rng, ['none', 'fig1'] as const);
  r.start = rng() < 0.4 ? null : [randomNumber(rng, MAX_COORD), randomNumber(rng, MAX_COORD)];
  r.order = pick(rng, RIDGE_ORDERS);
  r.stepMode = pick(rng, ['fixed', 'backtracking'] as const);
  r.alpha = randomHyper(rng, 1e-6, 10, true);
  r.deltaBreak = randomHyper(rng, 0.01, 1, false);
  r.end = RIDGE_END_CRITERIA.filter(() => rng() < 0.5);
  r.maxRideSteps = randInt(rng, 1, 100_000);
  r.maxRides = randInt(rng, 1, MAX_RIDES);
  r.topN = randInt(rng, 0, 100);
  r.onePerGroup = rng() < 0.5;
  r.gdFinish = rng() < 0.5;
  r.gdLr = randomHyper(rng, 1e-5, 10, true);
  r.ring = rng() < 0.5;
  r.ringRadius = randomHyper(rng, 1e-6, 1e3, true);
  r.ringCount = randInt(rng, 1, 64);
  const e = p.es;
  e.algos = ES_UI_ALGOS.filter(() => rng() < 0.4);
  e.sigma0 = randomHyper(rng, 1e-6, 1e3, true);
  e.pop = randInt(rng, 2, MAX_ES_POP);
  e.iters = randInt(rng, 1, MAX_ES_ITERS);
  e.antithetic = rng() < 0.5;
  e.shaping = pick(rng, ES_SHAPINGS);
  e.lrMu = rng() < 0.3 ? 0 : randomHyper(rng, 1e-4, 1e4, true);
  e.lrSigma = rng() < 0.3 ? 0 : randomHyper(rng, 1e-4, 1e4, true);
  p.oned = { on: rng() < 0.5, fn: pick(rng, ['sinc', 'sinc-quantized', 'narrow-wide', 'wall', 'plateau', 'custom'] as const), formula: pick(rng, ['x^2', '-sinc(x) + 0.1*sin(8*x)', 'abs(x - 1)']),
    start: rng() < 0.5 ? null : [randomNumber(rng, 1e3), randomHyper(rng, 1e-3, 1e3, true)] };
  p.smooth = { on: rng() < 0.5, sigma: randomHyper(rng, 1e-4, 1e3, true), method: pick(rng, ['auto', 'quadrature', 'mc'] as const), samples: randInt(rng, 1, 65_536), optimize: rng() < 0.5 };
  return p;
}

/** Independent check that every field is within its declared range (not via the codec's own validateParams). */
function expectValid(p: AppParams, context: string): void {
  const fail = (msg: string) => { throw new Error(`${context}: ${msg}\nparams: ${JSON.stringify(p)}`); };
  if (!LANDSCAPE_IDS.includes(p.landscape)) fail(`landscape ${p.landscape}`);
  if (typeof p.formula !== 'string' || p.formula.length > MAX_FORMULA_LENGTH) fail('formula length');
  try { compileFormula(p.formula); } catch (e) { fail(`formula does not compile: ${String(e)}`); }
  const v = p.view;
  for (const c of [v.x0, v.x1, v.y0, v.y1]) if (!Number.isFinite(c) || Math.abs(c) > MAX_COORD) fail('view corner');
  if (!(v.x1 - v.x0 >= MIN_VIEW_SPAN && v.y1 - v.y0 >= MIN_VIEW_SPAN)) fail('view span');
  if (!COLORMAP_IDS.includes(p.colormap)) fail('colormap');
  if (!['auto', 'linear', 'log'].includes(p.scale)) fail('scale');
  for (const b of [p.contours, p.eigenvectors, p.curvature, p.critical]) if (typeof b !== 'boolean') fail('overlay flag');
  if (!Number.isInteger(p.contourCount) || p.contourCount < MIN_CONTOURS || p.contourCount > MAX_CONTOURS) fail('contourCount');
  if (new Set(p.methods).size !== p.methods.length || !p.methods.every((m) => (METHOD_IDS as readonly string[]).includes(m))) fail('methods');
  if (Object.keys(p.hyper).sort().join() !== [...METHOD_IDS].sort().join()) fail('hyper methods');
  for (const m of METHODS) {
    const rec = p.hyper[m.id];
    if (Object.keys(rec).sort().join() !== m.hyper.map((h) => h.key).sort().join()) fail(`hyper keys of ${m.id}`);
    for (const h of m.hyper) {
      const x = rec[h.key]!;
      if (!(Number.isFinite(x) && x >= h.min && x <= h.max)) fail(`${m.id}.${h.key} = ${x}`);
    }
  }
  if (p.start !== null && !(p.start.length === 2 && p.start.every((c) => Number.isFinite(c) && Math.abs(c) <= MAX_COORD))) fail('start');
  if (!Number.isInteger(p.steps) || p.steps < 1 || p.steps > MAX_RUN_STEPS) fail('steps');
  if (!Number.isInteger(p.seed) || p.seed < 0 || p.seed > MAX_SEED) fail('seed');
  const r = p.ridge;
  for (const b of [r.on, r.onePerGroup, r.gdFinish, r.ring]) if (typeof b !== 'boolean') fail('ridge flag');
  if (r.start !== null && !(r.start.length === 2 && r.start.every((c) => Number.isFinite(c) && Math.abs(c) <= MAX_COORD))) fail('ridge start');
  if (!RIDGE_ORDERS.includes(r.order) || !['fixed', 'backtracking'].includes(r.stepMode) || !['none', 'fig1'].includes(r.preset)) fail('ridge order, step mode or preset');
  const inRange = (v: number, lo: number, hi: number, int = false) => Number.isFinite(v) && v >= lo && v <= hi && (!int || Number.isInteger(v));
  if (!inRange(r.alpha, 1e-6, 10) || !inRange(r.deltaBreak, 0.01, 1) || !inRange(r.gdLr, 1e-5, 10) || !inRange(r.ringRadius, 1e-6, 1e3)) fail('ridge number');
  if (!inRange(r.maxRideSteps, 1, 100_000, true) || !inRange(r.maxRides, 1, MAX_RIDES, true) || !inRange(r.topN, 0, 100, true) || !inRange(r.ringCount, 1, 64, true)) fail('ridge integer');
  if (new Set(r.end).size !== r.end.length || !r.end.every((c) => (RIDGE_END_CRITERIA as readonly string[]).includes(c))) fail('ridge end criteria');
  const e = p.es;
  if (new Set(e.algos).size !== e.algos.length || !e.algos.every((a) => (ES_UI_ALGOS as readonly string[]).includes(a))) fail('es algos');
  if (!inRange(e.sigma0, 1e-6, 1e3) || !inRange(e.pop, 2, MAX_ES_POP, true) || !inRange(e.iters, 1, MAX_ES_ITERS, true)) fail('es numbers');
  if (!inRange(e.lrMu, 0, 1e4) || !inRange(e.lrSigma, 0, 1e4) || typeof e.antithetic !== 'boolean' || !ES_SHAPINGS.includes(e.shaping)) fail('es settings');
  const sm = p.smooth;
  if (typeof p.oned.on !== 'boolean' || !['sinc', 'sinc-quantized', 'narrow-wide', 'wall', 'plateau', 'custom'].includes(p.oned.fn)) fail('oned');
  if (!tryCompileFormula(p.oned.formula, ['x']).ok) fail('oned formula');
  if (typeof sm.on !== 'boolean' || !inRange(sm.sigma, 1e-4, 1e3) || !['auto', 'quadrature', 'mc'].includes(sm.method) || !inRange(sm.samples, 1, 65_536, true)) fail('smooth');
}

function expectPrototypesClean(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(CLEAN_OBJECT_PROTO);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(CLEAN_ARRAY_PROTO);
}
const CLEAN_OBJECT_PROTO = Object.getOwnPropertyNames(Object.prototype).sort();
const CLEAN_ARRAY_PROTO = Object.getOwnPropertyNames(Array.prototype).sort();

describe('encodeParams / decodeParams: round trip', () => {
  it('writes nothing for the defaults and reads the empty hash as the defaults', () => {
    expect(encodeParams(defaultParams())).toBe('');
    for (const h of ['', '#', '&', '&&&']) {
      const r = decodeParams(h);
      expect(r.params).toStrictEqual(defaultParams());
      expect(r.ignored).toEqual([]);
    }
    expect(validateParams(defaultParams())).toEqual([]);
  });

  it('reads the documented example', () => {
    const r = decodeParams('l=himmelblau&v=-5,5,-5,5&m=gd,adam&gd.lr=0.01&s=0,0&n=500&seed=1&ov=contours,critical');
    expect(r.ignored).toEqual([]);
    expect(r.params).toStrictEqual({ ...defaultParams(), start: [0, 0] });
  });

  it('restores a built-in landscape and a custom view exactly', () => {
    const p = withStepSizes({ ...defaultParams(), landscape: 'rosenbrock', view: { x0: -2, x1: 2, y0: -1, y1: 3 } }, 'himmelblau');
    expect(encodeParams(p)).toBe('l=rosenbrock');
    expect(decodeParams('l=rosenbrock').params.view).toStrictEqual(landscapeById('rosenbrock')!.domain);
    // The landscape's safe step sizes are the defaults there: gradient descent diverges on Rosenbrock at 0.01.
    expect(decodeParams('l=rosenbrock').params.hyper.gd.lr).toBe(0.001);
    expect(decodeParams('l=rosenbrock').params.ridge.gdLr).toBe(0.001);
    expect(decodeParams('l=rosenbrock&gd.lr=0.01').params.hyper.gd.lr).toBe(0.01);
    const q = { ...p, view: { x0: -1.2345678901234567, x1: 0.1 + 0.2, y0: -1e-7, y1: 2.5e-6 } };
    const h = encodeParams(q);
    expect(h).toBe('l=rosenbrock&v=-1.2345678901234567,0.30000000000000004,-1e-7,0.0000025');
    expect(decodeParams(h).params.view).toStrictEqual(q.view);
  });

  it('round-trips 600 seeded random valid params exactly, with nothing ignored', () => {
    const rng = mulberry32(20240611);
    for (let i = 0; i < 600; i++) {
      const p = randomParams(rng);
      expect(validateParams(p), `case ${i}`).toEqual([]);
      expectValid(p, `generated case ${i}`);
      const hash = encodeParams(p);
      expect(hash.length, `case ${i}`).toBeLessThanOrEqual(MAX_HASH_LENGTH);
      expect(hash, `case ${i}`).toMatch(/^[A-Za-z0-9\-_.!~*'()%,=&]*$/);
      const r = decodeParams(hash);
      expect(r.ignored, `case ${i}: ${hash}`).toEqual([]);
      expect(r.params, `case ${i}: ${hash}`).toStrictEqual(p);
      if (p.start) expect(Object.is(r.params.start![0], p.start[0]) && Object.is(r.params.start![1], p.start[1]), `-0 kept in case ${i}`).toBe(true);
      expect(decodeParams(`#${hash}`).params).toStrictEqual(p);
    }
  });

  it('keeps the worst-case hash under the length cap', () => {
    const p = defaultParams();
    p.landscape = CUSTOM_LANDSCAPE;
    p.formula = `x${' '.repeat(MAX_FORMULA_LENGTH - 2)}y`;
    p.view = { x0: -123456.78901234566, x1: 123456.78901234566, y0: -0.000012345678901234568, y1: 987654.3210987654 };
    for (const m of METHODS) for (const h of m.hyper) p.hyper[m.id][h.key] = h.min + (h.max - h.min) * 0.12345678901234568;
    p.methods = [...METHOD_IDS];
    p.start = [-123456.78901234567, -0.00012345678901234567];
    p.steps = MAX_RUN_STEPS - 1; p.seed = MAX_SEED - 1; p.contourCount = MAX_CONTOURS - 1;
    p.colormap = 'plasma'; p.scale = 'linear'; p.contours = false; p.eigenvectors = true; p.curvature = true;
    expect(validateParams(p)).toEqual([]);
    const hash = encodeParams(p);
    expect(hash.length).toBeLessThan(MAX_HASH_LENGTH);
    const r = decodeParams(hash);
    expect(r.ignored).toEqual([]);
    expect(r.params).toStrictEqual(p);
  });

  it('returns fresh objects that share nothing with the defaults or the previous params', () => {
    const prev = { ...defaultParams(), start: [1, 2] as [number, number] };
    const a = decodeParams('v=abc&s=x', prev).params;
    a.view = { ...a.view };
    (a.start as [number, number])[0] = 99;
    a.hyper.gd.lr = 5;
    a.methods.push('newton');
    expect(prev.start).toEqual([1, 2]);
    expect(defaultParams().hyper.gd.lr).toBe(0.01);
    expect(decodeParams('').params.methods).toEqual(['gd', 'adam']);
  });
});

describe('decodeParams: tampered fields fall back one by one', () => {
  /** Params where every field differs from its default, so a fallback is visible. */
  const rich = (): AppParams => {
    const p = defaultParams();
    p.landscape = 'rosenbrock'; p.formula = 'x^2 + 3*y^2'; p.view = { x0: -1.5, x1: 2.5, y0: -0.5, y1: 2 };
    p.colormap = 'magma'; p.scale = 'log'; p.contours = false; p.eigenvectors = true; p.contourCount = 33;
    p.methods = ['newton', 'gd', 'momentum'];
    for (const m of METHODS) for (const h of m.hyper) p.hyper[m.id][h.key] = h.min + (h.max - h.min) / 3;
    p.start = [-1.25, 2.5]; p.steps = 1234; p.seed = 77;
    p.ridge = { ...p.ridge, on: true, preset: 'fig1', start: [0.5, -0.25], order: 'dfs', stepMode: 'backtracking', alpha: 0.05, deltaBreak: 0.9, end: ['curvature'],
      maxRideSteps: 500, maxRides: 20, topN: 2, onePerGroup: true, gdFinish: false, gdLr: 0.02, ring: true, ringRadius: 0.1, ringCount: 16 };
    p.es = { algos: ['vo-natural', 'es'], sigma0: 0.5, pop: 100, iters: 80, antithetic: true, shaping: 'ranks', lrMu: 2, lrSigma: 0.2 };
    p.smooth = { on: true, sigma: 0.3, method: 'mc', samples: 512, optimize: true };
    p.oned = { on: true, fn: 'custom', formula: 'x^4 - 3*x^2 + x', start: [-1.5, 0.75] };
    p.mdp = { on: true, depth: 8, sparsity: 0.6, rewards: 'level', tree: 17, mis: 'paper', criterion: 'greedy', budget: 3000, alpha: 1, topN: 4, methods: ['rr', 'fixed-ev'], sweep: 'fig3' };
    p.lever = { on: true, payoffs: [1, 1, 0.9], runs: 10, repeats: 3, clusterTol: 1e-6 };
    return p;
  };
  const withField = (hash: string, key: string, value: string) => {
    const parts = hash.split('&').filter((s) => !s.startsWith(`${key}=`));
    return [...parts, `${key}=${value}`].join('&');
  };
  const defaultOf = (key: string, p: AppParams): unknown => {
    if (key === 'v') return landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN;
    // Step sizes default to the landscape's safe value (registry stepSize).
    if (/^(gd|momentum|nesterov)\.lr$/.test(key)) return defaultStepSize(p.landscape, key.split('.')[0] as 'gd');
    if (key === 'rl') return defaultFinishStepSize(p.landscape);
    const f = paramField(key)!;
    return f.get(defaultParams());
  };

  const BAD: Record<string, [string, RegExp][]> = {
    l: [['nope', /unknown landscape "nope"/], ['__proto__', /unknown landscape/], ['', /unknown landscape ""/]],
    f: [['x%2B', /formula rejected/], ['constructor', /formula rejected: unknown name "constructor"/], ['%E0%A4%A', /malformed percent-encoding/],
      [encodeURIComponent('x'.repeat(MAX_FORMULA_LENGTH + 1)), /longer than 500/], ['import(%22fs%22)', /formula rejected/]],
    v: [['5,-5,-5,5', /x0 = 5 is not below x1 = -5/], ['0,1,2', /needs 4 numbers/], ['0,1e300,0,1', /within ±1000000/],
      ['0,1e-9,0,1', /narrower than/], ['0,NaN,0,1', /"NaN" is not a finite number/], ['0,1,1,1', /y0 = 1 is not below y1 = 1/],
      ['0,Infinity,0,1', /not a finite number/]],
    cm: [['jet', /unknown colour map "jet"/]],
    sc: [['sqrt', /unknown scale "sqrt"/]],
    cc: [['0', /0 is below the minimum 1/], ['61', /61 is above the maximum 60/], ['2.5', /2.5 is not an integer/], ['abc', /"abc" is not a number/]],
    s: [['1,abc', /"abc" is not a number/], ['1e7,0', /within ±1000000/], ['1', /needs 2 numbers/], ['', /needs 2 numbers/]],
    n: [['0', /below the minimum 1/], ['20001', /above the maximum 20000/], ['1e999', /not a finite number/], ['0x10', /"0x10" is not a number/], ['10.5', /not an integer/]],
    seed: [['-1', /below the minimum 0/], ['4294967296', /above the maximum 4294967295/], ['1.5', /not an integer/], [' 1', /is not a number/]],
    rr: [['2', /"2" is not 0 or 1/], ['true', /not 0 or 1/], ['', /not 0 or 1/]],
    rp: [['fig9', /unknown value "fig9"/]],
    rs: [['1,abc', /"abc" is not a number/], ['1e7,0', /within ±1000000/], ['1', /needs 2 numbers/]],
    ro: [['astar', /unknown value "astar"/], ['__proto__', /unknown value/]],
    rm: [['adam', /unknown value "adam"/]],
    ra: [['0', /below the minimum/], ['11', /above the maximum 10/], ['x', /not a number/]],
    rd: [['1.5', /above the maximum 1/], ['-0.1', /below the minimum 0/]],
    rk: [['0', /below the minimum 1/], ['2.5', /not an integer/]],
    rx: [['0', /below the minimum 1/], ['501', /above the maximum 500/]],
    rt: [['-1', /below the minimum 0/], ['101', /above the maximum 100/]],
    rg: [['yes', /not 0 or 1/]],
    rf: [['-1', /not 0 or 1/]],
    rl: [['NaN', /not a finite number/], ['100', /above the maximum 10/]],
    rc: [['on', /not 0 or 1/]],
    rcr: [['0', /below the minimum/], ['1e4', /above the maximum 1000/]],
    rcn: [['0', /below the minimum 1/], ['65', /above the maximum 64/]],
    es0: [['0', /below the minimum/], ['x', /not a number/]],
    en: [['1', /below the minimum 2/], ['2.5', /not an integer/], ['10001', /above the maximum 10000/]],
    ei: [['0', /below the minimum 1/], ['5001', /above the maximum 5000/]],
    ea: [['yes', /not 0 or 1/]],
    esh: [['cma', /unknown shaping "cma"/]],
    elm: [['-1', /below the minimum 0/], ['NaN', /not a finite number/]],
    els: [['1e5', /above the maximum 10000/]],
    sm: [['2', /not 0 or 1/]],
    sms: [['0', /below the minimum/], ['1e4', /above the maximum 1000/]],
    smm: [['exact', /unknown method "exact"/]],
    smn: [['0', /below the minimum 1/], ['1.5', /not an integer/]],
    smo: [['2', /not 0 or 1/]],
    o: [['x', /not 0 or 1/]],
    of: [['sin', /unknown 1D function "sin"/]],
    ofx: [['y%2Bx', /formula rejected: unknown name "y"/], ['x%2B', /formula rejected/]],
    ost: [['1,0', /must be positive/], ['1', /needs 2 numbers/], ['a,1', /not a number/]],
    t: [['2', /not 0 or 1/]],
    td: [['0', /below the minimum 1/], ['25', /above the maximum 24/]],
    tsp: [['1', /above the maximum/], ['-0.1', /below the minimum/]],
    trw: [['gold', /unknown reward scheme "gold"/]],
    tt: [['1.5', /not an integer/]],
    tmi: [['random', /unknown starting point "random"/]],
    tcr: [['best', /unknown solution criterion "best"/]],
    tb: [['0', /below the minimum 1/]],
    ta: [['0', /below the minimum/]],
    tn: [['0', /below the minimum 1/]],
    tsw: [['fig9', /unknown sweep "fig9"/]],
    lv: [['yes', /not 0 or 1/]],
    lvp: [['1', /at least two levers/], ['1,-1', /positive finite/], ['1,x', /"x" is not a number/]],
    lvn: [['1', /below the minimum 2/]],
    lvk: [['0', /below the minimum 1/]],
    lvct: [['0', /below the minimum/], ['0.9', /above the maximum/]],
    nn: [['2', /not 0 or 1/]],
    nbk: [['tpu', /unknown backend "tpu"/]],
    nl: [['784', /at least an input and an output/], ['100,10', /input width must be 784/], ['784,64,3', /output width must be 10/], ['784,0,10', /widths are whole numbers/],
      ['784,4096,4096,4096,10', /more than the limit/], ['784,x,10', /"x" is not a number/]],
    na: [['gelu', /unknown activation "gelu"/]],
    no: [['lbfgs', /unknown optimizer "lbfgs"/]],
    nlr: [['0', /below the minimum/], ['NaN', /not a finite number/]],
    nb: [['0', /below the minimum 1/], ['2.5', /not an integer/]],
    nst: [['0', /below the minimum 1/]],
    nts: [['60001', /above the maximum/]],
    nee: [['0', /below the minimum 1/]],
    nes: [['-1', /below the minimum 1/]],
    nde: [['-1', /below the minimum 0/]],
    nhs: [['0', /below the minimum 1/]],
    nhv: [['exact', /unknown Hessian-vector product "exact"/]],
    nk: [['0', /below the minimum 1/], ['51', /above the maximum/]],
    nw: [['middle', /unknown end of the spectrum "middle"/]],
    ntol: [['0', /below the minimum/]],
    nmv: [['5', /below the minimum 10/]],
    nqs: [['1', /below the minimum 2/]],
    nqd: [['0', /below the minimum 1/]],
    nsd: [['pca', /unknown slice directions "pca"/]],
    nsr: [['0', /below the minimum/]],
    nsg: [['3', /below the minimum 4/], ['102', /above the maximum/]],
    rrn: [['0', /below the minimum 1/], ['65', /above the maximum/]],
    rrs: [['0', /below the minimum 1/]],
    rra: [['0', /below the minimum/], ['abc', /not a number/]],
    rre: [['-1', /below the minimum 0/]],
    rrl: [['-1', /below the minimum 0/]],
    rri: [['1001', /above the maximum/]],
    rrb: [['0', /below the minimum 1/], ['60001', /above the maximum/]],
    rrd: [['uphill', /unknown directions "uphill"/]],
    rro: [['-1', /below the minimum 0/]],
    rrh: [['784', /at least an input and an output/], ['100,10', /input width must be 784/], ['784,0,10', /widths are whole numbers/]],
    rrx: [['sideways', /unknown search order "sideways"/]],
    rrm: [['some', /unknown batch images "some"/]],
    rrg: [['qr', /unknown eigensolver "qr"/]],
    rrk: [['cubic', /unknown rate scaling "cubic"/]],
    rrv: [['exact', /unknown ridge update "exact"/]],
    rrw: [['zero', /unknown eigenvalue start "zero"/]],
    rrz: [['never', /unknown ride end "never"/]],
    rru: [['often', /unknown update steps "often"/]],
    rrp: [['-1', /below the minimum 0/], ['2.5', /whole number|integer/]],
    np: [['tables', /unknown pane "tables"/]],
    rrf: [['-1', /below the minimum 0/], ['17', /above the maximum/], ['1.5', /whole number|integer/]],
    rrt: [['0', /below the minimum 1/], ['301', /above the maximum/]],
    rrq: [['twice', /unknown sweep trial "twice"/]],
    rry: [['0', /below the minimum/], ['11', /above the maximum/], ['-0.3', /below the minimum/]],
    crn: [['0', /below the minimum 1/], ['31', /above the maximum/]],
    crl: [['99', /below the minimum 100/], ['25001', /above the maximum/]],
  };
  for (const m of METHODS) {
    for (const h of m.hyper) {
      BAD[`${m.id}.${h.key}`] = [['abc', /^"abc" is not a number$/], [String(h.min - 1), /is below the minimum/], [String(h.max * 2 + 1), /is above the maximum/],
        ['NaN', /not a finite number/], ['-Infinity', /not a finite number/], ['1e308', /above the maximum/], ['', /"" is not a number/]];
    }
  }

  it('declares a tamper case for every scalar field of the table', () => {
    const listFields = new Set(['ov', 'm', 're', 'e', 'tm']);
    expect(PARAM_FIELDS.filter((f) => !listFields.has(f.key)).map((f) => f.key).sort()).toEqual(Object.keys(BAD).sort());
  });

  for (const [key, cases] of Object.entries(BAD)) {
    it(`${key}: a bad value falls back to its default with a reason naming ${key}; every other field survives`, () => {
      const p = rich();
      expect(validateParams(p)).toEqual([]);
      const hash = encodeParams(p);
      for (const [bad, reason] of cases) {
        const { params, ignored } = decodeParams(withField(hash, key, bad));
        expect(ignored, `${key}=${bad}`).toHaveLength(1);
        expect(ignored[0]!.key).toBe(key);
        expect(ignored[0]!.reason, `${key}=${bad}`).toMatch(reason);
        expectValid(params, `${key}=${bad}`);
        for (const f of PARAM_FIELDS) {
          if (f.key === key) expect(f.get(params), `${key} falls back`).toStrictEqual(defaultOf(key, params));
          else expect(f.get(params), `${f.key} survives ${key}=${bad}`).toStrictEqual(f.get(p));
        }
      }
    });
  }

  it('gives the exact reasons of the brief', () => {
    expect(decodeParams('gd.lr=abc').ignored).toEqual([{ key: 'gd.lr', reason: '"abc" is not a number' }]);
    expect(decodeParams('gd.lr=-3').ignored).toEqual([{ key: 'gd.lr', reason: '-3 is below the minimum 0.00001' }]);
  });

  it('drops unknown and repeated items of the lists and keeps the rest', () => {
    const r = decodeParams('m=adam,foo,gd,adam,%ZZ&ov=critical,glow,critical');
    expect(r.params.methods).toEqual(['adam', 'gd']);
    expect([r.params.contours, r.params.eigenvectors, r.params.curvature, r.params.critical]).toEqual([false, false, false, true]);
    expect(r.ignored.map((i) => i.key)).toEqual(['ov', 'ov', 'm', 'm', 'm']);
    expect(r.ignored[0]!.reason).toMatch(/unknown overlay "glow"/);
    expect(r.ignored[2]!.reason).toMatch(/unknown method "foo"/);
    expect(r.ignored[3]!.reason).toMatch(/"adam" is listed twice/);
    expect(r.ignored[4]!.reason).toMatch(/malformed percent-encoding/);
    expect(decodeParams('m=&ov=')).toEqual({ params: { ...defaultParams(), methods: [], contours: false, critical: false }, ignored: [] });
  });

  it('reports unknown keys, duplicates (first wins), keys without a value and an over-long hash', () => {
    const r = decodeParams('n=10&zoom=3&n=20&seed&gd.momentum=1');
    expect(r.params.steps).toBe(10);
    expect(r.params.seed).toBe(1);
    expect(r.ignored).toEqual([
      { key: 'zoom', reason: 'unknown key' },
      { key: 'n', reason: 'duplicate key; the first value is used' },
      { key: 'gd.momentum', reason: 'unknown key' },
      { key: 'seed', reason: 'has no value (write seed=...)' },
    ]);
    const long = decodeParams(`n=10&f=${'x'.repeat(MAX_HASH_LENGTH)}`);
    expect(long.params).toStrictEqual(defaultParams());
    expect(long.ignored).toHaveLength(1);
    expect(long.ignored[0]!.reason).toMatch(/longer than 4096/);
  });

  it('keeps the previous value of a bad field when given one, and the default when the previous one is bad too', () => {
    const prev = { ...defaultParams(), formula: 'x*y', steps: 42 };
    const r = decodeParams('l=custom&f=x%2B%2B%2B&n=abc', prev);
    expect(r.params.formula).toBe('x*y');
    expect(r.params.steps).toBe(42);
    expect(r.params.landscape).toBe('custom');
    expect(r.ignored.map((i) => i.key)).toEqual(['f', 'n']);
    expect(decodeParams('n=abc', { ...prev, steps: -5 }).params.steps).toBe(defaultParams().steps);
    // Omitted fields take their defaults, not the previous values: the URL is the whole state.
    expect(decodeParams('', prev).params).toStrictEqual(defaultParams());
  });

  it('accepts landscape ids case-insensitively and maps them to the canonical id', () => {
    expect(decodeParams('l=Rosenbrock').params.landscape).toBe('rosenbrock');
    expect(decodeParams('l=Rosenbrock').params.view).toStrictEqual(landscapeById('rosenbrock')!.domain);
  });
});

describe('decodeParams: fuzzing never throws and always gives valid params', () => {
  const TOKENS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e308', '1e-400', '%', '%25', '%252525', '%E0%A4%A', '%00', '__proto__',
    'constructor', 'prototype', '&&', '==', '=', '&', ',', ',,', '#', '0x1F', '1_000', '+', '-0', '\u0000', '\uD800', '💥', ' ',
    '__proto__[polluted]=1', 'constructor.prototype.polluted=1', '__proto__.polluted=1', 'gd.__proto__=1', 'toString=1', 'hasOwnProperty=1'];
  const base = (() => {
    const p = defaultParams();
    p.landscape = 'custom'; p.formula = 'min(x^2, y) + sin(3*x)/2'; p.view = { x0: -3, x1: 3, y0: -2, y1: 2.5 };
    p.methods = ['gd', 'adam', 'newton']; p.hyper.gd.lr = 0.002; p.hyper.adam.beta1 = 0.8; p.start = [-1.5, 2]; p.steps = 800; p.seed = 9;
    p.eigenvectors = true; p.contourCount = 12;
    return encodeParams(p);
  })();

  const check = (hash: string, context: string) => {
    let r: ReturnType<typeof decodeParams>;
    try {
      r = decodeParams(hash);
    } catch (e) {
      throw new Error(`${context}: decodeParams threw ${String(e)} on ${JSON.stringify(hash)}`);
    }
    expectValid(r.params, `${context}: ${JSON.stringify(hash.slice(0, 200))}`);
    expect(validateParams(r.params)).toEqual([]);
    expect(Object.getPrototypeOf(r.params)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.params.hyper)).toBe(Object.prototype);
    for (const i of r.ignored) {
      expect(typeof i.key).toBe('string');
      expect(i.reason.length).toBeGreaterThan(0);
      expect(i.key.length + i.reason.length).toBeLessThan(600);
    }
    // Decoding is a function of the hash: the same hash gives the same result.
    expect(decodeParams(hash)).toStrictEqual(r);
  };

  it('sample base hash is valid', () => {
    expect(decodeParams(base).ignored).toEqual([]);
  });

  it('random bytes', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 400; i++) {
      const len = randInt(rng, 0, 300);
      let s = '';
      for (let k = 0; k < len; k++) s += rng() < 0.3 ? pick(rng, ['&', '=', ',', '%', '.', 'l', 'v', 'm', 'n', 's', 'f']) : String.fromCharCode(randInt(rng, 0, rng() < 0.9 ? 255 : 0xffff));
      check(s, `random bytes ${i}`);
    }
    expectPrototypesClean();
  });

  it('every truncation of a valid hash', () => {
    for (let k = 0; k <= base.length; k++) check(base.slice(0, k), `truncated at ${k}`);
  });

  it('seeded mutations of a valid hash (replace, insert, delete, swap values, huge numbers, nested encodings)', () => {
    const rng = mulberry32(1234);
    for (let i = 0; i < 1500; i++) {
      let s = base;
      const edits = randInt(rng, 1, 4);
      for (let e = 0; e < edits; e++) {
        const at = randInt(rng, 0, s.length);
        const r = rng();
        if (r < 0.3) s = s.slice(0, at) + pick(rng, TOKENS) + s.slice(at);
        else if (r < 0.5) s = s.slice(0, at) + s.slice(Math.min(s.length, at + randInt(rng, 1, 8)));
        else if (r < 0.65) s = s.slice(0, at) + String.fromCharCode(randInt(rng, 0, 127)) + s.slice(at + 1);
        else if (r < 0.8) {
          const parts = s.split('&');
          const a = randInt(rng, 0, parts.length - 1);
          const b = randInt(rng, 0, parts.length - 1);
          const [ka, va = ''] = parts[a]!.split('=');
          const [, vb = ''] = parts[b]!.split('=');
          parts[a] = `${ka}=${vb}`;
          parts[b] = parts[b]!.split('=')[0] + '=' + va;
          s = parts.join('&');
        } else if (r < 0.9) {
          s = s.replace(/=([^&]*)/, (_m, v: string) => `=${encodeURIComponent(v)}`);
        } else {
          const key = pick(rng, PARAM_FIELDS).key;
          s += `&${key}=${pick(rng, TOKENS)}`;
        }
      }
      check(s, `mutation ${i}`);
    }
    expectPrototypesClean();
  });

  it('prototype keys pollute nothing and are reported as unknown', () => {
    const hash = '__proto__=1&constructor=2&prototype=3&__proto__[polluted]=1&__proto__.polluted=1&gd.__proto__=1&constructor.lr=2'
      + '&toString=4&hasOwnProperty=5&valueOf=6&%5F%5Fproto%5F%5F=7&gd.constructor=8&hyper.__proto__.polluted=1';
    const r = decodeParams(hash);
    expect(r.params).toStrictEqual(defaultParams());
    expect(r.ignored).toHaveLength(13);
    expect(r.ignored.every((i) => i.reason === 'unknown key')).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(r.params, '__proto__')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(r.params.hyper.gd, '__proto__')).toBe(false);
    expectPrototypesClean();
    const m = decodeParams('m=__proto__,constructor,gd&l=constructor&cm=__proto__');
    expect(m.params.methods).toEqual(['gd']);
    expect(m.params.landscape).toBe(defaultParams().landscape);
    expect(m.params.colormap).toBe(defaultParams().colormap);
    expectPrototypesClean();
  });

  it('huge, tiny and non-finite numbers in every numeric field', () => {
    for (const f of PARAM_FIELDS) {
      for (const t of ['1e308', '-1e308', '1e999', '5e-324', 'NaN', 'Infinity', '-0', '1e-400', '9'.repeat(400), '1'.repeat(65)]) {
        check(`${f.key}=${t}`, `${f.key}=${t}`);
        check(`${f.key}=${t},${t},${t},${t}`, `${f.key}=4×${t}`);
      }
    }
  });

  it('non-string input gives the defaults', () => {
    const r = decodeParams(undefined as unknown as string);
    expect(r.params).toStrictEqual(defaultParams());
    expect(r.ignored).toHaveLength(1);
  });
});

describe('PARAM_FIELDS: one table that can drive the controls', () => {
  it('has unique keys, labels and a control for each field', () => {
    const keys = PARAM_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of PARAM_FIELDS) {
      expect(f.label.length).toBeGreaterThan(0);
      const c = f.control;
      if (c.kind === 'number') expect(c.min).toBeLessThan(c.max);
      if (c.kind === 'choice' || c.kind === 'toggles' || c.kind === 'ordered-subset') expect(c.options.length).toBeGreaterThan(1);
      // The default of each field passes its own check.
      expect(f.check(f.get(defaultParams())), f.key).toBeNull();
    }
  });

  it('declares one hyper field per method hyper-parameter, with the method spec range', () => {
    for (const m of METHODS) {
      for (const h of m.hyper) {
        const f = hyperField(m.id as MethodId, h.key)!;
        expect(f, `${m.id}.${h.key}`).toBeDefined();
        expect(f.control).toEqual({ kind: 'number', min: h.min, max: h.max, integer: false, log: h.log });
        expect(f.hyper).toEqual({ method: m.id, key: h.key });
      }
    }
    expect(PARAM_FIELDS.filter((f) => f.group === 'hyper')).toHaveLength(METHODS.reduce((s, m) => s + m.hyper.length, 0));
  });

  it('set returns a new object and leaves the input untouched', () => {
    const p = defaultParams();
    const snapshot = structuredClone(p);
    for (const f of PARAM_FIELDS) {
      const q = f.set(p, f.get(p));
      expect(q).not.toBe(p);
      expect(q).toStrictEqual(p);
    }
    expect(p).toStrictEqual(snapshot);
    const q = hyperField('adam', 'beta1')!.set(p, 0.5);
    expect(q.hyper.adam.beta1).toBe(0.5);
    expect(p.hyper.adam.beta1).toBe(0.9);
  });
});

/**
 * Gaussian smoothing of 2D piecewise formulas (src/es/smoothingPiecewise.ts, method 'piecewise', what 'auto' picks for
 * them): values and gradients against closed forms or independent computations, grids against point queries, and the
 * surface runner's choice of path.
 *
 * Error measure: |v − v_exact| ≤ 1e-4·|v_exact| + 1e-10 for values and ‖∇ − ∇_exact‖ ≤ 1e-3·‖∇_exact‖ + 1e-10 for
 * gradients (relative, with an absolute floor far below any scale of these functions so that exact zeros, as
 * ∂_y of (sign(x) + 1)/2, can be tested). The test points sit within a few σ of the kinks and jumps at every σ (a base
 * point plus σ times fixed offsets), where smoothing is not trivial, plus fixed points for floor.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { gridX, gridY, type GridSpec } from '../../src/landscapes/grid';
import { landscape1dById, landscape1dTarget } from '../../src/es/landscapes1d';
import { GK_POINTS, WG, WK, XK } from '../../src/es/gaussKronrod';
import { SMOOTHING_METHODS, resolveMethod, smooth } from '../../src/es/smoothing';
import { BranchEvaluator } from '../../src/es/smoothingBranches';
import { smoothGrid2D } from '../../src/es/smoothingGrid';
import { normalCdf as Phi, normalPdf as phi } from '../../src/es/smoothingNormal';
import { GRID_SHARED_MAX, piecewiseIsSeparable, sharedRowsCost } from '../../src/es/smoothingPiecewise';
import { describeSplit, splitSeparable } from '../../src/es/smoothingSeparable';
import { targetFromTape } from '../../src/es/smoothingTarget';
import { hasClosedForm, smoothedGridJs } from '../../src/runners/smoothedGrid';
import { rngFromSeed, rngNormal } from '../../src/math/rng';

const target2 = (formula: string) => targetFromTape(compileFormula(formula, ['x', 'y']));
const SQRT2 = Math.SQRT2;

interface Exact { v: number; g: [number, number] }

/** E|z + σε| and its derivative 2Φ(z/σ) − 1. */
const absS = (z: number, s: number) => ({ v: s * Math.sqrt(2 / Math.PI) * Math.exp(-(z * z) / (2 * s * s)) + z * (2 * Phi(z / s) - 1), d: 2 * Phi(z / s) - 1 });
/** E⌊z + σε⌋ = L + Σ_{k>L} P(z + σε ≥ k) and its derivative Σ φ((z − k)/σ)/σ (L = ⌊z − 12σ⌋). */
const floorS = (z: number, s: number) => {
  const L = Math.floor(z - 12 * s);
  let v = L, d = 0;
  for (let k = L + 1; k <= Math.ceil(z + 12 * s); k++) { v += Phi((z - k) / s); d += phi((z - k) / s) / s; }
  return { v, d };
};
/** E[max(X, k)] for X ~ N(x, σ²) (Clark 1961): k + (x − k)Φ(z) + σφ(z), z = (x − k)/σ; d/dx = Φ(z). */
const maxConst = (x: number, k: number, s: number) => { const z = (x - k) / s; return { v: k + (x - k) * Phi(z) + s * phi(z), d: Phi(z) }; };

/** Closed forms of f_σ and ∇f_σ. */
const EXACT: Readonly<Record<string, (x: number, y: number, s: number) => Exact>> = {
  '(sign(x)+1)/2': (x, _y, s) => ({ v: Phi(x / s), g: [phi(x / s) / s, 0] }),
  'floor(x) + floor(y)': (x, y, s) => { const a = floorS(x, s), b = floorS(y, s); return { v: a.v + b.v, g: [a.d, b.d] }; },
  'sign(x)*sign(y)': (x, y, s) => {
    const a = 2 * Phi(x / s) - 1, b = 2 * Phi(y / s) - 1;
    return { v: a * b, g: [((2 * phi(x / s)) / s) * b, a * ((2 * phi(y / s)) / s)] };
  },
  'abs(x) + abs(y)': (x, y, s) => { const a = absS(x, s), b = absS(y, s); return { v: a.v + b.v, g: [a.d, b.d] }; },
  // Non-separable on the tape.
  'sign(x + y)': (x, y, s) => { const z = (x + y) / (s * SQRT2); const d = (2 * phi(z)) / (s * SQRT2); return { v: 2 * Phi(z) - 1, g: [d, d] }; },
  // Clark: x − y has sd σ√2; E[max] = y + (x − y)Φ(d) + σ√2 φ(d), d = (x − y)/(σ√2); ∇ = (Φ(d), 1 − Φ(d)).
  'max(x, y)': (x, y, s) => { const d = (x - y) / (s * SQRT2); return { v: y + (x - y) * Phi(d) + s * SQRT2 * phi(d), g: [Phi(d), 1 - Phi(d)] }; },
  // |xy| = |x||y| and ε₁, ε₂ are independent, though the tape does not factor: E|X|·E|Y|.
  'abs(x*y)': (x, y, s) => { const a = absS(x, s), b = absS(y, s); return { v: a.v * b.v, g: [a.d * b.v, a.v * b.d] }; },
  // Jumps along the rows: Σ_k P(⌊Y⌋ = k)·E[max(X, k)], P_k = Φ((k + 1 − y)/σ) − Φ((k − y)/σ).
  'max(x, floor(y))': (x, y, s) => {
    let v = 0, gx = 0, gy = 0;
    for (let k = Math.floor(y - 12 * s); k <= Math.ceil(y + 12 * s); k++) {
      const P = Phi((k + 1 - y) / s) - Phi((k - y) / s);
      const dP = (phi((k - y) / s) - phi((k + 1 - y) / s)) / s;
      const m = maxConst(x, k, s);
      v += P * m.v; gx += P * m.d; gy += dP * m.v;
    }
    return { v, g: [gx, gy] };
  },
};

const SIGMAS = [0.05, 0.2, 0.7, 2];
const OFFSETS = [[0.6, 0.2], [-1.1, 0.7], [0.35, -1.4]];
const BASE = [0.13, -0.07];
const pointsFor = (s: number) => [...OFFSETS.map(([a, b]) => [BASE[0]! + s * a!, BASE[1]! + s * b!]), [0.97, 1.02]];

function worstErrors(formula: string, method: 'auto' | 'quadrature') {
  const t = target2(formula);
  let value = 0, gradient = 0;
  for (const s of SIGMAS) {
    for (const p of pointsFor(s)) {
      const e = EXACT[formula]!(p[0]!, p[1]!, s);
      const r = smooth(t, p, s, { method });
      value = Math.max(value, Math.abs(r.value - e.v) / (Math.abs(e.v) + 1e-6));
      gradient = Math.max(gradient, Math.hypot(r.gradient[0]! - e.g[0], r.gradient[1]! - e.g[1]) / (Math.hypot(...e.g) + 1e-7));
      if (method === 'auto') {
        expect(r.method).toBe('piecewise');
        expect(Math.abs(r.value - e.v), `${formula} σ=${s} at ${p}: value`).toBeLessThanOrEqual(1e-4 * Math.abs(e.v) + 1e-10);
        expect(Math.hypot(r.gradient[0]! - e.g[0], r.gradient[1]! - e.g[1]), `${formula} σ=${s} at ${p}: gradient`)
          .toBeLessThanOrEqual(1e-3 * Math.hypot(...e.g) + 1e-10);
      }
    }
  }
  return { value, gradient };
}

describe('the Gauss–Kronrod rule', () => {
  it('K15 integrates x^k on [−1, 1] exactly up to k = 23 and G7 up to k = 13, not beyond', () => {
    const moment = (w: Float64Array, k: number) => XK.reduce((s, x, q) => s + w[q]! * x ** k, 0);
    const exact = (k: number) => (k % 2 ? 0 : 2 / (k + 1));
    expect(GK_POINTS).toBe(15);
    for (let k = 0; k <= 23; k++) expect(Math.abs(moment(WK, k) - exact(k))).toBeLessThan(1e-15);
    for (let k = 0; k <= 13; k++) expect(Math.abs(moment(WG, k) - exact(k))).toBeLessThan(1e-15);
    expect(Math.abs(moment(WK, 24) - exact(24))).toBeGreaterThan(1e-10);
    expect(Math.abs(moment(WG, 14) - exact(14))).toBeGreaterThan(1e-5);
    for (let q = 1; q < GK_POINTS; q++) expect(XK[q]).toBeGreaterThan(XK[q - 1]!);
  });
});

describe('branch signatures', () => {
  it('BranchEvaluator gives JetEvaluator.value exactly, and its signature changes exactly across kinks and jumps', () => {
    const rng = rngFromSeed(7);
    for (const f of ['min(x^2, y) + max(sin(x), cos(y))', 'floor(3*x*y) - round(y)/ceil(x + 7)', 'abs(x - y)^1.5 + sign(x) * exp(-y)', 'sinc(x) * log(y + 9) + tanh(x)']) {
      const tape = compileFormula(f, ['x', 'y']);
      const jet = new JetEvaluator(tape);
      const br = new BranchEvaluator(tape);
      for (let i = 0; i < 200; i++) {
        const p = [4 * rngNormal(rng), 4 * rngNormal(rng)];
        const a = br.value(p), b = jet.value(p);
        expect(Object.is(a, b) || a === b, `${f} at ${p}: ${a} vs ${b}`).toBe(true);
      }
    }
    const ev = new BranchEvaluator(compileFormula('max(x, y) + floor(2*y)', ['x', 'y']));
    const sig = (x: number, y: number) => { ev.value([x, y]); return ev.sig; };
    expect(sig(0.1, 0.2)).toBe(sig(0.15, 0.3)); // y > x, ⌊2y⌋ = 0 on both
    expect(sig(0.1, 0.2)).not.toBe(sig(0.25, 0.2)); // across y = x
    expect(sig(0.1, 0.45)).toBe(sig(0.1, 0.2));
    expect(sig(0.1, 0.55)).not.toBe(sig(0.1, 0.45)); // across 2y = 1
    const nan = new BranchEvaluator(compileFormula('sqrt(x) + y', ['x', 'y']));
    nan.value([1, 0]);
    const finite = nan.sig;
    nan.value([-1, 0]);
    expect(nan.sig).not.toBe(finite);
    expect(nan.piecewise).toBe(false);
  });
});

describe('separable split from the tape', () => {
  const cases: [string, string][] = [
    ['(sign(x)+1)/2', 'g(x)'],
    ['floor(x) + floor(y)', 'g(x) + h(y)'],
    ['2*abs(x)/3 - abs(y) + 1', 'c + g(x) + h(y)'],
    ['sign(x)*sign(y)', 'p(x)·q(y)'],
    ['-x*sign(y)/(1 + y^2)', 'p(x)·q(y)'],
    ['sign(x + y)', 'r(x, y)'],
    ['abs(x) + max(x, y) - 3*floor(y)', 'g(x) + h(y) + r(x, y)'],
  ];
  it('finds g(x) + h(y) + Σ p(x)q(y) + r(x, y), and the parts add up to f', () => {
    const rng = rngFromSeed(3);
    for (const [formula, shape] of cases) {
      const tape = compileFormula(formula, ['x', 'y']);
      const split = splitSeparable(tape);
      expect(describeSplit(split), formula).toBe(shape);
      const full = new JetEvaluator(tape);
      const part = (t: typeof tape | null, v: number[]) => (t ? new JetEvaluator(t).value(v) : 0);
      for (let i = 0; i < 50; i++) {
        const x = 3 * rngNormal(rng), y = 3 * rngNormal(rng);
        let sum = split.constant + part(split.x, [x]) + part(split.y, [y]) + part(split.rest, [x, y]);
        for (const pr of split.products) sum += pr.coef * part(pr.x, [x]) * part(pr.y, [y]);
        expect(Math.abs(sum - full.value([x, y])), `${formula} at ${x}, ${y}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(sum)));
      }
    }
    expect(splitSeparable(compileFormula('sign(x + y)', ['x', 'y'])).rest).not.toBeNull();
  });
});

describe('piecewise smoothing against closed forms (auto)', () => {
  for (const formula of Object.keys(EXACT)) {
    it(`${formula}: value ≤ 1e-4 and gradient ≤ 1e-3 relative at σ = 0.05 … 2, where 20 × 20 Gauss–Hermite is off by > 1e-3`, () => {
      const auto = worstErrors(formula, 'auto');
      const gh = worstErrors(formula, 'quadrature');
      console.info(`${formula}: piecewise worst rel. value ${auto.value.toExponential(1)}, gradient ${auto.gradient.toExponential(1)}; `
        + `Gauss–Hermite 20×20: ${gh.value.toExponential(1)}, ${gh.gradient.toExponential(1)}`);
      expect(gh.value).toBeGreaterThan(1e-3);
    });
  }

  it('min(x², y) (non-separable, a kink tangent to the rows at the origin) against an independent 1D reference', () => {
    // E[min(X², Y)] = E_X[m(X²)], m(c) = E[min(c, Y)] = y − (y − c)Φ((y − c)/σ) − σφ((y − c)/σ), smooth in c, so
    // f_σ = ∫ m((x + σt)²) φ(t) dt, ∂_x f_σ = ∫ Φ((y − c)/σ)·2(x + σt) φ(t) dt, ∂_y f_σ = ∫ Φ((c − y)/σ) φ(t) dt by
    // composite Simpson on t ∈ [−10, 10] with 4000 intervals (smooth integrands: error ~1e-12).
    const reference = (x: number, y: number, s: number): Exact => {
      const n = 4000, a = -10, h = 20 / n;
      let v = 0, gx = 0, gy = 0;
      for (let i = 0; i <= n; i++) {
        const t = a + i * h;
        const w = (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * (h / 3) * phi(t);
        const c = (x + s * t) ** 2;
        const d = (y - c) / s;
        v += w * (y - (y - c) * Phi(d) - s * phi(d));
        gx += w * Phi(d) * 2 * (x + s * t);
        gy += w * Phi(-d);
      }
      return { v, g: [gx, gy] };
    };
    // The reference itself against Monte Carlo (2e5 pairs, within 5 standard errors).
    const rng = rngFromSeed(11);
    const [mx, my, ms] = [0.3, 0.2, 0.4];
    let sum = 0, sum2 = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) { const f = Math.min((mx + ms * rngNormal(rng)) ** 2, my + ms * rngNormal(rng)); sum += f; sum2 += f * f; }
    const mean = sum / N, se = Math.sqrt((sum2 / N - mean * mean) / N);
    expect(Math.abs(reference(mx, my, ms).v - mean)).toBeLessThan(5 * se);
    const t = target2('min(x^2, y)');
    let worstV = 0, worstG = 0;
    for (const s of SIGMAS) {
      for (const p of [...pointsFor(s), [0, 0], [0.8, 0.64], [-1.3, 0.4]]) {
        const e = reference(p[0]!, p[1]!, s);
        const r = smooth(t, p, s);
        expect(r.method).toBe('piecewise');
        const ev = Math.abs(r.value - e.v), eg = Math.hypot(r.gradient[0]! - e.g[0], r.gradient[1]! - e.g[1]);
        worstV = Math.max(worstV, ev / Math.abs(e.v));
        worstG = Math.max(worstG, eg / Math.hypot(...e.g));
        expect(ev, `σ=${s} at ${p}`).toBeLessThanOrEqual(1e-4 * Math.abs(e.v) + 1e-10);
        expect(eg, `σ=${s} at ${p}`).toBeLessThanOrEqual(1e-3 * Math.hypot(...e.g) + 1e-10);
      }
    }
    console.info(`min(x^2, y): piecewise worst rel. value ${worstV.toExponential(1)}, gradient ${worstG.toExponential(1)}`);
  });

  it('says what ran: method, detail, Stein gradient; separable formulas need no 2D integral', () => {
    const r = smooth(target2('sign(x)*sign(y)'), [0.3, 0.1], 0.2);
    expect(r.gradientMethod).toBe('stein');
    expect(r.detail).toContain('separable, f = p(x)·q(y)');
    expect(smooth(target2('max(x, y)'), [0, 0], 1).detail).toContain('non-separable');
    expect(piecewiseIsSeparable(target2('floor(x) + abs(y)'))).toBe(true);
    expect(piecewiseIsSeparable(target2('abs(x*y)'))).toBe(false);
    expect(SMOOTHING_METHODS).toContain('piecewise');
  });

  it('non-finite values are left out and the mass renormalized, as Monte Carlo does', () => {
    const t = target2('max(x, y) * sqrt(x)');
    const r = smooth(t, [0.1, 0], 0.2);
    expect(r.skipped).toBeGreaterThan(0);
    const mc = smooth(t, [0.1, 0], 0.2, { method: 'mc', samples: 400_000, seed: 5 });
    expect(Math.abs(r.value - mc.value)).toBeLessThan(5 * mc.stderr!.value);
  });

  it('very dense breaklines: the work cap is reported and the value stays within Monte Carlo error', () => {
    const t = target2('floor(x^2 + y^2)');
    const t0 = performance.now();
    const r = smooth(t, [0.31, -0.17], 2);
    console.info(`floor(x^2 + y^2), σ = 2: ${(performance.now() - t0).toFixed(0)} ms, ${r.detail}`);
    expect(r.detail).toContain('work cap');
    const mc = smooth(t, [0.31, -0.17], 2, { method: 'mc', samples: 200_000, seed: 9 });
    expect(Math.abs(r.value - mc.value)).toBeLessThan(5 * mc.stderr!.value);
  });
});

describe('what stays as it was', () => {
  it('smooth formulas keep Gauss–Hermite (same numbers), closed forms stay exact, 1D piecewise keeps the convolution', () => {
    const t = target2('sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)');
    const a = smooth(t, [0.4, -0.3], 0.5);
    expect(a.method).toBe('quadrature');
    expect(a).toEqual(smooth(t, [0.4, -0.3], 0.5, { method: 'quadrature' }));
    const spec: GridSpec = { domain: { x0: -2, x1: 2, y0: -2, y1: 2 }, nx: 9, ny: 7 };
    expect(smoothGrid2D(t, spec, 0.5)).toEqual(smoothGrid2D(t, spec, 0.5, { method: 'quadrature' }));
    expect(resolveMethod(target2('abs(x) + y'), 'auto')).toBe('piecewise');
    expect(resolveMethod(targetFromTape(compileFormula('abs(x)', ['x'])), 'auto')).toBe('convolution');
  });

  it('explicit piecewise in 1D matches the 1D closed forms (piecewise polynomials) to 1e-10', () => {
    for (const id of ['plateau', 'narrow-wide']) {
      const t = landscape1dTarget(landscape1dById(id)!);
      for (const s of [0.05, 0.35, 1.5]) {
        for (const x of [-2.2, -0.4, 0.93, 2.3]) {
          const e = smooth(t, [x], s, { method: 'exact' });
          const r = smooth(t, [x], s, { method: 'piecewise' });
          expect(Math.abs(r.value - e.value), `${id} σ=${s} x=${x}`).toBeLessThan(1e-10 * Math.max(1, Math.abs(e.value)));
          expect(Math.abs(r.gradient[0]! - e.gradient[0]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(e.gradient[0]!)));
        }
      }
    }
  });
});

/** Float32 grid output against a Float64 value. */
const near = (a: number, b: number) => Math.abs(a - b) <= 2e-6 * Math.max(1, Math.abs(b));

describe('grids', () => {
  it('non-separable (shared rows): every node equals smooth() at that node', () => {
    const t = target2('min(x^2, y) + abs(x - y)');
    const spec: GridSpec = { domain: { x0: -2, x1: 2, y0: -1.5, y1: 2.5 }, nx: 33, ny: 29 };
    const g = smoothGrid2D(t, spec, 0.3);
    for (let j = 0; j < spec.ny; j += 4) {
      for (let i = 0; i < spec.nx; i += 4) expect(near(g[j * spec.nx + i]!, smooth(t, [gridX(spec, i), gridY(spec, j)], 0.3).value), `node ${i}, ${j}`).toBe(true);
    }
  });

  it('separable: the closed form at every node', () => {
    const t = target2('floor(x) + abs(y)');
    const spec: GridSpec = { domain: { x0: -3, x1: 3, y0: -2, y1: 2 }, nx: 61, ny: 41 };
    const g = smoothGrid2D(t, spec, 0.15);
    for (let j = 0; j < spec.ny; j++) {
      for (let i = 0; i < spec.nx; i++) {
        const e = floorS(gridX(spec, i), 0.15).v + absS(gridY(spec, j), 0.15).v;
        expect(near(g[j * spec.nx + i]!, e)).toBe(true);
      }
    }
  });

  it('σ small against the grid (hybrid: Gauss–Hermite where one branch covers the window, else nested): the closed form at every node', () => {
    const spec: GridSpec = { domain: { x0: -5, x1: 5, y0: -5, y1: 5 }, nx: 24, ny: 24 };
    const sigma = 0.01;
    const xs = Array.from({ length: spec.nx }, (_, i) => gridX(spec, i));
    const ys = Array.from({ length: spec.ny }, (_, j) => gridY(spec, j));
    expect(sharedRowsCost(xs, ys, sigma)).toBeGreaterThan(GRID_SHARED_MAX);
    const g = smoothGrid2D(target2('sign(x + y + 0.004)'), spec, sigma);
    for (let j = 0; j < spec.ny; j++) {
      for (let i = 0; i < spec.nx; i++) {
        const z = (xs[i]! + ys[j]! + 0.004) / (sigma * SQRT2);
        expect(near(g[j * spec.nx + i]!, 2 * Phi(z) - 1), `node ${i}, ${j}`).toBe(true);
      }
    }
  });
});

describe('the surface runner', () => {
  const settings = (method: 'auto' | 'quadrature' | 'mc') => ({ on: true, sigma: 0.4, method, samples: 256, optimize: false });
  it('keeps piecewise formulas on the accurate JavaScript path, at full resolution when they separate', () => {
    const sep = compileFormula('floor(x) + abs(y)');
    const non = compileFormula('max(x, y)');
    const smoothF = compileFormula('sin(x) * y');
    expect(hasClosedForm(sep, 'floor(x) + abs(y)', settings('auto'))).toBe(true);
    expect(hasClosedForm(non, 'max(x, y)', settings('auto'))).toBe(true);
    expect(hasClosedForm(non, 'max(x, y)', settings('quadrature'))).toBe(false);
    expect(hasClosedForm(smoothF, 'sin(x) * y', settings('auto'))).toBe(false);
    expect(hasClosedForm(compileFormula('x^2'), 'rastrigin', settings('auto'))).toBe(true);
    const spec: GridSpec = { domain: { x0: -2, x1: 2, y0: -2, y1: 2 }, nx: 128, ny: 128 };
    const a = smoothedGridJs(sep, 'floor(x) + abs(y)', spec, settings('auto'), 1);
    expect([a.spec.nx, a.spec.ny]).toEqual([128, 128]);
    const k = 37 * 128 + 90;
    expect(near(a.f[k]!, floorS(gridX(spec, 90), 0.4).v + absS(gridY(spec, 37), 0.4).v)).toBe(true);
    const b = smoothedGridJs(non, 'max(x, y)', spec, settings('auto'), 1);
    expect([b.spec.nx, b.spec.ny]).toEqual([96, 96]);
    const e = EXACT['max(x, y)']!(gridX(b.spec, 10), gridY(b.spec, 70), 0.4).v;
    expect(near(b.f[70 * 96 + 10]!, e)).toBe(true);
  });
});

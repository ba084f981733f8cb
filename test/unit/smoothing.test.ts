import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { gaussHermite } from '../../src/es/gaussHermite';
import { landscape2dTarget, smooth } from '../../src/es/smoothing';
import { findJumps, smoothConvolution, StepSmoother } from '../../src/es/smoothingConvolution';
import { smoothStepFunction } from '../../src/es/smoothingExact';
import { boundMap1D, linspace, smoothCurve1D, smoothGrid2D } from '../../src/es/smoothingGrid';
import { createMcSampleSet } from '../../src/es/smoothingMonteCarlo';
import { erfc, normalCdf } from '../../src/es/smoothingNormal';
import { targetFromTape } from '../../src/es/smoothingTarget';
import { rngFromSeed } from '../../src/math/rng';

const doubleFactorial = (k: number): number => (k <= 0 ? 1 : k * doubleFactorial(k - 2));
const target1 = (formula: string) => targetFromTape(compileFormula(formula, ['x']));
const target2 = (formula: string) => targetFromTape(compileFormula(formula, ['x', 'y']));

describe('normal law', () => {
  it('erfc and Φ match reference values to ~1e-15 relative, on both sides of the series/continued-fraction switch', () => {
    const ref: [number, number][] = [[0.5, 0.4795001221869535], [2.5, 4.06952017444959e-4], [5, 1.5374597944280349e-12], [1, 0.15729920705028513]];
    for (const [x, v] of ref) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(3e-15);
    expect(Math.abs(erfc(2.5 - 1e-12) / erfc(2.5 + 1e-12) - 1)).toBeLessThan(2e-11);
    for (const [x, v] of [[2, 4.677734981047266e-3], [2.4, 6.885138966450786e-4]] as const) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(2e-11);
    expect(Math.abs(normalCdf(-1) / 0.15865525393145707 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(normalCdf(-8) / 6.220960574271785e-16 - 1)).toBeLessThan(1e-13);
  });
});

describe('Gauss–Hermite (probabilists\', normalized)', () => {
  it('is exact for E[ε^k] up to k = 2n − 1, not at k = 2n; weights sum to 1; symmetric', () => {
    for (let n = 1; n <= 16; n++) {
      const { nodes, weights } = gaussHermite(n);
      expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
      for (let k = 0; k < n; k++) {
        expect(nodes[k]).toBeCloseTo(-nodes[n - 1 - k]!, 13);
        expect(weights[k]).toBe(weights[n - 1 - k]);
        expect(weights[k]).toBeGreaterThan(0);
      }
      for (let k = 0; k <= 2 * n - 1; k++) {
        const m = nodes.reduce((s, x, i) => s + weights[i]! * x ** k, 0);
        const exact = k % 2 ? 0 : doubleFactorial(k - 1);
        expect(Math.abs(m - exact)).toBeLessThan(1e-12 * Math.max(1, doubleFactorial(k - 1 + (k % 2))));
      }
      const m2n = nodes.reduce((s, x, i) => s + weights[i]! * x ** (2 * n), 0);
      expect(Math.abs(m2n - doubleFactorial(2 * n - 1))).toBeGreaterThan(0.5);
    }
  });

  it('matches the tabulated 5-point rule and stays positive at n = 200', () => {
    const r = gaussHermite(5);
    expect(r.nodes[4]).toBeCloseTo(2.856970013872805, 14);
    expect(r.nodes[3]).toBeCloseTo(1.355626179974266, 14);
    expect(r.weights[4]).toBeCloseTo(0.01125741132772071, 15);
    expect(r.weights[2]).toBeCloseTo(8 / 15, 15);
    const big = gaussHermite(200);
    expect(big.weights.every((w) => w > 0)).toBe(true);
    expect(big.nodes.reduce((s, x, i) => s + big.weights[i]! * x ** 4, 0)).toBeCloseTo(3, 10);
  });
});

describe('quadrature against closed forms', () => {
  const rastrigin = landscape2dTarget(landscapeById('rastrigin')!);
  it('Rastrigin 20×20 equals the closed form cos(2πx)e^{−2π²σ²} + σ² to 1e-8 relative for σ ≤ 0.5 (60×60 at σ = 1)', () => {
    for (const [sigma, nodes] of [[0.05, 20], [0.1, 20], [0.25, 20], [0.5, 20], [1, 60]] as const) {
      for (const p of [[0.3, -1.1], [2.2, 0.45], [-3.7, 4.1]]) {
        const ex = smooth(rastrigin, p, sigma, { method: 'exact' });
        const q = smooth(rastrigin, p, sigma, { method: 'quadrature', nodes });
        expect(Math.abs(q.value - ex.value) / Math.abs(ex.value)).toBeLessThan(1e-8);
        const scale = Math.hypot(...ex.gradient);
        for (let i = 0; i < 2; i++) expect(Math.abs(q.gradient[i]! - ex.gradient[i]!) / scale).toBeLessThan(1e-8);
      }
    }
  });

  it('quadratic: exact for any σ, pathwise and Stein gradients agree (f_σ = f + σ²·½ tr A)', () => {
    const t = target2('x^2 + 3*y^2 + x*y - x');
    const q = smooth(t, [0.5, -0.3], 0.7, { method: 'quadrature', nodes: 4 });
    const s = smooth(t, [0.5, -0.3], 0.7, { method: 'quadrature', nodes: 4, gradient: 'stein' });
    const f = 0.25 + 0.27 - 0.15 - 0.5;
    expect(q.value).toBeCloseTo(f + 0.49 * 4, 13);
    expect(q.gradient[0]).toBeCloseTo(2 * 0.5 - 0.3 - 1, 13);
    expect(q.gradient[1]).toBeCloseTo(6 * -0.3 + 0.5, 13);
    expect(s.gradientMethod).toBe('stein');
    expect(s.gradient[0]).toBeCloseTo(q.gradient[0]!, 12);
    expect(s.gradient[1]).toBeCloseTo(q.gradient[1]!, 12);
  });
});

describe('piecewise 1D: dense convolution against exact step smoothing', () => {
  it('a step function: findJumps locates the jumps, convolution agrees with Σ Δ Φ((x − x_k)/σ)', () => {
    const t = target1('floor(x/0.7)*0.3 + 0.5*sign(x - 0.2512)');
    const f = (x: number) => Math.floor(x / 0.7) * 0.3 + 0.5 * Math.sign(x - 0.2512);
    const step = findJumps(f, -3, 3, 1e-3);
    const atJump = (a: number) => step.jumps.find((j) => Math.abs(j.at - a) < 1e-9);
    expect(atJump(0.7)?.delta).toBeCloseTo(0.3, 12);
    expect(atJump(0.2512)?.delta).toBeCloseTo(1, 12);
    expect(step.jumps).toHaveLength(10);
    let worst = 0;
    for (const sigma of [0.1, 0.3, 0.8]) {
      for (const x of [-1.3, 0, 0.27, 1.9]) {
        const win = findJumps(f, x - 12 * sigma, x + 12 * sigma, 1e-3);
        const ex = smoothStepFunction(win, x, sigma);
        const conv = smooth(t, [x], sigma, { method: 'convolution' });
        worst = Math.max(worst, Math.abs(conv.value - ex.value));
        expect(Math.abs(conv.value - ex.value)).toBeLessThan(2e-3 * 0.1 / sigma + 1e-6);
        expect(Math.abs(conv.gradient[0]! - ex.gradient[0]!)).toBeLessThan(5e-3 / sigma);
      }
    }
    expect(worst).toBeGreaterThan(0); // the two are independent computations
  });

  it('the quantized sinc: StepSmoother (exact) and the dense convolution agree to 1e-3; quadrature does not (ripples)', () => {
    const f = (x: number) => Math.floor(-5 * (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x))) / 5;
    const steps = new StepSmoother(f);
    let quadWorst = 0;
    const t = target1('floor(-sinc(x) * 5) / 5');
    for (const sigma of [0.1, 0.2, 0.35, 1]) {
      for (const x of [-3.3, -0.4, 0, 0.7, 2.5]) {
        const ex = steps.smooth(x, sigma);
        const conv = smoothConvolution(f, x, sigma);
        expect(Math.abs(conv.value - ex.value)).toBeLessThan(1e-3);
        expect(Math.abs(conv.gradient[0]! - ex.gradient[0]!)).toBeLessThan(2e-3);
        quadWorst = Math.max(quadWorst, Math.abs(smooth(t, [x], sigma, { method: 'quadrature' }).value - ex.value));
      }
    }
    expect(quadWorst).toBeGreaterThan(5e-3);
  });
});

describe('Monte Carlo with common random numbers', () => {
  it('the RMS error falls as N^(−1/2): log-log slope −0.5 ± 0.1 over N = 64…16384', () => {
    const t = landscape2dTarget(landscapeById('rastrigin')!);
    const p = [0.3, -1.1];
    const sigma = 0.4;
    const exact = smooth(t, p, sigma, { method: 'exact' }).value;
    const ns = [64, 256, 1024, 4096, 16384];
    const rms = ns.map((n) => {
      let s2 = 0;
      for (let seed = 1; seed <= 40; seed++) s2 += (smooth(t, p, sigma, { method: 'mc', samples: n, seed: 1000 * n + seed }).value - exact) ** 2;
      return Math.sqrt(s2 / 40);
    });
    const lx = ns.map(Math.log);
    const ly = rms.map(Math.log);
    const mx = lx.reduce((a, b) => a + b) / lx.length;
    const my = ly.reduce((a, b) => a + b) / ly.length;
    const slope = lx.reduce((s, x, i) => s + (x - mx) * (ly[i]! - my), 0) / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
    console.info(`MC RMS error over 40 seeds: ${ns.map((n, i) => `N=${n}: ${rms[i]!.toExponential(3)}`).join(', ')}; slope ${slope.toFixed(4)}`);
    expect(Math.abs(slope + 0.5)).toBeLessThan(0.1);
  });

  it('the Stein gradient is unbiased on a quadratic (mean over 400 seeds within 4 standard errors) and its stderr is honest', () => {
    const t = target2('x^2 + 3*y^2 + x*y - x');
    const p = [0.5, -0.3];
    const truth = [2 * 0.5 - 0.3 - 1, 6 * -0.3 + 0.5];
    const seeds = 400;
    const gs: number[][] = [];
    let reported = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = smooth(t, p, 0.7, { method: 'mc', samples: 64, seed });
      gs.push(r.gradient);
      reported += r.stderr!.gradient[0]! / seeds;
    }
    for (let i = 0; i < 2; i++) {
      const mean = gs.reduce((s, g) => s + g[i]!, 0) / seeds;
      const sd = Math.sqrt(gs.reduce((s, g) => s + (g[i]! - mean) ** 2, 0) / (seeds - 1));
      console.info(`grad[${i}]: mean ${mean.toFixed(4)} vs ${truth[i]}, se of mean ${(sd / Math.sqrt(seeds)).toFixed(4)}`);
      expect(Math.abs(mean - truth[i]!)).toBeLessThan(4 * sd / Math.sqrt(seeds));
      if (i === 0) expect(Math.abs(reported / sd - 1)).toBeLessThan(0.25);
    }
  });

  it('common random numbers: one seed gives one sample set, and non-finite samples are skipped and counted', () => {
    const t = target1('log(x)');
    const a = smooth(t, [0.5], 0.5, { method: 'mc', samples: 2000, seed: 7 });
    const b = smooth(t, [0.5], 0.5, { method: 'mc', samples: 2000, seed: 7 });
    expect(a).toEqual(b);
    expect(a.skipped).toBeGreaterThan(200);
    expect(a.skipped).toBeLessThan(400); // P(0.5 + 0.5ε ≤ 0) = Φ(−1) ≈ 0.159
    expect(Number.isFinite(a.value) && Number.isFinite(a.gradient[0]!)).toBe(true);
    const set = createMcSampleSet(1, 10, rngFromSeed(3));
    expect(smooth(t, [2], 0.1, { method: 'mc', sampleSet: set }).detail).toContain('10 common samples');
  });
});

describe('dispatcher, grids and bad input', () => {
  it('auto: closed form, else convolution for piecewise 1D, else quadrature', () => {
    expect(smooth(landscape2dTarget(landscapeById('rastrigin')!), [0, 0], 0.3).method).toBe('exact');
    expect(smooth(landscape2dTarget(landscapeById('himmelblau')!), [0, 0], 0.3).method).toBe('quadrature');
    expect(smooth(target1('abs(x)'), [0], 0.3).method).toBe('convolution');
    expect(smooth(target1('abs(x)'), [0], 0.3).value).toBeCloseTo(0.3 * Math.sqrt(2 / Math.PI), 6);
    expect(smooth(target1('x^4'), [0], 0.3).value).toBeCloseTo(3 * 0.3 ** 4, 14);
  });

  it('grid helpers agree with pointwise smooth()', () => {
    const t = landscape2dTarget(landscapeById('himmelblau')!);
    const spec = { domain: { x0: -2, x1: 2, y0: -1, y1: 3 }, nx: 5, ny: 4 };
    const g = smoothGrid2D(t, spec, 0.5);
    expect(g[1 * 5 + 3]).toBeCloseTo(smooth(t, [1, 1 / 3], 0.5).value, 3);
    const gm = smoothGrid2D(t, spec, 0.5, { method: 'mc', samples: 256, seed: 3 });
    expect(gm[7]).toBeCloseTo(smooth(t, [0, 1 / 3], 0.5, { method: 'mc', samples: 256, seed: 3 }).value, 3);
    const s = target1('-sinc(x)');
    const xs = linspace(-5, 5, 11);
    const c = smoothCurve1D(s, xs, 0.2);
    expect(c.value[5]).toBeCloseTo(smooth(s, [0], 0.2).value, 14);
    const map = boundMap1D(s, xs, [0, 0.35, 2]);
    expect(map[5]).toBe(-1);
    expect(map[11 + 5]).toBeCloseTo(smooth(s, [0], 0.35).value, 14);
  });

  it('rejects bad parameters with messages naming them', () => {
    const t = target1('x^2');
    expect(() => smooth(t, [0], 0)).toThrow(/sigma must be a finite number > 0/);
    expect(() => smooth(t, [0], -1)).toThrow(/sigma/);
    expect(() => smooth(t, [0], NaN)).toThrow(/sigma/);
    expect(() => smooth(t, [0], Infinity)).toThrow(/sigma/);
    expect(() => smooth(t, [0], 1, { method: 'mc', samples: 0 })).toThrow(/samples must be an integer from 1 to 1000000/);
    expect(() => smooth(t, [0], 1, { method: 'mc', samples: 2e6 })).toThrow(/samples/);
    expect(() => smooth(t, [0], 1, { method: 'mc', samples: 10.5 })).toThrow(/samples/);
    expect(() => smooth(t, [0], 1, { method: 'quadrature', nodes: 0 })).toThrow(/nodes/);
    expect(() => smooth(t, [0, 1], 1)).toThrow(/point must have 1 coordinate/);
    expect(() => smooth(t, [NaN], 1)).toThrow(/point must be finite/);
    expect(() => smooth(t, [0], 1, { method: 'exact' })).toThrow(/no closed form/);
    expect(() => smooth(target2('x*y'), [0, 0], 1, { method: 'convolution' })).toThrow(/1D/);
    expect(() => smooth(t, [0], 1, { method: 'convolution', convolution: { h: -1 } })).toThrow(/h must be/);
    expect(() => boundMap1D(t, [0], [-0.1])).toThrow(/sigma/);
  });
});

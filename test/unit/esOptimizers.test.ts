import { describe, expect, it } from 'vitest';
import { bestExplorer, initEnsemble, runEnsemble, stepEnsemble } from '../../src/es/ensemble';
import { expmSym, initEs, stepEs } from '../../src/es/optimizers';
import type { EsAlgo, EsParams } from '../../src/es/optimizersParams';
import { runEs } from '../../src/es/optimizersRun';
import { nesUtilities, shapeFitness } from '../../src/es/shaping';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { resolveLandscape } from '../../src/landscapes/registry';
import { rngFromSeed } from '../../src/math/rng';

const him = (p: Float64Array): number => (p[0]! ** 2 + p[1]! - 11) ** 2 + (p[0]! + p[1]! ** 2 - 7) ** 2;
const HIM_MINIMA = resolveLandscape('himmelblau').def.minima;
const himDist = (m: readonly number[]): number => Math.min(...HIM_MINIMA.map((q) => Math.hypot(m[0]! - q.x, m[1]! - q.y)));

/** f = ½ xᵀAx + b·x with A = [[3, 1], [1, 2]], b = (1, −2): ∇f = Ax + b, tr A = 5. */
const quad = (p: Float64Array): number => 0.5 * (3 * p[0]! ** 2 + 2 * p[0]! * p[1]! + 2 * p[1]! ** 2) + p[0]! - 2 * p[1]!;
const quadGrad = (x: number, y: number): [number, number] => [3 * x + y + 1, x + 2 * y - 2];

/** First-generation estimates over many seeds: mean and standard error of each component. */
function firstGen(params: EsParams, seeds: number, pick: (g: { gradMu: Float64Array; gradSigma: Float64Array }) => number[]): { mean: number[]; se: number[]; v: number[] } {
  const rows: number[][] = [];
  for (let s = 0; s < seeds; s++) {
    const st = stepEs(initEs(params, rngFromSeed(1000 + s)));
    rows.push(pick(st.last!));
  }
  const k = rows[0]!.length;
  const mean = Array.from({ length: k }, (_, j) => rows.reduce((a, r) => a + r[j]!, 0) / seeds);
  const v = mean.map((m, j) => rows.reduce((a, r) => a + (r[j]! - m) ** 2, 0) / (seeds - 1));
  return { mean, v, se: v.map((x) => Math.sqrt(x / seeds)) };
}

describe('fitness shaping', () => {
  it('centered ranks, NES utilities (best weighted most, Havtorn mirrored), z-scores', () => {
    const f = [3, 1, 2, 0];
    Array.from(shapeFitness(f, 'ranks').u).forEach((v, i) => expect(v).toBeCloseTo([0.5, -1 / 6, 1 / 6, -0.5][i]!, 14));
    const w = nesUtilities(4);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
    const nes = shapeFitness(f, 'nes').u;
    expect(nes[3]).toBeCloseTo(-w[0]!, 14); // best (f = 0) gets the most negative u: the descent step moves towards it
    expect(shapeFitness(f, 'nes-havtorn').u[0]).toBeCloseTo(w[0]!, 14); // worst gets the largest u
    const z = shapeFitness(f, 'zscore').u;
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
    expect(z.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 12);
  });
  it('skips and counts non-finite values', () => {
    const s = shapeFitness([1, NaN, Infinity, 0, -Infinity], 'ranks');
    expect(s.skipped).toBe(3);
    expect(s.count).toBe(2);
    expect(Array.from(s.used)).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(s.u)).toEqual([0.5, 0, 0, -0.5, 0]);
  });
});

describe('estimators are unbiased on a quadratic (∇U = ∇f, ∂U/∂β = σ² tr A / 2)', () => {
  const mu = [0.7, -0.4];
  const [gx, gy] = quadGrad(mu[0]!, mu[1]!);
  const base = { f: quad, start: mu, popSize: 10, shaping: 'none' as const, sigma0: 0.5, maxGenerations: 1 };
  it.each(['es', 'vo', 'vo-sep'] as EsAlgo[])('%s: mean g_μ within 4 SE of ∇f, g_β of its expectation', (algo) => {
    const r = firstGen({ ...base, algo }, 3000, (g) => [...g.gradMu, ...g.gradSigma]);
    expect(Math.abs(r.mean[0]! - gx)).toBeLessThan(4 * r.se[0]!);
    expect(Math.abs(r.mean[1]! - gy)).toBeLessThan(4 * r.se[1]!);
    if (algo === 'vo') expect(Math.abs(r.mean[2]! - (0.25 * 5) / 2)).toBeLessThan(4 * r.se[2]!);
    if (algo === 'vo-sep') { // ∂U/∂βᵢ = σ² Aᵢᵢ / 2
      expect(Math.abs(r.mean[2]! - (0.25 * 3) / 2)).toBeLessThan(4 * r.se[2]!);
      expect(Math.abs(r.mean[3]! - (0.25 * 2) / 2)).toBeLessThan(4 * r.se[3]!);
    }
  });
  it('vo-natural: g_μ = σ²∇f and g_β = (1/d)·2∂U/∂β = σ² tr A / d in expectation', () => {
    const r = firstGen({ ...base, algo: 'vo-natural' }, 3000, (g) => [...g.gradMu, ...g.gradSigma]);
    expect(Math.abs(r.mean[0]! - 0.25 * gx)).toBeLessThan(4 * r.se[0]!);
    expect(Math.abs(r.mean[1]! - 0.25 * gy)).toBeLessThan(4 * r.se[1]!);
    expect(Math.abs(r.mean[2]! - (0.25 * 5) / 2)).toBeLessThan(4 * r.se[2]!);
  });
});

describe('antithetic sampling (even/odd argument, es-vo.md §3.5)', () => {
  const varOf = (f: (p: Float64Array) => number, mu: number[], antithetic: boolean): number => {
    const r = firstGen({ algo: 'es', f, start: mu, popSize: 20, shaping: 'none', sigma0: 0.5, antithetic, maxGenerations: 1 }, 2000, (g) => [...g.gradMu]);
    return r.v[0]! + r.v[1]!;
  };
  const sphere = (p: Float64Array): number => p[0]! ** 2 + p[1]! ** 2;
  it('x² + y² around μ ≠ 0: mirrored pairs cancel the noise of f\'s even part', () => {
    // g = fε/σ splits into g_e = 2(μ·ε)ε (Σ Var = 8μ₁² + 4μ₂² + 4μ₁² + 8μ₂² = 15) and g_o = (‖μ‖² + σ²‖ε‖²)ε/σ
    // (Σ Var = 2(c² + 8cσ² + 24σ⁴)/σ² = 44.5, c = ‖μ‖²): antithetic/i.i.d. = 2·15/(15 + 44.5) = 0.504.
    const ratio = varOf(sphere, [1, 0.5], true) / varOf(sphere, [1, 0.5], false);
    expect(Math.abs(ratio - 0.504)).toBeLessThan(0.1);
  });
  it('even f around μ: g = fε is odd, antithetic variance is 0; odd f: g even, antithetic variance ≈ 2× i.i.d.', () => {
    expect(varOf(sphere, [0, 0], true)).toBeLessThan(1e-20);
    const odd = (p: Float64Array): number => p[0]! + 2 * p[1]! + p[0]! ** 3;
    const ratio = varOf(odd, [0, 0], true) / varOf(odd, [0, 0], false);
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.5);
  });
});

describe('Havtorn Himmelblau settings (es-vo.md §3.1: start 0, 60 iterations, N 200, σ₀ 1, η_μ 100, η_β 10, his NES sort order)', () => {
  const havtorn = { f: him, start: [0, 0], popSize: 200, sigma0: 1, lrMu: 100, lrSigma: 10, shaping: 'nes-havtorn' as const, maxGenerations: 60 };
  const seeds = [1, 2, 3, 4, 5];
  const lastSpread = (h: { mu: number[] }[]): number => Math.max(...h.slice(-10).map((p) => himDist(p.mu)));
  it('VO-N converges to a minimum with small σ; fixed-σ ES keeps jittering', () => {
    for (const seed of seeds) {
      const vo = runEs({ ...havtorn, algo: 'vo-natural', naturalBeta: 'havtorn' }, rngFromSeed(seed));
      const exact = runEs({ ...havtorn, algo: 'vo-natural' }, rngFromSeed(seed));
      const es = runEs({ ...havtorn, algo: 'es' }, rngFromSeed(seed));
      expect(himDist(vo.final)).toBeLessThan(0.02); // measured 7e-4 … 6e-3
      expect(vo.sigma[0]!).toBeLessThan(0.05); // ≈ 0.025
      expect(himDist(exact.final)).toBeLessThan(0.05); // measured 0.016 … 0.037
      expect(exact.sigma[0]!).toBeLessThan(0.25); // ≈ 0.17: half the β step, so σ shrinks more slowly
      expect(himDist(es.final)).toBeGreaterThan(0.2); // measured 0.43 … 0.81
      expect(lastSpread(es.history)).toBeGreaterThan(10 * lastSpread(vo.history));
    }
  });
});

describe('stops, skipped samples, determinism, validation', () => {
  const sphere = (p: Float64Array): number => p[0]! ** 2 + p[1]! ** 2;
  it('σ collapse and explosion stop with their reason and keep the last valid state', () => {
    const c = runEs({ algo: 'vo-natural', f: sphere, start: [0, 0], lrSigma: 50, maxGenerations: 1000, sigmaMin: 1e-6 }, rngFromSeed(3));
    expect(c.stop).toBe('sigma-collapse');
    expect(c.message).toMatch(/σ collapsed/);
    expect(c.sigma[0]!).toBeGreaterThanOrEqual(1e-6);
    const x = runEs({ algo: 'snes', f: (p) => -sphere(p), start: [0, 0], maxGenerations: 1000, sigmaMax: 1e3 }, rngFromSeed(3));
    expect(x.stop).toBe('sigma-explosion');
    expect(x.message).toMatch(/σ exploded/);
    expect(Math.max(...x.sigma)).toBeLessThanOrEqual(1e3);
  });
  it('a run where f is NaN for half the samples (log x) skips and counts them and still moves to the minimum', () => {
    const ev = new JetEvaluator(resolveLandscape('x - log(x) + y^2').tape);
    const r = runEs({ algo: 'vo-natural', f: (p) => ev.value(p), start: [0.2, 1], sigma0: 0.5, maxGenerations: 60 }, rngFromSeed(7));
    expect(r.skippedPerGeneration[0]!).toBeGreaterThan(40); // P(x < 0) = Φ(−0.4) ≈ 0.34 of 200
    expect(r.skipped).toBe(r.skippedPerGeneration.reduce((a, b) => a + b, 0));
    expect(r.history.every((h) => Number.isFinite(h.f))).toBe(true);
    expect(Math.hypot(r.final[0]! - 1, r.final[1]!)).toBeLessThan(0.05);
  });
  it('no finite sample stops the run', () => {
    const r = runEs({ algo: 'es', f: () => NaN, start: [0, 0] }, rngFromSeed(1));
    expect(r.stop).toBe('no-finite-samples');
    expect(r.skipped).toBe(200);
  });
  it('is deterministic for a seed', () => {
    const p: EsParams = { algo: 'xnes', f: him, start: [0, 0], maxGenerations: 50, antithetic: true };
    expect(runEs(p, rngFromSeed(9))).toEqual(runEs(p, rngFromSeed(9)));
    expect(runEs(p, rngFromSeed(10)).final).not.toEqual(runEs(p, rngFromSeed(9)).final);
  });
  it('rejects absurd parameters naming them', () => {
    const ok: EsParams = { algo: 'es', f: sphere, start: [0, 0] };
    expect(() => initEs({ ...ok, popSize: 1 }, rngFromSeed(1))).toThrow(/popSize.*\[2, 1000000\]/);
    expect(() => initEs({ ...ok, popSize: 2e6 }, rngFromSeed(1))).toThrow(/popSize/);
    expect(() => initEs({ ...ok, popSize: 7, antithetic: true }, rngFromSeed(1))).toThrow(/even/);
    expect(() => initEs({ ...ok, sigma0: 0 }, rngFromSeed(1))).toThrow(/sigma0/);
    expect(() => initEs({ ...ok, sigma0: NaN }, rngFromSeed(1))).toThrow(/sigma0/);
    expect(() => initEs({ ...ok, lrMu: -1 }, rngFromSeed(1))).toThrow(/lrMu/);
    expect(() => initEs({ ...ok, start: [0, Infinity] }, rngFromSeed(1))).toThrow(/start/);
    expect(() => initEs({ ...ok, algo: 'cma' as EsAlgo }, rngFromSeed(1))).toThrow(/algo/);
  });
});

describe('SNES and xNES', () => {
  /** A rotated ellipse: condition number 100 along x = ±y. */
  const rot = (p: Float64Array): number => (p[0]! + p[1]! - 2) ** 2 + 100 * (p[0]! - p[1]!) ** 2;
  it('expmSym: exp of a symmetric traceless matrix has det 1 and matches the series', () => {
    const e = expmSym(Float64Array.of(0.3, 0.2, 0.2, -0.3), 2);
    expect(e[0]! * e[3]! - e[1]! * e[2]!).toBeCloseTo(1, 13);
    // cosh(r)I + sinh(r)/r·S for S² = r²I, r² = 0.13
    const r = Math.sqrt(0.13);
    expect(e[0]!).toBeCloseTo(Math.cosh(r) + (Math.sinh(r) / r) * 0.3, 13);
    expect(e[1]!).toBeCloseTo((Math.sinh(r) / r) * 0.2, 13);
  });
  it('xNES learns the rotated ellipse (B aligns, f → 0) with its default settings', () => {
    for (const seed of [1, 2, 3]) {
      const r = runEs({ algo: 'xnes', f: rot, start: [3, 3], maxGenerations: 300 }, rngFromSeed(seed));
      expect(r.f).toBeLessThan(1e-10);
    }
  });
  it('SNES converges in 5D on a separable ellipsoid', () => {
    const ell = (p: Float64Array): number => p.reduce((a, v, i) => a + 10 ** i * (v - 1) ** 2, 0);
    const r = runEs({ algo: 'snes', f: ell, start: [3, 3, 3, 3, 3], maxGenerations: 400 }, rngFromSeed(2));
    expect(r.f).toBeLessThan(1e-10);
  });
});

describe('exploration ensemble (seeds/001)', () => {
  const ev = new JetEvaluator(resolveLandscape('himmelblau').tape);
  const f = (p: Float64Array): number => ev.value(p);
  it('with p_coor = 0 and the exact gradient every explorer is gradient descent with a decaying rate', () => {
    const s = initEnsemble({ f, start: [0, 0], explorers: 2, pCoor0: 0, lr0: 0.01, stepDecay: 1 }, rngFromSeed(1));
    stepEnsemble(s);
    // ∇f(0, 0) = (−14, −22)
    expect(s.positions[0]!).toBeCloseTo(0.14, 6);
    expect(s.positions[1]!).toBeCloseTo(0.22, 6);
  });
  it('explorers fan out along ±e_i, then settle into minima; deterministic per seed', () => {
    const r = runEnsemble({ f, start: [0, 0], explorers: 4, pCoor0: 0.9, coorStep0: 0.3, stepDecay: 0.995, maxGenerations: 600 }, rngFromSeed(4));
    expect(r).toEqual(runEnsemble({ f, start: [0, 0], explorers: 4, pCoor0: 0.9, coorStep0: 0.3, stepDecay: 0.995, maxGenerations: 600 }, rngFromSeed(4)));
    expect(himDist(r.final)).toBeLessThan(0.05);
    const ends = [0, 1, 2, 3].map((k) => [r.positions[2 * k]!, r.positions[2 * k + 1]!]);
    const found = new Set(ends.map((e) => HIM_MINIMA.findIndex((q) => Math.hypot(e[0]! - q.x, e[1]! - q.y) < 0.05)));
    expect(found.size).toBeGreaterThanOrEqual(2);
    expect(found.has(-1)).toBe(false);
  });
  it('finite differences agree with the exact gradient; non-finite moves are skipped', () => {
    const s = initEnsemble({ f, start: [1, 1], explorers: 1, pCoor0: 0 }, rngFromSeed(1));
    stepEnsemble(s);
    const jet = ev.jet([1, 1]);
    expect(s.positions[0]!).toBeCloseTo(1 - 0.01 * jet[1]!, 8);
    const g = initEnsemble({ f: (p) => (p[0]! > 0.05 ? NaN : 0), start: [0, 0], explorers: 2, pCoor0: 1, coorStep0: 0.1 }, rngFromSeed(1));
    stepEnsemble(g);
    expect(g.last!.skipped).toBe(1);
    expect(bestExplorer(g)).toBe(0);
    expect(() => initEnsemble({ f, start: [0, 0], pCoor0: 2 }, rngFromSeed(1))).toThrow(/pCoor0/);
  });
});

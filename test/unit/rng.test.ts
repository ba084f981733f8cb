import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, normalFill, normalSampler, rngFromSeed, rngInt, rngNormal, seedToUint32 } from '../../src/math/rng';

/**
 * Independent reference of mulberry32 in BigInt arithmetic (exact mod 2³²), written from the published algorithm
 * rather than from src/math/rng.ts: a ← a + 0x6D2B79F5; t = (a ^ a>>15)·(a|1); t ^= t + (t ^ t>>7)·(t|61); out t ^ t>>14.
 */
function mulberry32Reference(seed: number): () => number {
  const M = 1n << 32n;
  let a = BigInt(seed) % M;
  return () => {
    a = (a + 0x6d2b79f5n) % M;
    let t = ((a ^ (a >> 15n)) * (a | 1n)) % M;
    t = t ^ ((t + (((t ^ (t >> 7n)) * (t | 61n)) % M)) % M);
    return Number(t ^ (t >> 14n)) / 2 ** 32;
  };
}

describe('mulberry32', () => {
  it('matches an independent BigInt implementation bit for bit', () => {
    for (const seed of [0, 1, 42, 123456789, 2 ** 32 - 1]) {
      const a = mulberry32(seed);
      const b = mulberry32Reference(seed);
      for (let i = 0; i < 200; i++) expect(a()).toBe(b());
    }
  });

  it('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number): number[] => Array.from({ length: 50 }, mulberry32(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(rngFromSeed(7)()).toBe(mulberry32(7)());
  });

  it('stays in [0, 1) with a plausible mean and variance', () => {
    const rng = rngFromSeed(2024);
    const n = 100_000;
    let sum = 0;
    let sum2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      if (!(u >= 0 && u < 1)) outside += 1;
      sum += u;
      sum2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    const variance = sum2 / n - mean * mean;
    // Standard error of the mean is √(1/12 / n) ≈ 9.1e-4: 5σ bounds.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(2e-3);
  });

  it('reduces integer seeds mod 2³² and rejects non-integers', () => {
    expect(seedToUint32(-1)).toBe(2 ** 32 - 1);
    expect(seedToUint32(2 ** 32 + 5)).toBe(5);
    expect(Array.from({ length: 5 }, mulberry32(-1))).toEqual(Array.from({ length: 5 }, mulberry32(2 ** 32 - 1)));
    expect(() => mulberry32(1.5)).toThrow(/integer/);
    expect(() => mulberry32(Number.NaN)).toThrow(/integer/);
  });

  it('deriveSeed: one seed per path, the same every time, each step one round of mulberry32', () => {
    const paths = [[], [0], [1], [0, 0], [0, 1], [1, 0], [-1], [0, -1], [2, 0, 1]];
    const seeds = paths.map((p) => deriveSeed(7, p));
    expect(new Set(seeds).size).toBe(paths.length);
    expect(paths.map((p) => deriveSeed(7, p))).toEqual(seeds);
    expect(deriveSeed(8, [0])).not.toBe(deriveSeed(7, [0]));
    expect(deriveSeed(7, [])).toBe(7);
    expect(deriveSeed(0, [0])).toBe(Math.floor(mulberry32Reference(0)() * 2 ** 32));
    const once = Math.floor(mulberry32Reference(7 ^ 3)() * 2 ** 32);
    expect(deriveSeed(7, [3, 5])).toBe(Math.floor(mulberry32Reference(Number((BigInt(once) ^ 5n) & 0xffffffffn))() * 2 ** 32));
    for (const s of seeds) { expect(Number.isInteger(s)).toBe(true); expect(s).toBeGreaterThanOrEqual(0); expect(s).toBeLessThan(2 ** 32); }
  });
});

describe('normal sampling (Box–Muller)', () => {
  it('has mean 0, variance 1 and the right tail mass', () => {
    const z = normalSampler(rngFromSeed(99));
    const n = 200_000;
    let s1 = 0;
    let s2 = 0;
    let tail = 0;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const v = z();
      if (!Number.isFinite(v)) bad += 1;
      s1 += v;
      s2 += v * v;
      if (Math.abs(v) > 1.959964) tail += 1;
    }
    expect(bad).toBe(0);
    const mean = s1 / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // P(|Z| > 1.96) = 0.05; binomial sd √(0.05·0.95/n).
    expect(Math.abs(tail / n - 0.05)).toBeLessThan(5 * Math.sqrt(0.05 * 0.95 / n));
  });

  it('is deterministic and uses both Box–Muller outputs', () => {
    const a = normalSampler(rngFromSeed(3));
    const b = normalSampler(rngFromSeed(3));
    for (let i = 0; i < 20; i++) expect(a()).toBe(b());
    // The pair from one transform: cos and sin parts share the radius.
    const u = rngFromSeed(5);
    const u1 = u();
    const u2 = u();
    const r = Math.sqrt(-2 * Math.log(1 - u1));
    const z = normalSampler(rngFromSeed(5));
    expect(z()).toBeCloseTo(r * Math.cos(2 * Math.PI * u2), 14);
    expect(z()).toBeCloseTo(r * Math.sin(2 * Math.PI * u2), 14);
    expect(rngNormal(rngFromSeed(5))).toBeCloseTo(r * Math.cos(2 * Math.PI * u2), 14);
  });

  it('normalFill applies mean and sd; rngInt covers its range', () => {
    const out = normalFill(rngFromSeed(11), new Float64Array(50_000), 3, 0.5);
    const mean = out.reduce((s, v) => s + v, 0) / out.length;
    expect(Math.abs(mean - 3)).toBeLessThan(5 * 0.5 / Math.sqrt(out.length));
    const rng = rngFromSeed(12);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rngInt(rng, 6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => rngInt(rng, 0)).toThrow(/positive integer/);
  });
});

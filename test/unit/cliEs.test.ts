import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { ES_OPTIONS, commandEs } from '../../src/cli/commandEs';
import { resolveLandscape } from '../../src/landscapes/registry';

interface EsJson {
  final: number[]; f: number | null; sigma: number | number[]; history: [number, number, number | null, number | number[]][];
  stop: string; message: string; skipped: number; skipped_per_generation: number[]; algo: string; seed: number;
}
const es = (o: Record<string, string>): EsJson => JSON.parse(commandEs(new Map(Object.entries({ ...o, json: 'true' })))) as EsJson;
const HIM = resolveLandscape('himmelblau').def.minima;
const dist = (m: number[]): number => Math.min(...HIM.map((q) => Math.hypot(m[0]! - q.x, m[1]! - q.y)));

describe('es command', () => {
  it('declares the contract options', () => {
    const names = ES_OPTIONS.map((o) => o.name);
    for (const n of ['landscape', 'algo', 'start', 'sigma0', 'pop', 'iters', 'lr-mu', 'lr-sigma', 'antithetic', 'shaping', 'seed', 'json']) expect(names).toContain(n);
  });
  it('vo-natural on Himmelblau prints final, f, sigma, history rows [x, y, f, σ], stop and skipped', () => {
    const r = es({ landscape: 'himmelblau', algo: 'vo-natural', start: '0,0', iters: '60', 'natural-beta': 'havtorn', shaping: 'nes-havtorn' });
    expect(r.history).toHaveLength(61);
    expect(r.history[0]).toEqual([0, 0, 170, 1]);
    expect(r.history[60]!.slice(0, 2)).toEqual(r.final);
    expect(typeof r.sigma).toBe('number');
    expect(dist(r.final)).toBeLessThan(0.02);
    expect(r.f!).toBeLessThan(1e-2);
    expect(r.stop).toBe('max-generations');
    expect(r.skipped).toBe(0);
  });
  it('separable algorithms report σ per coordinate; same seed same output; other seed differs', () => {
    const a = es({ landscape: 'himmelblau', algo: 'snes', start: '0,0', iters: '100', seed: '5', antithetic: 'true' });
    expect(Array.isArray(a.sigma) && a.sigma.length === 2).toBe(true);
    expect(Array.isArray(a.history[1]![3])).toBe(true);
    expect(es({ landscape: 'himmelblau', algo: 'snes', start: '0,0', iters: '100', seed: '5', antithetic: 'true' })).toEqual(a);
    expect(es({ landscape: 'himmelblau', algo: 'snes', start: '0,0', iters: '100', seed: '6', antithetic: 'true' }).final).not.toEqual(a.final);
  });
  it('every algorithm runs; a formula with log(x) skips and counts samples', () => {
    for (const algo of ['es', 'vo', 'vo-sep', 'vo-sep-natural', 'xnes', 'ensemble']) {
      const r = es({ landscape: 'himmelblau', algo, start: '0,0', iters: '20' });
      expect(r.history).toHaveLength(21);
      expect(r.final.every(Number.isFinite)).toBe(true);
    }
    const r = es({ landscape: 'x - log(x) + y^2', algo: 'vo-natural', start: '0.2,1', sigma0: '0.5', shaping: 'ranks' });
    expect(r.skipped).toBeGreaterThan(0);
    expect(r.skipped_per_generation).toHaveLength(60);
    expect(Math.hypot(r.final[0]! - 1, r.final[1]!)).toBeLessThan(0.1);
  });
  it('σ explosion is reported as the stop reason', () => {
    const r = es({ landscape: '-(x^2 + y^2)', algo: 'vo-natural', start: '0,0', iters: '1000', 'lr-sigma': '100' });
    expect(r.stop).toBe('sigma-explosion');
  });
  it('prints a text summary without --json', () => {
    const t = commandEs(new Map([['landscape', 'himmelblau'], ['algo', 'es'], ['start', '0,0'], ['iters', '5']]));
    expect(t).toMatch(/^es on himmelblau from \(0\.0000, 0\.0000\), seed 1: 5 generations/);
    expect(t).toMatch(/stop: max-generations/);
  });
  it.each([
    [{ algo: 'cma' }, /--algo/],
    [{ pop: '1' }, /--pop/],
    [{ pop: '2000000' }, /--pop/],
    [{ sigma0: '0' }, /--sigma0/],
    [{ sigma0: 'nan' }, /--sigma0/],
    [{ start: '1' }, /--start/],
    [{ shaping: 'rank' }, /--shaping/],
    [{ antithetic: 'true', pop: '7' }, /even/],
    [{ 'p-coor': '0.5' }, /--p-coor/],
    [{ algo: 'ensemble', shaping: 'nes' }, /--shaping/],
    [{ landscape: 'himmelblu' }, /did you mean "himmelblau"/],
  ])('bad input %o is a UsageError', (over, msg) => {
    const v = new Map(Object.entries({ landscape: 'himmelblau', algo: 'es', start: '0,0', ...over }));
    expect(() => commandEs(v)).toThrow(UsageError);
    expect(() => commandEs(v)).toThrow(msg);
  });
});

import { describe, expect, it } from 'vitest';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import type { Domain } from '../../src/landscapes/grid';
import { LANDSCAPES, resolveLandscape } from '../../src/landscapes/registry';
import { findCriticalPoints, type CriticalPoint } from '../../src/math/criticalPoints';

function find(name: string, opts: { seed?: number; domain?: Domain } = {}): CriticalPoint[] {
  const r = resolveLandscape(name);
  return findCriticalPoints(new JetEvaluator(r.tape), opts.domain ?? r.def.domain, { seed: opts.seed });
}

const countKinds = (pts: readonly CriticalPoint[]): Record<string, number> =>
  pts.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.kind]: (acc[p.kind] ?? 0) + 1 }), {});

/** Himmelblau's gradient and Hessian written out by hand, independent of the jet code. */
function himmelblauGrad(x: number, y: number): [number, number] {
  const u = x * x + y - 11;
  const v = x + y * y - 7;
  return [4 * x * u + 2 * v, 2 * u + 4 * y * v];
}

/** The nine critical points of Himmelblau (literature values, e.g. Himmelblau 1972; saddles as tabulated in later work). */
const HIMMELBLAU: readonly { x: number; y: number; kind: string }[] = [
  { x: 3, y: 2, kind: 'minimum' },
  { x: -2.805118, y: 3.131313, kind: 'minimum' },
  { x: -3.779310, y: -3.283186, kind: 'minimum' },
  { x: 3.584428, y: -1.848127, kind: 'minimum' },
  { x: -0.270845, y: -0.923039, kind: 'maximum' },
  { x: 3.385154, y: 0.073852, kind: 'saddle' },
  { x: 0.086678, y: 2.884255, kind: 'saddle' },
  { x: -3.073026, y: -0.081353, kind: 'saddle' },
  { x: -0.127961, y: -1.953715, kind: 'saddle' },
];

describe('findCriticalPoints', () => {
  it('recovers all nine critical points of Himmelblau with the right kinds', () => {
    const pts = find('himmelblau');
    expect(pts).toHaveLength(9);
    expect(countKinds(pts)).toEqual({ minimum: 4, saddle: 4, maximum: 1 });
    for (const want of HIMMELBLAU) {
      const got = pts.find((p) => Math.hypot(p.x - want.x, p.y - want.y) < 1e-5);
      expect(got, `${want.kind} at (${want.x}, ${want.y})`).toBeDefined();
      expect(got!.kind).toBe(want.kind);
      // ∇f = 0 by the hand-written gradient, and the Hessian eigenvalues agree with a central difference of it.
      expect(Math.hypot(...himmelblauGrad(got!.x, got!.y))).toBeLessThan(1e-9);
      const h = 1e-5;
      const [gxp, gyp] = himmelblauGrad(got!.x + h, got!.y);
      const [gxm, gym] = himmelblauGrad(got!.x - h, got!.y);
      const [, gyq] = himmelblauGrad(got!.x, got!.y + h);
      const [, gyr] = himmelblauGrad(got!.x, got!.y - h);
      const [a, b, c] = [(gxp - gxm) / (2 * h), (gyp - gym) / (2 * h), (gyq - gyr) / (2 * h)];
      expect(got!.l1 + got!.l2).toBeCloseTo(a + c, 4);
      expect(got!.l1 * got!.l2).toBeCloseTo(a * c - b * b, 2);
    }
    const max = pts.find((p) => p.kind === 'maximum')!;
    expect(max.f).toBeCloseTo(181.6165, 4);
    // Sorted by f (equal values, here the four zeros, by x): the minima first, the maximum last.
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.f).toBeGreaterThan(pts[i - 1]!.f - 1e-9);
    expect(pts.slice(0, 4).map((p) => p.x)).toEqual([-3.779310, -2.805118, 3, 3.584428].map((x) => expect.closeTo(x, 5)));
  });

  it('is deterministic for a seed and finds the same set for other seeds', () => {
    expect(find('himmelblau', { seed: 5 })).toEqual(find('himmelblau', { seed: 5 }));
    for (const seed of [2, 3, 4]) {
      const pts = find('himmelblau', { seed });
      expect(pts).toHaveLength(9);
      for (const w of HIMMELBLAU) expect(pts.some((p) => Math.hypot(p.x - w.x, p.y - w.y) < 1e-5)).toBe(true);
    }
  });

  it('finds the single saddle of x² − y² at the origin', () => {
    const pts = find('quadratic-saddle');
    expect(pts).toHaveLength(1);
    expect(pts[0]!.kind).toBe('saddle');
    expect(Math.hypot(pts[0]!.x, pts[0]!.y)).toBeLessThan(1e-10);
    expect(pts[0]!.l1).toBeCloseTo(-2, 10);
    expect(pts[0]!.l2).toBeCloseTo(2, 10);
  });

  it('classifies the monkey saddle x³ − 3xy² as degenerate at the origin', () => {
    const pts = find('monkey-saddle');
    expect(pts).toHaveLength(1);
    expect(pts[0]!.kind).toBe('degenerate');
    expect(pts[0]!.isolated).toBe(true);
    expect(Math.hypot(pts[0]!.x, pts[0]!.y)).toBeLessThan(1e-4);
  });

  it('finds the six minima of the six-hump camel', () => {
    const pts = find('six-hump-camel');
    const minima = pts.filter((p) => p.kind === 'minimum');
    expect(minima).toHaveLength(6);
    const known = LANDSCAPES.find((l) => l.id === 'six-hump-camel')!.minima;
    for (const m of known) {
      const got = minima.find((p) => Math.hypot(p.x - m.x, p.y - m.y) < 1e-5);
      expect(got, `(${m.x}, ${m.y})`).toBeDefined();
      expect(got!.f).toBeCloseTo(m.f, 5);
    }
    // Two global minima, at f = −1.031628, come first.
    expect(pts[0]!.f).toBeCloseTo(-1.031628, 6);
    expect(pts[1]!.f).toBeCloseTo(-1.031628, 6);
  });

  it('refines the start grid until it has every critical point of the Rastrigin lattice', () => {
    // Per axis: f' = 2x + 20π sin 2πx has 21 roots in [−5.12, 5.12] (11 minima near integers, 10 maxima near
    // half-integers), so the product has 11² minima, 10² maxima and 2·11·10 saddles.
    expect(countKinds(find('rastrigin'))).toEqual({ minimum: 121, saddle: 220, maximum: 100 });
  });

  it('survives Ackley: NaN at the cone tip is skipped, not reported and not fatal', () => {
    const pts = find('ackley');
    expect(pts.length).toBeGreaterThan(100);
    expect(pts.every((p) => [p.x, p.y, p.f, p.l1, p.l2].every(Number.isFinite))).toBe(true);
    expect(pts.some((p) => Math.hypot(p.x, p.y) < 0.5)).toBe(false);
    // The four nearest local minima of the lattice, at (±0.9522, 0) and (0, ±0.9522).
    expect(pts.filter((p) => p.kind === 'minimum' && Math.abs(Math.hypot(p.x, p.y) - 0.9522) < 1e-3)).toHaveLength(4);
  });

  it('marks a valley of critical points as not isolated and returns nothing for a plane', () => {
    const valley = find('x^2');
    expect(valley.length).toBeGreaterThan(0);
    expect(valley.every((p) => !p.isolated && p.kind === 'degenerate' && Math.abs(p.x) < 1e-8)).toBe(true);
    expect(find('x + 2*y')).toEqual([]);
  });

  it('does not mark a flat patch: the plateau of min(x² + y², 1), the far tails of Figure 1\'s bumps', () => {
    const bowl = find('min(x^2 + y^2, 1)');
    expect(bowl.map((p) => p.kind)).toEqual(['minimum']);
    expect(Math.hypot(bowl[0]!.x, bowl[0]!.y)).toBeLessThan(1e-6);
    const fig1 = find('ridge-rider-fig1');
    expect(fig1.filter((p) => p.kind === 'degenerate')).toEqual([]);
    // Its minima are all there (the five of the registry) and the maximum the rides start from.
    expect(fig1.filter((p) => p.kind === 'minimum')).toHaveLength(5);
    expect(fig1.some((p) => p.kind === 'maximum' && Math.hypot(p.x, p.y) < 1e-3)).toBe(true);
  });

  it('keeps only points inside the domain, and rejects a bad domain', () => {
    const pts = find('himmelblau', { domain: { x0: 0, x1: 5, y0: 0, y1: 5 } });
    expect(pts.map((p) => p.kind).sort()).toEqual(['minimum', 'saddle', 'saddle']);
    expect(() => find('himmelblau', { domain: { x0: 1, x1: 0, y0: 0, y1: 1 } })).toThrow(/x0 < x1/);
  });

  it('runs each built-in in well under a second', () => {
    for (const l of LANDSCAPES) {
      const t0 = performance.now();
      const pts = find(l.id);
      const ms = performance.now() - t0;
      expect(ms, `${l.id} took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
      for (const m of l.minima.filter((q) => q.smooth && q.x >= l.domain.x0 && q.x <= l.domain.x1)) {
        expect(pts.some((p) => p.kind === 'minimum' && Math.hypot(p.x - m.x, p.y - m.y) < 1e-4), `${l.id} minimum (${m.x}, ${m.y})`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { gridInterpolant } from '../../src/math/gridInterpolant';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { surfaceCriticalPoints } from '../../src/runners/surfaceObjective';

const sample = (f: (x: number, y: number) => number, n: number, d = { x0: -2, x1: 2, y0: -1, y1: 3 }) => {
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) v[j * n + i] = f(d.x0 + (i * (d.x1 - d.x0)) / (n - 1), d.y0 + (j * (d.y1 - d.y0)) / (n - 1));
  return { v, spec: { domain: d, nx: n, ny: n } };
};

describe('bicubic grid interpolant', () => {
  it('is exact, jet included, for a quadratic', () => {
    const q = (x: number, y: number) => 3 * x * x - 2 * x * y + 0.5 * y * y + x - 4;
    const { v, spec } = sample(q, 9);
    const g = gridInterpolant(v, spec);
    for (const [x, y] of [[0.13, 0.77], [-1.9, 2.9], [1.2, -0.4]] as const) {
      const j = g.jet([x, y], new Float64Array(6));
      expect(j[0]).toBeCloseTo(q(x, y), 10);
      expect(j[1]).toBeCloseTo(6 * x - 2 * y + 1, 9);
      expect(j[2]).toBeCloseTo(-2 * x + y, 9);
      expect([j[3], j[4], j[5]].map((z) => Number(z!.toFixed(8)))).toEqual([6, -2, 1]);
    }
  });

  it('converges at O(h³) in value for a smooth function, and its gradient matches central differences of its value', () => {
    const f = (x: number, y: number) => Math.sin(1.3 * x) * Math.cos(0.7 * y) + 0.1 * x * y;
    const err = (n: number) => {
      const { v, spec } = sample(f, n);
      const g = gridInterpolant(v, spec);
      let e = 0;
      for (let k = 0; k < 50; k++) { const x = -1.5 + 3 * ((k * 0.37) % 1); const y = -0.5 + 3 * ((k * 0.61) % 1); e = Math.max(e, Math.abs(g.value([x, y]) - f(x, y))); }
      return e;
    };
    const [e1, e2] = [err(17), err(33)];
    expect(e2).toBeLessThan(e1 / 6);
    const { v, spec } = sample(f, 33);
    const g = gridInterpolant(v, spec);
    const h = 1e-6;
    const j = g.jet([0.31, 1.17], new Float64Array(6));
    expect(j[1]).toBeCloseTo((g.value([0.31 + h, 1.17]) - g.value([0.31 - h, 1.17])) / (2 * h), 6);
    expect(j[2]).toBeCloseTo((g.value([0.31, 1.17 + h]) - g.value([0.31, 1.17 - h])) / (2 * h), 6);
  });

  it('finds the critical points of f_σ on the interpolant of a smoothed grid, Figure 1\'s surface with kinks included', () => {
    const def = landscapeById('ridge-rider-fig1')!;
    const t0 = performance.now();
    const pts = surfaceCriticalPoints(compileFormula(def.formula), def.domain, 1, { sigma: 0.35, method: 'auto', samples: 1024, seed: 1, landscape: def.id });
    console.log(`Figure 1 surface, σ = 0.35: ${pts.length} critical points of f_σ (${pts.map((p) => p.kind).join(', ')}) in ${(performance.now() - t0).toFixed(0)} ms`);
    // Its two deep minima survive the smoothing.
    expect(pts.some((p) => p.kind === 'minimum' && Math.hypot(p.x, p.y + 3.35) < 0.2)).toBe(true);
    expect(pts.some((p) => p.kind === 'minimum' && Math.hypot(p.x - 2.39, p.y - 3.34) < 0.2)).toBe(true);
    const ras = landscapeById('rastrigin')!;
    const r = surfaceCriticalPoints(compileFormula(ras.formula), ras.domain, 1, { sigma: 0.5, method: 'auto', samples: 1024, seed: 1, landscape: ras.id });
    expect(r.map((p) => p.kind)).toEqual(['minimum']);
    expect(Math.hypot(r[0]!.x, r[0]!.y)).toBeLessThan(0.02);
  });
});

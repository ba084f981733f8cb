import { describe, expect, it } from 'vitest';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { LANDSCAPES_1D, landscape1dById, landscape1dTape, landscape1dTarget } from '../../src/es/landscapes1d';
import { smooth } from '../../src/es/smoothing';
import { linspace } from '../../src/es/smoothingGrid';

const fOf = (id: string) => {
  const ev = new JetEvaluator(landscape1dTape(landscape1dById(id)!));
  return (x: number) => ev.value([x]);
};

describe('1D registry (es-vo.md §1.1, §4)', () => {
  it('every listed minimum is a minimum of f (value, neighbours, f\' = 0 for smooth ones); the global one is the lowest on the domain', () => {
    for (const d of LANDSCAPES_1D) {
      const ev = new JetEvaluator(landscape1dTape(d));
      const f = (x: number) => ev.value([x]);
      for (const m of d.minima) {
        expect(Math.abs(f(m.x) - m.f)).toBeLessThan(1e-5);
        for (const dx of [1e-3, 1e-2, -1e-3, -1e-2]) expect(f(m.x + dx)).toBeGreaterThanOrEqual(f(m.x) - 1e-9);
        if (d.kind === 'smooth') expect(Math.abs(ev.jet([m.x])[1]!)).toBeLessThan(1e-4);
      }
      const g = d.minima.find((m) => m.global)!;
      const lowest = Math.min(...Array.from(linspace(d.domain.x0, d.domain.x1, 20001), f));
      expect(lowest).toBeGreaterThanOrEqual(g.f - 1e-6);
    }
  });

  it('closed forms agree with the dense convolution (piecewise) or 200-node quadrature (smooth, σ ≤ 0.35)', () => {
    for (const d of LANDSCAPES_1D.filter((l) => l.exact)) {
      const t = landscape1dTarget(d);
      for (const sigma of [0.1, 0.2, 0.35, 1]) {
        for (const x of [-2.3, -0.31, 0.05, 1.7, 3]) {
          const ex = smooth(t, [x], sigma, { method: 'exact' });
          if (d.kind === 'piecewise') {
            const c = smooth(t, [x], sigma, { method: 'convolution' });
            expect(Math.abs(c.value - ex.value)).toBeLessThan(1e-3);
            expect(Math.abs(c.gradient[0]! - ex.gradient[0]!)).toBeLessThan(3e-3);
          } else if (sigma <= 0.35) {
            const q = smooth(t, [x], sigma, { method: 'quadrature', nodes: 200 });
            expect(Math.abs(q.value - ex.value)).toBeLessThan(1e-6);
            expect(Math.abs(q.gradient[0]! - ex.gradient[0]!)).toBeLessThan(1e-5);
          }
        }
      }
    }
  });

  it('the wall\'s barrier above the left minimum shrinks 2.65 → 1.65 → 0.69 → 0.036 → none at σ = 0, 0.1, 0.2, 0.35, 0.5', () => {
    const t = landscape1dTarget(landscape1dById('wall')!);
    const xs = Array.from(linspace(-2, 2, 8001));
    const barrier = (sigma: number): number => {
      const u = xs.map((x) => (sigma === 0 ? fOf('wall')(x) : smooth(t, [x], sigma).value));
      let i = 1;
      while (i < u.length - 1 && !(u[i]! <= u[i - 1]! && u[i]! < u[i + 1]!)) i++;
      if (i >= u.length - 1) return 0;
      const peak = Math.max(...u.slice(i));
      return peak - u[i]!;
    };
    // es-vo.md §4.2 lists 0.10 at σ = 0.35; the closed form (cross-checked by 200-node quadrature above) gives 0.0358.
    const want = [[0, 2.65], [0.1, 1.65], [0.2, 0.69], [0.35, 0.0358]] as const;
    for (const [s, h] of want) expect(barrier(s)).toBeCloseTo(h, s === 0.35 ? 3 : 2);
    expect(barrier(0.5)).toBe(0);
  });

  it('plateau: dU/dx at x = 3 is 0, ≈1e-8 and ≈2.9e-2 at σ = 0.1, 0.35, 1 (es-vo.md §4.3); −sinc keeps U(0) = −0.98/−0.94/−0.83', () => {
    const p = landscape1dTarget(landscape1dById('plateau')!);
    expect(smooth(p, [3], 0.1).gradient[0]).toBeLessThan(1e-30);
    const g35 = smooth(p, [3], 0.35).gradient[0]!;
    expect(g35).toBeGreaterThan(0.5e-8);
    expect(g35).toBeLessThan(2e-8);
    expect(smooth(p, [3], 1).gradient[0]).toBeCloseTo(2.9e-2, 3);
    const s = landscape1dTarget(landscape1dById('sinc')!);
    expect(smooth(s, [0], 0.1).value).toBeCloseTo(-0.98, 2);
    expect(smooth(s, [0], 0.2).value).toBeCloseTo(-0.94, 2);
    expect(smooth(s, [0], 0.35).value).toBeCloseTo(-0.83, 2);
  });

  it('flags, σ series and starts are as documented', () => {
    expect(landscape1dById('sinc')!.sigmaSeries).toEqual([0.35, 0.2, 0.1]);
    expect(landscape1dById('wall')!.start).toBe(-2);
    expect(landscape1dById('plateau')!.start).toBe(3);
    expect(landscape1dTarget(landscape1dById('sinc-quantized')!).discontinuous).toBe(true);
    expect(LANDSCAPES_1D.map((l) => l.kind)).toEqual(['smooth', 'piecewise', 'piecewise', 'smooth', 'piecewise']);
  });
});

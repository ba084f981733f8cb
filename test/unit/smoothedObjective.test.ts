import { describe, expect, it } from 'vitest';
import { landscape2dTarget } from '../../src/es/smoothing';
import { smoothedObjective } from '../../src/es/smoothedObjective';
import { targetFromTape } from '../../src/es/smoothingTarget';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { findCriticalPoints } from '../../src/math/criticalPoints';
import { runOptimizer } from '../../src/optimizers/runOptimizer';

/** Rastrigin smoothed in closed form: f_σ = 20 + Σ (x² + σ² − 10 cos(2πx) e^{−2π²σ²}), and its derivatives. */
function rastriginSigma(x: number, y: number, s: number) {
  const d = Math.exp(-2 * Math.PI ** 2 * s * s);
  const g = (u: number) => 2 * u + 20 * Math.PI * Math.sin(2 * Math.PI * u) * d;
  const hh = (u: number) => 2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * u) * d;
  return { f: 20 + [x, y].reduce((a, u) => a + u * u + s * s - 10 * Math.cos(2 * Math.PI * u) * d, 0), gx: g(x), gy: g(y), hxx: hh(x), hyy: hh(y) };
}

describe('the smoothed surface f_σ as an objective', () => {
  it('matches Rastrigin\'s closed form in value, gradient and Hessian (by central differences of the gradient)', () => {
    const target = landscape2dTarget(landscapeById('rastrigin')!);
    for (const s of [0.1, 0.3]) {
      const obj = smoothedObjective(target, s);
      for (const [x, y] of [[0.3, -1.1], [2.2, 0.05], [-0.7, 1.6]] as const) {
        const j = obj.jet([x, y], new Float64Array(6));
        const e = rastriginSigma(x, y, s);
        expect(j[0]).toBeCloseTo(e.f, 10);
        expect(j[1]).toBeCloseTo(e.gx, 8);
        expect(j[2]).toBeCloseTo(e.gy, 8);
        expect(Math.abs(j[3]! - e.hxx) / Math.abs(e.hxx)).toBeLessThan(1e-5);
        expect(Math.abs(j[5]! - e.hyy) / Math.abs(e.hyy)).toBeLessThan(1e-5);
        expect(Math.abs(j[4]!)).toBeLessThan(1e-5);
      }
    }
  });

  it('without the Hessian a jet costs one smoothing integral instead of five, with the same value and gradient', () => {
    const target = landscape2dTarget(landscapeById('himmelblau')!);
    const full = smoothedObjective(target, 0.4);
    const cheap = smoothedObjective(target, 0.4, {}, false);
    const a = full.jet([1.1, -0.3], new Float64Array(6));
    const b = cheap.jet([1.1, -0.3], new Float64Array(6));
    expect([b[0], b[1], b[2]]).toEqual([a[0], a[1], a[2]]);
    expect([b[3], b[4], b[5]].every(Number.isNaN)).toBe(true);
    expect([full.queries(), cheap.queries()]).toEqual([5, 1]);
  });

  it('a quadratic smoothed by quadrature keeps its Hessian and shifts its value by σ² tr(A)/2', () => {
    const obj = smoothedObjective(targetFromTape(compileFormula('3*x^2 + x*y + y^2')), 0.5);
    const j = obj.jet([0.4, -0.2], new Float64Array(6));
    expect(j[0]).toBeCloseTo(3 * 0.16 - 0.08 + 0.04 + 0.25 * (3 + 1), 10);
    expect(j[3]).toBeCloseTo(6, 6);
    expect(j[4]).toBeCloseTo(1, 6);
    expect(j[5]).toBeCloseTo(2, 6);
  });

  it('gradient descent on f_σ rolls over Rastrigin\'s small minima to the centre, where it stops on f', () => {
    const target = landscape2dTarget(landscapeById('rastrigin')!);
    const obj = smoothedObjective(target, 0.5);
    const r = runOptimizer('gd', { lr: 0.05 }, obj, [2.3, -1.8], { maxSteps: 300, domain: landscapeById('rastrigin')!.domain });
    const n = r.points.length / 3;
    expect(r.stop).toBe('converged');
    expect(Math.hypot(r.points[3 * (n - 1)]!, r.points[3 * (n - 1) + 1]!)).toBeLessThan(1e-3);
  });

  it('the critical points of f_σ: Rastrigin at σ = 0.5 has one minimum left (its 121 minima on f are smoothed away)', () => {
    const def = landscapeById('rastrigin')!;
    const obj = smoothedObjective(landscape2dTarget(def), 0.5);
    const pts = findCriticalPoints(obj, def.domain, { gridSize: 6, maxGridSize: 6, sampleSize: 0 });
    expect(pts.map((p) => p.kind)).toEqual(['minimum']);
    expect(Math.hypot(pts[0]!.x, pts[0]!.y)).toBeLessThan(1e-6);
  });
});

import { describe, expect, it } from 'vitest';
import { driveSync, lanczos } from '../../src/math/lanczos';
import { powerSteps } from '../../src/math/powerMethod';
import { symEig } from '../../src/math/symEig';
import { symmetricOperator as operator } from './symmetricOperator';


const spread = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('the power method (GetRidges\' switch) against a dense eigensolver', () => {
  it('finds the most negative eigenpairs by shift and deflation, ascending, with the residuals it reports', () => {
    const op = operator([-3, -2, -1.2, ...spread(57, 0.1, 4)], 3);
    const r = driveSync(powerSteps(op.n, { k: 3, tol: 1e-9, maxMatvecs: 5000, seed: 2 }), op.n, op.matvec);
    const dense = symEig(op.h, op.n);
    expect(r.converged).toBe(true);
    // ρ is a lower bound of ‖H‖ = 4, far enough above ‖H‖/2.1 for the shift to put λ_min on top.
    expect(r.scale).toBeGreaterThan(3.5);
    expect(r.scale).toBeLessThanOrEqual(4 + 1e-9);
    r.values.forEach((v, i) => expect(v).toBeCloseTo(dense.values[i]!, 7));
    r.vectors.forEach((x, i) => {
      let d = 0;
      for (let j = 0; j < op.n; j++) d += dense.vectors[i * op.n + j]! * x[j]!;
      expect(Math.abs(d)).toBeGreaterThan(1 - 1e-8);
      const hx = new Float64Array(op.n);
      op.matvec(x, hx);
      expect(Math.hypot(...hx.map((y, j) => y - r.values[i]! * x[j]!))).toBeCloseTo(r.residuals[i]!, 9);
      expect(r.residuals[i]).toBeLessThanOrEqual(1e-9 * r.scale);
    });
  });

  it('is slow where the eigenvalues cluster, and says so at its cap; Lanczos needs far fewer products there', () => {
    const op = operator([-1, -0.99, ...spread(58, 0, 2)], 5);
    const power = driveSync(powerSteps(op.n, { k: 1, tol: 1e-8, maxMatvecs: 300 }), op.n, op.matvec);
    expect(power.converged).toBe(false);
    expect(power.matvecs).toBe(300);
    const l = lanczos(op.n, op.matvec, { k: 1, which: 'smallest', tol: 1e-8 });
    expect(l.converged).toBe(true);
    expect(l.values[0]).toBeCloseTo(-1, 8);
    expect(l.matvecs).toBeLessThan(300);
  });

  it('rejects a bad k or tolerance', () => {
    expect(() => powerSteps(5, { k: 6 }).next()).toThrow(/k must be an integer from 1 to 5/);
    expect(() => powerSteps(5, { k: 1, tol: 0 }).next()).toThrow(/tol must be positive/);
  });
});

import { expect } from 'vitest';
import type { RidgeObjective } from '../../src/ridge-rider/objective';

/**
 * Checks an objective's exact derivatives at θ against central differences (step 1e-6): ∇L against differences of
 * L to `gradDigits` decimals, H against differences of ∇L to `hessDigits`, and H symmetric exactly.
 */
export function expectFiniteDifferences(obj: RidgeObjective, theta: Float64Array, gradDigits: number, hessDigits: number): void {
  const n = obj.n;
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  obj.evaluate(theta, g, h);
  const eps = 1e-6;
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const tp = Float64Array.from(theta); tp[i]! += eps;
    const tm = Float64Array.from(theta); tm[i]! -= eps;
    expect(g[i]).toBeCloseTo((obj.value(tp) - obj.value(tm)) / (2 * eps), gradDigits);
    obj.gradient(tp, gp);
    obj.gradient(tm, gm);
    for (let j = 0; j < n; j++) {
      expect(h[i * n + j]).toBeCloseTo((gp[j]! - gm[j]!) / (2 * eps), hessDigits);
      expect(h[i * n + j]).toBe(h[j * n + i]);
    }
  }
}

import { describe, expect, it } from 'vitest';
import { lanczosTridiagonal, driveSync } from '../../src/math/lanczos';
import { rngFromSeed } from '../../src/math/rng';
import { slq, slqAsync } from '../../src/math/slq';

/** A diagonal operator: its products are exact, its eigenvectors the unit vectors. */
const diagonal = (lambda: readonly number[]) => (v: Float64Array, out: Float64Array) => { for (let i = 0; i < lambda.length; i++) out[i] = lambda[i]! * v[i]!; };

/** Q diag(λ) Qᵀ with Q a product of three seeded Householder reflections (so the eigenvectors are dense). */
function rotated(lambda: readonly number[], seed: number): (v: Float64Array, out: Float64Array) => void {
  const n = lambda.length;
  const rng = rngFromSeed(seed);
  const us = [0, 1, 2].map(() => {
    const u = Float64Array.from({ length: n }, () => rng() - 0.5);
    const norm = Math.hypot(...u);
    return u.map((x) => x / norm);
  });
  const reflect = (u: Float64Array, x: Float64Array) => { let d = 0; for (let i = 0; i < n; i++) d += u[i]! * x[i]!; for (let i = 0; i < n; i++) x[i] = x[i]! - 2 * d * u[i]!; };
  return (v, out) => {
    const x = Float64Array.from(v);
    for (const u of [...us].reverse()) reflect(u, x);
    for (let i = 0; i < n; i++) x[i] = lambda[i]! * x[i]!;
    for (const u of us) reflect(u, x);
    out.set(x);
  };
}

/** The exact broadened density (1/n) Σ_j N(t; λ_j, σ²) on a grid. */
function exactDensity(lambda: readonly number[], grid: Float64Array, sigma: number): Float64Array {
  const c = 1 / (lambda.length * sigma * Math.sqrt(2 * Math.PI));
  return grid.map((t) => lambda.reduce((a, l) => a + c * Math.exp(-0.5 * ((t - l) / sigma) ** 2), 0));
}

function integrate(grid: Float64Array, f: ArrayLike<number>): number {
  let s = 0;
  for (let i = 1; i < grid.length; i++) s += 0.5 * (f[i]! + f[i - 1]!) * (grid[i]! - grid[i - 1]!);
  return s;
}

describe('stochastic Lanczos quadrature', () => {
  it('with as many steps as the size, the quadrature of one start vector is exact: nodes are the eigenvalues, weights the squared components', () => {
    const lambda = [-3, -1.5, -0.2, 0.4, 1, 2.5, 4, 7];
    const rng = rngFromSeed(2);
    const v = Float64Array.from(lambda, () => rng() - 0.5);
    const { alpha, beta } = driveSync(lanczosTridiagonal(v, lambda.length), lambda.length, diagonal(lambda));
    expect(alpha.length).toBe(lambda.length);
    expect(beta.length).toBe(lambda.length - 1);
    const r = slq(lambda.length, diagonal(lambda), { steps: lambda.length, draws: 3, seed: 5 });
    for (let d = 0; d < 3; d++) {
      Array.from(r.nodes[d]!).forEach((x, i) => expect(x).toBeCloseTo(lambda[i]!, 10));
      // Rademacher start: every squared component of the unit vector is 1/n.
      Array.from(r.weights[d]!).forEach((w) => expect(w).toBeCloseTo(1 / lambda.length, 10));
    }
    expect(r.matvecs).toBe(3 * lambda.length);
  });

  it('matches the exact broadened density of a spectrum with a bulk, a gap and outliers', () => {
    const rng = rngFromSeed(9);
    const lambda = [
      ...Array.from({ length: 300 }, () => 0.2 * (rng() + rng() + rng() - 1.5)),
      ...Array.from({ length: 90 }, () => 1 + 0.1 * rng()),
      -2, -1.2, 3, 5, 6, 8, 9.5, 12, 15, 20,
    ];
    const op = rotated(lambda, 4);
    const r = slq(lambda.length, op, { steps: 80, draws: 30, seed: 3, sigma2: 1e-4 });
    expect(integrate(r.grid, r.density)).toBeCloseTo(1, 3);
    const exact = exactDensity(lambda, r.grid, r.sigma);
    const l1 = integrate(r.grid, r.density.map((x, i) => Math.abs(x - exact[i]!)));
    expect(l1).toBeLessThan(0.15);
    // Too few steps cannot resolve the bulk and the gap at this width.
    const coarse = slq(lambda.length, op, { steps: 6, draws: 30, seed: 3, sigma2: 1e-4 });
    const coarseExact = exactDensity(lambda, coarse.grid, coarse.sigma);
    expect(integrate(coarse.grid, coarse.density.map((x, i) => Math.abs(x - coarseExact[i]!)))).toBeGreaterThan(0.5);
    // The mean eigenvalue (trace / n) from the quadrature, and the extreme outliers as nodes.
    const mean = integrate(r.grid, r.density.map((x, i) => x * r.grid[i]!));
    expect(mean).toBeCloseTo(lambda.reduce((a, b) => a + b, 0) / lambda.length, 1);
    expect(Math.max(...r.nodes.map((x) => x[x.length - 1]!))).toBeCloseTo(20, 6);
    expect(r.matvecs).toBe(30 * 80);
    expect(Math.min(...r.nodes.map((x) => x[0]!))).toBeCloseTo(-2, 6);
  });

  it('the asynchronous driver gives the same density; bad options are refused', async () => {
    const lambda = Array.from({ length: 40 }, (_, i) => i - 10);
    const sync = slq(40, diagonal(lambda), { steps: 12, draws: 2 });
    const async = await slqAsync(40, async (v) => { const out = new Float64Array(40); diagonal(lambda)(v, out); return out; }, { steps: 12, draws: 2 });
    expect(Array.from(async.density)).toEqual(Array.from(sync.density));
    expect(() => slq(40, diagonal(lambda), { draws: 0 })).toThrow(/draws must be a positive integer/);
    expect(() => slq(40, diagonal(lambda), { sigma2: -1 })).toThrow(/sigma2 must be positive/);
  });
});

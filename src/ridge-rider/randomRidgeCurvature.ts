import { normalFill, type Rng } from '../math/rng';
import { vecNorm } from '../math/vec';
import type { CurvatureOracle } from './curvature';
import { lazySpectrum, type ExactProbe } from './exactCurvature';
import { rayleigh } from './fixedEvCurvature';
import { ridgeIndex, type Ridge } from './getRidges';
import type { RidgeObjective } from './objective';

/**
 * The Rand-Ridge+ ablation of Parker-Holder et al. 2020 (§4, Fig. 3: "following random unit vectors with positive
 * ascent direction"): at each branching point GetRidges offers `count` random unit vectors (seeded), each turned so
 * that it does not climb L (⟨d, ∇L⟩ ≤ 0, an ascent direction of the return J = −L), in place of the Hessian's
 * eigenvectors; UpdateRidge keeps the direction (as Fixed-EV), with λ the Rayleigh quotient dᵀHd. Ridge indices are
 * r = 2i for the i-th vector; a ride ends on the loss, the budget, or when dᵀHd ≥ 0 if EndRide (a) is on. The spectrum
 * is computed only at branching points, for the report of λ_min (lazySpectrum).
 */
export function randomRidgeCurvature(objective: RidgeObjective, rng: Rng, count: number): CurvatureOracle<ExactProbe> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${String(count)}`);
  const lazy = lazySpectrum(objective);
  const n = objective.n;
  return {
    ...lazy.oracle,
    ridges(at) {
      const ridges: Ridge[] = [];
      for (let i = 0; i < count; i++) {
        const d = normalFill(rng, new Float64Array(n));
        const norm = vecNorm(d, n) || 1;
        let slope = 0;
        for (let k = 0; k < n; k++) { d[k] = d[k]! / norm; slope += d[k]! * at.grad[k]!; }
        if (slope > 0) for (let k = 0; k < n; k++) d[k] = -d[k]!;
        ridges.push({ index: ridgeIndex(i, 1), eig: i, sign: 1, lambda: rayleigh(at.hess, d, n), direction: d, group: i, multiplicity: 1 });
      }
      lazy.ensure(at);
      return { ridges, lambdaMin: at.spec.values[0]! };
    },
    follow(at, _from, heading, out) {
      out.set(heading.direction.subarray(0, n));
      return { lambda: rayleigh(at.hess, heading.direction, n), overlap: 1 };
    },
  };
}

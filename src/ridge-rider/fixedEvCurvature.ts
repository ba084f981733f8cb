import type { CurvatureOracle } from './curvature';
import { lazySpectrum, type ExactProbe } from './exactCurvature';
import { getRidges } from './getRidges';
import type { RidgeObjective } from './objective';

/**
 * The Fixed-EV ablation of Parker-Holder et al. 2020 (§4, Fig. 3: "following EVecs, but not updating them"): the
 * exact oracle's GetRidges at each branching point, but UpdateRidge keeps the direction the ride started with, so a
 * ride goes straight along the eigenvector of its branching point. Its λ along the way is the Rayleigh quotient
 * dᵀH(θ)d and its overlap is 1 (the direction never changes), so the ride ends on curvature (dᵀHd ≥ 0), on the loss
 * or on the step budget, never on δ_break. The spectrum is computed only where GetRidges needs it (lazySpectrum).
 */
export function fixedEvCurvature(objective: RidgeObjective): CurvatureOracle<ExactProbe> {
  const lazy = lazySpectrum(objective);
  const n = objective.n;
  return {
    ...lazy.oracle,
    ridges: (at, opts, context) => {
      lazy.ensure(at);
      return { ridges: getRidges(at.spec, opts, context), lambdaMin: at.spec.values[0]! };
    },
    follow(at, _from, heading, out) {
      out.set(heading.direction.subarray(0, n));
      return { lambda: rayleigh(at.hess, heading.direction, n), overlap: 1 };
    },
  };
}

/** dᵀHd for a unit d (H row-major n × n). */
export function rayleigh(hess: ArrayLike<number>, d: ArrayLike<number>, n: number): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let hd = 0;
    for (let j = 0; j < n; j++) hd += hess[i * n + j]! * d[j]!;
    q += d[i]! * hd;
  }
  return q;
}

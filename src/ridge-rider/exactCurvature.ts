import { createSymEigWorkspace, symEig, type SymEigWorkspace } from '../math/symEig';
import { vecFinite } from '../math/vec';
import type { CurvatureOracle, CurvatureProbe } from './curvature';
import { checkGdFinish, gdFinish } from './descend';
import { getRidges, spectralScale } from './getRidges';
import type { RidgeObjective } from './objective';
import { updateRidgeExact, type UpdateRidgeOptions } from './updateRidge';

/** A point as the exact oracle measured it: θ, L, ∇L, the dense H and, when finite, its full spectrum. */
export interface ExactProbe extends CurvatureProbe {
  readonly theta: Float64Array;
  readonly hess: Float64Array;
  /** H(θ) = Σ_j λ_j v_j v_jᵀ, ascending (math/symEig); valid when `finite`. */
  readonly spec: SymEigWorkspace;
}

interface MutableProbe extends ExactProbe {
  f: number;
  finite: boolean;
  scale: number;
}

/**
 * Exact Ridge Rider's curvature (Parker-Holder et al. 2020, §3, "exact RR": "we recompute the spectrum of the Hessian
 * after every parameter update"): every probe evaluates L, ∇L and the dense n × n Hessian of `objective` and, when all
 * are finite, its full eigendecomposition (math/symEig, O(n³)). GetRidges reads the whole spectrum (getRidges.ts);
 * UpdateRidge takes the eigenvector of greatest overlap with the previous direction, with the continuity rule for
 * repeated eigenvalues (updateRidge.ts, `options`); the finish is gdFinish (descend.ts). Synchronous. Probes are
 * recycled through `spare`, so a ride allocates no matrices per step.
 */
export function exactCurvature(objective: RidgeObjective, options: UpdateRidgeOptions = {}): CurvatureOracle<ExactProbe> {
  const n = objective.n;
  const fresh = (): MutableProbe => ({
    theta: new Float64Array(n), f: NaN, grad: new Float64Array(n), hess: new Float64Array(n * n), spec: createSymEigWorkspace(n),
    finite: false, scale: NaN,
  });
  return {
    n,
    sync: true,
    probe(theta, spare) {
      const p = (spare as MutableProbe | null) ?? fresh();
      for (let i = 0; i < n; i++) p.theta[i] = theta[i]!;
      p.f = objective.evaluate(p.theta, p.grad, p.hess);
      p.finite = Number.isFinite(p.f) && vecFinite(p.grad, n) && vecFinite(p.hess, n * n);
      if (p.finite) {
        symEig(p.hess, n, p.spec);
        p.scale = spectralScale(p.spec.values, n);
      } else p.scale = NaN;
      return p;
    },
    ridges: (at, opts, context) => ({ ridges: getRidges(at.spec, opts, context), lambdaMin: at.spec.values[0]! }),
    follow: (at, _from, heading, out) => updateRidgeExact(at.spec, heading.direction, out, options),
    descend: (theta, o, record) => gdFinish(objective, theta, { ...o, record }),
    checkDescend: (o) => checkGdFinish(objective, o),
  };
}

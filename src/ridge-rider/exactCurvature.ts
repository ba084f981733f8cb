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
 * The exact oracle's probes with the spectrum on demand: a probe evaluates L, ∇L and the dense H (and checks them
 * finite), and `ensure` computes H's full eigendecomposition (math/symEig, O(n³)) the first time something reads it.
 * Until then `scale` is ‖H‖_F, an upper bound of max|λ|; every reader of `spec` or of the spectral scale calls
 * `ensure` first. A probe the search rejects on its loss alone (a backtracking trial) is never decomposed. Its
 * `follow` is the exact UpdateRidge with `options` (updateRidge.ts).
 */
export function lazySpectrum(objective: RidgeObjective, options: UpdateRidgeOptions = {}): { oracle: CurvatureOracle<ExactProbe>; ensure(at: ExactProbe): void } {
  const n = objective.n;
  const ready = new WeakSet<ExactProbe>();
  const fresh = (): MutableProbe => ({
    theta: new Float64Array(n), f: NaN, grad: new Float64Array(n), hess: new Float64Array(n * n), spec: createSymEigWorkspace(n),
    finite: false, scale: NaN,
  });
  const ensure = (at: ExactProbe): void => {
    if (ready.has(at) || !at.finite) return;
    symEig(at.hess, n, at.spec);
    (at as MutableProbe).scale = spectralScale(at.spec.values, n);
    ready.add(at);
  };
  return {
    oracle: {
      n,
      sync: true,
      probe(theta, spare) {
        const p = (spare as MutableProbe | null) ?? fresh();
        ready.delete(p);
        for (let i = 0; i < n; i++) p.theta[i] = theta[i]!;
        p.f = objective.evaluate(p.theta, p.grad, p.hess);
        let fin = Number.isFinite(p.f) && vecFinite(p.grad, n);
        let frob = 0;
        for (let i = 0; i < n * n && fin; i++) { const h = p.hess[i]!; fin = Number.isFinite(h); frob += h * h; }
        p.finite = fin;
        p.scale = fin ? Math.sqrt(frob) : NaN;
        return p;
      },
      ridges: (at, opts, context) => { ensure(at); return { ridges: getRidges(at.spec, opts, context), lambdaMin: at.spec.values[0]! }; },
      follow: (at, _from, heading, out) => { ensure(at); return updateRidgeExact(at.spec, heading.direction, out, options); },
      descend: (theta, o, record) => gdFinish(objective, theta, { ...o, record }),
      checkDescend: (o) => checkGdFinish(objective, o),
    },
    ensure,
  };
}

/**
 * Exact Ridge Rider's curvature (Parker-Holder et al. 2020, §3, "exact RR": "we recompute the spectrum of the Hessian
 * after every parameter update"): every probe evaluates L, ∇L and the dense n × n Hessian of `objective`, and every
 * point the search reads curvature at gets its full eigendecomposition (math/symEig, O(n³); lazySpectrum: not the
 * backtracking trials rejected on their loss). GetRidges reads the whole spectrum (getRidges.ts); UpdateRidge takes
 * the eigenvector of greatest overlap with the previous direction, with the continuity rule for repeated eigenvalues
 * (updateRidge.ts, `options`); the finish is gdFinish (descend.ts). Synchronous. Probes are recycled through `spare`,
 * so a ride allocates no matrices per step.
 */
export function exactCurvature(objective: RidgeObjective, options: UpdateRidgeOptions = {}): CurvatureOracle<ExactProbe> {
  return lazySpectrum(objective, options).oracle;
}

import { symEig } from '../math/symEig';
import type { CurvatureOracle } from './curvature';
import { exactCurvature, type ExactProbe } from './exactCurvature';
import { getRidges, spectralScale } from './getRidges';
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

/**
 * The exact oracle for the fixed-direction ablations, which never read the spectrum along a ride: a probe evaluates
 * L, ∇L and H but defers the O(n³) eigendecomposition until `ensure` asks for it (at a branching point). Until then
 * `scale` is ‖H‖_F, an upper bound of max|λ| (it only scales the curvature criterion's tolerance).
 */
export function lazySpectrum(objective: RidgeObjective): { oracle: CurvatureOracle<ExactProbe>; ensure(at: ExactProbe): void } {
  const exact = exactCurvature(objective);
  const n = objective.n;
  const ready = new WeakSet<ExactProbe>();
  type Mutable = { -readonly [K in keyof ExactProbe]: ExactProbe[K] };
  return {
    oracle: {
      ...exact,
      probe(theta, spare) {
        const p = (spare ?? exact.probe(theta, null)) as Mutable;
        if (spare) {
          for (let i = 0; i < n; i++) p.theta[i] = theta[i]!;
          p.f = objective.evaluate(p.theta, p.grad, p.hess);
        }
        ready.delete(p);
        let fin = Number.isFinite(p.f);
        let frob = 0;
        for (let i = 0; i < n && fin; i++) fin = Number.isFinite(p.grad[i]!);
        for (let i = 0; i < n * n && fin; i++) { const h = p.hess[i]!; fin = Number.isFinite(h); frob += h * h; }
        p.finite = fin;
        p.scale = fin ? Math.sqrt(frob) : NaN;
        return p;
      },
    },
    ensure(at) {
      if (ready.has(at) || !at.finite) return;
      symEig(at.hess, n, at.spec);
      (at as Mutable).scale = spectralScale(at.spec.values, n);
      ready.add(at);
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

import { deriveSeed, normalFill, rngFromSeed } from '../math/rng';
import { vecDot, vecNorm } from '../math/vec';
import type { CurvatureOracle, CurvatureProbe } from './curvature';

/**
 * Rand-Ridge+ (Parker-Holder et al. 2020, §4, the MNIST and tree-MDP ablations): the search of Ridge Rider with its
 * ridges replaced by random unit vectors, each kept a descent direction. GetRidges asks `inner` for the ridges at a
 * branching point (so the tree has the same shape and eigenvalue labels) and swaps each direction for a fresh
 * uniformly random unit vector r, signed so that ⟨r, ∇L⟩ < 0; UpdateRidge keeps the ride's vector, flipping it when
 * ⟨d, ∇L(θ')⟩ > 0, and reports λ unchanged and an overlap of 1 (no curvature is measured, so only the loss and the
 * step cap end a ride). The vectors at a branching point are drawn from a stream seeded by `seed` and the fingerprint of
 * the ride that ended there (RidgeContext.fingerprint), so they do not depend on the branchings before; without a
 * fingerprint, from one stream seeded by `seed`.
 */
export function randomRidgeOracle<P extends CurvatureProbe>(inner: CurvatureOracle<P>, seed: number): CurvatureOracle<P> {
  const n = inner.n;
  const shared = rngFromSeed(seed);
  const descend = (d: Float64Array, grad: Float64Array) => { if (vecDot(d, grad, n) > 0) for (let i = 0; i < n; i++) d[i] = -d[i]!; };
  return {
    ...inner,
    sync: false,
    async ridges(at, options, context) {
      const found = await inner.ridges(at, options, context);
      const rng = context.fingerprint ? rngFromSeed(deriveSeed(seed, context.fingerprint)) : shared;
      const ridges = found.ridges.map((r) => {
        const d = normalFill(rng, new Float64Array(n));
        const norm = vecNorm(d, n);
        for (let i = 0; i < n; i++) d[i]! /= norm;
        descend(d, at.grad);
        return { ...r, direction: d };
      });
      return { ...found, ridges };
    },
    follow(at, _from, heading, out) {
      out.set(heading.direction.subarray(0, n));
      descend(out, at.grad);
      return { lambda: heading.lambda, overlap: 1 };
    },
  };
}

import type { CurvatureOracle, CurvatureProbe, RidgesAt } from './curvature';

/**
 * GetRidges at the start point, shared by a family of `count` searches that each take one of its ridges first: computed
 * once, for the `count` most negative eigen-directions at least.
 */
export interface StartRidges { readonly count: number; found: Promise<RidgesAt> | null }

/**
 * One search of a family that fixes the first ridge ψ[0] (Parker-Holder et al. 2020, Fig. 5: "class accuracy … as a
 * function of the index of the first ridge ψ[0]"): the first GetRidges, at the start point, offers only ±v_i of the
 * eigenvalue ranked `eig` (0: the most negative; + first); later branchings are the inner oracle's. `start` carries
 * the start point's GetRidges from one search of the family to the next.
 */
export function firstRidgeOracle<P extends CurvatureProbe>(inner: CurvatureOracle<P>, eig: number, start: StartRidges): CurvatureOracle<P> {
  let first = true;
  return {
    ...inner,
    sync: false,
    async ridges(at, options, context) {
      if (!first) return inner.ridges(at, options, context);
      first = false;
      start.found ??= Promise.resolve(inner.ridges(at, { ...options, maxEigen: Math.max(options.maxEigen ?? 0, start.count, eig + 1), bothSigns: true }, context));
      const found = await start.found;
      return { ...found, ridges: found.ridges.filter((r) => r.eig === eig) };
    },
  };
}

import { vecNorm } from '../math/vec';
import type { CurvatureOracle, CurvatureProbe } from './curvature';

/**
 * Steepest descent in Ridge Rider's skeleton, a reference for the rides (not in Parker-Holder et al. 2020): every step
 * goes along d = −∇L/‖∇L‖, so a ride is gradient descent with a fixed step length α (normalized gradient descent),
 * under the same step, batches, EndRide and budget as the rides it is compared with. GetRidges asks `inner` for the
 * ridges at a branching point (so the tree has the same shape and eigenvalue labels) and starts each along −∇L there;
 * UpdateRidge measures nothing: it turns the direction to −∇L at the new point and reports λ unchanged and an overlap
 * of 1 (only the loss and the step cap end a ride). On fresh minibatches ∇L is the current minibatch's.
 */
export function gradientRidgeOracle<P extends CurvatureProbe>(inner: CurvatureOracle<P>): CurvatureOracle<P> {
  const n = inner.n;
  const downhill = (grad: Float64Array, out: Float64Array) => {
    const norm = vecNorm(grad, n);
    for (let i = 0; i < n; i++) out[i] = norm > 0 ? -grad[i]! / norm : 0;
    return out;
  };
  return {
    ...inner,
    sync: false,
    async ridges(at, options, context) {
      const found = await inner.ridges(at, options, context);
      return { ...found, ridges: found.ridges.map((r) => ({ ...r, direction: downhill(at.grad, new Float64Array(n)) })) };
    },
    follow(at, _from, heading, out) {
      downhill(at.grad, out);
      return { lambda: heading.lambda, overlap: 1 };
    },
  };
}

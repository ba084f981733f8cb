import { describe, expect, it } from 'vitest';
import { resolveLandscape } from '../../src/landscapes/registry';
import { vecDot, vecNorm } from '../../src/math/vec';
import { exactCurvature, objectiveFromTape, runRidgeRiderAsync } from '../../src/ridge-rider';
import { gradientRidgeOracle } from '../../src/ridge-rider/gradientRidges';

describe('steepest descent in Ridge Rider\'s skeleton (the rides\' reference)', () => {
  const objective = objectiveFromTape(resolveLandscape('himmelblau').tape);

  it('keeps the ridges\' count and eigenvalues, starts each along −∇L/‖∇L‖, and turns to −∇L at every new point', async () => {
    const inner = exactCurvature(objective);
    const oracle = gradientRidgeOracle(inner);
    expect(oracle.sync).toBe(false);
    const at = await oracle.probe([-0.2, -0.8], null);
    const context = { grad: at.grad, alpha: 1e-3 };
    const eigen = await inner.ridges(at, {}, context);
    const found = await oracle.ridges(at, {}, context);
    expect(found.ridges.map((r) => [r.index, r.lambda])).toEqual(eigen.ridges.map((r) => [r.index, r.lambda]));
    expect(found.ridges.length).toBeGreaterThan(0);
    for (const r of found.ridges) {
      expect(vecNorm(r.direction, 2)).toBeCloseTo(1, 12);
      expect(vecDot(r.direction, at.grad, 2)).toBeCloseTo(-vecNorm(at.grad, 2), 10);
    }
    const next = await oracle.probe([1, 1], null);
    const out = new Float64Array(2);
    const f = await oracle.follow(next, at, { direction: Float64Array.from([1, 0]), lambda: -3 }, out);
    expect(Array.from(out).map((x, i) => x * vecNorm(next.grad, 2) + next.grad[i]!)).toEqual([0, 0].map(() => expect.closeTo(0, 10)));
    expect(f).toEqual({ lambda: -3, overlap: 1 });
  });

  it('a search with it is gradient descent with step length α: every step lowers the loss by about α‖∇L‖ while α is small', async () => {
    const alpha = 1e-3;
    const r = await runRidgeRiderAsync(gradientRidgeOracle(exactCurvature(objective)), [1, 1], {
      step: { alpha }, maxRides: 1, endRide: { curvature: false, overlap: false, loss: true, maxRideSteps: 50 },
    });
    const ride = r.rides[0]!;
    expect(ride.steps).toBe(50);
    const stride = 3;
    for (let k = 1; k <= ride.steps; k++) {
      const [x0, y0, f0] = [ride.path[(k - 1) * stride]!, ride.path[(k - 1) * stride + 1]!, ride.path[(k - 1) * stride + 2]!];
      const [x1, y1, f1] = [ride.path[k * stride]!, ride.path[k * stride + 1]!, ride.path[k * stride + 2]!];
      expect(Math.hypot(x1 - x0, y1 - y0)).toBeCloseTo(alpha, 12);
      const g = new Float64Array(2);
      objective.gradient(Float64Array.from([x0, y0]), g);
      expect((f0 - f1) / (alpha * vecNorm(g, 2))).toBeCloseTo(1, 1);
    }
  });
});

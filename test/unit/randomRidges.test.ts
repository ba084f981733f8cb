import { describe, expect, it } from 'vitest';
import { resolveLandscape } from '../../src/landscapes/registry';
import { vecDot, vecNorm } from '../../src/math/vec';
import { exactCurvature, objectiveFromTape } from '../../src/ridge-rider';
import { randomRidgeOracle } from '../../src/ridge-rider/randomRidges';

describe('Rand-Ridge+ (random unit descent directions in place of the ridges)', () => {
  it('keeps the ridges\' count and eigenvalues, swaps each direction for a random unit descent direction, and keeps it descending', async () => {
    const inner = exactCurvature(objectiveFromTape(resolveLandscape('himmelblau').tape));
    const oracle = randomRidgeOracle(inner, 4);
    expect(oracle.sync).toBe(false);
    const at = await oracle.probe([-0.2, -0.8], null);
    const context = { grad: at.grad, alpha: 1e-3 };
    const eigen = await inner.ridges(at, {}, context);
    const random = await oracle.ridges(at, {}, context);
    expect(random.ridges.map((r) => [r.index, r.lambda])).toEqual(eigen.ridges.map((r) => [r.index, r.lambda]));
    expect(random.ridges.length).toBeGreaterThan(0);
    for (const [i, r] of random.ridges.entries()) {
      expect(vecNorm(r.direction, 2)).toBeCloseTo(1, 12);
      expect(vecDot(r.direction, at.grad, 2)).toBeLessThan(0);
      expect(Math.abs(vecDot(r.direction, eigen.ridges[i]!.direction, 2))).toBeLessThan(1 - 1e-6);
    }
    // UpdateRidge: the same vector, flipped where it would climb; λ unchanged and full overlap.
    const climb = Float64Array.from(at.grad, (g) => g / vecNorm(at.grad, 2));
    const out = new Float64Array(2);
    const f = await oracle.follow(at, null, { direction: climb, lambda: -3 }, out);
    expect(Array.from(out)).toEqual(Array.from(climb, (x) => -x));
    expect(f).toEqual({ lambda: -3, overlap: 1 });
  });

  it('draws the vectors at a branching point from its own stream: by the fingerprint, whatever was drawn before', async () => {
    const inner = exactCurvature(objectiveFromTape(resolveLandscape('himmelblau').tape));
    const at = await inner.probe([-0.2, -0.8], null);
    const dirs = async (oracle: ReturnType<typeof randomRidgeOracle>, fingerprint?: number[]) =>
      (await oracle.ridges(at, {}, { grad: at.grad, alpha: 1e-3, ...(fingerprint ? { fingerprint } : {}) })).ridges.map((r) => Array.from(r.direction));
    const a = randomRidgeOracle(inner, 4);
    const b = randomRidgeOracle(inner, 4);
    const first = await dirs(a, [0, 1]);
    await dirs(b, []);
    await dirs(b, [0]);
    expect(await dirs(b, [0, 1])).toEqual(first);
    expect(await dirs(a, [0, 2])).not.toEqual(first);
    // Without a fingerprint, one stream: two calls differ.
    expect(await dirs(a)).not.toEqual(await dirs(a));
  });
});

import { describe, expect, it } from 'vitest';
import { resolveLandscape } from '../../src/landscapes/registry';
import type { MnistRrRide } from '../../src/nn/mnistRrSettings';
import { digitMeansByFirstRidge, longestPath, rideParents, rideStartTracker, rideStarts } from '../../src/nn/ridePaths';
import { exactCurvature, objectiveFromTape } from '../../src/ridge-rider';
import { firstRidgeOracle, type StartRidges } from '../../src/ridge-rider/firstRidgeOracle';

/** A ride of `steps` steps whose test accuracy on digit d is `digits[d]` at every point. */
function ride(fingerprint: number[], steps: number, digits: number[]): MnistRrRide {
  const points = steps + 1;
  const fill = (v: number) => new Array<number>(points).fill(v);
  return {
    fingerprint, eigenvalue: -1, endReason: 'curvature', steps, loss: fill(1), lambda: fill(-1), trainAccuracy: fill(0.5), testAccuracy: fill(0.5),
    digitAccuracy: Array.from({ length: points }, () => digits.slice()), overlap: fill(Number.NaN), exactLambda: fill(Number.NaN), eCurvature: fill(Number.NaN), descent: fill(Number.NaN), ridgeShare: fill(Number.NaN), sharpShare: fill(Number.NaN), eNorm: fill(Number.NaN),
  };
}

const zeros = new Array<number>(10).fill(0);
const only = (d: number, v = 1) => zeros.map((_, i) => (i === d ? v : 0));

describe('paths through the tree (Fig. 4 along the steps from the MIS, Fig. 5 by first ridge)', () => {
  // Depth-first: [0] (3 steps) → [0,0] (2) → [0,0,1] (4); a sibling [0,1] (5) of [0,0]; a second first ridge [2] (6).
  const rides = [ride([0], 3, only(1)), ride([0, 0], 2, only(0)), ride([0, 0, 1], 4, only(8)), ride([0, 1], 5, only(2)), ride([2], 6, only(3, 0.5))];

  it('starts each ride where its parent ended, counted from the MIS', () => {
    expect(rideParents(rides)).toEqual([-1, 0, 1, 0, -1]);
    expect(rideStarts(rides)).toEqual([0, 3, 5, 3, 0]);
    expect(longestPath(rides)).toBe(9);
    // A ride whose parent is missing (a cancelled run) starts at the MIS.
    expect(rideStarts([ride([0, 0, 1], 4, zeros)])).toEqual([0]);
  });

  it('gives the same starts one ride at a time, as a log written during the search needs', () => {
    const start = rideStartTracker();
    expect(rides.map((r) => start(r))).toEqual([0, 3, 5, 3, 0]);
    // A second tracker starts afresh: nothing is shared between searches.
    expect(rideStartTracker()(rides[1]!)).toBe(0);
  });

  it('averages the digits over the points of each first ridge\'s paths inside the window, each point once', () => {
    const all = digitMeansByFirstRidge(rides, [0, 100]);
    expect(all.map((r) => r.psi0)).toEqual([0, 1]);
    // ψ[0] = 0: 4 points of [0], 2 more of [0,0], 4 of [0,0,1], 5 of [0,1] (each child's first point is its parent's last).
    expect(all[0]!.means[1]).toBeCloseTo(4 / 15, 12);
    expect(all[0]!.means[0]).toBeCloseTo(2 / 15, 12);
    expect(all[0]!.means[8]).toBeCloseTo(4 / 15, 12);
    expect(all[0]!.means[2]).toBeCloseTo(5 / 15, 12);
    expect(all[1]!.means[3]).toBeCloseTo(0.5, 12);
    // Steps 6–9: only [0,0,1] (steps 6–9) and [0,1] (6–8) reach there; [2] ends at 6.
    const late = digitMeansByFirstRidge(rides, [7, 9]);
    expect(late[0]!.means[8]).toBeCloseTo(3 / 5, 12);
    expect(late[0]!.means[2]).toBeCloseTo(2 / 5, 12);
    expect(late[1]!.means.every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('firstRidgeOracle (a search that takes ridge ψ[0] = k first)', () => {
  it('offers only ±v_k at the start, then the inner oracle\'s ridges; the start\'s GetRidges is computed once for the family', async () => {
    const inner = exactCurvature(objectiveFromTape(resolveLandscape('himmelblau').tape));
    let calls = 0;
    const counted = { ...inner, ridges: (...a: Parameters<typeof inner.ridges>) => { calls += 1; return inner.ridges(...a); } };
    // Himmelblau's local maximum: both eigenvalues negative, four ridges (±v_0, ±v_1).
    const at = await inner.probe([-0.270845, -0.923039], null);
    const context = { grad: at.grad, alpha: 1e-3 };
    const all = await inner.ridges(at, { maxEigen: 2 }, context);
    expect(all.ridges.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    // The family's first search takes ψ[0] = 0 and asks for one eigen-direction: the shared answer still holds two.
    const start: StartRidges = { count: 2, found: null };
    const zeroth = firstRidgeOracle(counted, 0, start);
    expect((await zeroth.ridges(at, { maxEigen: 1 }, context)).ridges.map((r) => r.index)).toEqual([0, 1]);
    const second = firstRidgeOracle(counted, 1, start);
    const first = await second.ridges(at, { maxEigen: 1 }, context);
    expect(first.ridges.map((r) => [r.eig, r.sign, r.index])).toEqual([[1, 1, 2], [1, -1, 3]]);
    expect((await second.ridges(at, { maxEigen: 2 }, context)).ridges).toHaveLength(4);
    expect(calls).toBe(2);
  });
});

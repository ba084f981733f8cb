import { describe, expect, it } from 'vitest';
import { rngFromSeed } from '../../src/math/rng';
import { quarticSaddleObjective, runRidgeRider, runRidgeRiderAsync, type RidgeObjective, type RidgeRiderOptions } from '../../src/ridge-rider';
import { approxCurvature, gradientDescent, type HvpProblem } from '../../src/ridge-rider/approxCurvature';

/** A RidgeObjective seen only through L, ∇L and products H v (as a network is). */
function hvpOnly(obj: RidgeObjective): HvpProblem & { products: number } {
  const n = obj.n;
  const hess = new Float64Array(n * n);
  const g = new Float64Array(n);
  const p = {
    n, products: 0,
    lossAndGradient: async (theta: Float64Array) => { const grad = new Float64Array(n); return { f: obj.gradient(theta, grad), grad }; },
    hvp: async (theta: Float64Array, v: Float64Array) => {
      p.products++;
      obj.evaluate(theta, g, hess);
      return Float64Array.from({ length: n }, (_, i) => { let s = 0; for (let j = 0; j < n; j++) s += hess[i * n + j]! * v[j]!; return s; });
    },
  };
  return p;
}

describe('approximate Ridge Rider (Algorithm 2) on a loss known through H v', () => {
  const n = 12;
  const obj = quarticSaddleObjective(n, rngFromSeed(5), { negatives: 2 });
  const start = new Array(n).fill(0);
  const opts: RidgeRiderOptions = { step: { alpha: 0.05 }, maxRides: 5, getRidges: { maxEigen: 2 } };

  it('finds the same ridges at the saddle as exact Ridge Rider, and its rides end where the exact rides end', async () => {
    const exact = runRidgeRider(obj, start, opts);
    const problem = hvpOnly(obj);
    const { oracle, counters } = approxCurvature(problem, { k: 4, tol: 1e-10, maxMatvecs: 2000, inner: 10, lrE: 0.05, lrLambda: 0.05 });
    const approx = await runRidgeRiderAsync(oracle, start, opts);
    expect(approx.startRidges).toBe(exact.startRidges);
    // The four first-generation rides (±v₀, ±v₁) end at the same points, to the step's scale.
    const first = (rs: typeof exact.rides) => rs.filter((r) => r.fingerprint.length === 1);
    expect(first(approx.rides).map((r) => r.fingerprint)).toEqual(first(exact.rides).map((r) => r.fingerprint));
    first(approx.rides).forEach((r, i) => {
      const e = first(exact.rides)[i]!;
      const d = Math.hypot(...r.end.map((x, k) => x - e.end[k]!));
      expect(r.eigenvalue, `ride ${r.fingerprint}`).toBeCloseTo(e.eigenvalue, 8);
      expect(r.endReason).toBe(e.endReason);
      expect(Math.abs(r.steps - e.steps)).toBeLessThanOrEqual(1);
      expect(d, `ride ${r.fingerprint}`).toBeLessThan(0.25);
      expect(r.fEnd).toBeLessThan(r.fStart);
    });
    expect(counters.getRidgesMatvecs).toBeGreaterThan(0);
    expect(counters.followMatvecs).toBe(counters.follows * (1 + 2 * 10));
    expect(problem.products).toBe(counters.getRidgesMatvecs + counters.followMatvecs);
  });

  it('UpdateRidge by Lanczos (the exact rule from products alone) rides exactly where exact Ridge Rider rides', async () => {
    const exact = runRidgeRider(obj, start, opts);
    const problem = hvpOnly(obj);
    const { oracle, counters } = approxCurvature(problem, { k: 4, tol: 1e-10, maxMatvecs: 2000, inner: 10, lrE: 0.05, lrLambda: 0.05, update: 'lanczos' });
    const approx = await runRidgeRiderAsync(oracle, start, opts);
    // The same eigenvector of each pair ±v (its index ÷ 2) at every branch: an eigensolver's sign is its own.
    const pairs = (rs: typeof exact.rides) => rs.map((r) => r.fingerprint.map((x) => Math.floor(x / 2)));
    expect(pairs(approx.rides)).toEqual(pairs(exact.rides));
    approx.rides.forEach((r, i) => {
      const e = exact.rides[i]!;
      expect(r.endReason, `ride ${r.fingerprint}`).toBe(e.endReason);
      expect(r.steps, `ride ${r.fingerprint}`).toBe(e.steps);
      expect(r.eigenvalue).toBeCloseTo(e.eigenvalue, 8);
      // Each step's direction is the dense solver's eigenvector to Lanczos's tolerance: the same path, ending at the
      // exact ride's end or, along −v, at its twin's.
      const twins = exact.rides.filter((x) => pairs([x])[0]!.join() === pairs([r])[0]!.join());
      expect(Math.min(...twins.map((x) => Math.hypot(...r.end.map((y, k) => y - x.end[k]!)))), `ride ${r.fingerprint}`).toBeLessThan(1e-6);
    });
    // A Lanczos run at every step, for at least the k + 2 = 6 eigenpairs it keeps, every product counted.
    expect(counters.followMatvecs).toBeGreaterThanOrEqual(6 * counters.follows);
    expect(problem.products).toBe(counters.getRidgesMatvecs + counters.followMatvecs);
  });

  it('a ride\'s tolerance scale s is its branching point\'s, whatever GetRidges ran last', async () => {
    const { oracle } = approxCurvature(hvpOnly(obj), { k: 4, tol: 1e-10, maxMatvecs: 2000, inner: 2, lrE: 0.05, lrLambda: 0.05 });
    const ridgesAt = async (theta: number[], fingerprint: number[]) => {
      const at = await oracle.probe(theta, null);
      const found = await oracle.ridges(at, { maxEigen: 2 }, { grad: at.grad, alpha: 0.05, fingerprint });
      return { at, found };
    };
    const start = await ridgesAt(new Array(n).fill(0), []);
    const far = await ridgesAt(new Array(n).fill(0.8), [0]);
    expect(far.at.scale).not.toBeCloseTo(start.at.scale, 3);
    const ride = start.found.ridges[0]!;
    // Ride [1] branched at the start; ride [0, 1] where ride [0] ended; a heading without Ψ takes the last GetRidges'.
    const follow = async (fingerprint?: number[]) => {
      const trial = await oracle.probe(Float64Array.from(ride.direction, (d) => 0.05 * d), null);
      await oracle.follow(trial, null, { direction: ride.direction, lambda: ride.lambda, ...(fingerprint ? { fingerprint } : {}) }, new Float64Array(n));
      return trial.scale;
    };
    expect(await follow([1])).toBe(start.at.scale);
    expect(await follow([0, 1])).toBe(far.at.scale);
    expect(await follow()).toBe(far.at.scale);
  });

  it('GetRidges by the power method (the switch) finds the same ridges as by Lanczos, and the search goes the same way', async () => {
    const run = async (solver: 'lanczos' | 'power') => {
      const { oracle, counters } = approxCurvature(hvpOnly(obj), { k: 4, tol: 1e-9, maxMatvecs: 20_000, inner: 10, lrE: 0.05, lrLambda: 0.05, solver });
      return { r: await runRidgeRiderAsync(oracle, start, opts), counters };
    };
    const [l, p] = [await run('lanczos'), await run('power')];
    expect(p.r.startRidges).toBe(l.r.startRidges);
    // The same eigenvector of each pair ±v (its index ÷ 2): an eigensolver's sign is its own.
    const pairs = (rs: typeof l.r.rides) => rs.map((r) => r.fingerprint.map((x) => Math.floor(x / 2)));
    expect(pairs(p.r.rides)).toEqual(pairs(l.r.rides));
    p.r.rides.forEach((r, i) => {
      expect(r.eigenvalue).toBeCloseTo(l.r.rides[i]!.eigenvalue, 6);
      // Rides along +v and −v of the same pair end at the same two points, in either order.
      const twins = l.r.rides.filter((x) => x.fingerprint.length === r.fingerprint.length && pairs([x])[0]!.join() === pairs([r])[0]!.join());
      if (r.fingerprint.length === 1) expect(Math.min(...twins.map((x) => Math.hypot(...r.end.map((y, k) => y - x.end[k]!))))).toBeLessThan(1e-3);
    });
    expect(p.counters.getRidgesMatvecs).toBeGreaterThan(0);
  });

  it('gradient descent on the gradient alone converges to a minimum of the quartic', async () => {
    const problem = hvpOnly(obj);
    const r = await gradientDescent(problem, Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0.3 : 0)), 0.1, 5000, true);
    expect(r.stop).toBe('converged');
    const g = new Float64Array(n);
    obj.gradient(r.theta, g);
    expect(Math.hypot(...g)).toBeLessThan(1e-5);
    expect(r.path!.length).toBe((n + 1) * (r.steps + 1));
  });
});

describe('a near-MIS by descent on the gradient norm', () => {
  it('from a small start near a strict saddle, reaches the saddle (where descent on L would leave it), its ‖∇L‖ falling', async () => {
    const { gradNormDescent } = await import('../../src/ridge-rider/gradNormDescent');
    const n = 12;
    const obj = quarticSaddleObjective(n, rngFromSeed(5), { negatives: 2 });
    const rng = rngFromSeed(2);
    const start = Array.from({ length: n }, () => 0.02 * (rng() - 0.5));
    const r = await gradNormDescent(hvpOnly(obj), start, { lr: 0.2, maxSteps: 2000, tol: 1e-9 });
    expect(r.stop).toBe('converged');
    expect(Math.hypot(...r.theta)).toBeLessThan(1e-8);
    expect(r.f).toBeCloseTo(0, 12);
    for (let k = 1; k < r.gradNorms.length; k++) expect(r.gradNorms[k]).toBeLessThanOrEqual(r.gradNorms[k - 1]! * (1 + 1e-9));
  });
});

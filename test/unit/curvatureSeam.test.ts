import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { resolveLandscape } from '../../src/landscapes/registry';
import { rngFromSeed } from '../../src/math/rng';
import {
  exactCurvature, initRidgeRider, initRidgeRiderAsync, objectiveFromTape, quarticSaddleObjective, runRidgeRider, runRidgeRiderAsync,
  stepRidgeRider, stepRidgeRiderAsync, type CurvatureOracle, type RidgeRiderOptions, type RidgeRiderResult,
} from '../../src/ridge-rider';
import { deferred } from './deferredOracle';
import { symEig } from '../../src/math/symEig';
import { treeMis } from '../../src/envs/treeMis';
import { treeObjective } from '../../src/envs/treePolicy';
import { TREE_RUN_DEFAULTS, treeRidgeOptions } from '../../src/runners/treeMethods';
import { sweepTree } from '../../src/runners/treeSweep';
import type { ExactProbe } from '../../src/ridge-rider/exactCurvature';

/**
 * The curvature seam (src/ridge-rider/curvature.ts): the search skeleton reads curvature only through an oracle, and
 * one written step runs synchronously or awaiting promises. An oracle that answers every call with a promise (as a
 * WebGPU read-back does) must give exactly the search the synchronous exact oracle gives.
 */

const summary = (r: RidgeRiderResult) => ({
  order: r.order, stop: r.stop, totalSteps: r.totalSteps, gdSteps: r.gdSteps,
  rides: r.rides.map((x) => ({ ...x, path: Array.from(x.path), trace: Array.from(x.trace), gdPath: x.gdPath ? Array.from(x.gdPath) : null })),
});

const HIMMELBLAU_MAX = [-0.270845, -0.923039];

describe('the curvature seam', () => {
  it('an oracle that answers with promises gives exactly the synchronous search (Himmelblau, GD finish, backtracking)', async () => {
    const obj = objectiveFromTape(resolveLandscape('himmelblau').tape);
    const opts: RidgeRiderOptions = { step: { mode: 'backtracking', alpha: 0.05 }, gdFinish: { lr: 0.01 }, maxRides: 12 };
    const calls: Record<string, number> = {};
    const sync = runRidgeRider(obj, HIMMELBLAU_MAX, opts);
    const async = await runRidgeRiderAsync(deferred(exactCurvature(obj), calls), HIMMELBLAU_MAX, opts);
    expect(summary(async)).toEqual(summary(sync));
    expect(sync.rides.length).toBe(8);
    expect(sync.stop.reason).toBe('exhausted');
    // Every kind of question went through the oracle, asynchronously.
    expect(calls.probe).toBeGreaterThan(sync.totalSteps);
    expect(calls.follow).toBeGreaterThanOrEqual(sync.totalSteps);
    expect(calls.ridges).toBeGreaterThan(1);
    expect(calls.descend).toBe(sync.rides.length);
  });

  it('the same in 50 dimensions, random order, stepping one unit at a time', async () => {
    const obj = quarticSaddleObjective(50, rngFromSeed(3));
    const start = new Array(50).fill(0);
    const opts: RidgeRiderOptions = { order: 'random', step: { alpha: 0.05 }, maxRides: 5 };
    const a = initRidgeRider(obj, start, opts, rngFromSeed(9));
    while (!a.stop) stepRidgeRider(a);
    const b = await initRidgeRiderAsync(deferred(exactCurvature(obj), {}), start, opts, rngFromSeed(9));
    while (!b.stop) await stepRidgeRiderAsync(b);
    expect(b.rideOrder).toEqual(a.rideOrder);
    expect(b.rides.map((r) => [r.fingerprint, r.steps, r.endReason, r.end])).toEqual(a.rides.map((r) => [r.fingerprint, r.steps, r.endReason, r.end]));
    expect(b.stop).toEqual(a.stop);
  });

  it('the synchronous driver refuses an asynchronous oracle, saying which driver to use', () => {
    const obj = objectiveFromTape(compileFormula('x^2 - y^2'));
    expect(() => initRidgeRider(deferred(exactCurvature(obj), {}), [0, 0])).toThrow(/asynchronously: use stepRidgeRiderAsync or runRidgeRiderAsync/);
  });

  it('a rejected promise ends the search with that error', async () => {
    const obj = objectiveFromTape(compileFormula('x^2 - y^2'));
    const inner = exactCurvature(obj);
    const failing: CurvatureOracle = { ...inner, sync: false, follow: () => Promise.reject(new Error('device lost')) };
    await expect(runRidgeRiderAsync(failing, [0, 0])).rejects.toThrow('device lost');
  });

  it('each ride traces L and the followed λ at every point, and the GD finish path is recorded once, ending where the finish ended', () => {
    const obj = objectiveFromTape(resolveLandscape('himmelblau').tape);
    const res = runRidgeRider(obj, HIMMELBLAU_MAX, { gdFinish: { lr: 0.01 }, maxRides: 4 });
    expect(res.traceWidth).toBe(2);
    for (const r of res.rides) {
      expect(r.trace.length).toBe(2 * (r.steps + 1));
      expect(r.trace[0]).toBe(r.fStart);
      expect(r.trace[1]).toBe(r.eigenvalue);
      expect(r.trace.at(-2)).toBe(r.fEnd);
      expect(r.trace.at(-1)).toBe(r.eigenvalueEnd);
      for (let k = 0; k <= r.steps; k++) expect(r.trace[2 * k]).toBe(r.path[3 * k + 2]);
      const gd = r.gdPath!;
      expect(gd.length).toBe(3 * (r.gdSteps! + 1));
      expect(Array.from(gd.subarray(0, 2))).toEqual(r.end);
      expect(Array.from(gd.subarray(gd.length - 3, gd.length - 1))).toEqual(r.endAfterGd);
      expect(gd[gd.length - 1]).toBe(r.fAfterGd);
    }
  });

  it('a problem summary is traced at every point even without paths', () => {
    const obj = objectiveFromTape(resolveLandscape('himmelblau').tape);
    const res = runRidgeRider(obj, HIMMELBLAU_MAX, {
      maxRides: 2, recordPaths: false, summary: { labels: ['x + y', '|θ|'], at: (t, out) => { out[0] = t[0]! + t[1]!; out[1] = Math.hypot(t[0]!, t[1]!); } },
    });
    expect(res.traceWidth).toBe(4);
    for (const r of res.rides) {
      expect(r.path.length).toBe(0);
      expect(r.trace.length).toBe(4 * (r.steps + 1));
      expect(r.trace[2]).toBeCloseTo(r.start[0]! + r.start[1]!, 12);
      expect(r.trace.at(-2)).toBeCloseTo(r.end[0]! + r.end[1]!, 12);
      expect(r.trace.at(-1)).toBeCloseTo(Math.hypot(r.end[0]!, r.end[1]!), 12);
    }
  });

  it('the exact oracle decomposes a Hessian only when the search reads its spectrum, and the search is the same as decomposing every probe', () => {
    const tree = sweepTree(1, 8, 3);
    const obj = treeObjective(tree);
    const theta0 = treeMis(tree, obj, 'trajectory-entropy');
    const opts = treeRidgeOptions(TREE_RUN_DEFAULTS, 2000);

    const lazy = exactCurvature(obj);
    const at = lazy.probe(theta0, null) as ExactProbe;
    expect(Array.from(at.spec.values).every((v) => v === 0)).toBe(true);
    let frob = 0;
    for (const h of at.hess) frob += h * h;
    expect(at.scale).toBe(Math.sqrt(frob));
    lazy.ridges(at, {}, { grad: at.grad, alpha: 0.5 });
    const dense = symEig(at.hess, obj.n);
    expect(Array.from(at.spec.values)).toEqual(Array.from(dense.values));
    expect(at.scale).toBe(Math.max(...Array.from(dense.values, Math.abs)));

    const calls = { probe: 0, decomposed: 0 };
    const counted: CurvatureOracle<ExactProbe> = {
      ...lazy,
      probe: (t, spare) => { calls.probe++; return lazy.probe(t, spare); },
      follow: (a, from, heading, out) => { calls.decomposed++; return lazy.follow(a, from, heading, out); },
      ridges: (a, o, c) => { calls.decomposed++; return lazy.ridges(a, o, c); },
    };
    const eagerInner = exactCurvature(obj);
    const eager: CurvatureOracle<ExactProbe> = {
      ...eagerInner,
      probe: (t, spare) => { const p = eagerInner.probe(t, spare) as ExactProbe; if (p.finite) eagerInner.ridges(p, {}, { grad: p.grad, alpha: 0.5 }); return p; },
    };
    const a = runRidgeRider(counted as CurvatureOracle, theta0, opts, rngFromSeed(4));
    const b = runRidgeRider(eager as CurvatureOracle, theta0, opts, rngFromSeed(4));
    expect(summary(a)).toEqual(summary(b));
    expect(a.totalSteps).toBeGreaterThan(100);
    // Backtracking rejects some trials on their loss alone: those are never decomposed.
    expect(calls.decomposed).toBeLessThan(calls.probe);
  });
});


import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById, resolveLandscape } from '../../src/landscapes/registry';
import { rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { symEig2 } from '../../src/math/symEig2';
import { gradientDescentRing } from '../../src/ridge-rider/gdRing';
import { decodeRidgeIndex, fingerprintText, getRidges, ridgeIndex } from '../../src/ridge-rider/getRidges';
import { objectiveFromTape, type RidgeObjective } from '../../src/ridge-rider/objective';
import { refineToSaddle, refineToSaddle2D } from '../../src/ridge-rider/refineToSaddle';
import { initRidgeRider, ridgeRiderResult, runRidgeRider, stepRidgeRider } from '../../src/ridge-rider/ridgeRider';
import type { Ride, RidgeRiderOptions } from '../../src/ridge-rider/state';
import { quarticSaddleObjective } from '../../src/ridge-rider/testProblems';
import { updateRidgeExact } from '../../src/ridge-rider/updateRidge';

const formula = (text: string, vars?: string[]): RidgeObjective => objectiveFromTape(compileFormula(text, vars));
const himmelblau = (): RidgeObjective => objectiveFromTape(resolveLandscape('himmelblau').tape);
/** Himmelblau's local maximum (es-vo.md; registry description). */
const HIMMELBLAU_MAX = [-0.270845, -0.923039];

/** The point k of a ride's path (stride n + 1) and L there. */
function pathPoint(r: Ride, n: number, k: number): { theta: number[]; f: number } {
  const o = k * (n + 1);
  return { theta: Array.from(r.path.subarray(o, o + n)), f: r.path[o + n]! };
}
const pathLength = (r: Ride, n: number): number => r.path.length / (n + 1);

describe('Ridge Rider: straight ridges', () => {
  it('x² − y² from the saddle: exactly two rides, straight along ±y, the negative-curvature eigenvector', () => {
    const obj = formula('x^2 - y^2');
    const e = symEig2(2, 0, -2);
    const res = runRidgeRider(obj, [0, 0], { step: { alpha: 0.01 }, endRide: { box: { lo: [-2, -2], hi: [2, 2] } } });
    expect(res.startRidges).toBe(2);
    expect(res.rides).toHaveLength(2);
    expect(res.stop.reason).toBe('exhausted');
    res.rides.forEach((r, i) => {
      expect(r.fingerprint).toEqual([i]);
      expect(r.parent).toBeNull();
      expect(r.eigenvalue).toBe(-2);
      expect(Math.abs(r.direction[0]! * e.e1x + r.direction[1]! * e.e1y)).toBe(1);
      expect(r.direction[1]).toBe(i === 0 ? 1 : -1);
      expect(r.endReason).toBe('diverged');
      for (let k = 0; k < pathLength(r, 2); k++) {
        const p = pathPoint(r, 2, k);
        expect(p.theta[0]).toBe(0);
        expect(p.theta[1]).toBeCloseTo((i === 0 ? 1 : -1) * 0.01 * k, 12);
      }
      expect(Math.abs(r.end[1]!)).toBeGreaterThan(1.99);
    });
  });

  it('x² + y⁴/4 − y²/2: the ride along ±y stops where λ turns ≥ 0 (|y| = 1/√3), GD then finds the minima (0, ±1)', () => {
    const obj = formula('x^2 + y^4/4 - y^2/2');
    const alpha = 0.01;
    const res = runRidgeRider(obj, [0, 0], { step: { alpha }, gdFinish: { lr: 0.05, maxSteps: 5000 } });
    expect(res.rides.map((r) => r.endReason)).toEqual(['curvature', 'curvature']);
    for (const r of res.rides) {
      expect(Math.abs(Math.abs(r.end[1]!) - 1 / Math.sqrt(3))).toBeLessThanOrEqual(alpha);
      expect(r.eigenvalueEnd).toBeGreaterThanOrEqual(0);
      expect(r.children).toEqual([]);
      expect(Math.abs(r.endAfterGd![1]!)).toBeCloseTo(1, 5);
      expect(r.fAfterGd).toBeCloseTo(-0.25, 9);
    }
    // Without (a), the ride goes on until L stops decreasing, at the 1D minimum y = ±1 (the step that would rise is not taken).
    const noCurv = runRidgeRider(obj, [0, 0], { step: { alpha }, endRide: { curvature: false } });
    for (const r of noCurv.rides) {
      expect(r.endReason).toBe('loss');
      expect(Math.abs(Math.abs(r.end[1]!) - 1)).toBeLessThanOrEqual(alpha);
    }
  });
});

describe('Ridge Rider on Himmelblau from the maximum', () => {
  const obj = himmelblau();
  const opts: RidgeRiderOptions = { maxRides: 24, gdFinish: { lr: 0.01, maxSteps: 5000 } };
  const res = runRidgeRider(obj, HIMMELBLAU_MAX, opts, rngFromSeed(1));

  it('the first four rides leave along both eigenvectors of H in both directions (symEig2 at the maximum)', () => {
    const g = new Float64Array(2), h = new Float64Array(4);
    obj.evaluate(HIMMELBLAU_MAX, g, h);
    const e = symEig2(h[0]!, h[1]!, h[3]!);
    const v0 = [e.e1x, e.e1y];
    const v1 = [-e.e1y, e.e1x];
    expect(res.startRidges).toBe(4);
    const first = res.rides.slice(0, 4);
    expect(first.map((r) => r.fingerprint)).toEqual([[0], [1], [2], [3]]);
    expect(first.map((r) => r.eigenvalue)).toEqual([e.l1, e.l1, e.l2, e.l2].map((l) => expect.closeTo(l, 9)));
    first.forEach((r, i) => {
      const v = i < 2 ? v0 : v1;
      // The first step is α·d: compare the actual displacement with ±v (the sign is the scheme's, up to symEig's canonical sign).
      const p0 = pathPoint(r, 2, 0).theta, p1 = pathPoint(r, 2, 1).theta;
      const dx = (p1[0]! - p0[0]!) / 0.01, dy = (p1[1]! - p0[1]!) / 0.01;
      expect(Math.abs(dx * v[0]! + dy * v[1]!)).toBeCloseTo(1, 10);
      expect(Math.sign(dx * r.direction[0]! + dy * r.direction[1]!)).toBe(1);
      expect(decodeRidgeIndex(r.fingerprint[0]!).sign).toBe(i % 2 === 0 ? 1 : -1);
    });
    // Opposite directions per eigenvector.
    expect(first[0]!.direction[0]! + first[1]!.direction[0]!).toBeCloseTo(0, 15);
    expect(first[2]!.direction[1]! + first[3]!.direction[1]!).toBeCloseTo(0, 15);
  });

  it('the loss decreases monotonically along every ride, also with the loss check (c) off for the first four', () => {
    for (const r of res.rides) {
      for (let k = 1; k < pathLength(r, 2); k++) expect(pathPoint(r, 2, k).f).toBeLessThan(pathPoint(r, 2, k - 1).f);
    }
    const noLoss = runRidgeRider(obj, HIMMELBLAU_MAX, { maxRides: 4, endRide: { loss: false } });
    for (const r of noLoss.rides) {
      expect(r.steps).toBeGreaterThan(50);
      for (let k = 1; k < pathLength(r, 2); k++) expect(pathPoint(r, 2, k).f).toBeLessThan(pathPoint(r, 2, k - 1).f);
    }
  });

  it('with GD finishes the search reaches three distinct minima in its first three rides; (3, 2) is not on any ridge', () => {
    const minima = landscapeById('himmelblau')!.minima;
    const reached = res.rides.map((r) => minima.findIndex((m) => Math.hypot(r.endAfterGd![0]! - m.x, r.endAfterGd![1]! - m.y) < 1e-4));
    expect(reached.every((k) => k >= 0)).toBe(true);
    expect(reached.slice(0, 3)).toEqual([3, 2, 1]);
    expect(new Set(reached)).toEqual(new Set([1, 2, 3]));
    for (const r of res.rides) expect(r.fAfterGd!).toBeLessThan(1e-10);
  });

  it('fingerprints extend the parent’s by one index; search order is deterministic and differs between bfs and dfs', () => {
    const byId = new Map(res.rides.map((r) => [r.id, r]));
    for (const r of res.rides) {
      if (r.parent === null) { expect(r.fingerprint).toHaveLength(1); continue; }
      const p = byId.get(r.parent)!;
      expect(r.fingerprint.slice(0, -1)).toEqual(p.fingerprint);
      expect(p.children).toContain(r.id);
      expect(r.start).toEqual(p.end);
    }
    expect(fingerprintText([ridgeIndex(0, 1), ridgeIndex(1, -1)])).toBe('0+ 1−');
    const again = runRidgeRider(obj, HIMMELBLAU_MAX, opts, rngFromSeed(1));
    expect(again.order).toEqual(res.order);
    expect(again.rides.map((r) => r.fingerprint)).toEqual(res.rides.map((r) => r.fingerprint));
    // The whole tree: 9 rides, then the archive is empty (no U-turn / minimum progress, getRidges.ts).
    expect(res.order).toEqual(Array.from({ length: 9 }, (_, i) => i));
    expect(res.stop.reason).toBe('exhausted');
    const dfs = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, order: 'dfs' });
    // DFS rides the subtree of ride 2 (ids 4, 5, 6) before ride 3; BFS rides 3 fourth.
    expect(dfs.order.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(dfs.order.indexOf(3)).toBeGreaterThan(4);
    expect(dfs.order).not.toEqual(res.order);
    // 'best': the lowest L first; the four start ridges tie on L and go by λ (most negative first), then the children of ride 2 (L = 113.6 < 181.6).
    const best = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, order: 'best' });
    expect(best.order.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(new Set(best.order).size).toBe(best.order.length);
    const r1 = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, order: 'random' }, rngFromSeed(1));
    const r1b = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, order: 'random' }, rngFromSeed(1));
    const r2 = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, order: 'random' }, rngFromSeed(2));
    expect(r1b.order).toEqual(r1.order);
    expect(r2.order).not.toEqual(r1.order);
  });

  it('the step API reproduces run, and the caps stop the search with a reason', () => {
    const state = initRidgeRider(obj, HIMMELBLAU_MAX, opts, rngFromSeed(1));
    while (!state.stop) stepRidgeRider(state);
    const stepped = ridgeRiderResult(state);
    expect(stepped.rides.map((r) => [r.id, r.steps, r.endReason])).toEqual(res.rides.map((r) => [r.id, r.steps, r.endReason]));
    const few = runRidgeRider(obj, HIMMELBLAU_MAX, { ...opts, maxRides: 4 });
    expect(few.stop.reason).toBe('max-rides');
    expect(few.stop.archiveLeft).toBeGreaterThan(0);
    const capped = runRidgeRider(obj, HIMMELBLAU_MAX, { maxTotalSteps: 300 });
    expect(capped.stop.reason).toBe('max-total-steps');
    expect(capped.totalSteps).toBe(300);
    expect(capped.rides.at(-1)!.endReason).toBe('search-cap');
    expect(capped.rides.at(-1)!.children).toEqual([]);
    let polls = 0;
    const cancelled = runRidgeRider(obj, HIMMELBLAU_MAX, {}, rngFromSeed(1), { checkEvery: 10, shouldCancel: () => ++polls > 3 });
    expect(cancelled.stop.reason).toBe('cancelled');
    expect(cancelled.totalSteps).toBeLessThan(40);
  });
});

describe('Ridge Rider with repeated eigenvalues', () => {
  it('UpdateRidge projects onto a cluster instead of jumping between basis vectors', () => {
    // H = diag(−1, −1, 2): any unit vector in the first two coordinates is an eigenvector.
    const spec = symEig(Float64Array.of(-1, 0, 0, 0, -1, 0, 0, 0, 2), 3);
    const prev = Float64Array.of(Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0);
    const out = new Float64Array(3);
    const u = updateRidgeExact(spec, prev, out);
    expect(u.cluster).toBe(2);
    expect(u.overlap).toBeCloseTo(1, 15);
    expect(u.lambda).toBeCloseTo(-1, 15);
    for (let i = 0; i < 3; i++) expect(out[i]!).toBeCloseTo(prev[i]!, 15);
    const plain = updateRidgeExact(spec, prev, out, { continuity: false });
    expect(plain.overlap).toBeCloseTo(Math.cos(Math.PI / 6), 12);
  });

  it('−(x² + y²)/2 + 10⁻⁹x³y: λ stays doubly repeated along the x-axis and the ride never flips', () => {
    // Off the y-axis the tiny cubic turns the computed eigenbasis by 45°: a plain argmax would jump (overlap 0.71).
    const obj = formula('-(x^2 + y^2)/2 + 1e-9 * x^3 * y');
    const opts: RidgeRiderOptions = { step: { alpha: 0.01 }, endRide: { maxRideSteps: 150 } };
    const res = runRidgeRider(obj, [0, 0], { ...opts, maxRides: 4 });
    expect(res.rides).toHaveLength(4);
    for (const r of res.rides) {
      expect(r.endReason).toBe('max-ride-steps');
      expect(r.steps).toBe(150);
      const d = r.direction;
      for (let k = 1; k < pathLength(r, 2); k++) {
        const a = pathPoint(r, 2, k - 1).theta, b = pathPoint(r, 2, k).theta;
        expect(((b[0]! - a[0]!) * d[0]! + (b[1]! - a[1]!) * d[1]!) / 0.01).toBeCloseTo(1, 12);
      }
    }
    const flipping = runRidgeRider(obj, [0, 0], { ...opts, maxRides: 4, updateRidge: { continuity: false } });
    expect(flipping.rides.filter((r) => Math.abs(r.direction[0]!) === 1).map((r) => [r.endReason, r.steps])).toEqual([['overlap', 1], ['overlap', 1]]);
  });

  it('radially symmetric n = 6 bowl-cap: one ridge pair per group with onePerGroup, radial straight rides', () => {
    const n = 6;
    const vars = Array.from({ length: n }, (_, i) => `t${i}`);
    const r2 = vars.map((v) => `${v}^2`).join(' + ');
    const obj = formula(`-(${r2})/2 + (${r2})^2/4`, vars);
    const start = new Array(n).fill(0);
    const ridges = getRidges(symEig(Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? -1 : 0)), n));
    expect(ridges).toHaveLength(2 * n);
    expect(ridges.every((r) => r.multiplicity === n && r.group === 0)).toBe(true);
    const res = runRidgeRider(obj, start, { getRidges: { onePerGroup: true }, step: { alpha: 0.01 }, maxRides: 2 });
    expect(res.startRidges).toBe(2);
    for (const r of res.rides.slice(0, 2)) {
      expect(r.endReason).toBe('curvature');
      const norm = Math.hypot(...r.end);
      expect(Math.abs(norm - 1 / Math.sqrt(3))).toBeLessThanOrEqual(0.01);
      const cos = r.end.reduce((s, v, i) => s + v * r.direction[i]!, 0) / norm;
      expect(cos).toBeCloseTo(1, 12);
    }
  });
});

describe('Ridge Rider in n dimensions', () => {
  it('n = 30 quadratic-plus-quartic with a saddle at 0: rides start along ±eigenvectors of A and descend; GD ends at minima', () => {
    const n = 30;
    const obj = quarticSaddleObjective(n, rngFromSeed(11), { negatives: 3 });
    const res = runRidgeRider(obj, new Array(n).fill(0), { step: { alpha: 0.05 }, maxRides: 10, gdFinish: { lr: 0.05, maxSteps: 20000 } });
    expect(res.startRidges).toBe(6);
    expect(res.rides).toHaveLength(10);
    const eig = symEig(obj.A, n);
    const g = new Float64Array(n), h = new Float64Array(n * n);
    for (const r of res.rides) {
      for (let k = 1; k < pathLength(r, n); k++) expect(pathPoint(r, n, k).f).toBeLessThan(pathPoint(r, n, k - 1).f);
      obj.evaluate(r.endAfterGd!, g, h);
      expect(Math.hypot(...g)).toBeLessThan(1e-5);
      expect(symEig(h, n).values[0]!).toBeGreaterThan(0);
      expect(r.fAfterGd!).toBeLessThan(r.fEnd);
    }
    for (const r of res.rides.filter((x) => x.parent === null)) {
      const { eig: i } = decodeRidgeIndex(r.fingerprint[0]!);
      const dot = r.direction.reduce((s, v, k) => s + v * eig.vectors[i * n + k]!, 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 10);
      expect(r.eigenvalue).toBeCloseTo(eig.values[i]!, 10);
    }
    const again = runRidgeRider(obj, new Array(n).fill(0), { step: { alpha: 0.05 }, maxRides: 10, gdFinish: { lr: 0.05, maxSteps: 20000 } });
    expect(again.rides.map((r) => r.end)).toEqual(res.rides.map((r) => r.end));
  });
});

describe('EndRide safety and step sizes', () => {
  it('non-finite values end a ride as diverged, keeping the last finite point', () => {
    const res = runRidgeRider(formula('x^2 - y^2 + 0.1*sqrt(1 - y)'), [0, 0], { step: { alpha: 0.05 }, endRide: { box: { lo: [-5, -5], hi: [5, 5] } } });
    const up = res.rides.find((r) => r.direction[1]! > 0)!;
    expect(up.endReason).toBe('diverged');
    expect(up.end[1]).toBeLessThanOrEqual(1);
    expect(up.end[1]).toBeGreaterThan(0.9);
  });

  it('backtracking halves α from α_max until the checks pass; steps are α_max/2^k', () => {
    const res = runRidgeRider(formula('x^2 + y^4/4 - y^2/2'), [0, 0], { step: { mode: 'backtracking', alpha: 0.8 }, endRide: { curvature: false } });
    for (const r of res.rides) {
      expect(['alpha-min', 'loss']).toContain(r.endReason);
      expect(Math.abs(Math.abs(r.end[1]!) - 1)).toBeLessThan(1e-3);
      let kept = 0;
      for (let k = 1; k < pathLength(r, 2); k++) {
        const len = Math.abs(pathPoint(r, 2, k).theta[1]! - pathPoint(r, 2, k - 1).theta[1]!);
        expect(Math.log2(0.8 / len) % 1).toBeCloseTo(0, 9);
        kept += Math.round(Math.log2(0.8 / len));
      }
      // The end's note counts the halvings: those of the accepted steps, and the last trial's down to α_min (α_max/1024).
      const halved = Number(/backtracking halved α (\d+) times? over the ride's (\d+) steps?/.exec(r.note)?.[1]);
      expect(r.note).toContain(`over the ride's ${r.steps} step`);
      expect(halved).toBeGreaterThanOrEqual(kept);
      expect(halved).toBeLessThanOrEqual(kept + 11);
      expect(kept, 'the ride halved some of its steps').toBeGreaterThan(0);
    }
  });

  it('EndRide (c) with patience p: up to p steps in a row that do not lower L are taken; the ride passes a bump no wider than that, else ends at its lowest point', () => {
    // Along +y (x = 0), L = −y²/2 falls but a bump at y = 0.5 makes it rise for a few steps of α = 0.01. Across the
    // ride, ∂²L/∂x² = −(1 + y)/2: negative curvature to branch along, different at every point of the ride.
    const obj = formula('-(1+y)*x^2/4 - y^2/2 + 0.05*exp(-((y-0.5)/0.05)^2)');
    const search = (patience: number, maxRides = 4) => runRidgeRider(obj, [0, 0], { step: { alpha: 0.01 }, endRide: { curvature: false, overlap: false, patience, maxRideSteps: 100 }, maxRides, recordPaths: true });
    const upRide = (res: ReturnType<typeof search>) => res.rides.find((r) => r.direction[1]! > 0 && r.parent === null)!;
    const strict = upRide(search(0));
    expect(strict.endReason).toBe('loss');
    expect(strict.end[1]).toBeCloseTo(0.43, 9);
    // Patience 3: three steps past the strict end are taken, none lowers L, the fourth is refused, and the ride ends at
    // its lowest point, the strict end: the three steps are dropped from its path and trace.
    const res3 = search(3, 12);
    const three = upRide(res3);
    expect(three.endReason).toBe('loss');
    expect(three.steps).toBe(strict.steps);
    expect(three.end).toEqual(strict.end);
    expect(three.note).toContain('the 3 steps past it are dropped');
    expect(pathLength(three, 2)).toBe(three.steps + 1);
    expect(three.trace.length).toBe((three.steps + 1) * res3.traceWidth);
    expect(res3.totalSteps).toBeGreaterThanOrEqual(strict.steps + 3);
    // Its branches start there, along ±x with the curvature there, −(1 + y)/2 (not at the dropped steps' last point).
    const children = res3.rides.filter((r) => r.parent === three.id);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      expect(child.start).toEqual(three.end);
      expect(child.eigenvalue).toBeCloseTo(-(1 + three.end[1]!) / 2, 9);
    }
    const ten = upRide(search(10));
    expect(ten.endReason).toBe('max-ride-steps');
    expect(ten.end[1]).toBeCloseTo(1, 9);
    expect(() => runRidgeRider(obj, [0, 0], { endRide: { patience: 1.5 } })).toThrow(/patience/);
  });

  it('a start without negative curvature is reported, not ridden; invalid options throw', () => {
    const res = runRidgeRider(himmelblau(), [3, 2]);
    expect(res.stop.reason).toBe('no-ridges');
    expect(res.rides).toEqual([]);
    expect(() => runRidgeRider(himmelblau(), [0, 0], { endRide: { deltaBreak: 1.5 } })).toThrow(/deltaBreak/);
    expect(() => runRidgeRider(himmelblau(), [0, 0, 0])).toThrow(/2 coordinates/);
    expect(() => runRidgeRider(himmelblau(), HIMMELBLAU_MAX, { gdFinish: { lr: 50 } })).toThrow(/lr = 50 is out of range/);
  });
});

describe('GetRidges', () => {
  // H = diag(−3, −2, −2, −1, 1) in a shuffled basis: eigen-indices 0..3 are negative, 1 and 2 form a group.
  const n = 5;
  const h = new Float64Array(n * n);
  [-1, -2, 1, -3, -2].forEach((v, i) => { h[i * n + i] = v; });
  const spec = symEig(h, n);
  const idx = (opts: Parameters<typeof getRidges>[1], at?: Parameters<typeof getRidges>[2]): number[] => getRidges(spec, opts, at).map((r) => r.index);

  it('offers ±v_i for every negative λ as r = 2i, 2i + 1; N most negative; one per group; one sign', () => {
    expect(idx({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(getRidges(spec).map((r) => [r.lambda, r.group, r.multiplicity])).toEqual([
      [-3, 0, 1], [-3, 0, 1], [-2, 1, 2], [-2, 1, 2], [-2, 1, 2], [-2, 1, 2], [-1, 2, 1], [-1, 2, 1]]);
    expect(idx({ maxEigen: 2 })).toEqual([0, 1, 2, 3]);
    expect(idx({ onePerGroup: true })).toEqual([0, 1, 2, 3, 6, 7]);
    expect(idx({ onePerGroup: true, maxEigen: 3 })).toEqual([0, 1, 2, 3, 6, 7]);
    expect(idx({ bothSigns: false })).toEqual([0, 2, 4, 6]);
    expect(idx({ negTol: 0.3 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]); // relative: λ < −0.3·max|λ| = −0.9
    expect(idx({ negTol: 0.4 })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('descentOnly drops the direction whose first step of length α climbs: ⟨∇L, d⟩ ≥ ½α|λ|', () => {
    const v0 = Array.from(spec.vectors.subarray(0, n));
    const grad = v0.map((x) => 0.2 * x);
    expect(idx({}, { grad, alpha: 0.1 })).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(idx({}, { grad, alpha: 0.2 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(idx({ descentOnly: false }, { grad, alpha: 0.1 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('Figure 1 stand-in surface (ridge-rider.md §2)', () => {
  it('RR from the maximum: ±x rides end near the local minima, ±y rides stop at (0, ±2.34); GD finishes at (±1.25, 0) and (0, ±3.04)', () => {
    const obj = formula('exp(-(x^2/0.5 + y^2/4)) - 0.6*(exp(-((x-1.2)^2+y^2)/0.3) + exp(-((x+1.2)^2+y^2)/0.3)) - 1.5*(exp(-(x^2+(y-3)^2)/0.8) + exp(-(x^2+(y+3)^2)/0.8))');
    const res = runRidgeRider(obj, [0, 0], { step: { alpha: 0.01 }, gdFinish: { lr: 0.01, maxSteps: 20000 } });
    expect(res.stop.reason).toBe('exhausted');
    expect(res.rides.map((r) => r.eigenvalue)).toEqual([-4.566, -4.566, -0.436, -0.436].map((l) => expect.closeTo(l, 3)));
    const [xp, xm, yp, ym] = res.rides;
    expect(xp!.endAfterGd![0]).toBeCloseTo(1.254, 2);
    expect(xm!.endAfterGd![0]).toBeCloseTo(-1.254, 2);
    for (const [r, sgn] of [[yp!, 1], [ym!, -1]] as const) {
      expect(r.endReason).toBe('curvature');
      expect(r.end[1]! * sgn).toBeCloseTo(2.34, 2);
      expect(r.endAfterGd![1]! * sgn).toBeCloseTo(3.04, 2);
      expect(r.fAfterGd).toBeCloseTo(-1.398, 2);
    }
  });
});

describe('branching without ping-pong: no U-turn and minimum progress (getRidges.ts)', () => {
  const fig1 = (): RidgeObjective => objectiveFromTape(resolveLandscape('ridge-rider-fig1').tape);
  /** Backtracking as in the Figure 1 preset, with the engine's default EndRide (λ ≥ 0 ends a ride, L must decrease). */
  const fig1Opts: RidgeRiderOptions = { step: { mode: 'backtracking', alpha: 0.05, alphaMin: 1e-4 }, endRide: { deltaBreak: 0.95 }, maxRides: 30 };
  const OFF = { noUTurn: false, minProgress: 0 } as const;

  it('getRidges drops the ridge that reverses the arrival direction, and only that one', () => {
    const spec = symEig(Float64Array.of(-3, 0, 0, -1), 2);
    const grad = [0, 0];
    const at = (d: number[]) => ({ grad, alpha: 0.01, arrival: { direction: d, deltaBreak: 0.95 } });
    const idx = (ctx?: ReturnType<typeof at>, o = {}): number[] => getRidges(spec, o, ctx).map((r) => r.index);
    expect(idx()).toEqual([0, 1, 2, 3]);
    expect(idx(at([1, 0]))).toEqual([0, 2, 3]); // arrived along +v₀: −v₀ is the U-turn
    expect(idx(at([0, -1]))).toEqual([0, 1, 3]); // arrived along −v₁: +v₁ is the U-turn
    const c = Math.cos(0.4), s = Math.sin(0.4); // 23° off −v₀: ⟨−v₀, −d⟩ = 0.92 < δ_break, not a U-turn
    expect(idx(at([c, s]))).toEqual([0, 1, 2, 3]);
    expect(idx(at([1, 0]), { noUTurn: false })).toEqual([0, 1, 2, 3]);
    // The arrival's length does not count (approximate UpdateRidge may carry ‖e‖ ≠ 1): 0.23 and 3.1 times the same
    // directions drop the same ridges.
    for (const k of [0.23, 3.1]) {
      expect(idx(at([k, 0]))).toEqual([0, 2, 3]);
      expect(idx(at([k * c, k * s]))).toEqual([0, 1, 2, 3]);
    }
  });

  it('Figure 1 surface: without the fix the ride from brown\'s end ping-pongs near (0.37, 2.12) until maxRides', () => {
    const broken = runRidgeRider(fig1(), [0, 0], { ...fig1Opts, getRidges: OFF });
    expect(broken.stop.reason).toBe('max-rides');
    const tail = broken.rides.slice(6);
    expect(tail.every((r) => r.steps <= 3 && Math.abs(r.end[0]! - 0.45) < 0.15 && Math.abs(r.end[1]! - 2.19) < 0.1)).toBe(true);
    expect(tail.map((r) => r.fingerprint.at(-1))).toEqual(tail.map((_, i) => (i % 2 === 0 ? 0 : 1)));
  });

  it('Figure 1 surface with the fix: a small tree, every ride several steps long, at either step rule', () => {
    for (const step of [fig1Opts.step!, { alpha: 0.01 }]) {
      const res = runRidgeRider(fig1(), [0, 0], { ...fig1Opts, step });
      expect(res.stop.reason).toBe('exhausted');
      expect(res.rides.length).toBeLessThanOrEqual(8);
      for (const r of res.rides) expect(r.steps).toBeGreaterThanOrEqual(5);
      // Each rule alone already breaks the loop.
      for (const one of [{ noUTurn: false }, { minProgress: 0 }]) {
        const alone = runRidgeRider(fig1(), [0, 0], { ...fig1Opts, step, getRidges: one });
        expect(alone.stop.reason).toBe('exhausted');
        expect(alone.rides.length).toBeLessThanOrEqual(8);
      }
    }
  });

  it('Himmelblau near (−1.7, 1.64), where H ≈ 0: BFS and DFS both ride the four first ridges within 12 rides', () => {
    const obj = himmelblau();
    for (const order of ['bfs', 'dfs'] as const) {
      const res = runRidgeRider(obj, HIMMELBLAU_MAX, { order, maxRides: 12 });
      expect(res.stop.reason, order).toBe('exhausted');
      for (const id of [0, 1, 2, 3]) expect(res.order, order).toContain(id);
      const broken = runRidgeRider(obj, HIMMELBLAU_MAX, { order, maxRides: 12, getRidges: OFF });
      expect(broken.stop.reason, order).toBe('max-rides');
      if (order === 'dfs') expect(broken.order).not.toContain(3);
    }
  });

  it('keeps the paper\'s branching at a ride that ends on curvature: both signs of the remaining negative eigenvector', () => {
    const res = runRidgeRider(himmelblau(), HIMMELBLAU_MAX, { maxRides: 12 });
    const r3 = res.rides.find((r) => r.id === 3)!;
    expect(r3.endReason).toBe('curvature');
    expect(res.rides.filter((r) => r.parent === 3).map((r) => r.fingerprint)).toEqual([[3, 0], [3, 1]]);
    // A ride that moves less than minProgress·α does not branch, and says so.
    const short = res.rides.filter((r) => r.children.length === 0 && /too close to branch/.test(r.note));
    expect(short.length).toBeGreaterThan(0);
    for (const r of short) expect(Math.hypot(r.end[0]! - r.start[0]!, r.end[1]! - r.start[1]!)).toBeLessThan(0.02);
  });
});

describe('starting points and Appendix D.1', () => {
  it('refineToSaddle: Newton on ∇L from a click near Himmelblau\'s maximum lands on it; from a minimum it suggests the nearest saddle', () => {
    const obj = himmelblau();
    const r = refineToSaddle(obj, [-0.2, -0.8]);
    expect(r.converged).toBe(true);
    expect(r.kind).toBe('maximum');
    expect(r.theta[0]).toBeCloseTo(HIMMELBLAU_MAX[0]!, 5);
    expect(r.theta[1]).toBeCloseTo(HIMMELBLAU_MAX[1]!, 5);
    expect(r.negativeCount).toBe(2);
    const m = refineToSaddle2D(obj, [2.9, 2.1], landscapeById('himmelblau')!.domain);
    expect(m.kind).toBe('minimum');
    expect(m.hasNegativeCurvature).toBe(false);
    expect(m.suggestion!.point.kind).toBe('saddle');
    expect(m.suggestion!.point.x).toBeCloseTo(3.385154, 4);
    expect(m.suggestion!.point.y).toBeCloseTo(0.073852, 4);
    expect(m.message).toMatch(/no negative curvature.*nearest saddle/);
    const s = refineToSaddle(quarticSaddleObjective(8, rngFromSeed(3)), new Array(8).fill(0.01));
    expect(s.converged).toBe(true);
    expect(s.kind).toBe('saddle');
    expect(Math.hypot(...s.theta)).toBeLessThan(1e-9);
  });

  it('gradient descent from a ring around a saddle leaves along ±e_min (x² − 4y², and a Himmelblau saddle)', () => {
    const quad = gradientDescentRing(formula('x^2 - 4*y^2'), [0, 0], 1e-2, 12, 0.01, 2000);
    expect(quad.lambdaMin).toBe(-8);
    expect(quad.runs.every((r) => r.exited)).toBe(true);
    expect(Math.max(...quad.runs.map((r) => r.angle))).toBeLessThan((3 * Math.PI) / 180);
    expect(new Set(quad.runs.map((r) => r.side))).toEqual(new Set([1, -1]));
    const saddle = refineToSaddle(himmelblau(), [-0.1, -1.9]);
    expect(saddle.kind).toBe('saddle');
    const h = gradientDescentRing(himmelblau(), saddle.theta, 1e-3, 16, 0.002, 5000);
    expect(h.runs.every((r) => r.exited)).toBe(true);
    expect(Math.max(...h.runs.map((r) => r.angle))).toBeLessThan((5 * Math.PI) / 180);
    expect(h.runs[0]!.path.length % 3).toBe(0);
  });
});

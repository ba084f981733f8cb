import { describe, expect, it } from 'vitest';
import { experimentById } from '../../src/experiments';
import { landscapeById } from '../../src/landscapes/registry';
import { rngFromSeed } from '../../src/math/rng';
import { resolveProblem } from '../../src/problems';
import { RIDE_PATH_MAX_N, type RidgeResponse } from '../../src/protocol/messages';
import { runRidgeRider, type Ride } from '../../src/ridge-rider';
import { defaultRidgeSettings, ridgeRiderOptions } from '../../src/ridge-rider/settings';
import { exactCurvature } from '../../src/ridge-rider';
import { prepareRidgeSearch, rideMessage, streamRidgeSearch } from '../../src/runners/ridgeSearch';
import { deferred } from './deferredOracle';

const himmelblau = () => {
  const def = landscapeById('himmelblau')!;
  return resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain, name: def.id });
};

/** The one set-up of a Ridge Rider search (runners/ridgeSearch.ts), shared by the ridge worker, the CLI and the tests. */
describe('Ridge Rider set-up and streaming', () => {
  it('the automatic start is the maximum; the box is the domain widened by its size; the options are the settings\'', () => {
    const problem = himmelblau();
    const settings = defaultRidgeSettings();
    const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings, seed: 1, preset: null });
    expect(p.start.rule).toBe('maximum');
    expect(p.start.ridges).toBe(true);
    expect(p.start.theta![0]).toBeCloseTo(-0.270845, 5);
    expect(p.start.eigenvalues.every((l) => l < 0)).toBe(true);
    expect(problem.box).toEqual({ lo: [-15, -15], hi: [15, 15] });
    expect(p.options).toEqual({ ...ridgeRiderOptions(settings, problem.box), recordPaths: true });
    expect(p.options.maxRides).toBe(32);
    expect(p.baseline).toBeNull();
    expect(p.ring).toBeNull();
  });

  it('a click in a minimum\'s basin refines to the minimum: no ridges, and the nearest saddle or maximum is offered', () => {
    const p = prepareRidgeSearch(himmelblau(), { start: { kind: 'refine', theta: [3.1, 2.1] }, settings: defaultRidgeSettings(), seed: 1, preset: null });
    expect(p.start.rule).toBe('refined to a minimum');
    expect(p.start.ridges).toBe(false);
    expect(p.start.theta![0]).toBeCloseTo(3, 8);
    expect(p.start.suggestion).toHaveLength(2);
    expect(p.start.message).toMatch(/no negative curvature.*nearest (saddle|maximum)/);
    const ring = prepareRidgeSearch(himmelblau(), { start: { kind: 'refine', theta: [-0.1, -1.9] }, settings: { ...defaultRidgeSettings(), ring: true }, seed: 1, preset: null });
    expect(ring.start.rule).toBe('refined to a saddle');
    expect(ring.ring!.runs).toHaveLength(12);
  });

  it('the monkey saddle: the degenerate origin is not a start, the message says why, and a point beside it is offered that has ridges', () => {
    const def = landscapeById('monkey-saddle')!;
    const problem = resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain, name: def.id });
    const auto = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: defaultRidgeSettings(), seed: 1, preset: null });
    expect(auto.start.theta).toBeNull();
    expect(auto.start.message).toMatch(/degenerate point at .* zero Hessian.*no ridge to follow/);
    expect(auto.start.suggestion).toHaveLength(2);
    const beside = prepareRidgeSearch(problem, { start: { kind: 'refine', theta: auto.start.suggestion! }, settings: defaultRidgeSettings(), seed: 1, preset: null });
    expect(beside.start.ridges).toBe(true);
    expect(beside.start.eigenvalues[0]).toBeLessThan(0);
  });

  it('a figure preset starts from its own guess with its own options and baseline, unless a start is given', () => {
    const fig = experimentById('fig1')!;
    const def = landscapeById(fig.settings.landscape!)!;
    const problem = resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain });
    const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: defaultRidgeSettings(), seed: 1, preset: fig.ridgeRider! });
    expect(p.start.rule).toBe('refined to a maximum');
    expect(p.start.message).toMatch(/^figure preset: converged to a maximum/);
    expect(p.options.step).toEqual(fig.ridgeRider!.options.step);
    expect(p.options.endRide!.box).toEqual(problem.box);
    expect(p.baseline).toHaveLength(16);
    const given = prepareRidgeSearch(problem, { start: { kind: 'given', theta: [0.5, 0.5] }, settings: defaultRidgeSettings(), seed: 1, preset: fig.ridgeRider! });
    expect(given.start.rule).toBe('given');
    expect(given.start.theta).toEqual([0.5, 0.5]);
  });

  it('streams the start, the rides the engine rides (with their paths and GD finishes), and the end', async () => {
    const problem = himmelblau();
    const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: { ...defaultRidgeSettings(), maxRides: 6 }, seed: 1, preset: null });
    const posted: RidgeResponse[] = [];
    let breaths = 0;
    await streamRidgeSearch(p, 7, null, (m) => posted.push(m), async () => { breaths++; return true; }, 0);
    const engine = runRidgeRider(problem.objective, p.start.theta!, p.options, rngFromSeed(1));
    expect(posted[0]).toMatchObject({ type: 'ridge-start', runId: 7, n: 2, found: true, metricLabels: ['L', 'λ'] });
    const rides = posted.flatMap((m) => (m.type === 'ride' ? [m.ride] : []));
    expect(rides.map((r) => [r.fingerprint, r.steps, r.endReason])).toEqual(engine.rides.map((r) => [r.fingerprint, r.steps, r.endReason]));
    for (const [i, r] of rides.entries()) {
      const e = engine.rides[i]!;
      expect(r.path).toEqual(Float64Array.from(e.path));
      expect(r.gdPath).toEqual(Float64Array.from(e.gdPath!));
      expect(r.trace).toHaveLength(2 * (r.steps + 1));
      expect(r.gdSteps).toBe(e.gdSteps);
    }
    expect(posted.at(-1)).toMatchObject({ type: 'ridge-end', runId: 7, reason: 'max-rides' });
    expect(breaths).toBeGreaterThan(0);
  });

  it('a problem with its own asynchronous curvature oracle streams the same rides, awaiting every answer', async () => {
    const exact = himmelblau();
    const calls: Record<string, number> = {};
    const asyncProblem = { ...exact, curvature: () => deferred(exactCurvature(exact.objective), calls) };
    const settings = { ...defaultRidgeSettings(), maxRides: 4 };
    const rides = async (problem: typeof exact) => {
      const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings, seed: 1, preset: null });
      const out: RidgeResponse[] = [];
      await streamRidgeSearch(p, 1, null, (m) => out.push(m), async () => true);
      return out.flatMap((m) => (m.type === 'ride' ? [m.ride] : []));
    };
    const [a, b] = [await rides(exact), await rides(asyncProblem)];
    expect(b).toEqual(a);
    expect(a).toHaveLength(4);
    expect(calls.probe).toBeGreaterThan(100);
  });

  it('a superseded search stops posting; a start without negative curvature ends at once', async () => {
    const problem = himmelblau();
    const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: defaultRidgeSettings(), seed: 1, preset: null });
    const posted: RidgeResponse[] = [];
    await streamRidgeSearch(p, 1, null, (m) => posted.push(m), async () => false, 0);
    expect(posted.some((m) => m.type === 'ridge-end')).toBe(false);
    const none = prepareRidgeSearch(problem, { start: { kind: 'refine', theta: [3.1, 2.1] }, settings: defaultRidgeSettings(), seed: 1, preset: null });
    const out: RidgeResponse[] = [];
    await streamRidgeSearch(none, 2, [3.1, 2.1], (m) => out.push(m), async () => true);
    expect(out.map((m) => m.type)).toEqual(['ridge-start', 'ridge-end']);
    expect(out[0]).toMatchObject({ found: false, start: null, click: [3.1, 2.1] });
    expect(out[1]).toMatchObject({ reason: 'no-start' });
  });

  it('a ride of a problem with more than RIDE_PATH_MAX_N parameters travels without θ: its trace only', () => {
    const n = RIDE_PATH_MAX_N + 1;
    const ride: Ride = {
      id: 0, fingerprint: [0], parent: null, depth: 0, start: new Array(n).fill(0), direction: new Array(n).fill(0), eigenvalue: -1, eigenvalueEnd: -0.5,
      end: new Array(n).fill(1), fStart: 2, fEnd: 1, steps: 1, endReason: 'curvature', note: '', children: [], endAfterGd: new Array(n).fill(2), fAfterGd: 0.5,
      gdSteps: 3, path: new Float64Array(2 * (n + 1)), gdPath: new Float64Array(4 * (n + 1)), trace: Float64Array.of(2, -1, 1, -0.5),
    };
    const m = rideMessage(ride, n);
    expect([m.start, m.end, m.endAfterGd, m.path, m.gdPath]).toEqual([null, null, null, null, null]);
    expect(Array.from(m.trace)).toEqual([2, -1, 1, -0.5]);
    expect([m.fEnd, m.fAfterGd, m.gdSteps]).toEqual([1, 0.5, 3]);
    const small = rideMessage({ ...ride, start: [0, 0], end: [1, 1], path: new Float64Array(6), gdPath: new Float64Array(12) }, 2);
    expect(small.path).toHaveLength(6);
    expect(small.end).toEqual([1, 1]);
  });
});

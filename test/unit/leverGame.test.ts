import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli';
import { LEVER_PAYOFFS_OTHER_PLAY, LEVER_PAYOFFS_PAPER, leverMis, leverObjective } from '../../src/envs/leverGame';
import { rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { eigenGroups } from '../../src/ridge-rider/getRidges';
import { LEVER_DEFAULTS, runLeverZsc } from '../../src/runners/leverZsc';
import { expectFiniteDifferences } from './expectFiniteDifferences';

describe('the lever game', () => {
  it('its exact gradient and Hessian agree with finite differences', () => {
    const obj = leverObjective(LEVER_PAYOFFS_PAPER);
    const n = obj.n;
    const rng = rngFromSeed(4);
    const theta = Float64Array.from({ length: n }, () => rng() - 0.5);
    expectFiniteDifferences(obj, theta, 9, 8);
  });

  it('the MIS p ∝ 1/r is stationary, with J = 1/Σ(1/r) and the spectrum of three simple eigenvalues, then one of multiplicity six', () => {
    const r = LEVER_PAYOFFS_PAPER;
    const obj = leverObjective(r);
    const mis = leverMis(r);
    const g = new Float64Array(20);
    const h = new Float64Array(400);
    const L = obj.evaluate(mis, g, h);
    expect(-L).toBeCloseTo(1 / r.reduce((a, v) => a + 1 / v, 0), 14);
    expect(Math.hypot(...g)).toBeLessThan(1e-15);
    const spec = symEig(h, 20);
    const values = Array.from(spec.values);
    const s = Math.max(...values.map(Math.abs));
    const groups = eigenGroups(spec.values, 20, 1e-6);
    const sizes = [...groups].reduce<number[]>((acc, gi) => { acc[gi] = (acc[gi] ?? 0) + 1; return acc; }, []);
    const negative = values.filter((v) => v < -1e-8 * s).length;
    // Negative part: 1, 1, 1 and 6; then the two zero eigenvalues of the softmax's shift invariance.
    expect(negative).toBe(9);
    expect(sizes.slice(0, 5)).toEqual([1, 1, 1, 6, 2]);
    // The most negative eigenvector is concentrated on the 0.6 lever of both players.
    const v0 = Array.from(spec.vectors.subarray(0, 20));
    expect(Math.abs(v0[9]!)).toBeGreaterThan(0.6);
    expect(Math.abs(v0[19]!)).toBeGreaterThan(0.6);
  });

  it('zero-shot coordination: ridge 0 reaches the 0.6 lever in every replicate (cross-play 0.6), and the protocol deploys it', () => {
    const r = runLeverZsc({ ...LEVER_DEFAULTS, payoffs: LEVER_PAYOFFS_PAPER, runs: 6, repeats: 2 }, 1);
    expect(r.ridges).toHaveLength(9);
    expect(r.ridges[0]!.lever).toEqual([9, 9]);
    expect(r.ridges[0]!.crossPlay).toBeCloseTo(0.6, 3);
    expect(r.ridges[0]!.selfPlay).toBeCloseTo(0.6, 3);
    expect(r.chosen.index).toBe(0);
    // The 0.8 ridges coordinate in self-play but cross-play about half the time; the six-fold ridges cross-play poorly.
    for (const i of [1, 2]) { expect(r.ridges[i]!.selfPlay).toBeCloseTo(0.8, 2); expect(r.ridges[i]!.crossPlay).toBeLessThan(0.7); }
    // The six-fold ridges ride to some 1.0 lever: every run agrees with itself, strangers rarely (about 1/7).
    for (const x of r.ridges.slice(3)) { expect(x.multiplicity).toBe(6); expect(x.selfPlay).toBeGreaterThan(0.99); expect(x.crossPlay).toBeLessThan(0.45); }
    expect(r.baseline.crossPlay).toBeLessThan(0.45);
    // Other-Play's game: nine 1.0 levers and one 0.9; the 0.9 lever is the one to coordinate on.
    const op = runLeverZsc({ ...LEVER_DEFAULTS, payoffs: LEVER_PAYOFFS_OTHER_PLAY, runs: 16, repeats: 1 }, 2);
    expect(op.ridges[op.chosen.index]!.lever).toEqual([9, 9]);
    expect(op.chosen.crossPlay).toBeCloseTo(0.9, 2);
  });

  it('with the engine\'s exact-repeat tolerance the six-fold ridges stop at once, and gradient descent alone decides them', () => {
    const exactOnly = runLeverZsc({ ...LEVER_DEFAULTS, payoffs: LEVER_PAYOFFS_PAPER, runs: 6, repeats: 1, clusterTol: 1e-6 }, 1);
    const wide = runLeverZsc({ ...LEVER_DEFAULTS, payoffs: LEVER_PAYOFFS_PAPER, runs: 6, repeats: 1 }, 1);
    expect(exactOnly.chosen.index).toBe(0);
    const sp = (r: typeof wide) => r.ridges.slice(4).map((x) => x.selfPlay);
    expect(Math.max(...sp(exactOnly))).toBeLessThan(0.95);
    expect(Math.min(...sp(wide))).toBeGreaterThan(0.99);
  });

  it('CLI: the JSON contract, and bad payoffs exit 2 with one line', () => {
    const out = JSON.parse(runCli(['lever', '--runs', '3', '--repeats', '1', '--json']).stdout);
    expect(Object.keys(out.mis).sort()).toEqual(['J', 'grad_norm', 'probs', 'spectrum']);
    expect(Object.keys(out.ridges[0]).sort()).toEqual(['cross_play', 'cross_play_std', 'eigenvalue', 'examples', 'fingerprint', 'index', 'lever', 'multiplicity', 'peak', 'self_play', 'sign']);
    // The sign convention, shown: ridge 0's +v raises the 0.6 lever's logit most; ridges 1 and 2 an 0.8 lever's.
    expect(out.ridges[0].peak % 10).toBe(9);
    for (const i of [1, 2]) expect([7, 8]).toContain(out.ridges[i].peak % 10);
    expect(out.chosen.index).toBe(0);
    for (const [payoffs, re] of [['1', /at least two levers/], ['1,0,1', /positive finite/], ['1,-2', /positive finite/], ['1,abc', /must be a number/]] as const) {
      const r = runCli(['lever', '--payoffs', payoffs]);
      expect(r.code, payoffs).toBe(2);
      expect(r.stderr, payoffs).toMatch(re);
    }
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../src/cli/mnistNode';
import { coloredMnist } from '../../src/data/coloredMnist';
import { initTfBackend } from '../../src/platform/tfBackend';
import { COLORED_RR_DEFAULTS, coloredRidgeRider, type ColoredRrSettings } from '../../src/runners/coloredRidge';

const small: ColoredRrSettings = { ...COLORED_RR_DEFAULTS, limit: 400, hidden: 8, units: 2, rides: 2, steps: 2, inner: 3, misSteps: 20, batch: 100, probes: 2 };

describe('Ridge Rider on Colored MNIST (out-of-distribution protocol)', () => {
  beforeAll(async () => { await initTfBackend(['wasm', 'cpu']); });

  it('measures every point of every ride, chooses on validation, reports the test oracle apart; seeded, deterministic, no leaks', async () => {
    const envs = coloredMnist(loadMnistNode('train'), 3);
    const before = tf.memory().numTensors;
    const a = await coloredRidgeRider(envs, small, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(a.candidates).toHaveLength(small.rides * (small.steps + 1));
    expect(a.candidates.map((c) => [c.ride, c.step])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(a.chosen.validation).toBe(Math.max(...a.candidates.map((c) => c.validation)));
    expect(a.oracle.test).toBe(Math.max(...a.candidates.map((c) => c.test)));
    // At the MIS (θ_r = 0) every logit is 0: the model predicts label 0 everywhere, so its accuracy is the share of 0s.
    const zeros = (from: number, to: number, e: number) => Array.from(envs[e]!.labels.subarray(from, to)).filter((y) => y === 0).length / (to - from);
    expect(a.candidates[0]!.test).toBeCloseTo(zeros(0, 400, 2), 6);
    expect(a.candidates[0]!.train).toBeCloseTo((zeros(0, 360, 0) + zeros(0, 360, 1)) / 2, 6);
    expect(a.candidates[0]!.loss).toBeCloseTo(Math.log(2), 5);
    // The MIS's direction has negative curvature in both environments.
    expect(a.mis.curvature).toBeLessThan(0);
    // The slice through two ridges at the MIS: log 2 at θ_r = 0, the same at ±θ_r (z = aᵀBφ is even in θ_r).
    const { side, losses, span } = a.slice;
    expect(span).toBeCloseTo(1.1 * small.alpha * small.steps, 12);
    expect(losses[((side - 1) / 2) * side + (side - 1) / 2]).toBeCloseTo(Math.log(2), 5);
    for (let i = 0; i < side * side; i++) expect(losses[i]).toBeCloseTo(losses[side * side - 1 - i]!, 4);
    // Candidates' projections: 0 at the MIS, and a ride moves at most α per step in Θ_r.
    for (const c of a.candidates) expect(Math.hypot(c.u, c.v)).toBeLessThanOrEqual(small.alpha * c.step + 1e-5);
    // Its progress: every Adam step, misSteps + rides · steps · inner of them, counted once each.
    const steps: [number, number][] = [];
    const b = await coloredRidgeRider(envs, small, 3, { onStep: (done, total) => steps.push([done, total]) });
    expect(b.candidates).toEqual(a.candidates);
    const total = small.misSteps + small.rides * small.steps * small.inner;
    expect(steps).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  });

  it('rejects bad settings with the setting named', async () => {
    const envs = coloredMnist(loadMnistNode('train'), 1);
    await expect(coloredRidgeRider(envs, { ...small, units: 0 }, 1)).rejects.toThrow(/units/);
    await expect(coloredRidgeRider(envs, { ...small, validation: 1 }, 1)).rejects.toThrow(/validation/);
    await expect(coloredRidgeRider(envs, { ...small, alpha: Number.NaN }, 1)).rejects.toThrow(/alpha/);
  });

  it('CLI: colored-mnist --method rr prints the chosen candidate per run, the oracle apart; bad input exits 2', async () => {
    const { runCliAsync } = await import('../../src/cli/runCli');
    const r = await runCliAsync(['colored-mnist', '--method', 'rr', '--runs', '2', '--limit', '200', '--rides', '1', '--steps', '1', '--mis-steps', '5', '--inner', '2', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.per_run).toHaveLength(2);
    for (const run of j.per_run) {
      expect(run.candidates).toHaveLength(2);
      expect(run.chosen.validation).toBe(Math.max(...run.candidates.map((c: { validation: number }) => c.validation)));
      expect(run.test).toBe(run.chosen.test);
    }
    expect(j.test.mean).toBeCloseTo((j.per_run[0].test + j.per_run[1].test) / 2, 10);
    expect(j.oracle_test.mean).toBeGreaterThanOrEqual(j.test.mean);
    const bad = await runCliAsync(['colored-mnist', '--method', 'rr', '--alpha', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});

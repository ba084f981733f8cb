import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import type { Dataset } from '../../src/nn/dataset';
import { createMinibatchProblem, epochSampler } from '../../src/nn/minibatchProblem';
import { initParams, type MlpSpec } from '../../src/nn/mlpSpec';
import { createNetProblem } from '../../src/nn/netProblem';
import { initTfBackend } from '../../src/platform/tfBackend';

/** 23 examples of 4 inputs, 3 classes; input row i is seeded noise, so the batch a gradient came from can be told apart. */
function data(): Dataset & { rows: Float32Array } {
  const count = 23;
  const rows = Float32Array.from(normalFill(rngFromSeed(5), new Float64Array(count * 4)));
  return {
    count, inputs: 4, rows, labels: Uint8Array.from({ length: count }, (_, i) => i % 3),
    fill(indices, out) { for (let r = 0; r < indices.length; r++) out.set(rows.subarray(indices[r]! * 4, indices[r]! * 4 + 4), r * 4); },
  };
}

const batchOf = (d: ReturnType<typeof data>, picked: Uint32Array) => {
  const x = new Float32Array(picked.length * 4);
  d.fill(picked, x);
  return { x, labels: Array.from(picked, (i) => d.labels[i]!) };
};

const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) { e += (a[i]! - b[i]!) ** 2; s += b[i]! ** 2; }
  return Math.sqrt(e / Math.max(s, 1e-30));
};

describe('fresh minibatches for approximate Ridge Rider', () => {
  beforeAll(async () => { await initTfBackend(['wasm', 'cpu']); });

  it('the sampler draws without replacement epoch by epoch, seeded', () => {
    const next = epochSampler(23, 5, 9);
    const picks = Array.from({ length: 23 }, () => Array.from(next())).flat();
    // 23 draws of 5 = 5 epochs of 23: each epoch is a permutation of 0 … 22, and the epochs differ.
    const epochs = Array.from({ length: 5 }, (_, e) => picks.slice(23 * e, 23 * (e + 1)));
    for (const e of epochs) expect([...e].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(epochs[1]).not.toEqual(epochs[0]);
    const again = epochSampler(23, 5, 9);
    expect(Array.from(again())).toEqual(picks.slice(0, 5));
    expect(() => epochSampler(23, 24, 1)).toThrow(/from 1 to 23/);
  });

  it('∇L and H v come from the current minibatch, L from the fixed monitor set; resample moves to the next; no leaks', async () => {
    const d = data();
    const spec: MlpSpec = { layers: [4, 5, 3], activation: 'tanh' };
    const theta = Float64Array.from(initParams(spec, rngFromSeed(2)), (x) => x + 0.2);
    const monitor = batchOf(d, Uint32Array.from([0, 1, 2, 3, 4, 5, 6]));
    const before = tf.memory().numTensors;
    const p = createMinibatchProblem(spec, d, { batch: 6, seed: 3, monitor });
    const draws = epochSampler(23, 6, 3);
    const v = normalFill(rngFromSeed(4), new Float64Array(p.n));
    const fixed = createNetProblem(spec, monitor);
    for (let k = 0; k < 3; k++) {
      const b = batchOf(d, draws());
      const exact = createNetProblem(spec, b);
      const fd = createNetProblem(spec, b, 'fd');
      const got = await p.lossAndGradient(theta);
      expect(got.f).toBeCloseTo((await fixed.lossAndGradient(theta)).f, 6);
      expect(relErr(got.grad, (await exact.lossAndGradient(theta)).grad)).toBeLessThan(1e-6);
      // H v on this minibatch, against finite differences of its gradient.
      expect(relErr(await p.hvp(theta, v), await fd.hvp(theta, v))).toBeLessThan(1e-3);
      expect(p.draws).toBe(k + 1);
      exact.dispose();
      fd.dispose();
      p.resample();
    }
    // restart(seed): the next minibatch is the first of the stream seeded by `seed`.
    p.restart(11);
    p.resample();
    const first = createNetProblem(spec, batchOf(d, epochSampler(23, 6, 11)()));
    expect(relErr((await p.lossAndGradient(theta)).grad, (await first.lossAndGradient(theta)).grad)).toBeLessThan(1e-6);
    first.dispose();
    fixed.dispose();
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { lanczosAsync } from '../../src/math/lanczos';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { createHvpOperator } from '../../src/nn/hvp';
import { filterNormalizedDirection, lossSlice } from '../../src/nn/lossSlice';
import { initParams, paramLayout, type MlpSpec } from '../../src/nn/mlpSpec';
import { initTfBackend } from '../../src/platform/tfBackend';

describe('loss slices of a network (Li et al. 2018) and along Hessian eigenvectors', () => {
  const spec: MlpSpec = { layers: [4, 6, 3], activation: 'tanh' };
  const rng = rngFromSeed(12);
  const params = initParams(spec, rng);
  for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.2 * (rng() - 0.5);
  const batch = { x: Float32Array.from(normalFill(rng, new Float64Array(9 * 4))), labels: Array.from({ length: 9 }, (_, i) => i % 3) };

  it('a filter-normalized direction gives every unit\'s incoming weights the norm of that unit\'s own, and leaves biases alone', () => {
    const d = filterNormalizedDirection(spec, params, rngFromSeed(3));
    const { w, b } = paramLayout(spec.layers);
    for (let l = 1; l < spec.layers.length; l++) {
      const rows = spec.layers[l - 1]!;
      const cols = spec.layers[l]!;
      for (let j = 0; j < cols; j++) {
        let nd = 0;
        let nt = 0;
        for (let i = 0; i < rows; i++) { nd += d[w[l - 1]! + i * cols + j]! ** 2; nt += params[w[l - 1]! + i * cols + j]! ** 2; }
        expect(Math.sqrt(nd)).toBeCloseTo(Math.sqrt(nt), 5);
      }
      for (let j = 0; j < cols; j++) expect(d[b[l - 1]! + j]).toBe(0);
    }
    expect(Array.from(filterNormalizedDirection(spec, params, rngFromSeed(3)))).toEqual(Array.from(d));
  });

  it('the slice is the loss at each point, its curvature along an eigenvector is the eigenvalue, and it leaves no tensors', async () => {
    await initTfBackend(['cpu']);
    const op = createHvpOperator(spec, params, batch);
    const lowest = await lanczosAsync(op.n, (v) => op.hvp(v), { k: 1, which: 'smallest', tol: 1e-6 });
    const highest = await lanczosAsync(op.n, (v) => op.hvp(v), { k: 1, which: 'largest', tol: 1e-6 });
    const center = (await op.lossAndGradient()).loss;
    op.dispose();
    const before = tf.memory().numTensors;
    const h = 0.05;
    const as = [-h, 0, h];
    const u = lowest.vectors[0]!;
    const v = highest.vectors[0]!;
    const grid = await lossSlice(spec, params, u, v, as, as, batch);
    expect(tf.memory().numTensors).toBe(before);
    expect(grid[4]).toBeCloseTo(center, 6);
    const curvature = (l: number, c: number, r: number) => (l - 2 * c + r) / (h * h);
    expect(curvature(grid[3]!, grid[4]!, grid[5]!)).toBeCloseTo(lowest.values[0]!, 2);
    expect(curvature(grid[1]!, grid[4]!, grid[7]!)).toBeCloseTo(highest.values[0]!, 2);
    // A point off the axes: the loss there, evaluated directly.
    const at = Float32Array.from(params, (p, i) => p + h * u[i]! - h * v[i]!);
    const direct = createHvpOperator(spec, at, batch);
    expect(grid[2]).toBeCloseTo((await direct.lossAndGradient()).loss, 5);
    direct.dispose();
  });
});

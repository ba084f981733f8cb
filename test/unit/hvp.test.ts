import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { lanczos } from '../../src/math/lanczos';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { createHvpOperator, type HvpOperator } from '../../src/nn/hvp';
import { ACTIVATIONS, initParams, modelToJson, ModelError, parseModelJson, type MlpSpec } from '../../src/nn/mlpSpec';
import { initTfBackend } from '../../src/platform/tfBackend';
import { evaluateMlp, TRAIN_DEFAULTS, trainMlp } from '../../src/nn/train';
import { parseDataJson } from '../../src/nn/dataset';
import { firstLayerImages } from '../../src/nn/firstLayerImages';

/** A tiny network and batch: 4 inputs, 5 hidden, 3 classes (43 parameters), 7 examples, all seeded. */
function tiny(activation: MlpSpec['activation'], seed: number) {
  const spec: MlpSpec = { layers: [4, 5, 3], activation };
  const rng = rngFromSeed(seed);
  const params = initParams(spec, rng);
  for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.3 * (rng() - 0.5); // biases too
  const x = Float32Array.from(normalFill(rng, new Float64Array(7 * 4)));
  const labels = Array.from({ length: 7 }, (_, i) => i % 3);
  return { spec, params, batch: { x, labels } };
}

const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i]! - b[i]!) ** 2; s += b[i]! ** 2; }
  return Math.sqrt(d / Math.max(s, 1e-30));
};

/** The dense Hessian from n products with the unit vectors. */
async function denseHessian(op: HvpOperator): Promise<Float64Array> {
  const n = op.n;
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    h.set(await op.hvp(e), i * n);
  }
  return h;
}

describe('Hessian-vector products of a network\'s loss (TF.js, double backprop and finite differences)', () => {
  afterAll(() => { tf.disposeVariables(); });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: for every activation, double backprop agrees with finite differences of the gradient, and the Hessian is symmetric`, async () => {
      const choice = await initTfBackend([backend]);
      expect(choice.name).toBe(backend);
      for (const [k, activation] of ACTIVATIONS.entries()) {
        const { spec, params, batch } = tiny(activation, 10 + k);
        const ad = createHvpOperator(spec, params, batch, 'autodiff');
        const fd = createHvpOperator(spec, params, batch, 'fd');
        expect(ad.backend).toBe(backend);
        const rng = rngFromSeed(k);
        for (let t = 0; t < 3; t++) {
          const v = normalFill(rng, new Float64Array(ad.n));
          const a = await ad.hvp(v);
          const f = await fd.hvp(v);
          expect(relErr(a, f), `${activation}`).toBeLessThan(activation === 'relu' ? 2e-2 : 5e-3);
        }
        const h = await denseHessian(ad);
        let asym = 0;
        let norm = 0;
        for (let i = 0; i < ad.n; i++) for (let j = 0; j < ad.n; j++) { asym = Math.max(asym, Math.abs(h[i * ad.n + j]! - h[j * ad.n + i]!)); norm = Math.max(norm, Math.abs(h[i * ad.n + j]!)); }
        expect(asym / norm, `${activation}`).toBeLessThan(1e-4);
        ad.dispose();
        fd.dispose();
      }
    });
  }

  it('the gradient agrees with finite differences of the loss (tanh), and a product costs no tensors', async () => {
    await initTfBackend(['cpu']);
    const { spec, params, batch } = tiny('tanh', 3);
    const op = createHvpOperator(spec, params, batch);
    const { loss, grad } = await op.lossAndGradient();
    expect(loss).toBeGreaterThan(0);
    const lossAt = async (p: Float32Array) => { const o = createHvpOperator(spec, p, batch); const r = (await o.lossAndGradient()).loss; o.dispose(); return r; };
    for (const i of [0, 7, 20, 42]) {
      const plus = Float32Array.from(params); plus[i]! += 1e-2;
      const minus = Float32Array.from(params); minus[i]! -= 1e-2;
      expect(grad[i]).toBeCloseTo(((await lossAt(plus)) - (await lossAt(minus))) / 2e-2, 3);
    }
    const before = tf.memory().numTensors;
    const v = normalFill(rngFromSeed(1), new Float64Array(op.n));
    for (let k = 0; k < 20; k++) { await op.hvp(v); await op.lossAndGradient(); }
    expect(tf.memory().numTensors).toBe(before);
    op.dispose();
    // The operator holds the batch (inputs and one-hot labels); θ goes up with each call.
    expect(tf.memory().numTensors).toBe(before - 2);
  });

  it('Lanczos on the products finds the dense Hessian\'s most negative and largest eigenvalues (tanh network)', async () => {
    await initTfBackend(['cpu']);
    const { spec, params, batch } = tiny('tanh', 21);
    const op = createHvpOperator(spec, params, batch);
    const h = await denseHessian(op);
    for (let i = 0; i < op.n; i++) for (let j = 0; j < i; j++) { const a = 0.5 * (h[i * op.n + j]! + h[j * op.n + i]!); h[i * op.n + j] = a; h[j * op.n + i] = a; }
    const dense = Array.from(symEig(h, op.n).values);
    const matvec = (v: Float64Array, out: Float64Array) => { for (let i = 0; i < op.n; i++) { let s = 0; for (let j = 0; j < op.n; j++) s += h[i * op.n + j]! * v[j]!; out[i] = s; } };
    const r = lanczos(op.n, matvec, { k: 3, which: 'both', tol: 1e-10 });
    const want = [...dense.slice(0, 3), ...dense.slice(op.n - 3)];
    Array.from(r.values).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 8));
    expect(dense[0]).toBeLessThan(0);
    op.dispose();
  });

  it('training lowers the loss, is seeded, and leaves no tensors; evaluation counts what it got right', async () => {
    await initTfBackend(['cpu']);
    const { spec, params, batch } = tiny('sigmoid', 31);
    const rows = Array.from({ length: 7 }, (_, i) => Array.from(batch.x.subarray(i * 4, i * 4 + 4)));
    const data = parseDataJson({ x: rows, y: batch.labels }, 4, 3);
    const before = tf.memory().numTensors;
    const settings = { ...TRAIN_DEFAULTS, lr: 0.05, batch: 4, steps: 300 };
    const a = await trainMlp(spec, params, data, settings);
    const b = await trainMlp(spec, params, data, settings);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    const start = await evaluateMlp(spec, params, data);
    const end = await evaluateMlp(spec, a.params, data);
    expect(end.loss).toBeLessThan(0.5 * start.loss);
    expect(end.accuracy).toBe(1);
    // Every example right: the confusion matrix is diagonal, with each class's count on it.
    expect(Array.from(end.confusion)).toEqual([3, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(start.confusion.reduce((x, y) => x + y, 0)).toBe(7);
    expect(start.confusion[0]! + start.confusion[4]! + start.confusion[8]!).toBe(Math.round(start.accuracy * 7));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the first layer\'s weights as images: one per hidden unit, in pixel order, scaled to [−1, 1]', () => {
    const spec: MlpSpec = { layers: [4, 3, 2], activation: 'relu' };
    const params = Float32Array.from({ length: 4 * 3 + 3 + 3 * 2 + 2 }, (_, i) => i - 5);
    const imgs = firstLayerImages(spec, params, 2);
    expect(imgs).toHaveLength(3);
    // Unit 1's weights W1[i][1] = params[3i + 1] = 3i − 4: −4, −1, 2, 5, scaled by 1/5.
    expect(Array.from(imgs[1]!)).toEqual([-0.8, -0.2, 0.4, 1].map((x) => Math.fround(x)));
    expect(() => firstLayerImages(spec, params, 3)).toThrow(/4 inputs, not 3 × 3/);
  });

  it('model files round-trip, and bad ones say what is wrong', () => {
    const { spec, params } = tiny('softplus', 5);
    const json = modelToJson(spec, params);
    const back = parseModelJson(JSON.parse(JSON.stringify(json)));
    expect(back.spec).toEqual(spec);
    expect(Array.from(back.params)).toEqual(Array.from(params));
    const bad = (patch: object) => () => parseModelJson({ ...json, ...patch });
    expect(bad({ layers: [4] })).toThrow(/at least an input and an output/);
    expect(bad({ activation: 'gelu' })).toThrow(/unknown activation "gelu"/);
    expect(bad({ weights: json.weights.slice(1) })).toThrow(/"weights" must list 2 matrices/);
    expect(bad({ weights: [json.weights[0]!.slice(1), json.weights[1]] })).toThrow(/weights\[0\] must have 4 rows/);
    expect(bad({ biases: [json.biases[0], [1, 2]] })).toThrow(/biases\[1\] must have 3 numbers/);
    const nan = JSON.parse(JSON.stringify(json)) as typeof json;
    (nan.weights[1]![2]! as unknown[])[1] = null;
    expect(() => parseModelJson(nan)).toThrow(/weights\[1\]\[2\]\[1\] is null, not a finite number/);
    expect(() => parseModelJson([])).toThrow(ModelError);
    expect(() => createHvpOperator(spec, params, { x: new Float32Array(8), labels: [0, 3] })).toThrow(/label 1 is 3, not a class from 0 to 2/);
    expect(() => createHvpOperator(spec, params, { x: new Float32Array(7), labels: [0, 1] })).toThrow(/2 labels but 1.75 inputs/);
  });
});

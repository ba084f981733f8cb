import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { slq } from '../../src/math/slq';
import type { Dataset } from '../../src/nn/dataset';
import { createHvpOperator } from '../../src/nn/hvp';
import { lossSlice } from '../../src/nn/lossSlice';
import { initParams, ModelError, type MlpSpec } from '../../src/nn/mlpSpec';
import { initTfBackend } from '../../src/platform/tfBackend';
import type { NetCurvatureSettings, NetEvalPoint, NetSpectrum, NetTrainSettings } from '../../src/protocol/nn';
import { negativeMass, NetSession, slicePair, sliceSurface, spectrumOutliers, type TrainHooks } from '../../src/runners/netSession';
import type { Liveness } from '../../src/runners/serveLatest';

/** A synthetic classification set: `count` inputs of `inputs` Gaussian numbers, the label a fixed linear rule's argmax. */
function synthetic(count: number, inputs: number, classes: number, seed: number): Dataset {
  const rng = rngFromSeed(seed);
  const x = Float32Array.from(normalFill(rng, new Float64Array(count * inputs)));
  const w = normalFill(rngFromSeed(99), new Float64Array(inputs * classes));
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < classes; c++) {
      let v = 0;
      for (let i = 0; i < inputs; i++) v += x[n * inputs + i]! * w[i * classes + c]!;
      if (v > bestV) { bestV = v; best = c; }
    }
    labels[n] = best;
  }
  return { count, inputs, labels, fill(idx, out) { for (let r = 0; r < idx.length; r++) out.set(x.subarray(idx[r]! * inputs, (idx[r]! + 1) * inputs), r * inputs); } };
}

const spec: MlpSpec = { layers: [8, 6, 10], activation: 'tanh' };
const settings: NetTrainSettings = { optimizer: 'adam', lr: 0.01, batch: 16, steps: 24, seed: 3, trainSamples: 200, evalEvery: 8, evalSamples: 100, densityEvery: 12 };
const curvature: NetCurvatureSettings = { samples: 64, hvp: 'autodiff', k: 2, which: 'both', tol: 1e-4, maxMatvecs: 400, slqSteps: 12, slqDraws: 2 };
const data = { train: synthetic(200, 8, 10, 1), test: synthetic(100, 8, 10, 2) };

/** Hooks that record what a run reports. */
function recorder() {
  const r = { steps: [] as number[], evals: [] as NetEvalPoint[], spectra: [] as NetSpectrum[], progress: 0 };
  const hooks: TrainHooks = {
    steps: (from, losses) => { for (let i = 0; i < losses.length; i++) r.steps.push(from + i + 1); },
    evaluated: (p) => r.evals.push(p),
    spectrum: (s) => r.spectra.push(s),
    progress: () => { r.progress++; },
  };
  return { r, hooks };
}

/** A request that stays current until `until()` says otherwise (checked at each breath). */
const liveUntil = (until: () => boolean): Liveness => ({ current: () => !until(), breathe: () => Promise.resolve(!until()) });
const always: Liveness = { current: () => true, breathe: () => Promise.resolve(true) };

describe('the network session (runners/netSession.ts)', () => {
  beforeAll(async () => { await initTfBackend(['cpu']); });

  it('trains, reports every step, evaluates every evalEvery steps and computes the live spectrum every densityEvery steps, leaving no tensors', async () => {
    const before = tf.memory().numTensors;
    const s = new NetSession(data);
    s.start(spec, settings);
    const { r, hooks } = recorder();
    expect(await s.train(hooks, always, curvature)).toBe('done');
    expect(r.steps).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(r.evals.map((e) => e.step)).toEqual([0, 8, 16, 24]);
    expect(r.evals[3]!.trainLoss).toBeLessThan(r.evals[0]!.trainLoss);
    expect(r.spectra.map((x) => x.step)).toEqual([12, 24]);
    expect(r.spectra[0]!.matvecs).toBe(24);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a run paused by a newer request and resumed ends with the same weights as one taken in one go', async () => {
    const straight = new NetSession(data);
    straight.start(spec, { ...settings, densityEvery: 0 });
    await straight.train(recorder().hooks, always, curvature);
    const paused = new NetSession(data);
    paused.start(spec, { ...settings, densityEvery: 0 });
    const { r, hooks } = recorder();
    // Superseded at its first breath after step 5.
    expect(await paused.train(hooks, liveUntil(() => paused.step >= 5), curvature)).toBe('paused');
    const at = paused.step;
    expect(at).toBeGreaterThanOrEqual(5);
    expect(at).toBeLessThan(24);
    expect(await paused.train(hooks, always, curvature)).toBe('done');
    expect(r.steps).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(Array.from(paused.params!)).toEqual(Array.from(straight.params!));
    // Ended runs cannot go on.
    await expect(paused.train(hooks, always, curvature)).rejects.toThrow(ModelError);
  });

  it('eigenpairs at the weights match a dense eigensolver of the operator, and the eigen-slice is centred on the loss with curvature λ along each axis', async () => {
    const s = new NetSession(data);
    s.start(spec, { ...settings, densityEvery: 0 });
    await s.train(recorder().hooks, always, curvature);
    const before = tf.memory().numTensors;
    const e = await s.eigs(curvature, recorder().hooks, always);
    expect(e.values).toHaveLength(4);
    expect(e.n).toBe(8 * 6 + 6 + 6 * 10 + 10);
    // The dense Hessian from n products with the unit vectors.
    const op = createHvpOperator(spec, s.params!, { x: firstInputs(64), labels: data.train.labels.subarray(0, 64) });
    const H = new Float64Array(e.n * e.n);
    for (let j = 0; j < e.n; j++) { const v = new Float64Array(e.n); v[j] = 1; H.set(await op.hvp(v), j * e.n); }
    op.dispose();
    const { symEig } = await import('../../src/math/symEig');
    const dense = symEig(H.map((_, k) => (H[k]! + H[(k % e.n) * e.n + Math.floor(k / e.n)]!) / 2), e.n).values;
    const scale = Math.max(Math.abs(dense[0]!), Math.abs(dense[e.n - 1]!));
    expect(Math.abs(e.values[0]! - dense[0]!) / scale).toBeLessThan(1e-3);
    expect(Math.abs(e.values[3]! - dense[e.n - 1]!) / scale).toBeLessThan(1e-3);
    for (const res of e.residuals) expect(res / scale).toBeLessThan(2e-3);
    // The finite-difference product finds the same eigenvalues.
    const fd = await s.eigs({ ...curvature, hvp: 'fd' }, recorder().hooks, always);
    fd.values.forEach((v, i) => expect(Math.abs(v - e.values[i]!) / scale).toBeLessThan(2e-3));
    const h = 0.05;
    const slice = await s.slice({ dirs: 'eigen', span: h, side: 5, seed: 1 }, curvature, recorder().hooks, always);
    expect(slice.labels[0]).toContain(e.values[0]!.toPrecision(4));
    const g = slice.samples;
    expect(g[12]).toBeCloseTo(e.loss, 5);
    const curv = (a: number, c: number, b: number) => (a - 2 * c + b) / ((h / 2) ** 2);
    expect(curv(g[11]!, g[12]!, g[13]!)).toBeCloseTo(e.values[0]!, 1);
    expect(curv(g[7]!, g[12]!, g[17]!)).toBeCloseTo(e.values[3]!, 1);
    expect(slice.fields.spec.nx).toBe(193);
    expect(tf.memory().numTensors).toBe(before);
  });

  function firstInputs(n: number): Float32Array {
    const x = new Float32Array(n * 8);
    data.train.fill(Uint32Array.from({ length: n }, (_, i) => i), x);
    return x;
  }

  it('a diverging run stops with the reason and keeps the last finite weights', async () => {
    const s = new NetSession(data);
    s.start({ layers: [8, 6, 10], activation: 'relu' }, { ...settings, optimizer: 'sgd', lr: 1e38, densityEvery: 0 });
    const start = Float32Array.from(s.params!);
    await expect(s.train(recorder().hooks, always, curvature)).rejects.toThrow(/diverged at step \d+ \(the loss is (NaN|Infinity)\); lower the learning rate/);
    expect(s.state).toBe('done');
    expect(Array.from(s.params!).every(Number.isFinite)).toBe(true);
    expect(Array.from(s.params!)).toEqual(Array.from(start));
  });

  it('a bad model file is refused with the reason and the model stays; a good one replaces it and saves back the same', async () => {
    const s = new NetSession(data);
    s.start(spec, settings);
    const kept = s.params;
    expect(() => s.setModel('{"layers": [8, 10]')).toThrow(/not JSON/);
    expect(() => s.setModel(JSON.stringify({ layers: [8, 10], activation: 'relu', weights: [[[1]]], biases: [[0]] }))).toThrow(ModelError);
    expect(() => s.setModel(JSON.stringify({ layers: [5, 10], activation: 'relu', weights: [Array(5).fill(Array(10).fill(0))], biases: [Array(10).fill(0)] }))).toThrow(/takes 5 inputs/);
    expect(s.params).toBe(kept);
    const other = initParams({ layers: [8, 10], activation: 'relu' }, rngFromSeed(5));
    const json = JSON.stringify({ layers: [8, 10], activation: 'relu', weights: [Array.from({ length: 8 }, (_, i) => Array.from(other.subarray(i * 10, i * 10 + 10)))], biases: [Array.from(other.subarray(80, 90))] });
    s.setModel(json);
    expect(s.n).toBe(90);
    expect(s.state).toBe('idle');
    expect(JSON.parse(s.modelJson())).toEqual(JSON.parse(json));
  });
});

describe('loss slices with the first layer computed once', () => {
  it('agree with the loss evaluated point by point, for a network with two hidden layers', async () => {
    await initTfBackend(['cpu']);
    const deep: MlpSpec = { layers: [5, 7, 4, 3], activation: 'softplus' };
    const rng = rngFromSeed(8);
    const params = initParams(deep, rng);
    const n = params.length;
    const u = normalFill(rng, new Float64Array(n));
    const v = normalFill(rng, new Float64Array(n));
    const batch = { x: Float32Array.from(normalFill(rng, new Float64Array(11 * 5))), labels: Array.from({ length: 11 }, (_, i) => i % 3) };
    const axis = [-0.3, -0.1, 0.2, 0.4];
    const whole = await lossSlice(deep, params, u, v, axis, axis, batch);
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const at = Float32Array.from(params, (p, i) => p + axis[c]! * u[i]! + axis[r]! * v[i]!);
        const op = createHvpOperator(deep, at, batch);
        const direct = (await op.lossAndGradient()).loss;
        op.dispose();
        expect(whole[r * 4 + c]).toBeCloseTo(direct, 4);
      }
    }
  });
});

describe('the spectrum\'s outliers and negative mass (Ghorbani et al. 2019)', () => {
  it('SLQ of a known spectrum: a bulk in [−0.1, 1] with 10% below −0.05, and three outliers at 10, 20 and 30, found to 1e-3', () => {
    const n = 2000;
    const lambda = Float64Array.from({ length: n }, (_, i) => (i < 200 ? -0.1 + 0.05 * (i / 200) : (i - 200) / (n - 200)));
    lambda[n - 3] = 10; lambda[n - 2] = 20; lambda[n - 1] = 30;
    const r = slq(n, (x, out) => { for (let i = 0; i < n; i++) out[i] = lambda[i]! * x[i]!; }, { steps: 60, draws: 4, seed: 2 });
    const { outliers, bulk } = spectrumOutliers(r);
    expect(outliers).toHaveLength(3);
    outliers.forEach((o, i) => expect(Math.abs(o - 10 * (i + 1))).toBeLessThan(1e-3));
    expect(bulk[0]).toBeGreaterThan(-0.11);
    expect(bulk[1]).toBeLessThan(1.01);
    expect(negativeMass(r)).toBeGreaterThan(0.06);
    expect(negativeMass(r)).toBeLessThan(0.14);
  });

  it('a spectrum without isolated eigenvalues has no outliers', () => {
    const n = 300;
    const r = slq(n, (x, out) => { for (let i = 0; i < n; i++) out[i] = (i / n) * x[i]!; }, { steps: 40, draws: 3, seed: 1 });
    expect(spectrumOutliers(r).outliers).toEqual([]);
    expect(negativeMass(r)).toBe(0);
  });
});

describe('a slice as a surface', () => {
  it('follows the most negative and the largest eigenvector when both signs were found, else the two of largest |λ|', () => {
    expect(slicePair([-2, -1, 3, 5])).toEqual([0, 3]);
    expect(slicePair([1, 2, 4, 7])).toEqual([2, 3]);
    expect(slicePair([-9, -4, -1])).toEqual([0, 1]);
  });

  it('shows no critical points along a valley flatter than the grid resolves', () => {
    // A straight valley, flat along a up to 1e-7 (a tilt far below what 9 losses a side show): no critical points.
    const side = 9;
    const axis = Array.from({ length: side }, (_, i) => -1 + (2 * i) / (side - 1));
    const samples = Float64Array.from({ length: side * side }, (_, k) => 3 * axis[Math.floor(k / side)]! ** 2 + 1e-7 * Math.cos(3 * axis[k % side]!));
    expect(sliceSurface(samples, side, 1, 1, 33).critical).toEqual([]);
  });

  it('the interpolated grid of a quadratic is exact, and its one critical point is the minimum where it is', () => {
    const q = (a: number, b: number) => 2 * (a - 0.1) ** 2 + (a - 0.1) * (b + 0.2) + 1.5 * (b + 0.2) ** 2 + 0.3;
    const side = 9;
    const axis = Array.from({ length: side }, (_, i) => -1 + (2 * i) / (side - 1));
    const samples = Float64Array.from({ length: side * side }, (_, k) => q(axis[k % side]!, axis[Math.floor(k / side)]!));
    const { fields, critical } = sliceSurface(samples, side, 1, 1, 33);
    expect(fields.f[16 * 33 + 16]).toBeCloseTo(q(0, 0), 6);
    expect(fields.hxx[5]).toBeCloseTo(4, 5);
    expect(fields.hxy[5]).toBeCloseTo(1, 5);
    expect(critical).toHaveLength(1);
    expect(critical[0]!.kind).toBe('minimum');
    expect(critical[0]!.x).toBeCloseTo(0.1, 6);
    expect(critical[0]!.y).toBeCloseTo(-0.2, 6);
  });
});

import type { Tensor1D } from '@tensorflow/tfjs';
import { gpuAdapterSummary, type GpuAdapterSummary } from '../gpu/gridKernel';
import { normalFill, rngFromSeed } from '../math/rng';
import { median } from './benchTypes';
import { createHvpOperator } from '../nn/hvp';
import { lossSlice } from '../nn/lossSlice';
import { mlpLoss, oneHot } from '../nn/mlpLoss';
import { createTrainer } from '../nn/trainer';
import { ACTIVATIONS, initParams, type Activation, type MlpSpec } from '../nn/mlpSpec';

/** One TF.js backend's Hessian-vector products: correctness on tiny networks, and speed on the default network. */
export interface HvpBackendBench {
  readonly backend: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Per activation: ‖H v (double backprop) − H v (finite differences)‖ / ‖H v (finite differences)‖ on a 6-8-3 network. */
  readonly relErr?: Readonly<Partial<Record<Activation, number>>>;
  /** TF.js's tensor count after the products, minus before (0: nothing leaked). */
  readonly leakedTensors?: number;
  /** ms per double-backprop product of 784-128-128-10 relu at each batch size (random inputs; median of `runs`). */
  readonly ms?: Readonly<Record<string, number>>;
  /** Adam training steps per second of 784-128-128-10 relu at batch 128 (random inputs; 10 steps after 3 warm-up steps). */
  readonly trainStepsPerSecond?: number;
  /** The loss slice of 784-128-128-10 on 256 images: ms per grid point (nn/lossSlice.ts) and by a full forward pass per point. */
  readonly sliceMsPerPoint?: { readonly slice: number; readonly forward: number };
}

const TINY_BATCH = 10;
/** A batch this large is the full training set: timed once, and only on backends fast enough for it. */
const FULL_BATCH = 10_000;
const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(0));

function relErr(a: Float64Array, b: Float64Array): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i]! - b[i]!) ** 2; s += b[i]! ** 2; }
  return Math.sqrt(d / Math.max(s, 1e-30));
}

/**
 * mode=hvp of bench.html: for each TF.js backend, double backprop against finite differences on tiny networks of
 * every activation, the tensor count, and (unless `batches` is empty) the speed of H v, of training and of the loss slice
 * on the default network.
 */
export async function benchHvp(batches: readonly number[], runs: number, progress: (line: string) => void): Promise<{ results: HvpBackendBench[]; adapter: GpuAdapterSummary | null }> {
  const tf = await import('@tensorflow/tfjs');
  const { initTfBackend, gpuDeviceFromTf } = await import('../platform/tfBackend');
  let adapter: GpuAdapterSummary | null = null;
  const { BUNDLED_WASM_PATHS } = await import('../platform/wasmAssets');
  const out: HvpBackendBench[] = [];
  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
    try {
      const choice = await initTfBackend([backend], { wasmPaths: BUNDLED_WASM_PATHS });
      if (choice.name !== backend) throw new Error(`${backend} did not start`);
      if (backend === 'webgpu') { const device = gpuDeviceFromTf(); adapter = device ? gpuAdapterSummary(device) : null; }
      const before = tf.memory().numTensors;
      const errs: Partial<Record<Activation, number>> = {};
      for (const [k, activation] of ACTIVATIONS.entries()) {
        const spec: MlpSpec = { layers: [6, 8, 3], activation };
        const rng = rngFromSeed(40 + k);
        const params = initParams(spec, rng);
        for (let i = 0; i < params.length; i++) params[i] = params[i]! + 0.3 * (rng() - 0.5);
        const batch = { x: Float32Array.from(normalFill(rng, new Float64Array(TINY_BATCH * 6))), labels: Array.from({ length: TINY_BATCH }, (_, i) => i % 3) };
        const ad = createHvpOperator(spec, params, batch, 'autodiff');
        const fd = createHvpOperator(spec, params, batch, 'fd');
        const v = normalFill(rng, new Float64Array(ad.n));
        errs[activation] = relErr(await ad.hvp(v), await fd.hvp(v));
        ad.dispose();
        fd.dispose();
      }
      const leakedTensors = tf.memory().numTensors - before;
      progress(`H v on ${backend}: ${Object.entries(errs).map(([a, e]) => `${a} ${e!.toExponential(1)}`).join(', ')}`);
      const ms: Record<string, number> = {};
      const spec: MlpSpec = { layers: [784, 128, 128, 10], activation: 'relu' };
      const params = initParams(spec, rngFromSeed(1));
      for (const n of batches) {
        // The full training set once, without a warm-up, and only where a product of 1024 took under a second.
        const full = n >= FULL_BATCH;
        if (full && !((ms['1024'] ?? Infinity) < 1000)) { progress(`H v on ${backend}, batch ${n}: skipped (a product of 1024 took ${fmt(ms['1024'])} ms)`); continue; }
        const rng = rngFromSeed(n);
        const batch = { x: Float32Array.from({ length: n * 784 }, () => rng()), labels: Array.from({ length: n }, (_, i) => i % 10) };
        const op = createHvpOperator(spec, params, batch, 'autodiff');
        const v = normalFill(rng, new Float64Array(op.n));
        if (!full) await op.hvp(v);
        const t: number[] = [];
        for (let r = 0; r < (full ? 1 : runs); r++) { const t0 = performance.now(); await op.hvp(v); t.push(performance.now() - t0); }
        op.dispose();
        ms[String(n)] = median(t);
        progress(`H v on ${backend}, batch ${n}: ${ms[String(n)]!.toFixed(1)} ms`);
      }
      let trainStepsPerSecond: number | undefined;
      let sliceMsPerPoint: { slice: number; forward: number } | undefined;
      if (batches.length > 0) {
        const rng = rngFromSeed(7);
        const n = 2048;
        const x = Float32Array.from({ length: n * 784 }, () => rng());
        const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
        const data = { count: n, inputs: 784, labels, fill(idx: ArrayLike<number>, o: Float32Array) { for (let r = 0; r < idx.length; r++) o.set(x.subarray(idx[r]! * 784, (idx[r]! + 1) * 784), r * 784); } };
        const trainer = createTrainer(spec, params, data, { optimizer: 'adam', lr: 1e-3, batch: 128, seed: 1 });
        for (let i = 0; i < 3; i++) await trainer.step();
        const t0 = performance.now();
        for (let i = 0; i < 10; i++) await trainer.step();
        trainStepsPerSecond = 10 / ((performance.now() - t0) / 1000);
        trainer.dispose();
        progress(`training on ${backend}: ${trainStepsPerSecond.toFixed(1)} steps/s`);
        const u = normalFill(rng, new Float64Array(params.length));
        const w = normalFill(rng, new Float64Array(params.length));
        const axis = [-0.5, -0.25, 0, 0.25, 0.5, 0.75];
        const b256 = { x: x.subarray(0, 256 * 784), labels: labels.subarray(0, 256) };
        const perPoint = async (f: () => Promise<unknown>) => { await f(); const t = performance.now(); await f(); return (performance.now() - t) / (axis.length * axis.length); };
        const forward = async () => {
          const [th, ut, wt, xt, yt] = [tf.tensor1d(params), tf.tensor1d(Float32Array.from(u)), tf.tensor1d(Float32Array.from(w)), tf.tensor2d(b256.x, [256, 784]), oneHot(b256.labels, 10)];
          for (const bv of axis) {
            const row = tf.tidy(() => tf.stack(axis.map((a) => mlpLoss(spec, tf.add(th, tf.add(tf.mul(ut, a), tf.mul(wt, bv))) as Tensor1D, xt, yt))));
            await row.data();
            row.dispose();
          }
          tf.dispose([th, ut, wt, xt, yt]);
        };
        sliceMsPerPoint = { slice: await perPoint(() => lossSlice(spec, params, u, w, axis, axis, b256)), forward: await perPoint(forward) };
        progress(`loss slice on ${backend}: ${sliceMsPerPoint.slice.toFixed(1)} ms a point, ${sliceMsPerPoint.forward.toFixed(1)} by full forward passes`);
      }
      out.push({ backend, ok: true, relErr: errs, leakedTensors, ms, ...(trainStepsPerSecond !== undefined ? { trainStepsPerSecond } : {}), ...(sliceMsPerPoint ? { sliceMsPerPoint } : {}) });
    } catch (e) {
      out.push({ backend, ok: false, error: e instanceof Error ? e.message : String(e) });
      progress(`H v on ${backend}: ${out[out.length - 1]!.error}`);
    }
  }
  return { results: out, adapter };
}

/// <reference lib="webworker" />
import { fetchMnistSplit } from '../src/data/mnistAssets';
import { mnistDataset } from '../src/nn/dataset';
import { initTfBackend, gpuDeviceFromTf } from '../src/platform/tfBackend';
import { BUNDLED_WASM_PATHS } from '../src/platform/wasmAssets';
import { gridTransferList } from '../src/protocol/messages';
import type { ColoredProgress, NetBackend, NetRequest, NetResponse } from '../src/protocol/nn';
import { gpuAdapterSummary } from '../src/gpu/gridKernel';
import { NetSession, sliceSurface, type TrainHooks } from '../src/runners/netSession';
import { serveLatest, type Liveness } from '../src/runners/serveLatest';
import type { MnistSplit } from '../src/data/mnist';
import { coloredMnist } from '../src/data/coloredMnist';
import { coloredSamples } from '../src/data/coloredSamples';
import { Cancelled } from '../src/runners/cancelled';
import { coloredTable } from '../src/runners/coloredTable';
import { mnistRrRideCap, SMALL_SWEEP_RANGES } from '../src/nn/mnistRrSettings';
import { mnistRidgeRider } from '../src/runners/mnistRidge';
import { runSweepTrial, SWEEP_VARIANTS, sweepTrial } from '../src/runners/mnistRrSweep';

/**
 * The network worker: MNIST (fetched once from the app's own assets, with progress), one multilayer perceptron and
 * what is computed on it (runners/netSession.ts) on the TF.js backend asked for (startBackend). Requests run
 * one at a time; a newer one supersedes the running one at its next breath, which pauses a training run.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: NetResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

/**
 * Starts the backend asked for. 'auto' takes webgpu only on a hardware adapter: on a software one (SwiftShader, a
 * CPU renderer) wasm trains the default network about 12 times faster (npm run bench:grid -- --hvp-only).
 */
async function startBackend(choice: NetBackend): Promise<void> {
  const opts = { wasmPaths: BUNDLED_WASM_PATHS };
  let backend = await initTfBackend(choice === 'auto' ? undefined : [choice], opts);
  const device = backend.name === 'webgpu' ? gpuDeviceFromTf() : null;
  let summary = device ? gpuAdapterSummary(device) : null;
  if (choice === 'auto' && summary?.isFallbackAdapter) {
    const rest = await initTfBackend(['wasm', 'webgl', 'cpu'], opts);
    backend = { name: rest.name, tried: [...backend.tried.map((t) => (t.name === 'webgpu' ? { ...t, ok: false, error: 'a software (fallback) adapter: wasm is faster' } : t)), ...rest.tried] };
    summary = null;
  }
  const adapter = summary ? `${summary.vendor} ${summary.architecture}`.trim() || 'unknown adapter' : null;
  post({ type: 'ready', backend: { ...backend, adapter } });
}

let session: Promise<NetSession> | null = null;
/** The training split as loaded, for Colored MNIST. */
let rawTrain: MnistSplit | null = null;

function load(req: Extract<NetRequest, { type: 'load' }>): void {
  if (session) return;
  session = (async () => {
    await startBackend(req.backend);
    let last = 0;
    const progress = (share: number) => (f: number) => {
      const now = performance.now();
      if (now - last > 100 || f === 1) { last = now; post({ type: 'data-progress', runId: req.runId, fraction: share === 0 ? f * 0.14 : 0.14 + f * 0.86 }); }
    };
    const test = await fetchMnistSplit(req.base, 'test', progress(0));
    const train = await fetchMnistSplit(req.base, 'train', progress(1));
    rawTrain = train;
    const count = 36;
    post({ type: 'data', runId: req.runId, train: train.count, test: test.count, gallery: test.images.slice(0, count * 784), galleryLabels: test.labels.slice(0, count) });
    return new NetSession({ train: mnistDataset(train), test: mnistDataset(test) });
  })();
  session.catch((e: unknown) => {
    session = null;
    post({ type: 'error', runId: req.runId, what: 'data', message: `The network worker could not start: ${e instanceof Error ? e.message : String(e)}` });
  });
}

function hooks(runId: number): TrainHooks {
  return {
    steps: (from, losses, total, stepsPerSecond) => post({ type: 'train-steps', runId, from, losses, total, stepsPerSecond }, [losses.buffer]),
    evaluated: (point, confusion, firstLayer) => post({ type: 'eval', runId, point, confusion, firstLayer }, firstLayer ? [firstLayer.buffer] : []),
    spectrum: (spectrum) => post({ type: 'spectrum', runId, spectrum }),
    progress: (what, done, total) => post({ type: 'progress', runId, what, done, total }),
  };
}

async function handle(req: NetRequest, live: Liveness): Promise<void> {
  if (!session) throw new Error('MNIST was not asked for');
  const s = await session;
  const state = (message = '') => post({ type: 'run-state', runId: req.runId, state: s.state, step: s.step, message });
  const h = hooks(req.runId);
  switch (req.type) {
    case 'train':
    case 'resume': {
      if (req.type === 'train') {
        s.start(req.spec, req.settings);
        post({ type: 'model', runId: req.runId, spec: req.spec, n: s.n, step: 0 });
      }
      // The client shows the run as training from the request on; the state goes back when the run stops or pauses.
      await s.train(h, live, req.curvature);
      state();
      return;
    }
    case 'eigs': post({ type: 'eigs', runId: req.runId, eigs: await s.eigs(req.curvature, h, live) }); return;
    case 'density': await s.density(req.curvature, h, live); return;
    case 'slice': {
      const r = await s.slice(req.slice, req.curvature, h, live);
      const { spec, ...buffers } = r.fields;
      post({ type: 'slice', runId: req.runId, spec, fields: buffers, critical: r.critical, samples: r.samples, side: req.slice.side, labels: r.labels, step: r.step, ms: r.ms },
        [...gridTransferList(buffers), r.samples.buffer]);
      return;
    }
    case 'set-model':
      s.setModel(req.json);
      post({ type: 'model', runId: req.runId, spec: s.spec!, n: s.n, step: 0 });
      await s.evaluate(h);
      state();
      return;
    case 'get-model': post({ type: 'model-json', runId: req.runId, json: s.modelJson() }); return;
    case 'ridge-rider': {
      const runId = req.runId;
      let shown = 0;
      const r = await mnistRidgeRider(s.data, req.settings, {
        // A step can take milliseconds (a small network) or half a minute (the Fig. 4 preset): at most 4 messages a second.
        onStep: (step) => { const now = performance.now(); if (now - shown > 250) { shown = now; post({ type: 'rr-progress', runId, step }); } },
        breathe: () => live.breathe(),
        onMis: (mis, n) => post({ type: 'rr-mis', runId, mis, n }),
        onRide: (ride, done) => post({ type: 'rr-ride', runId, ride, done, total: mnistRrRideCap(req.settings) }),
      });
      post({ type: 'rr-end', runId, seconds: r.seconds, matvecs: r.matvecs.getRidges + r.matvecs.updateRidge });
      return;
    }
    case 'rr-sweep': {
      for (let i = 0; i < req.trials; i++) {
        const r = await runSweepTrial(s.data, sweepTrial(req.base, SWEEP_VARIANTS, req.base.seed, i, SMALL_SWEEP_RANGES), () => live.breathe());
        const { index, variant, startTest, finalTrain, finalTest, bestTest, seconds } = r;
        const { inner, alpha, lrE, lrLambda, batch } = r.settings;
        post({ type: 'rr-sweep-trial', runId: req.runId, trial: { index, variant, inner, alpha, lrE, lrLambda, batch, startTest, finalTrain, finalTest, bestTest, seconds }, done: i + 1, total: req.trials });
      }
      post({ type: 'rr-sweep-end', runId: req.runId });
      return;
    }
    case 'colored': {
      const t0 = performance.now();
      // The running run's steps, four times a second: the table's progress bar within a run.
      let shown = 0;
      const onStep = (progress: ColoredProgress) => {
        const now = performance.now();
        if (now - shown < 250 && progress.done < progress.total) return;
        shown = now;
        post({ type: 'colored-progress', runId: req.runId, progress });
      };
      await coloredTable(rawTrain!, req.table, (row, done, total) => post({ type: 'colored-row', runId: req.runId, row, done, total }), () => live.breathe(), onStep);
      post({ type: 'colored-end', runId: req.runId, ms: performance.now() - t0 });
      return;
    }
    default:
  }
}

/**
 * Requests run one after another: a superseded one stops at its next breath before the next starts. A long one's
 * breaths say every 5 s that the worker is alive, so the client does not take a run of minutes between two results
 * (a Table 1 run on 25,000 images per environment, a long ride) for a hang.
 */
let queue: Promise<unknown> = Promise.resolve();
const inner: { onmessage: ((e: MessageEvent<NetRequest>) => void) | null } = { onmessage: null };
serveLatest<NetRequest>(inner, ['train', 'resume', 'eigs', 'density', 'slice', 'set-model', 'get-model', 'ridge-rider', 'rr-sweep', 'colored'], (req, live) => {
  const p = queue.then(() => (live.current() || req.type === 'set-model' || req.type === 'get-model' ? handle(req, live) : undefined))
    .catch((e: unknown) => { if (!(e instanceof Cancelled)) throw e; });
  queue = p.catch(() => undefined);
  return p;
}, (req, message) => {
  const what = req.type === 'train' || req.type === 'resume' ? 'train' : req.type;
  post({ type: 'error', runId: req.runId, what, message });
  if (what === 'train') void session?.then((s) => post({ type: 'run-state', runId: req.runId, state: s.state, step: s.step, message }));
}, { ms: 5000, alive: (req) => post({ type: 'alive', runId: req.runId }) });

ctx.onmessage = (e: MessageEvent<NetRequest>) => {
  const req = e.data;
  if (req.type === 'load') { load(req); return; }
  // The samples viewer's images answer at once (after MNIST is in), beside whatever runs.
  if (req.type === 'colored-samples') {
    void session?.then(() => post({ type: 'colored-samples', runId: req.runId, envs: coloredSamples(coloredMnist(rawTrain!, req.seed), req.count) }));
    return;
  }
  // Colored MNIST's slice through two ridges, made a surface (interpolated, its critical points): about 0.1 s, between the breaths of whatever runs.
  if (req.type === 'colored-slice') {
    const t0 = performance.now();
    const samples = Float64Array.from(req.losses);
    const { fields, critical } = sliceSurface(samples, req.side, req.span, req.seed);
    const { spec, ...buffers } = fields;
    post({ type: 'colored-slice', runId: req.runId, spec, fields: buffers, critical, samples, side: req.side, ms: performance.now() - t0 }, [...gridTransferList(buffers), samples.buffer]);
    return;
  }
  inner.onmessage!(e);
  if (req.type === 'cancel') {
    queue = queue.then(async () => {
      const s = await session;
      if (!s) return;
      s.end();
      post({ type: 'run-state', runId: req.runId, state: s.state, step: s.step, message: 'cancelled' });
    }).catch(() => undefined);
  }
};

import type { ColoredRow, NetCurvatureSettings, NetRequest, NetResponse, NetSliceSettings, NetTrainSettings } from '../protocol/nn';
import type { AppStore } from '../store/appStore';
import { appendLosses, EMPTY_CURVES, IDLE_COLORED, IDLE_RR, IDLE_RUN, IDLE_SWEEP, paneShown, type NetCommand } from '../store/networkSlice';
import { MNIST_RR_DEFAULTS, mnistRrRideCap, sweepBase, type MnistRrSettings } from '../nn/mnistRrSettings';
import type { AppParams, NetParams } from '../store/params';
import { RestartingWorker } from './restartingWorker';
import type { WorkerClient } from './workerClient';

/** The request's settings, from the user's params. */
export function netTrainSettings(n: NetParams, seed: number): NetTrainSettings {
  return {
    optimizer: n.optimizer, lr: n.lr, batch: n.batch, steps: n.steps, seed, trainSamples: n.trainSamples,
    evalEvery: n.evalEvery, evalSamples: n.evalSamples, densityEvery: n.densityEvery,
  };
}

export function netCurvatureSettings(n: NetParams): NetCurvatureSettings {
  return { samples: n.samples, hvp: n.hvp, k: n.k, which: n.which, tol: n.tol, maxMatvecs: n.maxMatvecs, slqSteps: n.slqSteps, slqDraws: n.slqDraws };
}

/** Approximate Ridge Rider on the network of the settings (Figs. 4 and 5). */
export function netRrSettings(n: NetParams, seed: number): MnistRrSettings {
  return {
    ...MNIST_RR_DEFAULTS, layers: [...n.rrLayers], activation: n.activation, ridges: n.rrRidges, steps: n.rrSteps, alpha: n.rrAlpha, lrE: n.rrLrE,
    lrLambda: n.rrLrLambda, inner: n.rrInner, batch: n.rrBatch, batches: n.rrBatches, eigensolver: n.rrSolver, stepScale: n.rrStepScale, lambdaStart: n.rrLambdaStart, update: n.rrUpdate, updateRates: n.rrUpdateRates, end: n.rrEnd, patience: n.rrPatience, directions: n.rrDirections, overlapEvery: n.rrOverlapEvery, order: n.rrOrder, firstRidges: n.rrFirst, initScale: n.rrInitScale, seed, evalSamples: 1000,
  };
}

/** Table 1's methods, in the table's order. */
export const COLORED_TABLE_METHODS = ['rr', 'erm', 'irm', 'grayscale'] as const;

export function netSliceSettings(n: NetParams, seed: number): NetSliceSettings {
  return { dirs: n.sliceDirs, span: n.sliceSpan, side: n.sliceSide, seed };
}

/** Where the app serves its MNIST assets (the Vite plugin's folder, next to the page). */
function mnistBase(): string {
  return typeof document === 'undefined' ? 'mnist' : new URL('mnist', document.baseURI).href;
}

/**
 * The network worker's client. The worker starts the first time the network view is shown (it loads MNIST, about
 * 11 MB, then), and then serves the user's commands (store.netAsk): train, pause, resume, cancel, eigenpairs, density,
 * slice, load and save the model. Each command supersedes what runs (a running training run pauses); answers to
 * superseded commands are dropped. A crashed worker is replaced and MNIST reloaded; its network is lost (a notice says so).
 */
export function netClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let worker: RestartingWorker<NetRequest, NetResponse> | null = null;
  let backend: NetParams['backend'] | null = null;
  let runId = 0;
  /** The latest request that trains, so a pause's superseded run still reports where it stopped. */
  let trainRunId = -1;
  /** The Table 1 row whose slice was last asked for the loss-slice view, and that request's id. */
  let coloredSliceAsked: ColoredRow | null = null;
  let coloredSliceId = 0;

  const onMessage = (res: NetResponse) => {
    const w = worker!;
    const s = store.getState();
    switch (res.type) {
      case 'ready': store.setState({ netBackend: res.backend }); return;
      case 'data-progress': w.heartbeat(); store.setState({ netData: { fraction: res.fraction, train: 0, test: 0, gallery: null, galleryLabels: null } }); return;
      case 'data':
        w.settle();
        store.setState({ netData: { fraction: 1, train: res.train, test: res.test, gallery: res.gallery, galleryLabels: res.galleryLabels } });
        s.clearNotices('net');
        return;
      case 'colored-samples': store.setState({ netColored: { ...s.netColored, samples: res.envs } }); return;
      case 'colored-slice': {
        const row = coloredSliceAsked;
        const candidates = row?.candidates;
        if (!row || !candidates || res.runId !== coloredSliceId) return;
        store.setState((s) => ({
          netSlice: {
            grid: { spec: res.spec, ...res.fields }, critical: res.critical, samples: res.samples, side: res.side, labels: ['ridge u of the MIS', 'ridge v of the MIS'], step: 0, ms: res.ms,
            colored: { run: row.run, candidates, chosen: row.chosen },
          },
          netSliceView: { ...res.spec.domain }, ...paneShown(s, 'slice'),
        }));
        return;
      }
      default:
    }
    const current = res.runId === runId;
    const training = res.runId === trainRunId;
    if (!current && !training) return;
    switch (res.type) {
      case 'model':
        store.setState({ netModel: { spec: res.spec, n: res.n }, netCurves: EMPTY_CURVES, netSpectra: [], netEigs: null, netSlice: null, netConfusion: null, netFirstLayer: null });
        return;
      case 'train-steps':
        w.heartbeat();
        store.setState({
          netCurves: appendLosses(s.netCurves, res.from, res.losses),
          netRun: { ...s.netRun, state: 'training', step: res.from + res.losses.length, total: res.total, stepsPerSecond: res.stepsPerSecond },
        });
        return;
      case 'eval':
        w.heartbeat();
        store.setState({
          netCurves: { ...s.netCurves, evals: [...s.netCurves.evals.filter((e) => e.step < res.point.step), res.point] },
          netConfusion: res.confusion, netFirstLayer: res.firstLayer ?? s.netFirstLayer,
        });
        return;
      case 'run-state':
        if (res.state !== 'training') w.settle();
        store.setState({ netRun: { ...s.netRun, state: res.state, step: res.step, message: res.message, spectrum: null } });
        return;
      case 'progress':
        w.heartbeat();
        // The live spectrum of a training run is part of the run (its status line), not a computation of its own.
        if (training) store.setState({ netRun: { ...s.netRun, spectrum: { done: res.done, total: res.total } } });
        else store.setState({ netBusy: { what: res.what, done: res.done, total: res.total } });
        return;
      case 'spectrum':
        w.heartbeat();
        store.setState({ netSpectra: [...s.netSpectra.filter((x) => x.step !== res.spectrum.step), res.spectrum], ...(training ? { netRun: { ...s.netRun, spectrum: null } } : { netBusy: null }) });
        if (!training) w.settle();
        return;
      case 'eigs':
        w.settle();
        store.setState({ netEigs: res.eigs, netBusy: null });
        return;
      case 'slice':
        w.settle();
        store.setState((s) => ({
          netSlice: { grid: { spec: res.spec, ...res.fields }, critical: res.critical, samples: res.samples, side: res.side, labels: res.labels, step: res.step, ms: res.ms },
          netSliceView: { ...res.spec.domain }, netBusy: null, ...paneShown(s, 'slice'),
        }));
        return;
      case 'rr-mis':
        w.heartbeat();
        store.setState({ netRr: { ...s.netRr, mis: res.mis, n: res.n, startedAt: Date.now() } });
        return;
      case 'rr-ride':
        w.heartbeat();
        store.setState({ netRr: { ...s.netRr, rides: [...s.netRr.rides, res.ride], total: res.total, step: 0 } });
        return;
      case 'rr-progress':
        w.heartbeat();
        if (s.netRr.state === 'running') store.setState({ netRr: { ...s.netRr, step: res.step } });
        return;
      case 'rr-end':
        w.settle();
        store.setState({ netRr: { ...s.netRr, state: 'done', seconds: res.seconds, matvecs: res.matvecs } });
        return;
      case 'rr-sweep-trial':
        w.heartbeat();
        store.setState({ netRrSweep: { ...s.netRrSweep, trials: [...s.netRrSweep.trials, res.trial], total: res.total, trialSince: Date.now() } });
        return;
      case 'rr-sweep-end':
        w.settle();
        store.setState({ netRrSweep: { ...s.netRrSweep, state: 'done' } });
        return;
      case 'colored-row':
        w.heartbeat();
        store.setState({ netColored: { ...s.netColored, rows: [...s.netColored.rows, res.row], done: res.done, total: res.total, current: null } });
        return;
      case 'colored-progress':
        w.heartbeat();
        if (s.netColored.state === 'running') store.setState({ netColored: { ...s.netColored, current: res.progress } });
        return;
      case 'colored-end':
        w.settle();
        store.setState({ netColored: { ...s.netColored, state: 'done', current: null } });
        return;
      case 'alive':
        w.heartbeat();
        return;
      case 'model-json':
        w.settle();
        store.setState({ netModelJson: { id: res.runId, json: res.json }, netBusy: null });
        return;
      case 'error':
        w.settle();
        store.setState({
          netBusy: null,
          ...(res.what === 'ridge-rider' && s.netRr.state === 'running' ? { netRr: { ...s.netRr, state: 'failed' as const } } : {}),
          ...(res.what === 'rr-sweep' && s.netRrSweep.state === 'running' ? { netRrSweep: { ...s.netRrSweep, state: 'failed' as const } } : {}),
          ...(res.what === 'colored' && s.netColored.state === 'running' ? { netColored: { ...s.netColored, state: 'failed' as const, current: null } } : {}),
        });
        s.notify('error', res.what === 'data' ? res.message : `${res.what === 'set-model' ? 'The model was not loaded (the previous one stays)' : 'The network worker'}: ${res.message}`, 'net');
        return;
    }
  };

  function ensure(): RestartingWorker<NetRequest, NetResponse> {
    if (worker) return worker;
    worker = new RestartingWorker<NetRequest, NetResponse>(spawn, onMessage, (reason) => {
      // What ran in the dead worker stopped: its finished rides, trials and rows stay, marked as stopped.
      const s = store.getState();
      const lost = [s.netRr.state === 'running' && 'Ridge Rider', s.netRrSweep.state === 'running' && 'the sweep', s.netColored.state === 'running' && 'Table 1']
        .filter((x): x is string => typeof x === 'string');
      store.setState({
        netModel: null, netRun: IDLE_RUN, netBusy: null, netData: null,
        ...(s.netRr.state === 'running' ? { netRr: { ...s.netRr, state: 'failed' as const } } : {}),
        ...(s.netRrSweep.state === 'running' ? { netRrSweep: { ...s.netRrSweep, state: 'failed' as const } } : {}),
        ...(s.netColored.state === 'running' ? { netColored: { ...s.netColored, state: 'failed' as const, current: null } } : {}),
      });
      store.getState().notify('warning', `The network worker stopped (${reason}); a new one was started and MNIST is loading again. `
        + `The network it held is lost: train again, or load a saved model.${lost.length ? ` ${lost.join(' and ')} stopped; what had finished is kept.` : ''}`, 'net-worker');
      worker!.post({ type: 'load', runId: ++runId, base: mnistBase(), backend: store.getState().params.net.backend });
    });
    backend = store.getState().params.net.backend;
    worker.post({ type: 'load', runId: ++runId, base: mnistBase(), backend });
    return worker;
  }

  /** A new backend: a new worker (the network it held is lost; the user is told). */
  function switchBackend(): void {
    if (!worker) return;
    const hadModel = store.getState().netModel !== null;
    worker.dispose();
    worker = null;
    store.setState({ netModel: null, netBackend: null, netRun: IDLE_RUN, netBusy: null, netData: null,
      netCurves: EMPTY_CURVES, netSpectra: [], netEigs: null, netSlice: null, netConfusion: null, netFirstLayer: null });
    if (hadModel) store.getState().notify('warning', 'The network worker restarted on the new backend, so the network it held is gone: train again, or load a saved model.', 'net-backend');
    ensure();
  }

  function command(c: NetCommand, p: AppParams): void {
    const w = ensure();
    if (c.kind === 'colored-samples') { w.post({ type: 'colored-samples', runId: 0, seed: p.seed, count: 24 }); return; }
    if (c.kind === 'colored-slice') {
      // The latest Ridge Rider run's slice, answered beside whatever runs (Table 1 goes on).
      const row = [...store.getState().netColored.rows].reverse().find((r) => r.slice && r.candidates);
      if (!row?.slice) return;
      coloredSliceAsked = row;
      // Its own count: a new runId would make Table 1's answers look superseded.
      coloredSliceId += 1;
      w.post({ type: 'colored-slice', runId: coloredSliceId, side: row.slice.side, span: row.slice.span, losses: row.slice.losses, seed: p.seed });
      return;
    }
    const n = p.net;
    const curvature = netCurvatureSettings(n);
    const id = ++runId;
    const s = store.getState();
    switch (c.kind) {
      case 'train':
        trainRunId = id;
        store.setState({ netRun: { ...IDLE_RUN, state: 'training', total: n.steps }, netBusy: null });
        w.post({ type: 'train', runId: id, spec: { layers: [...n.layers], activation: n.activation }, settings: netTrainSettings(n, p.seed), curvature });
        return;
      case 'resume':
        trainRunId = id;
        store.setState({ netRun: { ...s.netRun, state: 'training' }, netBusy: null });
        w.post({ type: 'resume', runId: id, curvature });
        return;
      case 'pause': case 'stop':
        store.setState({
          netBusy: null,
          ...(s.netRr.state === 'running' ? { netRr: { ...s.netRr, state: 'cancelled' as const } } : {}),
          ...(s.netColored.state === 'running' ? { netColored: { ...s.netColored, state: 'cancelled' as const, current: null } } : {}),
          ...(s.netRrSweep.state === 'running' ? { netRrSweep: { ...s.netRrSweep, state: 'cancelled' as const } } : {}),
        });
        w.post({ type: 'pause', runId: id });
        return;
      case 'cancel':
        trainRunId = id;
        store.setState({ netBusy: null });
        w.post({ type: 'cancel', runId: id });
        return;
      case 'eigs':
        store.setState({ netBusy: { what: 'eigs', done: 0, total: n.maxMatvecs } });
        w.post({ type: 'eigs', runId: id, curvature });
        return;
      case 'density':
        store.setState((t) => ({ netBusy: { what: 'density', done: 0, total: n.slqSteps * n.slqDraws }, ...paneShown(t, 'spectrum') }));
        w.post({ type: 'density', runId: id, curvature });
        return;
      case 'slice':
        store.setState({ netBusy: { what: 'slice', done: 0, total: n.sliceSide } });
        w.post({ type: 'slice', runId: id, slice: netSliceSettings(n, p.seed), curvature });
        return;
      case 'ridge-rider': {
        const settings = netRrSettings(n, p.seed);
        store.setState((t) => ({ netRr: { ...IDLE_RR, state: 'running', total: mnistRrRideCap(settings), steps: settings.steps, directions: settings.directions }, ...paneShown(t, 'rides') }));
        w.post({ type: 'ridge-rider', runId: id, settings });
        return;
      }
      case 'rr-sweep': {
        const base = sweepBase(netRrSettings(n, p.seed), n.rrSweepShape);
        store.setState((t) => ({ netRrSweep: { ...IDLE_SWEEP, state: 'running', total: n.rrTrials, layers: base.layers, trialSince: Date.now() }, ...paneShown(t, 'rides') }));
        w.post({ type: 'rr-sweep', runId: id, base, trials: n.rrTrials });
        return;
      }
      case 'colored': {
        const table = { seed: p.seed, runs: n.coloredRuns, limit: n.coloredLimit, methods: COLORED_TABLE_METHODS };
        store.setState((t) => ({ netColored: { ...IDLE_COLORED, samples: s.netColored.samples, state: 'running', methods: table.methods, total: table.runs * table.methods.length, limit: table.limit }, ...paneShown(t, 'colored') }));
        w.post({ type: 'colored', runId: id, table });
        return;
      }
      case 'save':
        store.setState({ netBusy: { what: 'model', done: 0, total: 1 } });
        w.post({ type: 'get-model', runId: id });
        return;
      case 'load':
        w.post({ type: 'set-model', runId: id, json: c.json });
        return;
    }
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.netCommand && s.netCommand !== prev.netCommand) command(s.netCommand, s.params);
  });
  return {
    update(p) {
      if (worker && p.net.backend !== backend) switchBackend();
      else if (p.net.on) ensure();
    },
    crash: () => ensure().post({ type: 'crash', runId: 0 }),
    restarts: () => worker?.restarts ?? 0,
    dispose: () => { unsubscribe(); worker?.dispose(); },
  };
}

import { DEFAULT_DOMAIN, landscapeById } from '../landscapes/registry';
import { METHODS } from '../optimizers/methods';
import type { RunKey, RunsRequest, RunsResponse, SmoothedRuns } from '../protocol/messages';
import { currentFormula, type AppStore } from '../store/appStore';
import type { AppParams } from '../store/params';
import { runSpec } from '../store/runSpecs';
import { restartingWorker, type WorkerClient } from './workerClient';

/** The smoothed surface the optimizers descend, when they descend f_σ. */
const smoothedRuns = (p: AppParams): SmoothedRuns | undefined =>
  (p.smooth.on && p.smooth.optimize ? { sigma: p.smooth.sigma, method: p.smooth.method, samples: p.smooth.samples, seed: p.seed } : undefined);

const runsKey = (p: AppParams) => JSON.stringify([currentFormula(p), p.start, p.methods, p.steps, p.methods.map((m) => p.hyper[m]), p.es, p.es.algos.length ? p.seed : 0,
  smoothedRuns(p) ?? null]);

/**
 * The runs worker's client: the enabled optimizers and evolution strategies from the start point, streamed back in
 * batches into the runs slice; playback starts with them.
 */
export function runsClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let runId = 0;
  let pending = new Set<RunKey>();

  const worker = restartingWorker<RunsRequest, RunsResponse>(store, spawn, (res) => onMessage(res),
    (reason) => `The optimizer worker stopped (${reason}); a new one was started and the runs were restarted.`, (p) => request(p));

  function finish(m: RunKey): void {
    pending.delete(m);
    if (pending.size === 0) worker.settle();
  }

  function onMessage(res: RunsResponse): void {
    if (res.runId !== runId) return;
    const s = store.getState();
    switch (res.type) {
      case 'error':
        s.notify('error', res.method ? `${runSpec(res.method).name}: ${res.message}` : res.message, 'runs');
        if (res.method) finish(res.method);
        return;
      case 'batch':
        s.appendRun(res.method, res.points);
        return;
      case 'es-batch':
        s.appendEs(res.method, res.points, res.gens, res.samples, res.pop);
        return;
      case 'end':
        // A run that started clears the message of an earlier start that failed.
        if (res.stop !== 'diverged' || s.runs[res.method]?.count) s.clearNotices('runs');
        s.endRun(res.method, res.stop, res.message);
        finish(res.method);
        return;
    }
  }

  function request(p: AppParams): void {
    const id = ++runId;
    const s = store.getState();
    if (!p.start || (p.methods.length === 0 && p.es.algos.length === 0)) {
      worker.post({ type: 'cancel', runId: id });
      worker.settle();
      s.resetRuns([]);
      s.clearNotices('runs');
      store.setState({ playhead: 0, playing: false });
      return;
    }
    const keys = [
      ...p.methods.map((m) => ({ key: m as RunKey, capacity: Math.min(p.steps + 1, 1024), es: false })),
      ...p.es.algos.map((a) => ({ key: `es:${a}` as RunKey, capacity: Math.min(p.es.iters + 1, 1024), es: true })),
    ];
    pending = new Set(keys.map((k) => k.key));
    s.resetRuns(keys);
    // While the start is dragged the runs are shown whole, following the pointer; otherwise they play from step 0.
    store.setState(s.draggingStart ? { playhead: Math.max(p.steps, p.es.iters), playing: false } : { playhead: 0, playing: true });
    const domain = landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN;
    worker.post({
      type: 'run', runId: id, formula: currentFormula(p), landscape: p.landscape, domain, start: p.start, steps: p.steps,
      methods: METHODS.filter((m) => p.methods.includes(m.id)).map((m) => ({ id: m.id, hyper: { ...p.hyper[m.id] } })),
      es: p.es.algos.length > 0 ? { ...p.es, algos: [...p.es.algos] } : null, seed: p.seed,
      ...(smoothedRuns(p) ? { smooth: smoothedRuns(p)! } : {}),
    });
  }

  return {
    update: (p, prev) => { if (!prev || runsKey(p) !== runsKey(prev)) request(p); },
    crash: () => worker.post({ type: 'crash', runId: 0 }),
    restarts: () => worker.restarts,
    dispose: () => worker.dispose(),
  };
}

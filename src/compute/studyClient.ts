import { TREE_DEFAULTS } from '../envs/binaryTree';
import { LEVER_DEFAULTS } from '../envs/leverGame';
import type { StudyRequest, StudyResponse } from '../protocol/studies';
import type { AppStore } from '../store/appStore';
import { TREE_SWEEP_PLAN } from '../envs/treeSweeps';
import type { AppParams } from '../store/params';
import { mdpSettings } from './treeClient';
import { restartingWorker, type WorkerClient } from './workerClient';

const leverKey = (p: AppParams) => JSON.stringify([p.lever, p.seed]);

/**
 * The study worker's client: the lever game whenever its view is shown and its settings change, and the Fig. 2 /
 * Fig. 3 sweep when the user asks for it (store.requestSweep), its rows arriving one tree at a time. Cancelling, or a
 * new request, supersedes the running one.
 */
export function studyClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let runId = 0;
  let kind: 'sweep' | 'lever' | null = null;
  const worker = restartingWorker<StudyRequest, StudyResponse>(store, spawn, (res) => {
    if (res.runId !== runId) return;
    const s = store.getState();
    switch (res.type) {
      case 'sweep-row':
        worker.heartbeat();
        store.setState({ sweepRows: [...s.sweepRows, res.row], sweepProgress: { done: res.done, total: res.total, running: true } });
        return;
      case 'sweep-end':
        worker.settle();
        store.setState({ sweepProgress: s.sweepProgress ? { ...s.sweepProgress, running: false } : null });
        return;
      case 'lever-progress':
        worker.heartbeat();
        store.setState({ leverProgress: { done: res.done, total: res.total, running: true } });
        return;
      case 'lever-result':
        worker.settle();
        store.setState({ leverResult: res.result, leverProgress: { done: 1, total: 1, running: false } });
        s.clearNotices('study');
        return;
      case 'error':
        worker.settle();
        store.setState(kind === 'sweep' ? { sweepProgress: s.sweepProgress ? { ...s.sweepProgress, running: false } : null } : { leverProgress: null });
        s.notify('error', res.message, 'study');
    }
  }, (reason) => `The study worker stopped (${reason}); a new one was started.`, () => resume());

  function sweep(p: AppParams): void {
    const plan = TREE_SWEEP_PLAN[p.mdp.sweep];
    kind = 'sweep';
    worker.post({
      type: 'sweep', runId: ++runId, depths: plan.depths, trees: plan.trees, seed: p.seed, settings: mdpSettings(p.mdp),
      gen: { ...TREE_DEFAULTS, sparsity: p.mdp.sparsity, reverse: p.mdp.rewards === 'paper' },
    });
  }

  function lever(p: AppParams): void {
    if (!p.lever.on) return;
    kind = 'lever';
    store.setState({ leverProgress: { done: 0, total: p.lever.runs * p.lever.repeats, running: true } });
    worker.post({ type: 'lever', runId: ++runId, settings: { ...LEVER_DEFAULTS, payoffs: [...p.lever.payoffs], runs: p.lever.runs, repeats: p.lever.repeats, clusterTol: p.lever.clusterTol }, seed: p.seed });
  }

  /** After a restart: the interrupted work again. */
  function resume(): void {
    const s = store.getState();
    if (kind === 'sweep' && s.sweepProgress?.running) { store.setState({ sweepRows: [] }); sweep(s.params); }
    else if (kind === 'lever') lever(s.params);
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.sweepRequest !== prev.sweepRequest) sweep(s.params);
    else if (prev.sweepProgress?.running && s.sweepProgress && !s.sweepProgress.running && kind === 'sweep') {
      // Cancelled by the user.
      worker.post({ type: 'cancel', runId: ++runId });
      worker.settle();
    }
  });
  return {
    update(p, prev) {
      if (p.lever.on && (!prev || !prev.lever.on || leverKey(p) !== leverKey(prev))) lever(p);
    },
    crash: () => worker.post({ type: 'crash', runId: 0 }),
    restarts: () => worker.restarts,
    dispose: () => { unsubscribe(); worker.dispose(); },
  };
}

import { DEFAULT_DOMAIN, landscapeById } from '../landscapes/registry';
import type { RidgeRequest, RidgeResponse } from '../protocol/messages';
import { currentFormula, type AppStore } from '../store/appStore';
import { NO_PRESET, type AppParams } from '../store/params';
import { restartingWorker, type WorkerClient } from './workerClient';

const ridgeKey = (p: AppParams) => JSON.stringify([currentFormula(p), p.ridge, p.seed]);

/**
 * The ridge worker's client: a Ridge Rider search of the current surface (a formula problem on its landscape's
 * domain), from the clicked start refined by Newton or the automatic one, with the panel's settings or a figure's
 * preset; the start, the rides and the end stream into the ridge slice, where each ride is shown as it ends (a replay
 * on the timeline is the user's choice).
 */
export function ridgeClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let runId = 0;

  const worker = restartingWorker<RidgeRequest, RidgeResponse>(store, spawn, (res) => onMessage(res),
    (reason) => `The Ridge Rider worker stopped (${reason}); a new one was started and the search was restarted.`, (p) => request(p));

  function onMessage(res: RidgeResponse): void {
    if (res.runId !== runId) return;
    const s = store.getState();
    if (!s.ridge) return;
    if (res.type === 'error') {
      s.ridgeMessage({ type: 'ridge-end', runId: res.runId, reason: 'error', note: res.message, totalSteps: 0 });
      worker.settle();
      s.notify('error', res.message, 'ridge');
      return;
    }
    s.ridgeMessage(res);
    if (res.type === 'ridge-start') {
      if (res.found) s.clearNotices('ridge');
      else s.notify('warning', `Ridge Rider: ${res.message}`, 'ridge');
    }
    if (res.type === 'ridge-end') {
      worker.settle();
      if (res.reason === 'max-rides') s.notify('info', `Ridge Rider stopped: ${res.note}. Raise "Maximum rides" to explore further.`, 'ridge');
      if (res.reason === 'max-total-steps') s.notify('info', `Ridge Rider stopped: ${res.note}.`, 'ridge');
    }
  }

  function request(p: AppParams): void {
    const id = ++runId;
    const s = store.getState();
    if (!p.ridge.on) {
      worker.post({ type: 'cancel', runId: id });
      worker.settle();
      s.resetRidge(false);
      s.clearNotices('ridge');
      return;
    }
    const { on: _on, start: click, preset, ...settings } = p.ridge;
    s.resetRidge(true);
    const def = landscapeById(p.landscape);
    worker.post({
      type: 'ridge', runId: id, problem: { kind: 'formula', formula: currentFormula(p), domain: def?.domain ?? DEFAULT_DOMAIN, ...(def ? { name: def.id } : {}) },
      // A figure preset starts where the figure does.
      start: click && preset === NO_PRESET ? { kind: 'refine', theta: click } : { kind: 'auto' }, settings, seed: p.seed,
      experiment: preset === NO_PRESET ? null : preset,
    });
  }

  return {
    update: (p, prev) => { if (!prev || ridgeKey(p) !== ridgeKey(prev)) request(p); },
    crash: () => worker.post({ type: 'crash', runId: 0 }),
    restarts: () => worker.restarts,
    dispose: () => worker.dispose(),
  };
}

import type { AppStore } from '../store/appStore';
import { netClient } from './netClient';
import { ridgeClient } from './ridgeClient';
import { runsClient } from './runsClient';
import { studyClient } from './studyClient';
import { surfaceClient } from './surfaceClient';
import { treeClient } from './treeClient';
import type { WorkerClient } from './workerClient';

export { VIEW_GRID_SIZE } from './surfaceClient';

export type WorkerName = 'surface' | 'runs' | 'ridge' | 'tree' | 'study' | 'net';

export interface ComputeController {
  /** Test hook: crash one of the workers to exercise recovery. */
  crash(which: WorkerName): void;
  restarts(): Record<WorkerName, number>;
  dispose(): void;
}

/**
 * Connects the store to the workers through their clients (surfaceClient, runsClient, ridgeClient, for Ridge
 * Rider's small-n experiments treeClient and studyClient, and netClient for the network): it
 * watches the user's params and lets each client request what depends on what changed. Each client drops answers to
 * superseded requests (runId) and re-issues its requests when its crashed worker has been restarted.
 */
export function startCompute(store: AppStore, spawn: Record<WorkerName, () => Worker>): ComputeController {
  const clients: Record<WorkerName, WorkerClient> = {
    surface: surfaceClient(store, spawn.surface),
    runs: runsClient(store, spawn.runs),
    ridge: ridgeClient(store, spawn.ridge),
    tree: treeClient(store, spawn.tree),
    study: studyClient(store, spawn.study),
    net: netClient(store, spawn.net),
  };
  const all = Object.values(clients);
  let last = store.getState().params;
  for (const c of all) c.update(last, null);
  const unsubscribe = store.subscribe((state) => {
    const p = state.params;
    if (p === last) return;
    const prev = last;
    last = p;
    for (const c of all) c.update(p, prev);
  });
  return {
    crash: (which) => clients[which].crash(),
    restarts: () => ({
      surface: clients.surface.restarts(), runs: clients.runs.restarts(), ridge: clients.ridge.restarts(), tree: clients.tree.restarts(), study: clients.study.restarts(),
      net: clients.net.restarts(),
    }),
    dispose: () => { unsubscribe(); for (const c of all) c.dispose(); },
  };
}

import type { AppStore } from '../store/appStore';
import type { AppParams } from '../store/params';
import { RestartingWorker } from './restartingWorker';

/** A main-thread client of one worker: it sends requests when the params they depend on change, and stores the answers. */
export interface WorkerClient {
  /** The params changed from `prev` (null: the first params): request what depends on the change. */
  update(p: AppParams, prev: AppParams | null): void;
  /** Test hook: make the worker throw, to exercise recovery. */
  crash(): void;
  restarts(): number;
  dispose(): void;
}

/**
 * The worker of a client, replaced after a crash or a hang: the user is told why (`notice`) and the current params
 * are requested again (`reissue`).
 */
export function restartingWorker<Req, Res>(store: AppStore, spawn: () => Worker, onMessage: (res: Res) => void,
  notice: (reason: string) => string, reissue: (p: AppParams) => void): RestartingWorker<Req, Res> {
  return new RestartingWorker<Req, Res>(spawn, onMessage, (reason) => {
    store.getState().notify('warning', notice(reason));
    reissue(store.getState().params);
  });
}

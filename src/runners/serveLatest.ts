/** A request that one worker serves at a time: work, a cancel, or the crash test hook. */
export type LatestRequest = { readonly type: string; readonly runId: number };

/** What a request's work can ask while it runs. */
export interface Liveness {
  /** Still the latest request (no newer one and no cancel has arrived). */
  current(): boolean;
  /** Yields to the event loop, so that newer messages are read, then says whether this request is still current. */
  breathe(): Promise<boolean>;
}

/** A sign of life: `alive(req)` is called from a breath at most every `ms` milliseconds while that request runs. */
export interface Pulse<R> {
  readonly ms: number;
  alive(req: R): void;
}

/**
 * The message loop of a worker that serves one request at a time, each superseding the one before: a request of type
 * `work` (or one of several) runs `run` (whose failure is reported through `fail`); 'cancel' only supersedes; 'crash' throws from the
 * handler, the test hook of crash recovery. Work checks `current()` and awaits `breathe()` between batches. With a
 * `pulse`, the breaths of a long request also tell the client that the worker is alive (its hang deadline starts again).
 */
export function serveLatest<R extends LatestRequest>(scope: { onmessage: ((e: MessageEvent<R>) => void) | null }, work: R['type'] | readonly R['type'][],
  run: (req: R, live: Liveness) => Promise<void>, fail: (req: R, message: string) => void, pulse?: Pulse<R>): void {
  let latest = 0;
  const works: readonly string[] = Array.isArray(work) ? work : [work];
  scope.onmessage = (e) => {
    const req = e.data;
    if (req.type === 'crash') throw new Error('crash requested (test hook)');
    latest = req.runId;
    if (!works.includes(req.type)) return;
    let beat = performance.now();
    const live: Liveness = {
      current: () => latest === req.runId,
      breathe: () => {
        const now = performance.now();
        if (pulse && now - beat >= pulse.ms && latest === req.runId) { beat = now; pulse.alive(req); }
        return new Promise<boolean>((resolve) => setTimeout(() => resolve(latest === req.runId), 0));
      },
    };
    run(req, live).catch((err: unknown) => fail(req, err instanceof Error ? err.message : String(err)));
  };
}

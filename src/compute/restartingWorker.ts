/**
 * A dedicated worker that is replaced by a fresh one when it crashes (an uncaught error, an unreadable
 * message, or a request that outlives its deadline). The owner is told why, so it can say so and re-issue
 * what the dead worker was doing.
 */
export class RestartingWorker<Req, Res> {
  private worker: Worker;
  private deadline: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  restarts = 0;

  constructor(
    private readonly spawn: () => Worker,
    private readonly onMessage: (res: Res) => void,
    private readonly onRestart: (reason: string) => void,
    /** A request with no answer for this long counts as a hang. */
    private readonly timeoutMs = 60_000,
  ) {
    this.worker = this.start();
  }

  post(req: Req, transfer: Transferable[] = []): void {
    if (this.disposed) return;
    this.worker.postMessage(req, transfer);
    this.armDeadline();
  }

  /** Call on a progress message of a long request: the deadline starts again (a worker that reports is not hung). */
  heartbeat(): void {
    if (this.deadline) this.armDeadline();
  }

  /** Call when a request's final answer arrived, so an idle worker is never taken for a hung one. */
  settle(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
  }

  dispose(): void {
    this.disposed = true;
    this.settle();
    this.worker.terminate();
  }

  private start(): Worker {
    const w = this.spawn();
    w.onmessage = (e: MessageEvent<Res>) => this.onMessage(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.restart(`worker crashed: ${e.message || 'uncaught error'}`);
    };
    w.onmessageerror = () => this.restart('worker sent a message that could not be read');
    return w;
  }

  private armDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.restart(`worker did not answer within ${Math.round(this.timeoutMs / 1000)} s`), this.timeoutMs);
  }

  private restart(reason: string): void {
    if (this.disposed) return;
    this.settle();
    this.worker.terminate();
    this.restarts++;
    this.worker = this.start();
    this.onRestart(reason);
  }
}

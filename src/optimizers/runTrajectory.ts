import type { MethodId, StopReason } from './methods';
import type { Objective } from './objective';
import { initOptimizer, stepOptimizer, type OptimizerOptions } from './optimizer';

export interface StreamOptions extends OptimizerOptions {
  /** Work time between batches, in ms (a worker posts one message per batch). Default 16. */
  batchMs?: number;
  /**
   * Receives the new (x, y, f) triples as a Float64Array it may transfer (full precision, so that exports read back exactly) (the first batch starts with the start
   * point); resolves to false to stop the run as 'cancelled'. Awaiting it lets a worker handle new messages.
   */
  onBatch: (points: Float64Array) => Promise<boolean> | boolean;
}

export interface StreamResult {
  readonly steps: number;
  readonly stop: StopReason;
  readonly message: string;
}

/**
 * The asynchronous run of the step API for workers (architecture.md, convention 5): steps until the optimizer
 * stops, handing out batches about every `batchMs` of work instead of one message per point.
 */
export async function runTrajectory(method: MethodId, hyper: Readonly<Record<string, number>>, objective: Objective,
  start: readonly [number, number], opts: StreamOptions): Promise<StreamResult> {
  const batchMs = opts.batchMs ?? 16;
  const state = initOptimizer(method, hyper, objective, start, opts);
  // A start where f is not finite has already stopped as 'diverged': it is reported, not drawn.
  let batch: number[] = Number.isFinite(state.jet[0]) ? [state.x[0]!, state.x[1]!, state.jet[0]!] : [];
  let t0 = performance.now();
  const flush = async (): Promise<boolean> => {
    const points = Float64Array.from(batch);
    batch = [];
    const go = await opts.onBatch(points);
    t0 = performance.now();
    return go;
  };
  while (state.stop === null) {
    const before = state.step;
    stepOptimizer(state);
    if (state.step !== before) batch.push(state.x[0]!, state.x[1]!, state.jet[0]!);
    if (state.stop === null && (state.step & 63) === 0 && performance.now() - t0 >= batchMs) {
      if (!(await flush())) return { steps: state.step, stop: 'cancelled', message: `cancelled at step ${state.step}` };
    }
  }
  if (batch.length > 0 && !(await flush())) return { steps: state.step, stop: 'cancelled', message: `cancelled at step ${state.step}` };
  return { steps: state.step, stop: state.stop, message: state.message };
}

import type { MethodId, StopReason } from './methods';
import type { Objective } from './objective';
import { initOptimizer, stepOptimizer, type OptimizerOptions, type OptimizerState } from './optimizer';

/** Options of `runOptimizer`: those of `initOptimizer` plus progress and cancellation. */
export interface RunOptions extends OptimizerOptions {
  /** Steps between `onBatch` calls and `shouldCancel` checks. Default 256. */
  batchSize?: number;
  /**
   * Called with the (x, y, f) triples added since the previous call (the first batch includes the start) and the
   * state; `points` is a view that is only valid during the call: copy it (or convert to Float32) to keep it.
   * Called once more at the end with the remaining points, possibly none.
   */
  onBatch?: (points: Float64Array, state: Readonly<OptimizerState>) => void;
  /**
   * Polled every `batchSize` steps; true stops the run as 'cancelled'. The run is synchronous, so the flag must be
   * readable synchronously (a deadline, an Atomics-backed flag); workers that must react to messages loop over
   * `stepOptimizer` themselves and yield between batches.
   */
  shouldCancel?: () => boolean;
}

export interface RunResult {
  /**
   * (x, y, f) triples x₀, x₁, …, x_steps, start included; never a non-finite value. Length 3·(steps + 1), except
   * for a start where f is not finite: then it is empty (stop 'diverged', steps 0).
   */
  readonly points: Float64Array;
  readonly steps: number;
  readonly stop: StopReason;
  readonly message: string;
  /** The last point and f there (the last triple of `points`; f is NaN/±∞ only when `points` is empty). */
  readonly final: [number, number];
  readonly f: number;
}

/**
 * run of the step API: `initOptimizer` then `stepOptimizer` until it stops ('converged', 'diverged',
 * 'max-steps') or `shouldCancel` says so ('cancelled'), collecting the trajectory. Throws only for invalid input
 * (hyper-parameters out of range, non-finite start, bad options), never for a numerical failure of the run.
 */
export function runOptimizer(method: MethodId, hyper: Readonly<Record<string, number>>, objective: Objective,
  start: readonly [number, number], opts: RunOptions = {}): RunResult {
  const batchSize = opts.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${String(batchSize)}`);
  const state = initOptimizer(method, hyper, objective, start, opts);
  let buf = new Float64Array(3 * Math.min(state.maxSteps + 1, 1024));
  let n = 0;
  let reported = 0;
  const push = (): void => {
    if (3 * (n + 1) > buf.length) {
      const bigger = new Float64Array(Math.min(2 * buf.length, 3 * (state.maxSteps + 1)));
      bigger.set(buf);
      buf = bigger;
    }
    buf[3 * n] = state.x[0]!;
    buf[3 * n + 1] = state.x[1]!;
    buf[3 * n + 2] = state.jet[0]!;
    n += 1;
  };
  const flush = (): void => {
    if (opts.onBatch) opts.onBatch(buf.subarray(3 * reported, 3 * n), state);
    reported = n;
  };
  // The start is recorded unless f is not finite there (then the run is already 'diverged' and `points` is empty).
  if (Number.isFinite(state.jet[0]!)) push();
  while (state.stop === null) {
    const before = state.step;
    stepOptimizer(state);
    if (state.step !== before) push();
    if (state.stop === null && state.step % batchSize === 0) {
      flush();
      if (opts.shouldCancel?.()) {
        state.stop = 'cancelled';
        state.message = `cancelled at step ${state.step}`;
      }
    }
  }
  flush();
  return {
    points: buf.slice(0, 3 * n), steps: state.step, stop: state.stop, message: state.message,
    final: [state.x[0]!, state.x[1]!], f: state.jet[0]!,
  };
}

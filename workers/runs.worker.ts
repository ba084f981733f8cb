/// <reference lib="webworker" />
import { compileFormula } from '../src/landscapes/expression/compileFormula';
import { runTrajectory } from '../src/optimizers/runTrajectory';
import { streamEs } from '../src/runners/esStream';
import type { EsStop } from '../src/es/optimizers';
import type { StopReason } from '../src/optimizers/methods';
import type { RunsRequest, RunsResponse } from '../src/protocol/messages';
import { JetEvaluator } from '../src/landscapes/expression/jet';
import { serveLatest, type Liveness } from '../src/runners/serveLatest';
import { surfaceObjective } from '../src/runners/surfaceObjective';
import type { Objective } from '../src/optimizers/objective';

/**
 * The runs worker: each requested optimizer runs from the start point through its step API, on f or on the smoothed
 * f_σ; points stream back as transferred Float64Array batches (about every 16 ms of work), and the loop yields between batches so
 * that a newer request or a cancel supersedes the running one.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: RunsResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

/** An evolution strategy's stop, in the runs' vocabulary (the message keeps the detail). */
const ES_STOP: Record<EsStop, StopReason> = {
  'max-generations': 'max-steps', 'sigma-collapse': 'converged', 'sigma-explosion': 'diverged', diverged: 'diverged',
  'no-finite-samples': 'diverged', cancelled: 'cancelled',
};
async function run(req: Extract<RunsRequest, { type: 'run' }>, live: Liveness): Promise<void> {
  let objective: Objective;
  let tape: ReturnType<typeof compileFormula>;
  try {
    tape = compileFormula(req.formula);
    objective = new JetEvaluator(tape);
  } catch (e) {
    post({ type: 'error', runId: req.runId, method: null, message: (e as Error).message });
    return;
  }
  for (const m of req.methods) {
    if (!live.current()) return;
    try {
      // f, or the smoothed f_σ when the optimizers descend it (then every step integrates f around the point).
      const surface = req.smooth ? surfaceObjective(tape, req.landscape, req.smooth, m.id === 'newton') : objective;
      const result = await runTrajectory(m.id, m.hyper, surface, [req.start[0], req.start[1]], {
        maxSteps: req.steps,
        domain: req.domain,
        batchMs: 16,
        onBatch: async (points) => {
          post({ type: 'batch', runId: req.runId, method: m.id, points }, [points.buffer as ArrayBuffer]);
          return live.breathe();
        },
      });
      if (!live.current()) return;
      post({ type: 'end', runId: req.runId, method: m.id, steps: result.steps, stop: result.stop, message: result.message });
    } catch (e) {
      post({ type: 'error', runId: req.runId, method: m.id, message: (e as Error).message });
    }
  }
  for (const algo of req.es?.algos ?? []) {
    if (!live.current()) return;
    const method = `es:${algo}` as const;
    try {
      const r = await streamEs(algo, req.es!, tape, req.landscape, req.start, req.domain, req.seed, async (b) => {
        post({ type: 'es-batch', runId: req.runId, method, points: b.points, gens: b.gens, samples: b.samples, pop: b.pop },
          [b.points.buffer as ArrayBuffer, b.gens.buffer as ArrayBuffer, b.samples.buffer as ArrayBuffer]);
        return live.breathe();
      });
      if (!live.current()) return;
      post({ type: 'end', runId: req.runId, method, steps: r.generations, stop: ES_STOP[r.stop], message: r.message || r.stop });
    } catch (e) {
      post({ type: 'error', runId: req.runId, method, message: (e as Error).message });
    }
  }
}

serveLatest<RunsRequest>(ctx, 'run', (req, live) => run(req as Extract<RunsRequest, { type: 'run' }>, live),
  (req, message) => post({ type: 'error', runId: req.runId, method: null, message }));

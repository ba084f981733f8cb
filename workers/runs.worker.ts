/// <reference lib="webworker" />
import { compileFormula } from '../src/landscapes/expression/compileFormula';
import { JetEvaluator } from '../src/landscapes/expression/jet';
import { runTrajectory } from '../src/optimizers/runTrajectory';
import type { RunsRequest, RunsResponse } from '../src/protocol/messages';

/**
 * The runs worker: each requested optimizer runs from the start point through its step API; points stream
 * back as transferred Float32Array batches (about every 16 ms of work), and the loop yields between batches so
 * that a newer request or a cancel supersedes the running one.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: RunsResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

let current = 0;
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(req: Extract<RunsRequest, { type: 'run' }>): Promise<void> {
  current = req.runId;
  let objective: JetEvaluator;
  try {
    objective = new JetEvaluator(compileFormula(req.formula));
  } catch (e) {
    post({ type: 'error', runId: req.runId, method: null, message: (e as Error).message });
    return;
  }
  for (const m of req.methods) {
    if (current !== req.runId) return;
    try {
      const result = await runTrajectory(m.id, m.hyper, objective, [req.start[0], req.start[1]], {
        maxSteps: req.steps,
        domain: req.domain,
        batchMs: 16,
        onBatch: async (points) => {
          post({ type: 'batch', runId: req.runId, method: m.id, points }, [points.buffer as ArrayBuffer]);
          await yieldToEvents();
          return current === req.runId;
        },
      });
      if (current !== req.runId) return;
      post({ type: 'end', runId: req.runId, method: m.id, steps: result.steps, stop: result.stop, message: result.message });
    } catch (e) {
      post({ type: 'error', runId: req.runId, method: m.id, message: (e as Error).message });
    }
  }
}

ctx.onmessage = (e: MessageEvent<RunsRequest>) => {
  const req = e.data;
  switch (req.type) {
    case 'run':
      void run(req);
      return;
    case 'cancel':
      current = req.runId;
      return;
    case 'crash':
      throw new Error('crash requested (test hook)');
  }
};

/// <reference lib="webworker" />
import type { StudyRequest, StudyResponse } from '../src/protocol/studies';
import { leverZscSteps } from '../src/runners/leverZsc';
import { serveLatest, type Liveness } from '../src/runners/serveLatest';
import { runSweepJobs, sweepJobs } from '../src/runners/treeSweep';

/**
 * The study worker: the Fig. 2 / Fig. 3 sweep one tree at a time (each tree's numbers are posted as they come, so the
 * chart fills in), and the Fig. 6 lever game with its progress. It yields between trees so that a cancel or a newer
 * request supersedes the running one.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: StudyResponse) => ctx.postMessage(msg);

async function sweep(req: Extract<StudyRequest, { type: 'sweep' }>, live: Liveness): Promise<void> {
  const t0 = performance.now();
  const jobs = sweepJobs(req.depths, req.trees);
  for (let j = 0; j < jobs.length; j++) {
    if (!(await live.breathe())) return;
    const [row] = runSweepJobs([jobs[j]!], req.seed, req.settings, req.gen);
    post({ type: 'sweep-row', runId: req.runId, row: row!, done: j + 1, total: jobs.length });
  }
  post({ type: 'sweep-end', runId: req.runId, ms: performance.now() - t0 });
}

async function lever(req: Extract<StudyRequest, { type: 'lever' }>, live: Liveness): Promise<void> {
  const t0 = performance.now();
  let last = 0;
  const steps = leverZscSteps(req.settings, req.seed);
  for (;;) {
    const it = steps.next();
    if (it.done) { post({ type: 'lever-result', runId: req.runId, result: it.value, ms: performance.now() - t0 }); return; }
    const now = performance.now();
    if (now - last > 100) {
      last = now;
      post({ type: 'lever-progress', runId: req.runId, done: it.value.done, total: it.value.total });
      if (!(await live.breathe())) return;
    }
  }
}

serveLatest<StudyRequest>(ctx, ['sweep', 'lever'], (req, live) => (req.type === 'sweep' ? sweep(req, live) : lever(req as Extract<StudyRequest, { type: 'lever' }>, live)),
  (req, message) => post({ type: 'error', runId: req.runId, message: `The study failed: ${message}` }));

/// <reference lib="webworker" />
import { experimentById } from '../src/experiments';
import { resolveProblem } from '../src/problems';
import type { RidgeRequest, RidgeResponse } from '../src/protocol/messages';
import { prepareRidgeSearch, streamRidgeSearch } from '../src/runners/ridgeSearch';
import { serveLatest, type Liveness } from '../src/runners/serveLatest';

/**
 * The ridge worker: resolves the request's problem (src/problems), sets the search up as the CLI and the tests do
 * (runners/ridgeSearch.ts: the start, the options, a figure's baseline or the Appendix D.1 ring), then streams it:
 * each ride when it ends, yielding between bursts so that a newer request or a cancel supersedes it.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: RidgeResponse) => ctx.postMessage(msg);

async function search(req: Extract<RidgeRequest, { type: 'ridge' }>, live: Liveness): Promise<void> {
  const preset = req.experiment === null ? null : experimentById(req.experiment)?.ridgeRider;
  if (preset === undefined) throw new Error(`no figure "${req.experiment}" with a Ridge Rider search`);
  const prepared = prepareRidgeSearch(resolveProblem(req.problem), { start: req.start, settings: req.settings, seed: req.seed, preset });
  const click = req.start.kind === 'auto' ? null : req.start.theta;
  await streamRidgeSearch(prepared, req.runId, click, post, live.breathe);
}

serveLatest<RidgeRequest>(ctx, 'ridge', (req, live) => search(req as Extract<RidgeRequest, { type: 'ridge' }>, live),
  (req, message) => post({ type: 'error', runId: req.runId, message: `Ridge Rider failed: ${message}` }));

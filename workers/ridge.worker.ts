/// <reference lib="webworker" />
import { experimentById } from '../src/experiments';
import { resolveProblem } from '../src/problems';
import type { RidgeRequest, RidgeResponse } from '../src/protocol/messages';
import { prepareRidgeSearch, streamRidgeSearch } from '../src/runners/ridgeSearch';

/**
 * The ridge worker: resolves the request's problem (src/problems), sets the search up as the CLI and the tests do
 * (runners/ridgeSearch.ts: the start, the options, a figure's baseline or the Appendix D.1 ring), then streams it:
 * each ride when it ends, yielding between bursts so that a newer request or a cancel supersedes it.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: RidgeResponse) => ctx.postMessage(msg);
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let current = 0;

async function search(req: Extract<RidgeRequest, { type: 'ridge' }>): Promise<void> {
  current = req.runId;
  const preset = req.experiment === null ? null : experimentById(req.experiment)?.ridgeRider;
  if (preset === undefined) throw new Error(`no figure "${req.experiment}" with a Ridge Rider search`);
  const prepared = prepareRidgeSearch(resolveProblem(req.problem), { start: req.start, settings: req.settings, seed: req.seed, preset });
  const click = req.start.kind === 'auto' ? null : req.start.theta;
  await streamRidgeSearch(prepared, req.runId, click, post, async () => { await yieldToEvents(); return current === req.runId; });
}

ctx.onmessage = (e: MessageEvent<RidgeRequest>) => {
  const req = e.data;
  switch (req.type) {
    case 'ridge':
      search(req).catch((err: unknown) => post({ type: 'error', runId: req.runId, message: `Ridge Rider failed: ${(err as Error).message}` }));
      return;
    case 'cancel':
      current = req.runId;
      return;
    case 'crash':
      throw new Error('crash requested (test hook)');
  }
};

/// <reference lib="webworker" />
import { parseTree } from '../src/envs/binaryTree';
import type { TreeRequest, TreeResponse } from '../src/protocol/studies';
import { serveLatest } from '../src/runners/serveLatest';
import { treeView } from '../src/runners/treeMethods';

/**
 * The tree worker: Ridge Rider and its baselines on one tree MDP (runners/treeMethods.ts), with Ridge Rider's rides
 * and their paths for the tree picture. A newer request supersedes the one before (its result is dropped).
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: TreeResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

serveLatest<TreeRequest>(ctx, 'tree', async (req, live) => {
  const r = req as Extract<TreeRequest, { type: 'tree' }>;
  const t0 = performance.now();
  const result = treeView(parseTree(r.tree), r.settings, r.seed);
  if (!live.current()) return;
  post({ type: 'tree-result', runId: r.runId, result, ms: performance.now() - t0 }, result.rides.map((x) => x.path.buffer as ArrayBuffer));
}, (req, message) => post({ type: 'error', runId: req.runId, message: `The tree experiment failed: ${message}` }));

import { generateTree, TREE_DEFAULTS, treeToJson, type TreeJson } from '../envs/binaryTree';
import { TREE_RUN_DEFAULTS, type TreeRunSettings } from '../envs/treeRunSettings';
import { rngFromSeed } from '../math/rng';
import type { TreeRequest, TreeResponse } from '../protocol/studies';
import type { AppStore } from '../store/appStore';
import type { AppParams, MdpParams } from '../store/params';
import { restartingWorker, type WorkerClient } from './workerClient';

const treeCache = new Map<string, TreeJson>();

/** The random tree of the tree view's settings (the generator seeded by `tree`); the same object for the same settings. */
export function mdpTree(m: MdpParams): TreeJson {
  const key = JSON.stringify([m.depth, m.sparsity, m.rewards, m.tree]);
  let t = treeCache.get(key);
  if (!t) {
    t = treeToJson(generateTree({ ...TREE_DEFAULTS, depth: m.depth, sparsity: m.sparsity, reverse: m.rewards === 'paper' }, rngFromSeed(m.tree)));
    if (treeCache.size > 16) treeCache.clear();
    treeCache.set(key, t);
  }
  return t;
}

/** The methods' settings of the tree view (the switches in the link, the rest the experiment's defaults). */
export function mdpSettings(m: MdpParams): TreeRunSettings {
  return { ...TREE_RUN_DEFAULTS, mis: m.mis, criterion: m.criterion, budget: m.budget, alpha: m.alpha, alphaMin: m.alpha / 1024, topN: m.topN, methods: [...m.methods] };
}

const treeKey = (m: MdpParams) => JSON.stringify([m.depth, m.sparsity, m.rewards, m.tree, m.mis, m.criterion, m.budget, m.alpha, m.topN, m.methods]);

/**
 * The tree worker's client: while the tree view is shown, Ridge Rider and its baselines on the view's tree (the
 * random one of its settings, or the tree the user loaded), whenever either changes. A tree that cannot be built (a
 * sparsity that keeps dying out) is reported, and the previous result stays.
 */
export function treeClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let runId = 0;
  const worker = restartingWorker<TreeRequest, TreeResponse>(store, spawn, (res) => {
    if (res.runId !== runId) return;
    worker.settle();
    if (res.type === 'error') { store.getState().notify('error', res.message, 'tree'); return; }
    store.setState({ treeView: res.result, treeRide: null });
    store.getState().clearNotices('tree');
  }, (reason) => `The tree worker stopped (${reason}); a new one was started.`, (p) => request(p));

  function request(p: AppParams): void {
    if (!p.mdp.on) { worker.post({ type: 'cancel', runId: ++runId }); worker.settle(); return; }
    let tree: TreeJson;
    try {
      tree = store.getState().loadedTree ?? mdpTree(p.mdp);
    } catch (e) {
      store.getState().notify('error', `No tree: ${(e as Error).message}. The previous tree stays.`, 'tree');
      return;
    }
    worker.post({ type: 'tree', runId: ++runId, tree, settings: mdpSettings(p.mdp), seed: p.seed });
  }

  const unsubscribe = store.subscribe((s, prev) => { if (s.loadedTree !== prev.loadedTree) request(s.params); });
  return {
    update(p, prev) {
      if (!prev || p.mdp.on !== prev.mdp.on || p.seed !== prev.seed || (p.mdp.on && treeKey(p.mdp) !== treeKey(prev.mdp))) request(p);
    },
    crash: () => worker.post({ type: 'crash', runId: 0 }),
    restarts: () => worker.restarts,
    dispose: () => { unsubscribe(); worker.dispose(); },
  };
}

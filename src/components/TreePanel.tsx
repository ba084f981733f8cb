import { useRef } from 'react';
import { parseTree, TreeError, treeToJson } from '../envs/binaryTree';
import { mdpTree } from '../compute/treeClient';
import { TREE_SWEEP_PLAN } from '../envs/treeSweeps';
import { baseName, download } from './exporting';
import { ParamControl } from './ParamControl';
import { Section } from './Section';
import { useAppStore, useStoreApi } from './StoreContext';

/**
 * The tree MDP's controls (Parker-Holder et al. 2020, §4, Figs. 2 and 3): the random tree or one loaded from a file,
 * the switches of the paper's unknowns (MIS, solution criterion, budget, α, top N), the methods, and the sweep of
 * Fig. 2 or Fig. 3 with its progress and a cancel.
 */
export function TreePanel() {
  const store = useStoreApi();
  const m = useAppStore((s) => s.params.mdp);
  const loaded = useAppStore((s) => s.loadedTree);
  const progress = useAppStore((s) => s.sweepProgress);
  const requestSweep = useAppStore((s) => s.requestSweep);
  const cancelSweep = useAppStore((s) => s.cancelSweep);
  const file = useRef<HTMLInputElement>(null);

  const load = async (f: File) => {
    const s = store.getState();
    try {
      if (f.size > 2_000_000) throw new TreeError(`the file is ${Math.round(f.size / 1000)} kB; a tree file is at most 2 MB`);
      const tree = parseTree(JSON.parse(await f.text()) as unknown);
      s.setLoadedTree(treeToJson(tree));
      s.clearNotices('tree-file');
      s.notify('info', `Loaded ${f.name}: ${tree.decisions.length} decision nodes, ${tree.leaves.length} leaves. It replaces the random tree (it is not part of the link; save it to share).`, 'tree-file');
    } catch (e) {
      s.notify('error', `${f.name} is not a tree: ${(e as Error).message}. The current tree stays.`, 'tree-file');
    }
  };
  const save = () => {
    const s = store.getState();
    const tree = s.loadedTree ?? mdpTree(s.params.mdp);
    download(new Blob([`${JSON.stringify(tree)}\n`], { type: 'application/json' }), `${baseName(store)}-tree.json`);
  };
  const plan = TREE_SWEEP_PLAN[m.sweep];

  return (
    <Section id="mdp" title="Tree MDP" help="treeMdp" active={m.on}>
      <p className="hint">Ridge Rider and five baselines search a random binary tree for its positive leaves (Parker-Holder et al. 2020, Figs. 2 and 3). A policy picks left or right at each node; the picture shows it at the playhead, edges as thick as they are likely. Hover a leaf for the ride that found it.</p>
      {loaded ? (
        <p className="hint">A loaded tree is shown. <button className="link" onClick={() => store.getState().setLoadedTree(null)}>Use the random tree</button></p>
      ) : (
        <div className="row"><ParamControl field="td" /><ParamControl field="tsp" /><ParamControl field="tt" /></div>
      )}
      {!loaded && <ParamControl field="trw" />}
      <div className="row">
        <button onClick={() => file.current?.click()} title='A tree as JSON: {"nodes": [{"children": [1, 2]}, {"reward": 10}, ...]}'>Load a tree…</button>
        <button onClick={save} data-tree="save" title="The tree shown, as JSON">Save the tree</button>
        <input ref={file} type="file" accept="application/json,.json" hidden data-tree="file"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void load(f); e.target.value = ''; }} />
      </div>
      <div className="row"><ParamControl field="tmi" /><ParamControl field="tcr" /></div>
      <div className="row"><ParamControl field="tb" /><ParamControl field="ta" /><ParamControl field="tn" /></div>
      <ParamControl field="tm" optionData="tree-method" />
      <div className="row"><ParamControl field="tsw" /></div>
      <div className="row">
        {progress?.running ? (
          <>
            <span data-testid="sweep-progress">tree {progress.done} of {progress.total || plan.depths.length * plan.trees} <progress value={progress.done} max={progress.total || 1} /></span>
            <button onClick={cancelSweep} data-sweep="cancel">Cancel</button>
          </>
        ) : (
          <button onClick={requestSweep} data-sweep="run" title={`Every method on ${plan.trees} random trees at depth ${plan.depths.join(', ')}: the chart replaces the tree and fills in as trees finish`}>
            Run the {m.sweep === 'fig2' ? 'Fig. 2' : 'Fig. 3'} sweep
          </button>
        )}
      </div>
    </Section>
  );
}

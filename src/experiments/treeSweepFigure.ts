import { TREE_DEFAULTS } from '../envs/binaryTree';
import { TREE_METHODS, type TreeMethod } from '../envs/treeMethodIds';
import { TREE_RUN_DEFAULTS } from '../envs/treeRunSettings';
import { TREE_SWEEP_PLAN, type TreeSweep } from '../envs/treeSweeps';
import { runSweepJobs, sweepJobs, sweepResult } from '../runners/treeSweep';
import type { Expectation, Measured } from './experiment';

/** The seed of the figures' sweeps: the app's default seed, so that the preset's sweep pane shows these numbers. */
export const TREE_FIGURE_SEED = 1;

/**
 * A sweep over random trees measured as the app's sweep pane and `tree-sweep` run it with the defaults: the tree
 * generator's (sparsity 0.5, the paper's +10 / −1 rewards) and the methods' (TREE_RUN_DEFAULTS), seed 1. Measured,
 * per depth d and method m: `d<d>.<m>`, the mean share of positive leaves found over the trees; `d<d>.<m>.std`; and
 * the numbers the captions speak of: `d<d>.gd-best` (the better GD baseline), `d<d>.rr-over-gd` (Ridge Rider minus it) and
 * `d<d>.rr-over-random` (minus random vectors from the MIS).
 */
export function measureTreeSweep(sweep: TreeSweep, methods: readonly TreeMethod[]): Measured {
  const plan = TREE_SWEEP_PLAN[sweep];
  const rows = runSweepJobs(sweepJobs(plan.depths, plan.trees), TREE_FIGURE_SEED, { ...TREE_RUN_DEFAULTS, methods }, TREE_DEFAULTS);
  const r = sweepResult(plan.depths, plan.trees, rows);
  const out: Record<string, number> = {};
  for (const d of plan.depths) {
    const at = r.results[String(d)]!;
    for (const m of TREE_METHODS) if (at[m]) { out[`d${d}.${m}`] = at[m].mean; out[`d${d}.${m}.std`] = at[m].std; }
    if (at['gd-random'] && at['gd-mis']) out[`d${d}.gd-best`] = Math.max(at['gd-random'].mean, at['gd-mis'].mean);
    if (at.rr && out[`d${d}.gd-best`] !== undefined) out[`d${d}.rr-over-gd`] = at.rr.mean - out[`d${d}.gd-best`]!;
    if (at.rr && at['random-mis']) out[`d${d}.rr-over-random`] = at.rr.mean - at['random-mis'].mean;
  }
  return out;
}

/** Golden means (measured once with measureTreeSweep and pasted, to 10⁻⁹) as expectations. */
export function goldenShares(golden: Readonly<Record<string, number>>): Expectation[] {
  return Object.entries(golden).map(([name, value]) => {
    const [depth, method] = name.split('.') as [string, TreeMethod];
    return { name, label: `depth ${depth.slice(1)}: ${method}, mean share found`, is: 'near' as const, value, tolerance: 1e-9 };
  });
}

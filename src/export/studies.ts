import { TREE_METHODS } from '../envs/treeMethodIds';
import type { LeverResult, SweepRow, TreeView } from '../protocol/studies';
import { csvTable } from './trajectories';

/** Ridge Rider's small-n experiments as CSV tables (Parker-Holder et al. 2020, Figs. 2, 3 and 6). */

/** One tree: per method, the positive leaves found, their share and the steps used. */
export function treeMethodsToCsv(v: TreeView): string {
  return csvTable(['method', 'found', 'positive_leaves', 'fraction', 'steps', 'found_leaves'],
    TREE_METHODS.filter((m) => v.methods[m]).map((m) => { const x = v.methods[m]!; return [m, x.found.length, v.positive.length, x.fraction, x.steps, x.found.join(' ')]; }));
}

/** A sweep: one row per tree and method. */
export function sweepToCsv(rows: readonly SweepRow[]): string {
  return csvTable(['depth', 'tree', 'decision_nodes', 'positive_leaves', 'method', 'fraction', 'steps'],
    rows.flatMap((r) => TREE_METHODS.filter((m) => r.fraction[m] !== undefined).map((m) => [r.depth, r.tree, r.decisions, r.positive, m, r.fraction[m]!, r.steps[m]!])));
}

/** The lever game: one row per ridge, then the self-play gradient-descent baseline. */
export function leverToCsv(r: LeverResult): string {
  return csvTable(['ridge', 'eigenvalue', 'multiplicity', 'peak_entry', 'self_play', 'cross_play', 'cross_play_std', 'lever_player1', 'lever_player2'], [
    ...r.ridges.map((x) => [x.index, x.eigenvalue, x.multiplicity, x.peak, x.selfPlay, x.crossPlay, x.crossPlayStd, x.lever[0], x.lever[1]]),
    ['gd-baseline', '', '', '', r.baseline.selfPlay, r.baseline.crossPlay, r.baseline.crossPlayStd, '', ''],
  ]);
}

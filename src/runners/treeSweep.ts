import { generateTree, TREE_DEFAULTS, type BinaryTree, type TreeGenOptions } from '../envs/binaryTree';
import { meanStd } from '../math/meanStd';
import { rngFromSeed } from '../math/rng';
import type { SweepRow } from '../protocol/studies';
import { runTreeMethods, type TreeMethod, type TreeRunSettings } from './treeMethods';
import { shardIndices, WHOLE, type Shard } from './shard';

/**
 * The sweep of Figure 2 (right) of Parker-Holder et al. 2020: for each depth, `trees` random trees, every method on
 * each, and the share of positive leaves each finds. Jobs (depth, tree) are numbered depth-major; a shard k/n takes
 * the jobs j with j mod n = k − 1, so n disjoint slices cover the sweep and their results merge (mergeSweeps) into the
 * same result as one run: every job's numbers depend only on (seed, depth, tree).
 */
export interface SweepJob {
  readonly depth: number;
  readonly tree: number;
}

/** One tree of a sweep (the study worker's message). */
export type SweepTreeResult = SweepRow;

export interface SweepStats {
  readonly mean: number;
  readonly std: number;
  /** Fractions per tree, in tree order (null where a tree is in another shard). */
  readonly per_tree: (number | null)[];
}

export interface SweepResult {
  readonly depths: number[];
  readonly trees: number;
  /** Per depth (as a string key), per method. */
  readonly results: Record<string, Partial<Record<TreeMethod, SweepStats>>>;
  /** Every tree's own numbers. */
  readonly per_tree: SweepTreeResult[];
}

/** The jobs (depth, tree), depth-major, that the shard takes (runners/shard.ts). */
export function sweepJobs(depths: readonly number[], trees: number, shard: Shard = WHOLE): SweepJob[] {
  const all = depths.flatMap((depth) => Array.from({ length: trees }, (_, tree) => ({ depth, tree })));
  return shardIndices(all.length, shard).map((j) => all[j]!);
}

/** The tree of job (depth, tree) in a sweep with this seed: its own seed, so a shard rebuilds exactly the same tree. */
export function sweepTree(seed: number, depth: number, tree: number, gen: Omit<TreeGenOptions, 'depth'> = TREE_DEFAULTS): BinaryTree {
  return generateTree({ ...gen, depth }, rngFromSeed(seed * 1_000_003 + depth * 10_007 + tree));
}

/** Runs a list of jobs (calling `onTree` after each, for progress), in order. */
export function runSweepJobs(jobs: readonly SweepJob[], seed: number, settings: TreeRunSettings, gen: Omit<TreeGenOptions, 'depth'> = TREE_DEFAULTS,
  onTree?: (r: SweepTreeResult, done: number) => boolean | void): SweepTreeResult[] {
  const out: SweepTreeResult[] = [];
  for (const job of jobs) {
    const t0 = performance.now();
    const tree = sweepTree(seed, job.depth, job.tree, gen);
    const r = runTreeMethods(tree, settings, seed * 7919 + job.tree);
    const fraction: Partial<Record<TreeMethod, number>> = {};
    const steps: Partial<Record<TreeMethod, number>> = {};
    for (const [m, x] of Object.entries(r.methods) as [TreeMethod, { fraction: number; steps: number }][]) { fraction[m] = x.fraction; steps[m] = x.steps; }
    const row: SweepTreeResult = { ...job, positive: r.positive.length, decisions: tree.decisions.length, fraction, steps, ms: performance.now() - t0 };
    out.push(row);
    if (onTree?.(row, out.length) === false) break;
  }
  return out;
}

/** Mean and standard deviation (population, over the trees present) per depth and method, from any set of tree results. */
export function sweepResult(depths: readonly number[], trees: number, rows: readonly SweepTreeResult[]): SweepResult {
  const results: Record<string, Partial<Record<TreeMethod, SweepStats>>> = {};
  for (const depth of depths) {
    const at = rows.filter((r) => r.depth === depth);
    const methods = [...new Set(at.flatMap((r) => Object.keys(r.fraction) as TreeMethod[]))];
    const byMethod: Partial<Record<TreeMethod, SweepStats>> = {};
    for (const m of methods) {
      const per_tree: (number | null)[] = new Array(trees).fill(null);
      for (const r of at) if (r.fraction[m] !== undefined) per_tree[r.tree] = r.fraction[m]!;
      byMethod[m] = { ...meanStd(per_tree.filter((x): x is number => x !== null)), per_tree };
    }
    results[String(depth)] = byMethod;
  }
  return { depths: [...depths], trees, results, per_tree: [...rows].sort((a, b) => a.depth - b.depth || a.tree - b.tree) };
}

/** Merges the results of shards (or of any runs of disjoint jobs) of the same sweep. */
export function mergeSweeps(parts: readonly SweepResult[]): SweepResult {
  if (parts.length === 0) throw new Error('nothing to merge');
  const { depths, trees } = parts[0]!;
  return sweepResult(depths, trees, parts.flatMap((p) => p.per_tree));
}

export type { TreeMethod, TreeRunSettings };

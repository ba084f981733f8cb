import type { TreeGenOptions, TreeJson } from '../envs/binaryTree';
import type { LeverSettings } from '../envs/leverGame';
import type { TreeMethod } from '../envs/treeMethodIds';
import type { TreeRunSettings } from '../envs/treeRunSettings';

/**
 * Messages of the two workers of Ridge Rider's small-n experiments (Parker-Holder et al. 2020, §4): the tree worker
 * (one tree MDP, every method, Ridge Rider's rides with their paths for the tree picture) and the study worker (the
 * Fig. 2 / Fig. 3 sweep, one tree at a time, and the Fig. 6 lever game, with progress).
 */

/** One of Ridge Rider's rides on the tree: where it ended, the leaf its policy names, and its path (θ, L) per step. */
export interface TreeRide {
  readonly id: number;
  readonly parent: number | null;
  readonly fingerprint: number[];
  readonly depth: number;
  readonly eigenvalue: number;
  readonly steps: number;
  readonly endReason: string;
  readonly fEnd: number;
  /** The leaf (node index) the ride's end policy reaches. */
  readonly leaf: number;
  /** (θ, L) per point, stride n + 1, start included. */
  readonly path: Float64Array;
}

/** What one method found on the tree. */
export interface TreeMethodSummary {
  readonly found: number[];
  readonly fraction: number;
  readonly steps: number;
  /** The leaf of each solution, in the order found. */
  readonly leaves: number[];
}

/** Everything the tree view draws. */
export interface TreeView {
  readonly n: number;
  readonly positive: number[];
  readonly mis: { readonly theta: number[]; readonly loss: number; readonly gradNorm: number; readonly spectrum: number[] };
  readonly methods: Partial<Record<TreeMethod, TreeMethodSummary>>;
  /** Ridge Rider's rides in search order. */
  readonly rides: TreeRide[];
}

/** One tree of a sweep. */
export interface SweepRow {
  readonly depth: number;
  readonly tree: number;
  readonly positive: number;
  readonly decisions: number;
  /** found / positive leaves, per method. */
  readonly fraction: Partial<Record<TreeMethod, number>>;
  /** Steps used, per method. */
  readonly steps: Partial<Record<TreeMethod, number>>;
  readonly ms: number;
}

export interface LeverRidgeResult {
  /** i: position in the MIS's ascending spectrum. */
  readonly index: number;
  readonly eigenvalue: number;
  /** Eigenvalues equal to this one at the MIS (its group's size). */
  readonly multiplicity: number;
  readonly sign: 1;
  /**
   * The sign convention, shown: the entry of +v_i (at the MIS, before any noise) of largest magnitude, which the
   * convention makes positive: index k < m is player 1's lever k, k ≥ m player 2's lever k − m.
   */
  readonly peak: number;
  readonly fingerprint: number[];
  readonly selfPlay: number;
  readonly crossPlay: number;
  /** Standard deviation of the cross-play over the repeats. */
  readonly crossPlayStd: number;
  /** The most common greedy lever of each player over all replicates. */
  readonly lever: [number, number];
  /** Action probabilities (player 1) of the first three replicates of the first batch, for the heatmap. */
  readonly examples: number[][];
}

export interface LeverResult {
  readonly mis: { readonly probs: number[]; readonly J: number; readonly gradNorm: number; readonly spectrum: number[] };
  readonly ridges: LeverRidgeResult[];
  readonly baseline: { readonly selfPlay: number; readonly crossPlay: number; readonly crossPlayStd: number };
  /** The ridge the protocol deploys (best mean cross-play) and its cross-play. */
  readonly chosen: { readonly index: number; readonly crossPlay: number };
}

export type TreeRequest =
  | { readonly type: 'tree'; readonly runId: number; readonly tree: TreeJson; readonly settings: TreeRunSettings; readonly seed: number }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

export type TreeResponse =
  | { readonly type: 'tree-result'; readonly runId: number; readonly result: TreeView; readonly ms: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export type StudyRequest =
  | {
      readonly type: 'sweep'; readonly runId: number; readonly depths: readonly number[]; readonly trees: number; readonly seed: number;
      readonly settings: TreeRunSettings; readonly gen: Omit<TreeGenOptions, 'depth'>;
    }
  | { readonly type: 'lever'; readonly runId: number; readonly settings: LeverSettings; readonly seed: number }
  | { readonly type: 'cancel'; readonly runId: number }
  | { readonly type: 'crash'; readonly runId: number };

export type StudyResponse =
  | { readonly type: 'sweep-row'; readonly runId: number; readonly row: SweepRow; readonly done: number; readonly total: number }
  | { readonly type: 'sweep-end'; readonly runId: number; readonly ms: number }
  | { readonly type: 'lever-progress'; readonly runId: number; readonly done: number; readonly total: number }
  | { readonly type: 'lever-result'; readonly runId: number; readonly result: LeverResult; readonly ms: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

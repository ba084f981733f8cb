import { TREE_METHODS, type TreeMethod } from './treeMethodIds';
import type { TreeMis } from './treeMis';
import type { SolutionCriterion } from './treePolicy';

/** The settings of Ridge Rider's tree experiment (runners/treeMethods.ts): the switches of the paper's unknowns. */
export interface TreeRunSettings {
  readonly mis: TreeMis;
  readonly criterion: SolutionCriterion;
  /** T: the step budget of Ridge Rider (the paper's 10⁵ iterations). */
  readonly budget: number;
  /** α_max and α_min of the backtracking step. */
  readonly alpha: number;
  readonly alphaMin: number;
  /** Backtracking starts each step from twice the last accepted α (fewer probes) instead of from α_max. */
  readonly warmStart: boolean;
  /** GetRidges keeps the top N eigen-directions (the paper's N = 6). */
  readonly topN: number;
  readonly deltaBreak: number;
  /** A step that improves the return by less than this (relative) ends the ride: the policy stopped improving. */
  readonly minImprovement: number;
  /** Rides started at most (a safety cap; the step budget is the paper's limit). */
  readonly maxRides: number;
  /** Gradient descent of the baselines: η, steps per run. */
  readonly gdLr: number;
  readonly gdMaxSteps: number;
  /** Spread of gd-random's starts and of gd-mis's noise. */
  readonly initStd: number;
  readonly misNoise: number;
  readonly methods: readonly TreeMethod[];
}

/**
 * Defaults: the paper's δ_break = 0.95, N = 6, BFS and backtracking. Ours, each a switch, measured on 8 trees per
 * depth at sparsity 0.5: the MIS of maximum trajectory entropy (Ridge Rider finds 74 % of the positive leaves at depth
 * 6 and 65 % at depth 8 from it, 25 % and 18 % from θ = 0, whose gradient is large); T = 2000 accepted updates (the
 * paper's 10⁵ "iterations" has no published unit; at depth 6 Ridge Rider finds as much with 1000 as with 5000, at
 * depth 10 it gains 5 points from 2000 to 5000 at 2.2× the time); α_max = 0.5 (not published) with a warm-started
 * backtracking; a ride ends when a step improves the return by less than 10⁻⁴ relative; the most probable leaf as
 * the solution.
 */
export const TREE_RUN_DEFAULTS: TreeRunSettings = {
  mis: 'trajectory-entropy', criterion: 'most-probable', budget: 2000, alpha: 0.5, alphaMin: 0.5 / 1024, warmStart: true, topN: 6, deltaBreak: 0.95, minImprovement: 1e-4, maxRides: 100_000,
  gdLr: 0.1, gdMaxSteps: 1000, initStd: 1, misNoise: 0.1, methods: TREE_METHODS,
};

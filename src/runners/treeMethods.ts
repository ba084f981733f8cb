import { positiveLeaves, type BinaryTree } from '../envs/binaryTree';
import { TREE_METHODS, type TreeMethod } from '../envs/treeMethodIds';
import { TREE_RUN_DEFAULTS, type TreeRunSettings } from '../envs/treeRunSettings';
import { treeMis } from '../envs/treeMis';
import { solutionLeaf, treeObjective } from '../envs/treePolicy';
import { normalFill, rngFromSeed, type Rng } from '../math/rng';
import { symEig } from '../math/symEig';
import { vecNorm } from '../math/vec';
import { descend } from '../ridge-rider/descend';
import { fixedEvCurvature } from '../ridge-rider/fixedEvCurvature';
import { followLine } from '../ridge-rider/followLine';
import { randomRidgeCurvature } from '../ridge-rider/randomRidgeCurvature';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import type { RidgeRiderOptions } from '../ridge-rider/state';
import type { TreeRide, TreeView } from '../protocol/studies';

/**
 * The tree experiment of Parker-Holder et al. 2020 (§4, Figs. 2 and 3): Ridge Rider and its baselines on one tree,
 * with one budget of steps, and the positive leaves each finds.
 *
 *   rr               Ridge Rider as the paper ran it: from the MIS, BFS, the top N eigen-directions (both signs),
 *                    backtracking α, EndRide on overlap (δ_break) or when the policy stops improving; a solution per
 *                    ride end.
 *   gd-random        gradient descent from θ₀ ~ N(0, initStd² I), restarted until the budget is spent ("R").
 *   gd-mis           gradient descent from θ_MIS + N(0, misNoise² I), restarted ("S"; without noise it is one run).
 *   random-mis       from the MIS along random unit vectors with Ridge Rider's backtracking step, one per try.
 *   fixed-ev         Ridge Rider with UpdateRidge off: rides go straight along their branching point's eigenvectors.
 *   rand-ridge-plus  Ridge Rider with 2N random ascent directions of J in place of the eigenvectors at each branching.
 *
 * Budget: accepted parameter updates (ride steps, gradient-descent steps, line steps; a try that makes none costs
 * one). Ridge Rider runs within `budget`; the baselines then get exactly the steps Ridge Rider used on that tree, as
 * in the paper ("all baselines are run for the same number of timesteps as used by RR for that tree"), or `budget`
 * when Ridge Rider is not among the methods.
 */
export { TREE_METHODS, TREE_RUN_DEFAULTS, type TreeMethod, type TreeRunSettings };

export interface TreeSolution {
  readonly theta: number[];
  readonly leaf: number;
}

export interface TreeMethodResult {
  /** Positive leaves reached by some solution, ascending. */
  readonly found: number[];
  /** found / positive leaves. */
  readonly fraction: number;
  /** Steps used. */
  readonly steps: number;
  readonly solutions: TreeSolution[];
}

export interface TreeRunResult {
  /** With `recordRides`: Ridge Rider's rides, with paths, in search order. */
  readonly rides?: TreeRide[];
  readonly positive: number[];
  readonly mis: { readonly theta: number[]; readonly loss: number; readonly gradNorm: number; readonly spectrum: number[] };
  readonly methods: Partial<Record<TreeMethod, TreeMethodResult>>;
}

/** Ridge Rider's options for the tree experiment. */
export function treeRidgeOptions(s: TreeRunSettings, budget: number): RidgeRiderOptions {
  return {
    order: 'bfs', getRidges: { maxEigen: s.topN }, step: { mode: 'backtracking', alpha: s.alpha, alphaMin: s.alphaMin, warmStart: s.warmStart },
    endRide: { curvature: false, overlap: true, loss: true, deltaBreak: s.deltaBreak, minImprovement: s.minImprovement }, maxTotalSteps: budget, maxRides: s.maxRides,
    recordPaths: false, gdFinish: false,
  };
}

/**
 * Runs the chosen methods on one tree; deterministic for the seed (each method draws from its own stream). With
 * `recordRides`, Ridge Rider's rides come back with their paths (the tree view animates them).
 */
export function runTreeMethods(tree: BinaryTree, settings: TreeRunSettings, seed: number, recordRides = false): TreeRunResult {
  const s = settings;
  const obj = treeObjective(tree);
  const n = obj.n;
  const positive = positiveLeaves(tree);
  const positiveSet = new Set(positive);
  const theta0 = treeMis(tree, obj, s.mis);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const loss = obj.evaluate(theta0, grad, hess);
  const mis = { theta: Array.from(theta0), loss, gradNorm: vecNorm(grad, n), spectrum: Array.from(symEig(hess, n).values) };
  const leafOf = (theta: ArrayLike<number>) => solutionLeaf(tree, obj.paths, theta, s.criterion);
  const result = (solutions: TreeSolution[], steps: number): TreeMethodResult => {
    const found = [...new Set(solutions.map((x) => x.leaf).filter((l) => positiveSet.has(l)))].sort((a, b) => a - b);
    return { found, fraction: positive.length > 0 ? found.length / positive.length : 0, steps, solutions };
  };
  const stream = (k: number): Rng => rngFromSeed(seed * 16 + k);
  const out: Partial<Record<TreeMethod, TreeMethodResult>> = {};

  const ridgeSearch = (oracle: Parameters<typeof runRidgeRider>[0], rng: Rng, budget: number): TreeMethodResult => {
    const r = runRidgeRider(oracle, theta0, treeRidgeOptions(s, budget), rng);
    return result(r.rides.map((ride) => ({ theta: ride.end, leaf: leafOf(ride.end) })), r.totalSteps);
  };
  let budget = s.budget;
  let rides: TreeRide[] | undefined;
  if (s.methods.includes('rr')) {
    const r = runRidgeRider(obj, theta0, { ...treeRidgeOptions(s, s.budget), recordPaths: recordRides }, stream(0));
    out.rr = result(r.rides.map((ride) => ({ theta: ride.end, leaf: leafOf(ride.end) })), r.totalSteps);
    if (recordRides) {
      rides = r.rides.map((ride) => ({
        id: ride.id, parent: ride.parent, fingerprint: ride.fingerprint, depth: ride.depth, eigenvalue: ride.eigenvalue, steps: ride.steps,
        endReason: ride.endReason, fEnd: ride.fEnd, leaf: leafOf(ride.end), path: Float64Array.from(ride.path ?? []),
      }));
    }
    budget = Math.max(1, out.rr.steps);
  }
  const restarts = (start: (rng: Rng) => Float64Array, rng: Rng): TreeMethodResult => {
    const solutions: TreeSolution[] = [];
    let used = 0;
    while (used < budget) {
      const r = descend(obj, start(rng), { lr: s.gdLr, maxSteps: Math.min(s.gdMaxSteps, budget - used) });
      used += Math.max(1, r.steps);
      solutions.push({ theta: Array.from(r.theta), leaf: leafOf(r.theta) });
    }
    return result(solutions, used);
  };
  if (s.methods.includes('gd-random')) out['gd-random'] = restarts((rng) => normalFill(rng, new Float64Array(n), 0, s.initStd), stream(1));
  if (s.methods.includes('gd-mis')) {
    out['gd-mis'] = restarts((rng) => { const t = normalFill(rng, new Float64Array(n), 0, s.misNoise); for (let i = 0; i < n; i++) t[i] = t[i]! + theta0[i]!; return t; }, stream(2));
  }
  if (s.methods.includes('random-mis')) {
    const rng = stream(3);
    const solutions: TreeSolution[] = [];
    let used = 0;
    while (used < budget) {
      const d = normalFill(rng, new Float64Array(n));
      const norm = vecNorm(d, n) || 1;
      for (let i = 0; i < n; i++) d[i] = d[i]! / norm;
      const r = followLine(obj, theta0, d, { alpha: s.alpha, alphaMin: s.alphaMin, maxSteps: budget - used });
      used += Math.max(1, r.steps);
      solutions.push({ theta: Array.from(r.theta), leaf: leafOf(r.theta) });
    }
    out['random-mis'] = result(solutions, used);
  }
  if (s.methods.includes('fixed-ev')) out['fixed-ev'] = ridgeSearch(fixedEvCurvature(obj), stream(4), budget);
  if (s.methods.includes('rand-ridge-plus')) {
    const rng = stream(5);
    out['rand-ridge-plus'] = ridgeSearch(randomRidgeCurvature(obj, rng, 2 * s.topN), rng, budget);
  }
  return { positive, mis, methods: out, ...(rides ? { rides } : {}) };
}

/** What the tree view draws: every method's leaves and Ridge Rider's rides with their paths. */
export function treeView(tree: BinaryTree, settings: TreeRunSettings, seed: number): TreeView {
  const r = runTreeMethods(tree, settings, seed, true);
  const methods: TreeView['methods'] = {};
  for (const [m, x] of Object.entries(r.methods) as [TreeMethod, TreeMethodResult][]) {
    methods[m] = { found: x.found, fraction: x.fraction, steps: x.steps, leaves: x.solutions.map((sol) => sol.leaf) };
  }
  return { n: tree.decisions.length, positive: r.positive, mis: r.mis, methods, rides: r.rides ?? [] };
}

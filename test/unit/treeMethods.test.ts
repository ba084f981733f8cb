import { describe, expect, it } from 'vitest';
import { generateTree, parseTree, TREE_DEFAULTS } from '../../src/envs/binaryTree';
import { solutionLeaf, treeObjective } from '../../src/envs/treePolicy';
import { treeMis } from '../../src/envs/treeMis';
import { rngFromSeed } from '../../src/math/rng';
import { vecNorm } from '../../src/math/vec';
import { fixedEvCurvature } from '../../src/ridge-rider/fixedEvCurvature';
import { randomRidgeCurvature } from '../../src/ridge-rider/randomRidgeCurvature';
import { runRidgeRider } from '../../src/ridge-rider/ridgeRider';
import { runTreeMethods, TREE_METHODS, TREE_RUN_DEFAULTS, treeRidgeOptions } from '../../src/runners/treeMethods';

const FIG2 = {
  nodes: [
    { children: [1, 2] }, { children: [3, 4] }, { children: [5, 6] }, { reward: 10 }, { reward: -1 }, { reward: -1 }, { children: [7, 8] },
    { children: [9, 10] }, { reward: -1 }, { children: [11, 12] }, { reward: 10 }, { reward: 10 }, { reward: -1 },
  ],
};

describe('Ridge Rider and its baselines on the tree MDP', () => {
  it('on the paper\'s Figure 2 tree Ridge Rider finds all three positive leaves; every solution\'s leaf follows from its θ', () => {
    const tree = parseTree(FIG2);
    const r = runTreeMethods(tree, TREE_RUN_DEFAULTS, 1);
    expect(r.positive).toEqual([3, 10, 11]);
    expect(r.methods.rr!.found).toEqual([3, 10, 11]);
    expect(r.methods.rr!.fraction).toBe(1);
    const obj = treeObjective(tree);
    for (const m of TREE_METHODS) {
      const x = r.methods[m]!;
      expect(x.solutions.length, m).toBeGreaterThan(0);
      for (const s of x.solutions) expect(solutionLeaf(tree, obj.paths, s.theta, TREE_RUN_DEFAULTS.criterion), m).toBe(s.leaf);
      // Same budget for every baseline: the steps Ridge Rider used.
      if (m !== 'rr') expect(x.steps, m).toBeLessThanOrEqual(r.methods.rr!.steps + TREE_RUN_DEFAULTS.gdMaxSteps);
    }
    // The MIS: the leaf distribution is uniform, and its spectrum has negative curvature.
    expect(r.mis.spectrum[0]).toBeLessThan(0);
    expect(r.mis.spectrum).toEqual([...r.mis.spectrum].sort((a, b) => a - b));
  });

  it('is deterministic for a seed, and beats gradient descent from random starts on depth-6 trees', () => {
    const trees = [0, 1, 2, 3].map((s) => generateTree({ ...TREE_DEFAULTS, depth: 6 }, rngFromSeed(600 + s)));
    const settings = { ...TREE_RUN_DEFAULTS, methods: ['rr', 'gd-random'] as const };
    const a = runTreeMethods(trees[0]!, settings, 7);
    expect(runTreeMethods(trees[0]!, settings, 7)).toEqual(a);
    const mean = (m: 'rr' | 'gd-random') => trees.reduce((acc, t, s) => acc + runTreeMethods(t, settings, s).methods[m]!.fraction, 0) / trees.length;
    expect(mean('rr')).toBeGreaterThan(mean('gd-random') + 0.2);
  });

  it('Fixed-EV keeps each ride\'s direction; Rand-Ridge+ offers ascent directions of the return', () => {
    const tree = generateTree({ ...TREE_DEFAULTS, depth: 5 }, rngFromSeed(55));
    const obj = treeObjective(tree);
    const theta0 = treeMis(tree, obj, 'trajectory-entropy');
    const opts = { ...treeRidgeOptions(TREE_RUN_DEFAULTS, 300), recordPaths: true };
    const fixed = runRidgeRider(fixedEvCurvature(obj), theta0, opts, rngFromSeed(1));
    const n = obj.n;
    for (const ride of fixed.rides.filter((x) => x.steps >= 3)) {
      // Along a Fixed-EV ride the steps are parallel to the first.
      const p = ride.path!;
      const d0 = Array.from({ length: n }, (_, i) => p[(n + 1) + i]! - p[i]!);
      const dk = Array.from({ length: n }, (_, i) => p[3 * (n + 1) + i]! - p[2 * (n + 1) + i]!);
      const cos = d0.reduce((a, v, i) => a + v * dk[i]!, 0) / (vecNorm(d0, n) * vecNorm(dk, n));
      expect(cos).toBeGreaterThan(1 - 1e-9);
    }
    const oracle = randomRidgeCurvature(obj, rngFromSeed(3), 8);
    const at = oracle.probe(theta0, null) as Awaited<ReturnType<typeof oracle.probe>>;
    const { ridges } = oracle.ridges(at, {}, { grad: at.grad, alpha: 0.5 }) as { ridges: { direction: Float64Array }[] };
    expect(ridges).toHaveLength(8);
    for (const r of ridges) {
      expect(vecNorm(r.direction, n)).toBeCloseTo(1, 12);
      expect(r.direction.reduce((a, v, i) => a + v * at.grad[i]!, 0)).toBeLessThanOrEqual(0);
    }
  });
});

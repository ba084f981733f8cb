import { describe, expect, it } from 'vitest';
import { generateTree, parseTree, positiveLeaves, TREE_DEFAULTS, TreeError, treeToJson, MAX_TREE_NODES } from '../../src/envs/binaryTree';
import { treeMis } from '../../src/envs/treeMis';
import { leafProbabilities, solutionLeaf, treeObjective } from '../../src/envs/treePolicy';
import { rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { expectFiniteDifferences } from './expectFiniteDifferences';

/** The paper's Figure 2 (left) shape: six decision nodes, seven leaves, three of them positive. */
const FIG2 = {
  nodes: [
    { children: [1, 2] }, { children: [3, 4] }, { children: [5, 6] }, { reward: 10 }, { reward: -1 }, { reward: -1 }, { children: [7, 8] },
    { children: [9, 10] }, { reward: -1 }, { children: [11, 12] }, { reward: 10 }, { reward: 10 }, { reward: -1 },
  ],
};

describe('the tree MDP', () => {
  it('parses the exchange format and refuses malformed trees with a reason', () => {
    const t = parseTree(FIG2);
    expect(t.decisions).toEqual([0, 1, 2, 6, 7, 9]);
    expect(positiveLeaves(t)).toEqual([3, 10, 11]);
    expect(treeToJson(t)).toEqual(FIG2);
    const bad = (json: unknown, re: RegExp) => expect(() => parseTree(json)).toThrow(re);
    bad([], /an object \{"nodes"/);
    bad({ nodes: [] }, /no nodes/);
    bad({ nodes: [{ children: [1] }, { reward: 1 }] }, /exactly two children.*has one/);
    bad({ nodes: [{ children: [1, 2] }, { reward: 1 }, { reward: Infinity }] }, /finite number/);
    bad({ nodes: [{ children: [1, 2] }, { children: [0, 2] }, { reward: 1 }] }, /reached twice/);
    bad({ nodes: [{ children: [1, 1] }, { reward: 1 }] }, /reached twice/);
    bad({ nodes: [{ children: [1, 5] }, { reward: 1 }] }, /not a node index/);
    bad({ nodes: [{ reward: 1 }, { reward: 2 }] }, /not reachable/);
    bad({ nodes: Array.from({ length: MAX_TREE_NODES + 1 }, () => ({ reward: 0 })) }, /limit is 4095/);
    expect(() => parseTree({ nodes: [{ children: [1, 2], reward: 1 }, { reward: 1 }, { reward: 1 }] })).toThrow(TreeError);
  });

  it('generates trees as the authors\' generator does: deterministic per seed, +10 natural leaves and −1 siblings, every level alive', () => {
    const a = generateTree({ ...TREE_DEFAULTS, depth: 6 }, rngFromSeed(3));
    const b = generateTree({ ...TREE_DEFAULTS, depth: 6 }, rngFromSeed(3));
    expect(treeToJson(a)).toEqual(treeToJson(b));
    expect(new Set(a.leaves.map((l) => a.nodes[l]!.reward))).toEqual(new Set([10, -1]));
    expect(Math.max(...a.depth)).toBeGreaterThanOrEqual(6);
    // Breadth-first numbering: children after their parents.
    a.nodes.forEach((n, i) => n.children?.forEach((c) => expect(c).toBeGreaterThan(i)));
    // Average sizes at sparsity 0.5 over 40 trees per depth: decision nodes and positive leaves grow with depth.
    const stats = [4, 8, 12].map((depth) => {
      let dec = 0;
      let pos = 0;
      for (let s = 0; s < 40; s++) { const t = generateTree({ ...TREE_DEFAULTS, depth }, rngFromSeed(100 + s)); dec += t.decisions.length; pos += positiveLeaves(t).length; }
      return [dec / 40, pos / 40];
    });
    expect(stats[0]![0]).toBeLessThan(stats[2]![0]!);
    expect(stats[0]![1]).toBeGreaterThanOrEqual(2);
    expect(() => generateTree({ ...TREE_DEFAULTS, depth: 0 }, rngFromSeed(1))).toThrow(/depth/);
  });

  it('its exact gradient and Hessian agree with finite differences, and leaf probabilities sum to 1', () => {
    const t = generateTree({ ...TREE_DEFAULTS, depth: 6 }, rngFromSeed(7));
    const obj = treeObjective(t);
    const n = obj.n;
    const rng = rngFromSeed(11);
    const theta = Float64Array.from({ length: n }, () => 2 * (rng() - 0.5));
    const g = new Float64Array(n);
    const h = new Float64Array(n * n);
    const f = obj.evaluate(theta, g, h);
    expect(f).toBeCloseTo(obj.value(theta), 14);
    const p = leafProbabilities(obj.paths, theta);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expectFiniteDifferences(obj, theta, 7, 6);
  });

  it('the three starting points: θ = 0, a uniform leaf distribution, and a small gradient with high entropy', () => {
    const t = parseTree(FIG2);
    const obj = treeObjective(t);
    expect(Array.from(treeMis(t, obj, 'zero'))).toEqual(new Array(6).fill(0));
    const te = treeMis(t, obj, 'trajectory-entropy');
    for (const p of leafProbabilities(obj.paths, te)) expect(p).toBeCloseTo(1 / 7, 12);
    const g = new Float64Array(obj.n);
    obj.gradient(new Float64Array(obj.n), g);
    const g0 = Math.hypot(...g);
    const pm = treeMis(t, obj, 'paper');
    obj.gradient(pm, g);
    expect(Math.hypot(...g)).toBeLessThan(g0 / 5);
    // Still a saddle or maximum of L: negative curvature to ride.
    const h = new Float64Array(obj.n * obj.n);
    obj.evaluate(pm, g, h);
    expect(symEig(h, obj.n).values[0]).toBeLessThan(0);
  });

  it('names the leaf a policy reaches: the most probable one, or the greedy path\'s', () => {
    const t = parseTree(FIG2);
    const obj = treeObjective(t);
    // Decisions [0, 1, 2, 6, 7, 9]: right at the root, right at 2, left at 6, right at 7 reaches leaf 10.
    const theta = Float64Array.from([3, 0, 3, -3, 3, 0]);
    expect(solutionLeaf(t, obj.paths, theta, 'greedy')).toBe(10);
    expect(solutionLeaf(t, obj.paths, theta, 'most-probable')).toBe(10);
    // Where the two differ: nearly a coin flip at the root, a sure leaf on the left and coin flips on the right.
    const theta2 = Float64Array.from([0.1, 5, 0, 0, 0, 0]);
    expect(solutionLeaf(t, obj.paths, theta2, 'greedy')).toBe(8);
    expect(solutionLeaf(t, obj.paths, theta2, 'most-probable')).toBe(4);
  });
});

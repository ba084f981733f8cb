import type { Rng } from '../math/rng';

/**
 * The tabular binary-tree MDP of Ridge Rider's reinforcement-learning experiment (Parker-Holder et al. 2020, §4, "RR
 * for Diversity in Reinforcement Learning", Figs. 2 and 3): an agent starts at the root and goes left or right at
 * every decision node until it reaches a leaf, which pays its reward (+10 or −1 in the paper).
 *
 * The exchange format (files, links, the CLI): `{"nodes": [...]}`, node 0 the root, each node either
 * `{"children": [left, right]}` (a decision node; entries are node indices) or `{"reward": r}` (a leaf).
 */
export interface TreeNodeJson {
  readonly children?: readonly [number, number];
  readonly reward?: number;
}

export interface TreeJson {
  readonly nodes: readonly TreeNodeJson[];
}

/** A checked tree: every node reachable once from the root, decision nodes with two children, finite leaf rewards. */
export interface BinaryTree {
  /** The nodes as given (node 0 the root). */
  readonly nodes: readonly TreeNodeJson[];
  /** Decision nodes in increasing node index: θ_k belongs to decisions[k]. */
  readonly decisions: readonly number[];
  /** Leaves in increasing node index. */
  readonly leaves: readonly number[];
  /** Parent of each node (−1 for the root), and whether it is its parent's right child. */
  readonly parent: Int32Array;
  readonly isRight: Uint8Array;
  /** Depth of each node (root 0). */
  readonly depth: Int32Array;
  /** Index in `decisions` of each decision node (−1 for leaves). */
  readonly decisionIndex: Int32Array;
}

/** Largest tree accepted: nodes in all (a depth-20 tree at sparsity 0.5 has a few hundred). */
export const MAX_TREE_NODES = 4095;

export class TreeError extends Error {}

/**
 * Checks a tree in the exchange format and derives its structure. Throws TreeError with a one-line reason: not an
 * object with a `nodes` array, too many nodes, a node that is neither a decision node nor a leaf (one child, both
 * children and a reward, a child index out of range), a non-finite reward, a node reached twice (a cycle or a shared
 * child), a node not reachable from the root.
 */
export function parseTree(json: unknown): BinaryTree {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { nodes?: unknown }).nodes)) {
    throw new TreeError('a tree is an object {"nodes": [...]}');
  }
  const raw = (json as { nodes: unknown[] }).nodes;
  if (raw.length === 0) throw new TreeError('the tree has no nodes');
  if (raw.length > MAX_TREE_NODES) throw new TreeError(`the tree has ${raw.length} nodes; the limit is ${MAX_TREE_NODES}`);
  const n = raw.length;
  const nodes: TreeNodeJson[] = raw.map((node, i) => {
    if (typeof node !== 'object' || node === null) throw new TreeError(`node ${i} is not an object`);
    const { children, reward } = node as { children?: unknown; reward?: unknown };
    if (children !== undefined && reward !== undefined) throw new TreeError(`node ${i} has both children and a reward`);
    if (children !== undefined) {
      if (!Array.isArray(children) || children.length !== 2) {
        throw new TreeError(`node ${i}: a decision node has exactly two children [left, right]${Array.isArray(children) && children.length === 1 ? ' (it has one)' : ''}`);
      }
      for (const c of children) {
        if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= n) throw new TreeError(`node ${i}: child ${String(c)} is not a node index in [0, ${n - 1}]`);
      }
      return { children: [children[0] as number, children[1] as number] as const };
    }
    if (reward === undefined) throw new TreeError(`node ${i} has neither children nor a reward`);
    if (typeof reward !== 'number' || !Number.isFinite(reward)) throw new TreeError(`node ${i}: the reward must be a finite number, got ${JSON.stringify(reward)}`);
    return { reward };
  });
  const parent = new Int32Array(n).fill(-2);
  const isRight = new Uint8Array(n);
  const depth = new Int32Array(n);
  parent[0] = -1;
  const stack = [0];
  let seen = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    const ch = nodes[i]!.children;
    if (!ch) continue;
    ch.forEach((c, side) => {
      if (parent[c] !== -2) throw new TreeError(`node ${c} is reached twice (a cycle, or a child shared by two nodes)`);
      parent[c] = i;
      isRight[c] = side;
      depth[c] = depth[i]! + 1;
      seen++;
      stack.push(c);
    });
  }
  if (seen < n) throw new TreeError(`node ${parent.findIndex((p) => p === -2)} is not reachable from the root`);
  const decisions: number[] = [];
  const leaves: number[] = [];
  const decisionIndex = new Int32Array(n).fill(-1);
  nodes.forEach((node, i) => {
    if (node.children) { decisionIndex[i] = decisions.length; decisions.push(i); } else leaves.push(i);
  });
  return { nodes, decisions, leaves, parent, isRight, depth, decisionIndex };
}

/** The exchange format of a tree. */
export function treeToJson(t: BinaryTree): TreeJson {
  return { nodes: t.nodes.map((n) => (n.children ? { children: [n.children[0], n.children[1]] as const } : { reward: n.reward! })) };
}

/** Leaves with a positive reward (the solutions the experiment counts). */
export function positiveLeaves(t: BinaryTree): number[] {
  return t.leaves.filter((l) => t.nodes[l]!.reward! > 0);
}

/** The generator's settings (defaults: the paper's rewards, our sparsity; see TREE_DEFAULTS). */
export interface TreeGenOptions {
  /** Levels grown below the root; leaves sit at depth + 1 at most. */
  readonly depth: number;
  /** Probability that a child is NOT grown at each side of a node. */
  readonly sparsity: number;
  /** true: natural leaves pay maxReward (the paper's +10 / −1); false: they pay their level + 1. */
  readonly reverse: boolean;
  readonly maxReward: number;
}

/**
 * Defaults. The paper's rewards are +10 and −1 (reverse, maxReward 10). Its sparsity is not published: 0.5 (the
 * generator's own default in the authors' companion code) gives trees with 5 to 15 positive leaves at depths 4–12;
 * 0.8 (their environment class's default) gives 2 to 5. A switch everywhere.
 */
export const TREE_DEFAULTS: TreeGenOptions = { depth: 4, sparsity: 0.5, reverse: true, maxReward: 10 };

/** Largest depth the generator accepts. */
export const MAX_TREE_DEPTH = 24;

/** Attempts of the generator before it gives up on a sparsity that keeps dying out. */
const MAX_ATTEMPTS = 10_000;

/**
 * A random tree as the authors' generator builds it: the root always has two children; level by level (1 to depth),
 * each node grows a left child with probability 1 − sparsity and, independently, a right one. Then every node without
 * children becomes a leaf paying maxReward (reverse) or its level + 1, and every node with one child gets the missing
 * sibling as a leaf paying −1. A tree whose levels die out before `depth` is drawn again. Node indices are in
 * breadth-first order (root 0). Deterministic for the rng.
 */
export function generateTree(o: TreeGenOptions, rng: Rng): BinaryTree {
  if (!Number.isInteger(o.depth) || o.depth < 1 || o.depth > MAX_TREE_DEPTH) throw new TreeError(`depth must be an integer in [1, ${MAX_TREE_DEPTH}], got ${String(o.depth)}`);
  if (!(o.sparsity >= 0 && o.sparsity < 1)) throw new TreeError(`sparsity must be in [0, 1), got ${String(o.sparsity)}`);
  if (!Number.isFinite(o.maxReward)) throw new TreeError(`maxReward must be finite, got ${String(o.maxReward)}`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const t = growTree(o, rng);
    if (t) return t;
  }
  throw new TreeError(`no tree of depth ${o.depth} survived ${MAX_ATTEMPTS} draws at sparsity ${o.sparsity}`);
}

function growTree(o: TreeGenOptions, rng: Rng): BinaryTree | null {
  // Grow: kids[i] = [left or −1, right or −1], level of each node.
  const kids: [number, number][] = [[1, 2], [-1, -1], [-1, -1]];
  const level = [0, 1, 1];
  let frontier = [1, 2];
  for (let l = 1; l <= o.depth; l++) {
    if (frontier.length === 0) return null;
    const next: number[] = [];
    for (const i of frontier) {
      for (const side of [0, 1] as const) {
        if (rng() < 1 - o.sparsity) {
          if (kids.length >= MAX_TREE_NODES) return null;
          kids[i]![side] = kids.length;
          kids.push([-1, -1]);
          level.push(l + 1);
          next.push(kids.length - 1);
        }
      }
    }
    frontier = next;
  }
  // Rewards, and the −1 siblings, over the nodes grown (the siblings added here are leaves).
  const grown = kids.length;
  const reward: (number | undefined)[] = new Array(grown).fill(undefined);
  for (let i = 0; i < grown; i++) {
    const [a, b] = kids[i]!;
    if (a < 0 && b < 0) reward[i] = o.reverse ? o.maxReward : level[i]! + 1;
    else if (a < 0 || b < 0) {
      if (kids.length >= MAX_TREE_NODES) return null;
      kids[i]![a < 0 ? 0 : 1] = kids.length;
      kids.push([-1, -1]);
      level.push(level[i]! + 1);
      reward.push(-1);
    }
  }
  // Renumber breadth-first so that indices grow with depth.
  const order: number[] = [0];
  for (let k = 0; k < order.length; k++) {
    const [a, b] = kids[order[k]!]!;
    if (a >= 0) order.push(a, b);
  }
  const index = new Map(order.map((old, i) => [old, i]));
  const nodes: TreeNodeJson[] = order.map((old) => {
    const [a, b] = kids[old]!;
    return a >= 0 ? { children: [index.get(a)!, index.get(b)!] as const } : { reward: reward[old]! };
  });
  return parseTree({ nodes });
}

import type { RidgeObjective } from '../ridge-rider/objective';
import type { BinaryTree } from './binaryTree';
import { detExp } from '../math/detMath';

/**
 * The tabular policy on a binary-tree MDP and its exact expected return (Parker-Holder et al. 2020, §4: "we compute
 * the expectation of a policy as the sum of the rewards of each terminal node, weighted by the cumulative probability
 * of reaching that node"). One logit θ_k per decision node (tree.decisions[k]); p(right | s) = σ(θ_s), the sigmoid.
 *
 *   P_ℓ(θ) = Π_{s ∈ path(ℓ)} q_s,     q_s = σ(θ_s) if the path turns right at s, else 1 − σ(θ_s)
 *   J(θ) = Σ_ℓ R_ℓ P_ℓ,               L(θ) = −J(θ)
 *   ∂_s P_ℓ = P_ℓ g_ℓs,               g_ℓs = 1 − σ_s (right), −σ_s (left), 0 off the path
 *   ∂²_st P_ℓ = P_ℓ (g_ℓs g_ℓt − δ_st σ_s (1 − σ_s) [s ∈ path(ℓ)])
 *
 * so ∇J and ∇²J are exact closed forms, O(leaves · depth²) per Hessian.
 */

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + detExp(-x)) : detExp(x) / (1 + detExp(x)));

/** Each leaf's path: the decision indices k it passes and whether it turns right there, root first. */
export interface LeafPaths {
  readonly leaves: readonly number[];
  /** Per leaf: decision indices along the path. */
  readonly steps: readonly Int32Array[];
  /** Per leaf: 1 where the path turns right. */
  readonly right: readonly Uint8Array[];
  readonly rewards: Float64Array;
}

export function leafPaths(t: BinaryTree): LeafPaths {
  const steps: Int32Array[] = [];
  const right: Uint8Array[] = [];
  for (const leaf of t.leaves) {
    const ks: number[] = [];
    const rs: number[] = [];
    for (let c = leaf; t.parent[c]! >= 0; c = t.parent[c]!) {
      ks.push(t.decisionIndex[t.parent[c]!]!);
      rs.push(t.isRight[c]!);
    }
    steps.push(Int32Array.from(ks.reverse()));
    right.push(Uint8Array.from(rs.reverse()));
  }
  return { leaves: t.leaves, steps, right, rewards: Float64Array.from(t.leaves, (l) => t.nodes[l]!.reward!) };
}

/** P(leaf | θ) for every leaf (in tree.leaves order), written to `out`. */
export function leafProbabilities(paths: LeafPaths, theta: ArrayLike<number>, out = new Float64Array(paths.leaves.length)): Float64Array {
  paths.steps.forEach((ks, l) => {
    let p = 1;
    for (let j = 0; j < ks.length; j++) {
      const s = sigmoid(theta[ks[j]!]!);
      p *= paths.right[l]![j] ? s : 1 - s;
    }
    out[l] = p;
  });
  return out;
}

/** The tree's policy objective L(θ) = −J(θ) as a RidgeObjective (n = number of decision nodes). */
export function treeObjective(t: BinaryTree): RidgeObjective & { readonly paths: LeafPaths } {
  const paths = leafPaths(t);
  const n = t.decisions.length;
  const sig = new Float64Array(n);
  const probs = new Float64Array(paths.leaves.length);
  const g = new Float64Array(Math.max(1, ...paths.steps.map((k) => k.length)));
  const fill = (theta: ArrayLike<number>) => {
    for (let k = 0; k < n; k++) sig[k] = sigmoid(theta[k]!);
    return leafProbabilities(paths, theta, probs);
  };
  const evaluate = (theta: ArrayLike<number>, grad: Float64Array | null, hess: Float64Array | null): number => {
    fill(theta);
    let j = 0;
    if (grad) grad.fill(0, 0, n);
    if (hess) hess.fill(0, 0, n * n);
    for (let l = 0; l < paths.leaves.length; l++) {
      const w = paths.rewards[l]! * probs[l]!;
      j += w;
      if (!grad) continue;
      const ks = paths.steps[l]!;
      const rs = paths.right[l]!;
      const m = ks.length;
      for (let a = 0; a < m; a++) g[a] = rs[a] ? 1 - sig[ks[a]!]! : -sig[ks[a]!]!;
      // ∇L = −∇J, ∇²L = −∇²J.
      for (let a = 0; a < m; a++) {
        const s = ks[a]!;
        grad[s] = grad[s]! - w * g[a]!;
        if (!hess) continue;
        for (let b = 0; b < m; b++) { const idx = s * n + ks[b]!; hess[idx] = hess[idx]! - w * (g[a]! * g[b]!); }
        hess[s * n + s] = hess[s * n + s]! + w * sig[s]! * (1 - sig[s]!);
      }
    }
    return -j;
  };
  return {
    n,
    paths,
    value: (theta) => evaluate(theta, null, null),
    gradient: (theta, grad) => evaluate(theta, grad, null),
    evaluate: (theta, grad, hess) => evaluate(theta, grad, hess),
  };
}

/** How a policy names the leaf it has found: the most probable leaf, or the leaf of the greedy path (right iff σ ≥ ½). */
export type SolutionCriterion = 'most-probable' | 'greedy';
export const SOLUTION_CRITERIA: readonly SolutionCriterion[] = ['most-probable', 'greedy'];

/** The leaf (a node index) a policy θ reaches under the criterion. */
export function solutionLeaf(t: BinaryTree, paths: LeafPaths, theta: ArrayLike<number>, criterion: SolutionCriterion): number {
  if (criterion === 'greedy') {
    let c = 0;
    while (t.nodes[c]!.children) c = t.nodes[c]!.children![sigmoid(theta[t.decisionIndex[c]!]!) >= 0.5 ? 1 : 0];
    return c;
  }
  const p = leafProbabilities(paths, theta);
  let best = 0;
  for (let l = 1; l < p.length; l++) if (p[l]! > p[best]!) best = l;
  return paths.leaves[best]!;
}

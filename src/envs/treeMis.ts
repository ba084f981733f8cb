import { vecNorm } from '../math/vec';
import type { BinaryTree } from './binaryTree';
import type { treeObjective } from './treePolicy';
import { detExp, detLn } from '../math/detMath';

/**
 * The starting point of Ridge Rider on the tree MDP, the "maximally invariant saddle" (Parker-Holder et al. 2020, §3:
 * θ_MIS = argmin |∇J(θ)| − λ H(π_θ), found "by maximizing entropy" in §4). Three readings, a switch:
 *   'zero'                θ = 0: every decision node picks left and right with probability ½ (maximum entropy at
 *                         every node, the paper's main text).
 *   'trajectory-entropy'  the policy that makes every leaf equally likely: p(right | s) = (leaves under the right
 *                         child) / (leaves under s), in closed form (maximum entropy of the whole trajectory).
 *   'paper'               minimize |∇J(θ)|² − λ Σ_s h(σ(θ_s)) from θ = 0 by gradient descent (h the binary entropy;
 *                         ∇ = 2 ∇²J ∇J + λ Σ_s θ_s σ_s(1 − σ_s) e_s), `steps` steps of size `lr`: small gradient, high
 *                         entropy, as the authors' blog puts it.
 */
export type TreeMis = 'zero' | 'trajectory-entropy' | 'paper';
export const TREE_MIS: readonly TreeMis[] = ['zero', 'trajectory-entropy', 'paper'];

export interface PaperMisOptions {
  /** λ, the weight of the entropy. */
  readonly lambda: number;
  readonly steps: number;
  readonly lr: number;
}

export const PAPER_MIS_DEFAULTS: PaperMisOptions = { lambda: 0.1, steps: 2000, lr: 0.05 };

/** θ_MIS of the tree's policy objective under the chosen reading. */
export function treeMis(t: BinaryTree, objective: ReturnType<typeof treeObjective>, kind: TreeMis, paper: PaperMisOptions = PAPER_MIS_DEFAULTS): Float64Array {
  const n = objective.n;
  const theta = new Float64Array(n);
  if (kind === 'zero') return theta;
  if (kind === 'trajectory-entropy') {
    const memo = new Int32Array(t.nodes.length);
    t.decisions.forEach((s, k) => {
      const [a, b] = t.nodes[s]!.children!;
      theta[k] = detLn(count(t, b, memo) / count(t, a, memo));
    });
    return theta;
  }
  // 'paper': gradient descent on G(θ) = |∇J|² − λ Σ h(σ(θ_s)); ∇J = −∇L and ∇²J = −∇²L, so ∇|∇J|² = 2 ∇²L ∇L.
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const step = new Float64Array(n);
  for (let it = 0; it < paper.steps; it++) {
    objective.evaluate(theta, grad, hess);
    for (let i = 0; i < n; i++) {
      let hg = 0;
      for (let j = 0; j < n; j++) hg += hess[i * n + j]! * grad[j]!;
      const s = 1 / (1 + detExp(-theta[i]!));
      step[i] = 2 * hg + paper.lambda * theta[i]! * s * (1 - s);
    }
    if (vecNorm(step, n) < 1e-12) break;
    for (let i = 0; i < n; i++) theta[i] = theta[i]! - paper.lr * step[i]!;
  }
  return theta;
}

/** Leaves under node i (memoized in `memo`, 0 meaning not yet known). */
function count(t: BinaryTree, i: number, memo: Int32Array): number {
  if (memo[i]! > 0) return memo[i]!;
  const ch = t.nodes[i]!.children;
  memo[i] = ch ? count(t, ch[0], memo) + count(t, ch[1], memo) : 1;
  return memo[i]!;
}

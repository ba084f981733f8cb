import { parseTree, type TreeJson } from '../envs/binaryTree';
import { treeObjective } from '../envs/treePolicy';
import { symEig } from '../math/symEig';

const objectives = new WeakMap<TreeJson, ReturnType<typeof treeObjective>>();

/** The eigenvalues (ascending) of the Hessian of the tree's L at θ, on the main thread (n ≤ a few hundred: < 10 ms). */
export function treeSpectrum(tree: TreeJson, theta: ArrayLike<number>): number[] {
  let obj = objectives.get(tree);
  if (!obj) { obj = treeObjective(parseTree(tree)); objectives.set(tree, obj); }
  const n = obj.n;
  if (theta.length < n) return [];
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  obj.evaluate(theta, g, h);
  return Array.from(symEig(h, n).values);
}

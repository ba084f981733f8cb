import type { TreeView } from '../protocol/studies';

/**
 * Where Ridge Rider's search on the tree MDP is at timeline position t: its rides run one after another in search
 * order, so t falls in ride `ride` at step `step`; θ there from the ride's path (stride n + 1). Before any ride, and
 * with no rides, the MIS.
 */
export function treeAt(view: TreeView, t: number): { ride: number | null; step: number; theta: ArrayLike<number> } {
  let offset = 0;
  const n = view.n;
  for (let i = 0; i < view.rides.length; i++) {
    const r = view.rides[i]!;
    if (t <= offset + r.steps || i === view.rides.length - 1) {
      const k = Math.max(0, Math.min(r.steps, Math.round(t - offset)));
      return { ride: i, step: k, theta: r.path.subarray(k * (n + 1), k * (n + 1) + n) };
    }
    offset += r.steps;
  }
  return { ride: null, step: 0, theta: view.mis.theta };
}

/** Timeline position at the end of ride i. */
export function treeRideEnd(view: TreeView, i: number): number {
  let t = 0;
  for (let k = 0; k <= i && k < view.rides.length; k++) t += view.rides[k]!.steps;
  return t;
}

/** p(right | node) for each decision node: σ(θ_k). */
export const pRightOf = (theta: ArrayLike<number>): Float64Array => Float64Array.from(theta, (v) => 1 / (1 + Math.exp(-v)));

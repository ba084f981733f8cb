import type { RidgeObjective } from './objective';

export interface FollowLineOptions {
  /** α_max: each step starts from it and halves while L does not decrease. */
  readonly alpha: number;
  /** The walk stops when α falls below α_min. */
  readonly alphaMin: number;
  /** Step budget. */
  readonly maxSteps: number;
}

/**
 * A walk along one fixed unit direction d with backtracking: θ ← θ + α d with the largest α = α_max / 2^k that lowers
 * L, until no α ≥ α_min does or the budget is spent (the "random norm-one vectors starting from the MIS" baseline of
 * Parker-Holder et al. 2020, §4, with Ridge Rider's own step rule). Returns the end point and the accepted steps.
 */
export function followLine(obj: RidgeObjective, start: ArrayLike<number>, d: ArrayLike<number>, o: FollowLineOptions): { theta: Float64Array; f: number; steps: number } {
  const n = obj.n;
  const theta = Float64Array.from({ length: n }, (_, i) => start[i]!);
  const trial = new Float64Array(n);
  let f = obj.value(theta);
  let steps = 0;
  while (steps < o.maxSteps) {
    let alpha = o.alpha;
    let accepted = false;
    while (alpha >= o.alphaMin) {
      for (let i = 0; i < n; i++) trial[i] = theta[i]! + alpha * d[i]!;
      const ft = obj.value(trial);
      if (ft < f) { theta.set(trial); f = ft; accepted = true; break; }
      alpha /= 2;
    }
    if (!accepted) break;
    steps++;
  }
  return { theta, f, steps };
}

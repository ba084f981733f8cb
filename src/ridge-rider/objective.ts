import { JetEvaluator } from '../landscapes/expression/jet';
import type { Tape } from '../landscapes/expression/tape';
import type { Objective } from '../optimizers/objective';

/**
 * A loss L: ℝⁿ → ℝ with an exact gradient and Hessian, what exact Ridge Rider needs (paper §3, "exact RR": the full
 * spectrum of H(θ) = ∇²L(θ) at every step). Every method returns L(θ); non-finite values are allowed (a pole, a
 * cone tip) and make the search end the ride as 'diverged' instead of using them.
 */
export interface RidgeObjective {
  /** Dimension n of θ. */
  readonly n: number;
  /** L(θ). */
  value(theta: ArrayLike<number>): number;
  /** L(θ), writing ∇L(θ) to `grad` (length n). */
  gradient(theta: ArrayLike<number>, grad: Float64Array): number;
  /** L(θ), writing ∇L(θ) to `grad` and ∇²L(θ) to `hess` (n × n, row-major, symmetric). */
  evaluate(theta: ArrayLike<number>, grad: Float64Array, hess: Float64Array): number;
  /**
   * The same function as a 2D optimizer Objective (n = 2 only): then the gradient-descent finish runs through
   * optimizers/runOptimizer, exactly as the app's GD, and starts can be suggested by math/criticalPoints.
   */
  readonly surface?: Objective;
}

/**
 * A formula tape in n variables as a RidgeObjective, through the second-order jets of JetEvaluator (exact ∇L and
 * ∇²L in Float64). The jet stores the Hessian as its upper triangle row-major after [L, ∇L]; it is unpacked to the
 * full symmetric n × n matrix. For n = 2 the evaluator doubles as `surface`.
 */
export function objectiveFromTape(tape: Tape): RidgeObjective {
  const jet = new JetEvaluator(tape);
  const n = jet.n;
  const slot = new Float64Array(jet.stride);
  const evaluate = (theta: ArrayLike<number>, grad: Float64Array, hess: Float64Array | null): number => {
    jet.jet(theta, slot);
    for (let i = 0; i < n; i++) grad[i] = slot[1 + i]!;
    if (hess) {
      let h = 1 + n;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++, h++) {
          hess[i * n + j] = slot[h]!;
          hess[j * n + i] = slot[h]!;
        }
      }
    }
    return slot[0]!;
  };
  return {
    n,
    value: (theta) => jet.value(theta),
    gradient: (theta, grad) => evaluate(theta, grad, null),
    evaluate,
    ...(n === 2 ? { surface: jet } : {}),
  };
}

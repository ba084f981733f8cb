/**
 * What an optimizer needs from a 2D surface f: ℝ² → ℝ. `JetEvaluator` (landscapes/expression/jet.ts) satisfies it;
 * tests pass closed-form quadratics.
 */
export interface Objective {
  /** f(p). */
  value(p: ArrayLike<number>): number;
  /**
   * The second-order jet at p written to `out` (length ≥ 6) and returned: [f, f_x, f_y, f_xx, f_xy, f_yy].
   * Non-finite entries are allowed (a pole, a cone tip): the optimizer stops as diverged instead of using them.
   */
  jet(p: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * The quadratic f(x, y) = ½(a x² + 2b x y + c y²) + g_x x + g_y y + f₀ as an Objective, with its exact jet
 * [f, a x + b y + g_x, b x + c y + g_y, a, b, c]. Used by tests and as a reference surface with closed-form iterates.
 */
export function quadraticObjective(a: number, b: number, c: number, gx = 0, gy = 0, f0 = 0): Objective {
  const value = (p: ArrayLike<number>): number => {
    const x = p[0]!;
    const y = p[1]!;
    return 0.5 * (a * x * x + 2 * b * x * y + c * y * y) + gx * x + gy * y + f0;
  };
  return {
    value,
    jet(p, out) {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = value(p);
      out[1] = a * x + b * y + gx;
      out[2] = b * x + c * y + gy;
      out[3] = a;
      out[4] = b;
      out[5] = c;
      return out;
    },
  };
}

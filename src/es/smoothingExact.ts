import { normalCdf, normalPdf, truncatedNormalMoments } from './smoothingNormal';

/**
 * Closed-form Gaussian smoothings f_σ(x) = E_{ε~N(0,I)}[f(x + σε)] and their gradients ∇f_σ (es-vo.md §2.2, §4),
 * the references the numerical methods are tested against.
 */

/** A value of f_σ and its gradient ∇f_σ (length d). */
export interface SmoothedValue {
  readonly value: number;
  readonly gradient: number[];
}

/** One piece of a 1D piecewise polynomial: f(y) = Σ_j coeffs[j]·y^j on [lo, hi) (lo may be −∞, hi +∞). */
export interface PolyPiece {
  readonly lo: number;
  readonly hi: number;
  readonly coeffs: readonly number[];
}

/**
 * Exact smoothing of a piecewise polynomial f = Σ_pieces p(y)·1{lo ≤ y < hi} (zero outside the pieces), from
 * truncated-normal moments (es-vo.md §2.2, "piecewise polynomials"): with y = x + σt, p(x + σt) = Σ_m d_m t^m,
 * d_m = Σ_{j≥m} c_j C(j, m) x^{j−m} σ^m, and α = (lo − x)/σ, β = (hi − x)/σ,
 *   f_σ(x) = Σ_m d_m M_m(α, β),   f_σ'(x) = E[f(x + σε) ε]/σ = (1/σ) Σ_m d_m M_{m+1}(α, β)   (Stein's identity),
 * so the derivative is exact also where f jumps. Covers steps, plateaus (min(x², 1)) and narrow-vs-wide.
 */
export function smoothPiecewisePoly(pieces: readonly PolyPiece[], x: number, sigma: number): SmoothedValue {
  let value = 0;
  let slope = 0;
  for (const piece of pieces) {
    const deg = piece.coeffs.length - 1;
    const moments = truncatedNormalMoments((piece.lo - x) / sigma, (piece.hi - x) / sigma, deg + 2);
    if (moments[0] === 0 && moments[1] === 0) continue;
    let sigmaPow = 1;
    for (let m = 0; m <= deg; m++) {
      let d = 0;
      let binom = 1; // C(j, m), starting at j = m
      let xPow = 1; // x^{j−m}
      for (let j = m; j <= deg; j++) {
        d += piece.coeffs[j]! * binom * xPow;
        binom = (binom * (j + 1)) / (j + 1 - m);
        xPow *= x;
      }
      d *= sigmaPow;
      value += d * moments[m]!;
      slope += d * moments[m + 1]!;
      sigmaPow *= sigma;
    }
  }
  return { value, gradient: [slope / sigma] };
}

/** A step function f(y) = base + Σ_k Δ_k·1{y ≥ at_k}. */
export interface StepFunction {
  readonly base: number;
  readonly jumps: readonly { readonly at: number; readonly delta: number }[];
}

/**
 * Exact smoothing of a step function (es-vo.md §2.2): f_σ(x) = f(−∞) + Σ_k Δ_k Φ((x − x_k)/σ), and
 * f_σ'(x) = Σ_k Δ_k φ((x − x_k)/σ)/σ.
 */
export function smoothStepFunction(step: StepFunction, x: number, sigma: number): SmoothedValue {
  let value = step.base;
  let slope = 0;
  for (const { at, delta } of step.jumps) {
    const z = (x - at) / sigma;
    value += delta * normalCdf(z);
    slope += delta * normalPdf(z);
  }
  return { value, gradient: [slope / sigma] };
}

/**
 * The wall of es-vo.md §4.2, f(x) = (x − c)²/4 + h·exp(−x²/(2w²)), smoothed exactly (a Gaussian convolved with a
 * Gaussian):  f_σ(x) = (x − c)²/4 + σ²/4 + h·w/√(w² + σ²)·exp(−x²/(2(w² + σ²))).
 */
export function smoothWall(x: number, sigma: number, h = 3, w = 0.1, c = 2): SmoothedValue {
  const s2 = w * w + sigma * sigma;
  const bump = (h * w) / Math.sqrt(s2) * Math.exp(-(x * x) / (2 * s2));
  return { value: ((x - c) * (x - c)) / 4 + (sigma * sigma) / 4 + bump, gradient: [(x - c) / 2 - (x / s2) * bump] };
}

/**
 * Rastrigin in d = point.length dimensions, f = 10d + Σ_i (x_i² − 10 cos 2πx_i), smoothed exactly with
 * E[cos(2π(x + σε))] = cos(2πx)·e^{−2π²σ²} and E[(x + σε)²] = x² + σ² (es-vo.md §2.2):
 *   f_σ(x) = 10d + Σ_i (x_i² + σ² − 10 cos(2πx_i) e^{−2π²σ²}),  ∂_i f_σ = 2x_i + 20π sin(2πx_i) e^{−2π²σ²}.
 */
export function smoothRastrigin(point: readonly number[], sigma: number): SmoothedValue {
  const damp = Math.exp(-2 * Math.PI * Math.PI * sigma * sigma);
  let value = 10 * point.length;
  const gradient = point.map((x) => {
    value += x * x + sigma * sigma - 10 * Math.cos(2 * Math.PI * x) * damp;
    return 2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x) * damp;
  });
  return { value, gradient };
}

/**
 * A quadratic f(x) = ½xᵀAx + bᵀx + c (A symmetric, row-major d × d) smoothed exactly:
 *   f_σ(x) = f(x) + ½σ² tr A,  ∇f_σ = ∇f = Ax + b.
 */
export function smoothQuadratic(a: readonly number[], b: readonly number[], c: number, point: readonly number[], sigma: number): SmoothedValue {
  const d = point.length;
  let value = c;
  let trace = 0;
  const gradient = new Array<number>(d).fill(0);
  for (let i = 0; i < d; i++) {
    let ax = 0;
    for (let j = 0; j < d; j++) ax += a[i * d + j]! * point[j]!;
    gradient[i] = ax + b[i]!;
    value += 0.5 * point[i]! * ax + b[i]! * point[i]!;
    trace += a[i * d + i]!;
  }
  return { value: value + 0.5 * sigma * sigma * trace, gradient };
}

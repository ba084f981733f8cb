/**
 * The standard normal law to full double precision, for the closed-form smoothings: density φ, distribution Φ,
 * upper tail Q = 1 − Φ, and the truncated moments M_m(α, β) = ∫_α^β t^m φ(t) dt.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(z) = e^{−z²/2}/√(2π); 0 at ±∞. */
export function normalPdf(z: number): number {
  return Number.isFinite(z) ? INV_SQRT_2PI * Math.exp(-0.5 * z * z) : 0;
}

/**
 * erfc(x) = (2/√π)∫_x^∞ e^{−t²} dt, relative error ≲ 1e-11 (≈ 1e-15 away from the 1 − erf cancellation just below 2.5). For 0 ≤ x < 2.5 it is 1 − erf(x) with the
 * positive-term series erf(x) = (2/√π) e^{−x²} Σ_n 2ⁿ x^{2n+1}/(1·3···(2n+1)) (Abramowitz & Stegun 7.1.6); for
 * x ≥ 2.5 the Laplace continued fraction erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (A&S 7.1.14),
 * evaluated backward from 120 terms; erfc(−x) = 2 − erfc(x).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Infinity) return 0;
  if (x < 2.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  let t = x;
  for (let k = 120; k >= 1; k--) t = x + (0.5 * k) / t;
  return Math.exp(-x * x) / (SQRT_PI * t);
}

/** Φ(z) = ½ erfc(−z/√2), accurate in relative terms in the lower tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Q(z) = 1 − Φ(z) = Φ(−z), accurate in relative terms in the upper tail. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(α ≤ ε < β) for ε ~ N(0, 1), without cancellation when both ends lie in the same tail. */
export function normalMass(alpha: number, beta: number): number {
  if (!(beta > alpha)) return 0;
  if (alpha >= 0) return normalSf(alpha) - normalSf(beta);
  if (beta <= 0) return normalCdf(beta) - normalCdf(alpha);
  return 1 - normalCdf(alpha) - normalSf(beta);
}

/**
 * Truncated moments M_m = ∫_α^β t^m φ(t) dt, m = 0…count−1 (α may be −∞, β may be +∞), by integration by parts:
 *   M_0 = Φ(β) − Φ(α),  M_1 = φ(α) − φ(β),  M_m = (m − 1) M_{m−2} + α^{m−1}φ(α) − β^{m−1}φ(β).
 */
export function truncatedNormalMoments(alpha: number, beta: number, count: number, out = new Float64Array(count)): Float64Array {
  const pa = normalPdf(alpha);
  const pb = normalPdf(beta);
  let apow = 1; // α^{m−1}
  let bpow = 1;
  for (let m = 0; m < count; m++) {
    if (m === 0) out[0] = normalMass(alpha, beta);
    else {
      const ta = pa === 0 ? 0 : apow * pa;
      const tb = pb === 0 ? 0 : bpow * pb;
      out[m] = (m >= 2 ? (m - 1) * out[m - 2]! : 0) + ta - tb;
      apow *= alpha;
      bpow *= beta;
    }
  }
  return out;
}

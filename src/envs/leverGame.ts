import type { RidgeObjective } from '../ridge-rider/objective';
import { detExp, detLn } from '../math/detMath';

/**
 * The lever coordination game of Ridge Rider's zero-shot coordination experiment (Parker-Holder et al. 2020, §4, Fig.
 * 6, after Hu et al. 2020, "Other-Play"): two players each pull one of m levers; they earn r_k if both pull lever k and
 * nothing otherwise. Each player has its own softmax policy π_i = softmax(θ_i), θ = (θ₁, θ₂) ∈ ℝ^{2m}, and
 *
 *   J(θ) = π₁ᵀ diag(r) π₂,   L = −J.
 *
 * With S_i = diag(π_i) − π_i π_iᵀ (the softmax Jacobian), a = r ⊙ π₂ and b = r ⊙ π₁:
 *   ∇_{θ₁} J = S₁ a,   ∇_{θ₂} J = S₂ b,
 *   ∇²_{θ₁θ₁} J = [π₁ₖ(δₖⱼ − π₁ⱼ)(aₖ − π₁·a) − π₁ₖ (S₁a)ⱼ]ₖⱼ  (and the same for θ₂ with b),
 *   ∇²_{θ₁θ₂} J = S₁ diag(r) S₂.
 */

/** The paper's payoffs: seven levers at 1, two at 0.8, one at 0.6. */
export const LEVER_PAYOFFS_PAPER: readonly number[] = [1, 1, 1, 1, 1, 1, 1, 0.8, 0.8, 0.6];
/** Other-Play's original: nine levers at 1 and one at 0.9. */
export const LEVER_PAYOFFS_OTHER_PLAY: readonly number[] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.9];
export const MAX_LEVERS = 64;

export class LeverError extends Error {}

/** Checks payoffs: at least two levers, at most MAX_LEVERS, each positive and finite. */
export function checkPayoffs(r: readonly number[]): void {
  if (r.length < 2) throw new LeverError(`the game needs at least two levers, got ${r.length}`);
  if (r.length > MAX_LEVERS) throw new LeverError(`at most ${MAX_LEVERS} levers, got ${r.length}`);
  r.forEach((v, k) => { if (!(v > 0) || !Number.isFinite(v)) throw new LeverError(`payoff ${k} must be a positive finite number, got ${String(v)}`); });
}

/** softmax(θ[off .. off + m)) written to out. */
export function softmax(theta: ArrayLike<number>, off: number, m: number, out = new Float64Array(m)): Float64Array {
  let mx = -Infinity;
  for (let k = 0; k < m; k++) mx = Math.max(mx, theta[off + k]!);
  let z = 0;
  for (let k = 0; k < m; k++) { out[k] = detExp(theta[off + k]! - mx); z += out[k]!; }
  for (let k = 0; k < m; k++) out[k] = out[k]! / z;
  return out;
}

/** J for two given policies (the payoff of player 1 playing π₁ with player 2 playing π₂). */
export function payoff(r: readonly number[], p1: ArrayLike<number>, p2: ArrayLike<number>): number {
  let j = 0;
  for (let k = 0; k < r.length; k++) j += r[k]! * p1[k]! * p2[k]!;
  return j;
}

/** The game's loss L(θ) = −J(θ) as a RidgeObjective (n = 2m), with exact gradient and Hessian. */
export function leverObjective(r: readonly number[]): RidgeObjective {
  checkPayoffs(r);
  const m = r.length;
  const n = 2 * m;
  const p1 = new Float64Array(m);
  const p2 = new Float64Array(m);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  const g1 = new Float64Array(m);
  const g2 = new Float64Array(m);
  const evaluate = (theta: ArrayLike<number>, grad: Float64Array | null, hess: Float64Array | null): number => {
    softmax(theta, 0, m, p1);
    softmax(theta, m, m, p2);
    for (let k = 0; k < m; k++) { a[k] = r[k]! * p2[k]!; b[k] = r[k]! * p1[k]!; }
    const j = payoff(r, p1, p2);
    if (!grad) return -j;
    const abar = j; // π₁·a = π₂·b = J
    for (let k = 0; k < m; k++) { g1[k] = p1[k]! * (a[k]! - abar); g2[k] = p2[k]! * (b[k]! - abar); }
    for (let k = 0; k < m; k++) { grad[k] = -g1[k]!; grad[m + k] = -g2[k]!; }
    if (!hess) return -j;
    for (let k = 0; k < m; k++) {
      for (let l = 0; l < m; l++) {
        const d = k === l ? 1 : 0;
        const h11 = p1[k]! * (d - p1[l]!) * (a[k]! - abar) - p1[k]! * g1[l]!;
        const h22 = p2[k]! * (d - p2[l]!) * (b[k]! - abar) - p2[k]! * g2[l]!;
        // S₁ diag(r) S₂: Σ_c (S₁)_{kc} r_c (S₂)_{cl}, with (S)_{kc} = π_k(δ_kc − π_c).
        let h12 = 0;
        for (let c = 0; c < m; c++) h12 += p1[k]! * ((k === c ? 1 : 0) - p1[c]!) * r[c]! * p2[c]! * ((c === l ? 1 : 0) - p2[l]!);
        hess[k * n + l] = -h11;
        hess[(m + k) * n + (m + l)] = -h22;
        hess[k * n + (m + l)] = -h12;
        hess[(m + l) * n + k] = -h12;
      }
    }
    // Symmetrize the diagonal blocks exactly (their two formulas differ in rounding only).
    for (let k = 0; k < m; k++) {
      for (let l = k + 1; l < m; l++) {
        for (const o of [0, m]) {
          const s = 0.5 * (hess[(o + k) * n + o + l]! + hess[(o + l) * n + o + k]!);
          hess[(o + k) * n + o + l] = s;
          hess[(o + l) * n + o + k] = s;
        }
      }
    }
    return -j;
  };
  return {
    n,
    value: (theta) => evaluate(theta, null, null),
    gradient: (theta, grad) => evaluate(theta, grad, null),
    evaluate: (theta, grad, hess) => evaluate(theta, grad, hess),
  };
}

/**
 * The game's maximally invariant saddle, in closed form: both players p_k ∝ 1/r_k (θ_i = log p, centred), where every
 * lever earns the same r_k p_k, so ∇J = 0 exactly, J = 1/Σ(1/r_k). It is the only fully mixed stationary point that the
 * symmetries of the game (permuting equal levers, swapping the players) leave unchanged; the uniform policy (maximum
 * entropy) is not stationary when the payoffs differ.
 */
export function leverMis(r: readonly number[]): Float64Array {
  checkPayoffs(r);
  const m = r.length;
  const logs = r.map((v) => -detLn(v));
  const mean = logs.reduce((x, y) => x + y, 0) / m;
  const theta = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) { theta[k] = logs[k]! - mean; theta[m + k] = logs[k]! - mean; }
  return theta;
}

/** The greedy lever of each player (the most probable action). */
export function greedyLevers(theta: ArrayLike<number>, m: number): [number, number] {
  const arg = (off: number) => { let best = 0; for (let k = 1; k < m; k++) if (theta[off + k]! > theta[off + best]!) best = k; return best; };
  return [arg(0), arg(m)];
}

/** The zero-shot coordination protocol's settings (runners/leverZsc.ts). */
export interface LeverSettings {
  readonly payoffs: readonly number[];
  /** N: replicates per batch. */
  readonly runs: number;
  /** Batches (error bars over them). */
  readonly repeats: number;
  /** Standard deviation of the symmetry-breaking noise added to θ_MIS. */
  readonly noise: number;
  /** Ridge Rider's backtracking step: α_max. */
  readonly alpha: number;
  /** The gradient-descent finish (and the baseline): η and steps. */
  readonly gdLr: number;
  readonly gdMaxSteps: number;
  /**
   * UpdateRidge's continuity rule (ridge-rider/updateRidge.ts): eigenvalues within clusterTol · max|λ| count as one
   * eigenspace, and a ride follows the projection of its direction onto it. The MIS's six-fold eigenvalue splits as
   * soon as a ride moves, so with the engine's 10⁻⁶ (exact repeats only) the rides of that eigenspace fail δ_break
   * on their first step and gradient descent alone decides them; 0.03 lets them ride (measured in the Fig. 6 notes).
   */
  readonly clusterTol: number;
}

/** Defaults: the paper's game, N = 25 and 5 repeats; the step sizes and the noise are ours (not published). */
export const LEVER_DEFAULTS: Omit<LeverSettings, 'payoffs'> = { runs: 25, repeats: 5, noise: 1e-3, alpha: 1, gdLr: 2, gdMaxSteps: 3000, clusterTol: 0.03 };

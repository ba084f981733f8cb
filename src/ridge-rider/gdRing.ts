import { vecDot, vecFinite } from '../math/vec';
import { symEig } from '../math/symEig';
import { descend } from './descend';
import { type RidgeObjective } from './objective';

export interface GdRingOptions {
  /** A run has "left" when ‖θ − θ*‖ first reaches exitRadius; its exit direction is measured there. Default 10·radius. */
  exitRadius?: number;
  /** Angle of the first start in the ring's plane, radians. Default π/count (half a spacing, so no start sits on an axis of the plane). */
  phase?: number;
  /** Orthonormal basis (u, w) of the ring's plane. Default: v₀, v₁, the eigenvectors of the two lowest eigenvalues of H(θ*). */
  plane?: readonly [ArrayLike<number>, ArrayLike<number>];
}

export interface GdRingRun {
  /** θ₀ = θ* + r(cos φ u + sin φ w). */
  readonly start: number[];
  readonly phi: number;
  /** (θ, L) per point, stride n + 1, start included, up to the exit (or all steps when it never leaves). */
  readonly path: Float64Array;
  readonly steps: number;
  readonly exited: boolean;
  /** Unit vector (θ_exit − θ*)/‖θ_exit − θ*‖ (at the last point when it never left). */
  readonly exitDirection: number[];
  /** Angle between the exit direction and ±e_min: arccos |⟨exitDirection, e_min⟩| ∈ [0, π/2], radians. */
  readonly angle: number;
  /** Which of ±e_min it left along: the sign of ⟨exitDirection, e_min⟩. */
  readonly side: 1 | -1;
}

export interface GdRingResult {
  readonly saddle: number[];
  /** λ_min of H(θ*) and its unit eigenvector (math/symEig sign convention). */
  readonly lambdaMin: number;
  readonly eMin: number[];
  readonly exitRadius: number;
  readonly runs: GdRingRun[];
}

/**
 * The experiment of the paper's Appendix D.1 (cited in §1: "from any position near a saddle point, gradient descent
 * will always curve towards the direction of most negative curvature"): `count` gradient-descent runs, step `lr`,
 * at most `steps` steps each, started on a circle of radius `radius` around the saddle θ*. Near θ*,
 * L ≈ L* + ½δᵀHδ and GD gives δ_t = Σ_i (1 − ηλ_i)^t c_i v_i: the component along v_min grows fastest, so every run
 * with c_min ≠ 0 leaves along ±e_min, whatever its initial direction. Each run stops when it first reaches
 * `exitRadius`; its exit direction and the angle to ±e_min are reported. In n > 2 the circle lies in the plane of the
 * two most negative curvature directions unless `plane` is given.
 */
export function gradientDescentRing(obj: RidgeObjective, saddle: ArrayLike<number>, radius: number, count: number, lr: number, steps: number,
  opts: GdRingOptions = {}): GdRingResult {
  const n = obj.n;
  if (n < 2) throw new Error('gradientDescentRing needs n ≥ 2');
  if (saddle.length !== n || !vecFinite(saddle, n)) throw new Error(`saddle must be ${n} finite numbers`);
  if (!(radius > 0) || !Number.isInteger(count) || count < 1 || !(lr > 0) || !Number.isInteger(steps) || steps < 0) {
    throw new Error('radius and lr must be positive, count a positive integer and steps a non-negative integer');
  }
  const exitRadius = opts.exitRadius ?? 10 * radius;
  const center = Float64Array.from({ length: n }, (_, i) => saddle[i]!);
  const hess = new Float64Array(n * n);
  obj.evaluate(center, new Float64Array(n), hess);
  const eig = symEig(hess, n);
  const eMin = Array.from(eig.vectors.subarray(0, n));
  const u = opts.plane ? opts.plane[0] : eig.vectors.subarray(0, n);
  const w = opts.plane ? opts.plane[1] : eig.vectors.subarray(n, 2 * n);
  const phase = opts.phase ?? Math.PI / count;
  const runs: GdRingRun[] = [];
  for (let k = 0; k < count; k++) {
    const phi = phase + (2 * Math.PI * k) / count;
    const start = Array.from({ length: n }, (_, i) => center[i]! + radius * (Math.cos(phi) * u[i]! + Math.sin(phi) * w[i]!));
    const dist = (th: ArrayLike<number>): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (th[i]! - center[i]!) ** 2;
      return Math.sqrt(s);
    };
    const r = descend(obj, start, { lr, maxSteps: steps, record: true, stopWhen: (th) => dist(th) >= exitRadius });
    const d = dist(r.theta);
    const dir = Array.from(r.theta, (v, i) => (v - center[i]!) / (d || 1));
    const c = vecDot(dir, eMin, n);
    runs.push({
      start, phi, path: r.path!, steps: r.steps, exited: r.stoppedEarly || d >= exitRadius, exitDirection: dir,
      angle: Math.acos(Math.min(1, Math.abs(c))), side: c < 0 ? -1 : 1,
    });
  }
  return { saddle: Array.from(center), lambdaMin: eig.values[0]!, eMin, exitRadius, runs };
}

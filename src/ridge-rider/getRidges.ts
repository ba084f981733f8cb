import { vecNorm } from '../math/vec';

/**
 * Ridge indices and fingerprints (paper §3: "we keep track of a fingerprint Ψ, containing the indices of the EVecs
 * chosen at each of the preceding branching points").
 *
 * Index scheme. At a branching point the Hessian eigenpairs are sorted ascending, λ₀ ≤ λ₁ ≤ … (so i = 0 is the
 * most negative curvature), each unit eigenvector v_i with the sign convention of math/symEig (largest-|·| entry
 * positive). Every negative eigenpair gives two ridges, one per direction of travel (§3: "one can explore in
 * opposite directions along any negative EVec"):
 *   r = 2i      moves along +v_i,
 *   r = 2i + 1  moves along −v_i.
 * In the paper's notation the ride follows e = ∓v_i with θ ← θ − αe; here we store the direction of motion d = −e.
 * A fingerprint is the array of r chosen at the start and at each later branching point, root first: [1, 0] is
 * "−v₀ at the start, then +v₀ of the Hessian where that ride ended".
 */
export function ridgeIndex(eig: number, sign: 1 | -1): number {
  return 2 * eig + (sign < 0 ? 1 : 0);
}

/** The inverse of ridgeIndex: r ↦ (i, ±). */
export function decodeRidgeIndex(r: number): { eig: number; sign: 1 | -1 } {
  return { eig: r >> 1, sign: (r & 1) === 1 ? -1 : 1 };
}

/** A fingerprint as text: [0, 3] ↦ "0+ 1−" (eigen-index and direction per branching). */
export function fingerprintText(fp: readonly number[]): string {
  return fp.map((r) => { const { eig, sign } = decodeRidgeIndex(r); return `${eig}${sign > 0 ? '+' : '−'}`; }).join(' ');
}

/** One ridge offered at a branching point. */
export interface Ridge {
  /** r = 2i + (0 for +v_i, 1 for −v_i); see ridgeIndex. */
  readonly index: number;
  /** i: position of λ_i in the ascending spectrum. */
  readonly eig: number;
  readonly sign: 1 | -1;
  /** λ_i < 0. */
  readonly lambda: number;
  /** Unit direction of motion d = ±v_i (the paper's e_i = −d). */
  readonly direction: Float64Array;
  /** Which group of (numerically) equal eigenvalues λ_i belongs to (0 = the most negative group) and its size. */
  readonly group: number;
  readonly multiplicity: number;
}

/** GetRidges options (paper §3, "GetRidges determines which ridges we explore from a given branching point"). */
/**
 * The spectrum GetRidges reads: the k smallest eigenpairs of the n × n Hessian in ascending order, λ₀ ≤ … ≤ λ_{k−1},
 * with unit eigenvectors row-major (k rows of n). math/symEig's result is the full one (k = n); an approximate oracle
 * passes the few most negative pairs Lanczos found (k ≪ n) and its estimate of s. Groups of equal eigenvalues are
 * those among the k pairs present: the last group of a partial spectrum may have more members beyond λ_{k−1}.
 */
export interface Spectrum {
  readonly n: number;
  readonly values: ArrayLike<number>;
  readonly vectors: ArrayLike<number>;
  /** Eigenpairs present. Default n. */
  readonly k?: number;
  /** s = max_j |λ_j| over the whole spectrum, for the relative tolerances. Default: over the pairs present. */
  readonly scale?: number;
}

export interface GetRidgesOptions {
  /**
   * λ counts as negative when λ < −negTol·s, s = max_j |λ_j| (relative, so rescaling L changes nothing). The same
   * threshold ends a ride on curvature (EndRide (a)). Default 1e-8; 0 is the paper's strict λ < 0.
   */
  negTol?: number;
  /**
   * Adjacent sorted eigenvalues with λ_{j+1} − λ_j ≤ groupTol·s form one group (chains: a group can be wider than
   * groupTol·s). Symmetries of L give exactly repeated eigenvalues (§3, Appendix D.6). Default 1e-6.
   */
  groupTol?: number;
  /** Keep only the N most negative eigen-directions (groups when onePerGroup), as in §3 "optionally, we select the N most negative EVals". Default: all. */
  maxEigen?: number;
  /** Explore one member (the lowest index) of each group of equal eigenvalues: enough at a MIS (§3). Default false. */
  onePerGroup?: boolean;
  /** Both directions ±v_i (default true); false offers +v_i only. */
  bothSigns?: boolean;
  /**
   * Offer a direction d only when the quadratic model predicts that the first step of length α lowers L:
   * α⟨∇L, d⟩ + ½α²λ < 0, i.e. ⟨∇L, d⟩ < ½α|λ|. At a critical point (∇L = 0) both signs pass, as in the paper; at a
   * branching point on a slope (a ride that ended because L stopped decreasing) the direction that climbs at first
   * order is dropped instead of becoming a ride that cannot take a step. Needs `at` in getRidges; default true.
   * Departure from the paper, whose GetRidges offers both signs everywhere.
   */
  descentOnly?: boolean;
  /**
   * No U-turn: at the end of a ride, do not offer the ridge that leads straight back along the one the ride was
   * following, i.e. drop d when ⟨d, −d_end⟩ ≥ δ_break (d_end: the ride's unit direction at its end, after the last
   * UpdateRidge; δ_break: EndRide's overlap threshold, the same test that calls two directions "the same ridge").
   * That reversed ride would retrace the parent's own path towards a point that has already branched. Never applies
   * at the start (no parent) and never to a direction that is orthogonal to the arrival, so at a saddle or maximum
   * reached by a ride that ended on curvature every ridge is offered in both directions, as in the paper. Needs
   * `arrival` in getRidges; default true. Departure from the paper (see ride.ts, finishRide).
   */
  noUTurn?: boolean;
  /**
   * Minimum progress: a ride branches only when its end lies at least minProgress·α from its start (α: the step
   * size, α_max when backtracking). A ride that moved less ends at (nearly) the point it branched from, where GetRidges
   * would offer (to O(α)) the ridges already in the archive there: branching again loops. Default 2; 0 keeps only the
   * rule that a ride with no accepted step never branches. Departure from the paper (see ride.ts, finishRide).
   */
  minProgress?: number;
}

export const GET_RIDGES_DEFAULTS = {
  negTol: 1e-8, groupTol: 1e-6, maxEigen: Infinity, onePerGroup: false, bothSigns: true, descentOnly: true, noUTurn: true, minProgress: 2,
} as const;

/** The gradient at the branching point and the step α of the first step, for `descentOnly`; the arrival for `noUTurn`. */
export interface RidgeContext {
  readonly grad: ArrayLike<number>;
  readonly alpha: number;
  /** At a ride's end: the ride's direction there (of any length) and δ_break. Absent at the start. */
  readonly arrival?: { readonly direction: ArrayLike<number>; readonly deltaBreak: number };
  /** Ψ of the ride that ended here, [] at the start (as RidgeHeading.fingerprint, for an oracle's per-ride draws). */
  readonly fingerprint?: readonly number[];
}

/** s = max_j |λ_j|, the scale of the relative tolerances (0 for the zero matrix). */
export function spectralScale(values: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s = Math.max(s, Math.abs(values[j]!));
  return s;
}

/**
 * Group labels of the k ascending eigenvalues: g[j] = g[j−1] when λ_j − λ_{j−1} ≤ tol·s, else g[j−1] + 1; g[0] = 0.
 * s defaults to max_j |λ_j| over the k values.
 */
export function eigenGroups(values: ArrayLike<number>, n: number, tol: number, s = spectralScale(values, n)): Int32Array {
  const g = new Int32Array(n);
  for (let j = 1; j < n; j++) g[j] = values[j]! - values[j - 1]! <= tol * s ? g[j - 1]! : g[j - 1]! + 1;
  return g;
}

/**
 * GetRidges(θ) of Algorithm 1, from the (partial) spectrum of H(θ): the eigenpairs with λ_i < −negTol·s, optionally
 * one per group of equal eigenvalues and only the N most negative, each in both directions, ordered by r (most
 * negative first, + before −), less those that climb when `descentOnly` and `at` is given. Multiplicities are
 * reported for every ridge (counted among the pairs present).
 */
export function getRidges(spec: Spectrum, opts: GetRidgesOptions = {}, at?: RidgeContext): Ridge[] {
  const o = { ...GET_RIDGES_DEFAULTS, ...opts };
  const { n, values, vectors } = spec;
  const k = spec.k ?? n;
  const s = spec.scale ?? spectralScale(values, k);
  const groups = eigenGroups(values, k, o.groupTol, s);
  const arrivalNorm = at?.arrival ? Math.max(vecNorm(at.arrival.direction, n), 1e-300) : 1;
  const size = new Map<number, number>();
  for (let j = 0; j < k; j++) size.set(groups[j]!, (size.get(groups[j]!) ?? 0) + 1);
  const out: Ridge[] = [];
  let taken = 0;
  let lastGroup = -1;
  for (let i = 0; i < k && taken < o.maxEigen; i++) {
    const lambda = values[i]!;
    if (!(lambda < -o.negTol * s)) break;
    const g = groups[i]!;
    if (o.onePerGroup && g === lastGroup) continue;
    lastGroup = g;
    taken += 1;
    const signs: (1 | -1)[] = o.bothSigns ? [1, -1] : [1];
    for (const sign of signs) {
      const direction = new Float64Array(n);
      let slope = 0;
      let back = 0;
      for (let k = 0; k < n; k++) {
        direction[k] = sign * vectors[i * n + k]!;
        if (at) slope += at.grad[k]! * direction[k]!;
        if (at?.arrival) back -= at.arrival.direction[k]! * direction[k]!;
      }
      // The arrival's direction need not be a unit vector (approximate UpdateRidge with a carried ‖e‖).
      if (at?.arrival) back /= arrivalNorm;
      if (o.descentOnly && at && !(slope < 0.5 * at.alpha * -lambda)) continue;
      if (o.noUTurn && at?.arrival && back >= at.arrival.deltaBreak) continue;
      out.push({ index: ridgeIndex(i, sign), eig: i, sign, lambda, direction, group: g, multiplicity: size.get(g)! });
    }
  }
  return out;
}

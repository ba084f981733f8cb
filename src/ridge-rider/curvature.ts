import type { GdFinish, GdFinishOptions } from './descend';
import type { MaybePromise } from './drive';
import type { GetRidgesOptions, Ridge, RidgeContext } from './getRidges';

/**
 * The seam between Ridge Rider's search and the curvature of the loss (Parker-Holder et al. 2020, §3). The search
 * skeleton (ridgeRider.ts, ride.ts: the archive, fingerprints, EndRide, branching and the budgets) asks an oracle
 * four things and never touches a Hessian itself:
 *
 *   probe(θ)                  L(θ), ∇L(θ), and whatever the oracle needs to answer the next two at θ;
 *   ridges(θ)                 GetRidges: the negative-curvature directions ±v_i at a branching point;
 *   follow(θ', θ, d)          UpdateRidge: the ridge through θ' that continues the direction d followed from θ,
 *                             its eigenvalue λ and the overlap ⟨d', d⟩;
 *   descend(θ)                the optional gradient-descent finish from a ride's end.
 *
 * Two implementations fit it:
 *   exact (exactCurvature.ts)  the dense Hessian, its full eigendecomposition (math/symEig) at every probe, and the
 *                              greatest-overlap UpdateRidge (updateRidge.ts): Algorithm 1, any n up to a few hundred;
 *   approximate (Algorithm 2)  a few eigenpairs by Lanczos on Hessian-vector products in ridges(), and UpdateRidge
 *                              by gradient steps on ‖(1/λ)H e − e‖² warm-started from the previous (e, λ) in
 *                              follow(): networks with 10⁵ parameters, where no n × n matrix can exist.
 * Any method may answer with a promise (a WebGPU read-back); drive.ts runs the same search synchronously or
 * asynchronously.
 */
export interface CurvatureProbe {
  /** L(θ). */
  readonly f: number;
  /** ∇L(θ). */
  readonly grad: Float64Array;
  /** L, ∇L and the oracle's curvature data at θ are finite (else the ride ends as 'diverged'). */
  readonly finite: boolean;
  /**
   * s = max_j |λ_j(H(θ))|, the scale of the relative tolerances (GetRidges' negTol, the curvature EndRide). Exact
   * where the spectrum is known; an approximate oracle gives its estimate (e.g. from its last Lanczos run).
   */
  readonly scale: number;
}

/** What GetRidges found at a branching point. */
export interface RidgesAt {
  readonly ridges: Ridge[];
  /** The smallest eigenvalue found (for the message when there are no ridges). */
  readonly lambdaMin: number;
}

/** What UpdateRidge found at θ'. */
export interface RidgeFollow {
  /** λ along the new direction. */
  readonly lambda: number;
  /** ⟨d', d⟩ ∈ [0, 1]: how well the new direction continues the old one (EndRide's δ_break test). */
  readonly overlap: number;
}

/** The previous direction of a ride and its eigenvalue (UpdateRidge's warm start). */
export interface RidgeHeading {
  readonly direction: Float64Array;
  readonly lambda: number;
  /**
   * Ψ of the ride being followed (the search always gives it): an oracle that draws random numbers, such as fresh
   * minibatches, can draw them per ride, so that a ride's result does not depend on how many rides came before it.
   */
  readonly fingerprint?: readonly number[];
}

export interface CurvatureOracle<P extends CurvatureProbe = CurvatureProbe> {
  /** Dimension n of θ. */
  readonly n: number;
  /** True when every method answers with a value, never a promise: the synchronous step API can drive it. */
  readonly sync: boolean;
  /**
   * Measures θ (its first n entries are copied). `spare` is a probe the search will not read again; the oracle may
   * reuse its storage for the answer (the search keeps at most three probes alive: the start, the ride's current
   * point and a trial).
   */
  probe(theta: ArrayLike<number>, spare: P | null): MaybePromise<P>;
  /** GetRidges at a probed point (Algorithm 1, lines 1 and 11). */
  ridges(at: P, options: GetRidgesOptions, context: RidgeContext): MaybePromise<RidgesAt>;
  /**
   * UpdateRidge at the probed trial point `at`, reached along `heading` from the ride's current point `from` (null on a
   * ride's first step: its start was probed when it branched); writes the new unit direction d' to `out`.
   */
  follow(at: P, from: P | null, heading: RidgeHeading, out: Float64Array): MaybePromise<RidgeFollow>;
  /** Gradient descent from θ (the finish), recording its path (θ, L) per point when `record`. */
  descend(theta: ArrayLike<number>, options: Required<GdFinishOptions>, record: boolean): MaybePromise<GdFinish>;
  /** Validates the finish's options for this problem (throws an Error naming the option), before the search starts. */
  checkDescend(options: Required<GdFinishOptions>): void;
}

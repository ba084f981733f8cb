import type { Box } from '../ridge-rider/endRide';
import type { RidgeObjective } from '../ridge-rider/objective';
import type { CurvatureOracle } from '../ridge-rider/curvature';
import type { RideSummary, RidgeRiderOptions } from '../ridge-rider/state';

/**
 * A problem is a tagged value that crosses to a worker as data (a 2D formula today; a tree MDP, a lever game or a
 * network next) and is resolved there, by its kind's file in this folder, to what the engines and the views need:
 * the objective, a box, how to choose a start, and a summary of θ for views that cannot draw θ itself.
 */
export interface ResolvedProblem {
  readonly kind: string;
  /** How messages name it (a landscape id, a formula). */
  readonly name: string;
  /** Dimension of θ. */
  readonly n: number;
  readonly objective: RidgeObjective;
  /**
   * The problem's own curvature oracle for a search with these options (an approximate one from Hessian-vector
   * products, which may answer asynchronously); absent: the exact curvature of `objective` (dense H, full spectrum).
   */
  readonly curvature?: (options: RidgeRiderOptions) => CurvatureOracle;
  /** Where θ may go: a ride that leaves it ends as 'diverged' (null: anywhere). */
  readonly box: Box | null;
  /** θ is a point of the surface view (n = 2): rides and runs carry their paths in θ. */
  readonly drawable: boolean;
  /** Per-point numbers about θ for the problem's own views (null when θ itself is drawn). */
  readonly summary: RideSummary | null;
  /** The start of a search: the problem's automatic one, a given point, or one refined from a guess. */
  chooseStart(request: StartRequest, seed: number): StartChoice;
}

/** How the start of a search is chosen. */
export type StartRequest =
  /** The problem's own rule (a 2D formula: its maximum with the most negative curvature, else such a saddle). */
  | { readonly kind: 'auto' }
  /** θ as given. */
  | { readonly kind: 'given'; readonly theta: readonly number[] }
  /** Newton on ∇L from θ to the nearby critical point (ridge-rider/refineToSaddle.ts): a click, a figure's guess. */
  | { readonly kind: 'refine'; readonly theta: readonly number[] };

export interface StartChoice {
  /** The point the rule gave (for 'refine': where Newton converged, whatever its kind); null when there is none. */
  readonly theta: number[] | null;
  /** θ has negative curvature (a saddle or maximum): there are ridges to ride from it. */
  readonly ridges: boolean;
  /** The rule that chose it, for people: 'given', 'maximum', 'saddle', 'refined to a saddle', … */
  readonly rule: string;
  /** What happened, for people (where Newton went, why there is no start). */
  readonly message: string;
  /** A saddle or maximum offered instead, when the rule found none with negative curvature. */
  readonly suggestion: number[] | null;
  /** L and the Hessian's eigenvalues (ascending) at θ; NaN and [] without θ. */
  readonly f: number;
  readonly eigenvalues: number[];
}

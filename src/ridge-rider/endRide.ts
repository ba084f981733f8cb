/**
 * EndRide and the step size α of a ride (paper §3: "EndRide is a heuristic that determines how long we follow a
 * given ridge for. For example, this can consider whether the curvature is still negative, the loss is
 * decreasing and other factors"; Algorithm 1, lines 5–8).
 *
 * Why a ride ended:
 *   'curvature'       (a) the followed λ turned non-negative: λ ≥ −negTol·s (GetRidges' threshold; negTol = 0 is
 *                         the paper's λ ≥ 0). The step is kept and the search branches there.
 *   'overlap'         (b) ⟨d_new, d_prev⟩ < δ_break (fixed α only). The step is kept, as in Algorithm 1, where
 *                         EndRide is tested after the step.
 *   'loss'            (c) L(θ_new) ≥ L(θ_old) (fixed α only). The step is rejected: the ride ends at its lowest point.
 *                         With patience p > 0: L(θ_new) is not below the ride's lowest L, after p steps in a row that
 *                         were not either (a noisy or slowly turning loss may rise for a few steps while its trend
 *                         falls). Those p steps are taken, the one that would make p + 1 is rejected, and the ride
 *                         then ends at its lowest point: the steps past it are dropped from its record (their cost
 *                         stays counted) and the search branches from there, as early stopping restores its best
 *                         weights.
 *   'max-ride-steps'  (d) the ride's own step budget is spent. Kept; the search branches there.
 *   'alpha-min'       backtracking halved α below α_min without passing (b) and (c); the step is rejected.
 *   'diverged'        safety: a non-finite θ, L, ∇L or ∇²L, or θ outside the bounding box; rejected, no branching
 *                     (with backtracking: only once halving α below α_min has not cured it).
 *   'search-cap'      the search's total step cap stopped the ride midway; no branching.
 */
export type EndReason = 'curvature' | 'overlap' | 'loss' | 'max-ride-steps' | 'alpha-min' | 'diverged' | 'search-cap';

export const END_REASONS: readonly EndReason[] = ['curvature', 'overlap', 'loss', 'max-ride-steps', 'alpha-min', 'diverged', 'search-cap'];

/** An axis-aligned box lo ≤ θ ≤ hi (per coordinate). */
export interface Box {
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
}

/** Which EndRide criteria are on; any combination. */
export interface EndRideOptions {
  /** (a) End when the followed eigenvalue turns non-negative. Default true. */
  curvature?: boolean;
  /** (b) End when the overlap of consecutive ridge directions drops below deltaBreak. Default true. */
  overlap?: boolean;
  /** δ_break ∈ (0, 1]. Default 0.95, the paper's value for the tree experiments (§4). */
  deltaBreak?: number;
  /** (c) End when the loss stops decreasing. Default true. */
  loss?: boolean;
  /**
   * With (c): a step that lowers L by less than minImprovement·max(1, |L|) also ends the ride ('loss'): "the policy
   * stops improving" (§4) where L creeps down forever (a sigmoid policy saturating). Default 0 (any decrease counts).
   */
  minImprovement?: number;
  /**
   * With (c) and a fixed α: how many steps in a row may fail to lower L below the ride's lowest value before the ride
   * ends ('loss') at its lowest point; the steps that do not lower it are taken, then dropped when the ride ends there.
   * Default 0: the first step that would raise L ends the
   * ride (the paper's "the loss is decreasing"). Early stopping's patience, for a loss measured on a batch that the
   * ride's minibatch steps do not descend exactly.
   */
  patience?: number;
  /** (d) Step budget per ride. Default 10 000. */
  maxRideSteps?: number;
  /** Safety: leaving this box ends the ride as 'diverged'. Default: none (only non-finite values do). */
  box?: Box;
}

/**
 * Step size. 'fixed': θ ← θ + α d every step (Algorithm 1, line 5). 'backtracking' (the paper's tree experiments,
 * §4: "backtracking that halves α"): every step starts from α = alpha (α_max) and halves α until the new direction
 * overlaps the old by at least δ_break (and, when EndRide (c) is on, the loss decreases); when α < alphaMin the ride
 * ends as 'alpha-min' at the last accepted point. With backtracking, (b) and (c) shape the step instead of ending
 * the ride, so rides end on (a), (d), 'alpha-min' or 'diverged'.
 */
export interface StepSizeOptions {
  mode?: 'fixed' | 'backtracking';
  /** α, or α_max for backtracking. Default 0.01. */
  alpha?: number;
  /** α_min of backtracking. Default alpha/1024 (ten halvings). */
  alphaMin?: number;
  /**
   * Backtracking only: start each step from min(α_max, 2α_prev), twice the ride's last accepted α, instead of from
   * α_max (the usual warm start of a backtracking line search). Fewer trial probes per step where the ridge curves;
   * the paper restarts from α_max ("we begin with a large α"). Default false.
   */
  warmStart?: boolean;
}

export const END_RIDE_DEFAULTS = { curvature: true, overlap: true, deltaBreak: 0.95, loss: true, maxRideSteps: 10_000, minImprovement: 0, patience: 0 } as const;
export const STEP_SIZE_DEFAULTS = { mode: 'fixed', alpha: 0.01 } as const;

export interface ResolvedEndRide {
  readonly curvature: boolean;
  readonly overlap: boolean;
  readonly deltaBreak: number;
  readonly loss: boolean;
  readonly maxRideSteps: number;
  readonly box: Box | null;
  readonly minImprovement: number;
  readonly patience: number;
}

export interface ResolvedStepSize {
  readonly mode: 'fixed' | 'backtracking';
  readonly alpha: number;
  readonly alphaMin: number;
  readonly warmStart: boolean;
}

/** Fills in defaults and validates (throws an Error naming the option and its range). */
export function resolveEndRide(o: EndRideOptions = {}, n: number): ResolvedEndRide {
  const r = { ...END_RIDE_DEFAULTS, ...o };
  if (!(r.deltaBreak > 0 && r.deltaBreak <= 1)) throw new Error(`deltaBreak must be in (0, 1], got ${String(r.deltaBreak)}`);
  if (!Number.isInteger(r.maxRideSteps) || r.maxRideSteps < 1) throw new Error(`maxRideSteps must be a positive integer, got ${String(r.maxRideSteps)}`);
  if (!(r.minImprovement >= 0) || !Number.isFinite(r.minImprovement)) throw new Error(`minImprovement must be a non-negative number, got ${String(r.minImprovement)}`);
  if (!Number.isInteger(r.patience) || r.patience < 0) throw new Error(`patience must be a non-negative integer, got ${String(r.patience)}`);
  const box = o.box ?? null;
  if (box) {
    if (box.lo.length !== n || box.hi.length !== n) throw new Error(`box must have lo and hi of length ${n}`);
    for (let i = 0; i < n; i++) {
      if (!(box.lo[i]! < box.hi[i]!)) throw new Error(`box must have lo < hi in every coordinate (coordinate ${i})`);
    }
  }
  return { curvature: r.curvature, overlap: r.overlap, deltaBreak: r.deltaBreak, loss: r.loss, maxRideSteps: r.maxRideSteps, minImprovement: r.minImprovement, patience: r.patience, box };
}

export function resolveStepSize(o: StepSizeOptions = {}): ResolvedStepSize {
  const mode = o.mode ?? STEP_SIZE_DEFAULTS.mode;
  if (mode !== 'fixed' && mode !== 'backtracking') throw new Error(`step mode must be 'fixed' or 'backtracking', got ${String(mode)}`);
  const alpha = o.alpha ?? STEP_SIZE_DEFAULTS.alpha;
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`alpha must be a positive number, got ${String(alpha)}`);
  const alphaMin = o.alphaMin ?? alpha / 1024;
  if (!(alphaMin > 0) || !(alphaMin <= alpha)) throw new Error(`alphaMin must be in (0, alpha], got ${String(alphaMin)}`);
  return { mode, alpha, alphaMin, warmStart: mode === 'backtracking' && (o.warmStart ?? false) };
}

/** True when θ lies in the box (or there is none). */
export function inBox(theta: ArrayLike<number>, box: Box | null, n: number): boolean {
  if (!box) return true;
  for (let i = 0; i < n; i++) if (!(theta[i]! >= box.lo[i]! && theta[i]! <= box.hi[i]!)) return false;
  return true;
}

import type { ArchiveOrder } from './archive';
import { GD_FINISH_DEFAULTS } from './descend';
import { END_RIDE_DEFAULTS, STEP_SIZE_DEFAULTS, type Box } from './endRide';
import { GET_RIDGES_DEFAULTS } from './getRidges';
import { RIDGE_RIDER_DEFAULTS, type RidgeRiderOptions } from './state';

/** EndRide criteria a user can switch (a per-ride step budget always applies): endRide.ts (a), (b), (c). */
export const RIDGE_END_CRITERIA = ['curvature', 'overlap', 'loss'] as const;
export type RidgeEndCriterion = (typeof RIDGE_END_CRITERIA)[number];

export const RIDGE_STEP_MODES = ['fixed', 'backtracking'] as const;

/**
 * The settings of a Ridge Rider search that people choose, in the app (its panel and link) and on the command line:
 * one type, whose defaults are the engine's own (state.ts, endRide.ts, getRidges.ts, descend.ts). Each maps to an
 * engine option by `ridgeRiderOptions`.
 */
export interface RidgeSettings {
  /** ChooseFromArchive. */
  order: ArchiveOrder;
  /** α fixed, or the paper's backtracking from α (halving until the overlap criterion holds). */
  stepMode: (typeof RIDGE_STEP_MODES)[number];
  alpha: number;
  /** δ_break of the overlap criterion. */
  deltaBreak: number;
  /** EndRide criteria in force. */
  end: RidgeEndCriterion[];
  /** Step budget of one ride. */
  maxRideSteps: number;
  /** Cap on the number of rides (the tree size). */
  maxRides: number;
  /** Explore only the N most negative eigen-directions at each branching; 0: all of them. */
  topN: number;
  /** One ridge per group of equal eigenvalues (symmetric problems). */
  onePerGroup: boolean;
  /** Gradient descent from where each ride ends, and its step size. */
  gdFinish: boolean;
  gdLr: number;
  /** The paper's Appendix D.1: a ring of gradient-descent runs started close around the start (drawn, not searched). */
  ring: boolean;
  ringRadius: number;
  ringCount: number;
}

/**
 * The engine's defaults, except `gdFinish`: on, because where a ride leads is what a user wants to see (the engine's
 * option is off unless asked for, and so is the CLI's --gd-finish flag, whose JSON then reports the GD end point).
 */
export function defaultRidgeSettings(): RidgeSettings {
  return {
    order: RIDGE_RIDER_DEFAULTS.order, stepMode: STEP_SIZE_DEFAULTS.mode, alpha: STEP_SIZE_DEFAULTS.alpha, deltaBreak: END_RIDE_DEFAULTS.deltaBreak,
    end: RIDGE_END_CRITERIA.filter((c) => END_RIDE_DEFAULTS[c]), maxRideSteps: END_RIDE_DEFAULTS.maxRideSteps, maxRides: RIDGE_RIDER_DEFAULTS.maxRides,
    topN: 0, onePerGroup: GET_RIDGES_DEFAULTS.onePerGroup, gdFinish: true, gdLr: GD_FINISH_DEFAULTS.lr,
    ring: false, ringRadius: 0.05, ringCount: 12,
  };
}

/** The engine options for settings, with the bounding box a ride may not leave (null: none). */
export function ridgeRiderOptions(s: RidgeSettings, box: Box | null): RidgeRiderOptions {
  return {
    order: s.order,
    step: { mode: s.stepMode, alpha: s.alpha },
    endRide: {
      curvature: s.end.includes('curvature'), overlap: s.end.includes('overlap'), loss: s.end.includes('loss'),
      deltaBreak: s.deltaBreak, maxRideSteps: s.maxRideSteps, ...(box ? { box } : {}),
    },
    getRidges: { maxEigen: s.topN > 0 ? s.topN : Infinity, onePerGroup: s.onePerGroup },
    gdFinish: s.gdFinish ? { lr: s.gdLr } : false,
    maxRides: s.maxRides,
  };
}

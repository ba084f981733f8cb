/** Ridge Rider (Parker-Holder et al. 2020, §3, Algorithm 1): the pure engine. See ridgeRider.ts for the overview. */
export {
  initRidgeRider, initRidgeRiderAsync, stepRidgeRider, stepRidgeRiderAsync, runRidgeRider, runRidgeRiderAsync, ridgeRiderResult, type RunRidgeRiderOptions,
} from './ridgeRider';
export type { CurvatureOracle, CurvatureProbe, RidgeFollow, RidgeHeading, RidgesAt } from './curvature';
export { exactCurvature, type ExactProbe } from './exactCurvature';
export { driveAsync, driveSync, isPending, type MaybePromise, type Step } from './drive';
export { RIDGE_RIDER_DEFAULTS, type Ride, type RidgeRiderOptions, type RidgeRiderResult, type RidgeRiderState, type RideSummary, type SearchStop, type SearchStopReason } from './state';
export { objectiveFromTape, type RidgeObjective } from './objective';
export { getRidges, ridgeIndex, decodeRidgeIndex, fingerprintText, eigenGroups, GET_RIDGES_DEFAULTS, type Ridge, type GetRidgesOptions, type Spectrum } from './getRidges';
export { updateRidgeExact, UPDATE_RIDGE_DEFAULTS, type RidgeUpdate, type UpdateRidgeOptions } from './updateRidge';
export { END_REASONS, END_RIDE_DEFAULTS, STEP_SIZE_DEFAULTS, type EndReason, type EndRideOptions, type StepSizeOptions, type Box } from './endRide';
export { ARCHIVE_ORDERS, chooseFromArchive, isArchiveOrder, type ArchiveEntry, type ArchiveOrder } from './archive';
export { descend, gdFinish, GD_FINISH_DEFAULTS, type GdFinishOptions } from './descend';
export { refineToSaddle, refineToSaddle2D, type RefinedPoint, type RefineOptions } from './refineToSaddle';
export { gradientDescentRing, type GdRingResult, type GdRingRun } from './gdRing';
export { quarticSaddleObjective, randomOrthogonal } from './testProblems';
export { RIDGE_END_CRITERIA, RIDGE_STEP_MODES, defaultRidgeSettings, ridgeRiderOptions, type RidgeEndCriterion, type RidgeSettings } from './settings';

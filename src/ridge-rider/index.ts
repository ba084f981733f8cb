/** Ridge Rider (Parker-Holder et al. 2020, §3, Algorithm 1): the pure engine. See ridgeRider.ts for the overview. */
export { initRidgeRider, stepRidgeRider, runRidgeRider, ridgeRiderResult, type RunRidgeRiderOptions } from './ridgeRider';
export { RIDGE_RIDER_DEFAULTS, type Ride, type RidgeRiderOptions, type RidgeRiderResult, type RidgeRiderState, type SearchStop, type SearchStopReason } from './state';
export { objectiveFromTape, vecDot, vecNorm, type RidgeObjective } from './objective';
export { getRidges, ridgeIndex, decodeRidgeIndex, fingerprintText, eigenGroups, GET_RIDGES_DEFAULTS, type Ridge, type GetRidgesOptions } from './getRidges';
export { updateRidgeExact, UPDATE_RIDGE_DEFAULTS, type RidgeUpdate, type UpdateRidgeOptions } from './updateRidge';
export { END_REASONS, END_RIDE_DEFAULTS, STEP_SIZE_DEFAULTS, type EndReason, type EndRideOptions, type StepSizeOptions, type Box } from './endRide';
export { ARCHIVE_ORDERS, chooseFromArchive, isArchiveOrder, type ArchiveEntry, type ArchiveOrder } from './archive';
export { descend, gdFinish, type GdFinishOptions } from './descend';
export { refineToSaddle, refineToSaddle2D, type RefinedPoint, type RefineOptions } from './refineToSaddle';
export { gradientDescentRing, type GdRingResult, type GdRingRun } from './gdRing';
export { quarticSaddleObjective, randomOrthogonal } from './testProblems';

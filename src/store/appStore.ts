import type { TreeView } from '../protocol/studies';
import { createStore } from 'zustand/vanilla';
import { defaultParams, type AppParams } from './params';
import { createParamsSlice, type ParamsSlice } from './paramsSlice';
import { createRidgeSlice, ridgeLength, type RidgeResult, type RidgeSlice } from './ridgeSlice';
import { createRunsSlice, type Runs, type RunsSlice } from './runsSlice';
import { createSurfaceSlice, type SurfaceSlice } from './surfaceSlice';
import { createStudySlice, type StudySlice } from './studySlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createNetworkSlice, type NetworkSlice } from './networkSlice';

export { currentFormula, figureKind, type FigureKind, type FormulaProblem } from './paramsSlice';
export { rideDuration, rideEndTime, ridgeLength, type RidgeResult } from './ridgeSlice';
export type { EsTrack, RunTrack, Runs } from './runsSlice';
export type { SurfaceResult } from './surfaceSlice';
export type { Notice } from './viewSlice';

/**
 * The app's one store (architecture.md, convention 6), made of slices after the zustand docs' slices pattern, one
 * file each: params (what the user chose, mirrored in the URL), surface (the surface worker's results), runs (the
 * streamed trajectories), ridge (the Ridge Rider search), studies, network (the network worker's results) and view (playback, cursor, layout, notices). Every change
 * replaces the objects it touches; subscribers compare references. Streamed buffers are append-only
 * (trajectoryBuffer.ts), so a new track costs no copy.
 */
export type AppState = ParamsSlice & SurfaceSlice & RunsSlice & RidgeSlice & ViewSlice & StudySlice & NetworkSlice;

export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore(initial: AppParams = defaultParams()) {
  const store = createStore<AppState>()((...a) => ({
    ...createParamsSlice(initial)(...a),
    ...createSurfaceSlice(...a),
    ...createRunsSlice(...a),
    ...createRidgeSlice(...a),
    ...createViewSlice(...a),
    ...createStudySlice(...a),
    ...createNetworkSlice(...a),
  }));
  return store;
}

/** Largest step index over all runs, and over the Ridge Rider search while it is replayed (the timeline's end). */
export function lastStep(runs: Runs, ridge: RidgeResult | null = null): number {
  let m = ridgeLength(ridge);
  for (const r of Object.values(runs)) if (r) m = Math.max(m, r.count - 1);
  return m;
}

/**
 * The timeline's end for the state: the runs, and the search's replay when one is under way; in the tree MDP view,
 * Ridge Rider's rides on the tree one after another.
 */
export function timelineEnd(s: Pick<AppState, 'runs' | 'ridge' | 'ridgeReplay'> & Partial<Pick<AppState, 'params' | 'treeView'>>): number {
  if (s.params?.mdp.on) return treeRideSteps(s.treeView ?? null);
  return lastStep(s.runs, s.ridgeReplay ? s.ridge : null);
}

/** Steps of Ridge Rider's rides on the tree MDP, one after another (the tree view's timeline). */
export function treeRideSteps(view: TreeView | null): number {
  return view ? view.rides.reduce((a, r) => a + r.steps, 0) : 0;
}

/** Where the Ridge Rider search is shown up to: the playhead during a replay, else everything. */
export function ridgeTime(s: Pick<AppState, 'ridgeReplay' | 'playhead'>): number {
  return s.ridgeReplay ? s.playhead : Infinity;
}

/** Steps per second of the 'auto' speed: a replay of `end` steps lasts about AUTO_REPLAY_S seconds, and never crawls. */
export function autoSpeed(end: number): number {
  return Math.max(60, end / AUTO_REPLAY_S);
}

export const AUTO_REPLAY_S = 6;

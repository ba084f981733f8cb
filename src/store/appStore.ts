import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import type { GridFields } from '../landscapes/grid';
import { landscapeById } from '../landscapes/registry';
import type { StopReason } from '../optimizers/methods';
import type { OneDResult } from '../runners/oneD';
import type { BackendInfo, CriticalPointMsg, RideMsg, RidgeResponse, RunKey } from '../protocol/messages';
import { defaultParams, type AppParams } from './params';

/** Per-generation data of an evolution strategy (ES_GEN_STRIDE floats per generation, and N × 2 samples each). */
export interface EsTrack {
  pop: number;
  gens: Float32Array;
  genCount: number;
  samples: Float32Array;
}

/** One optimizer's (or evolution strategy's) trajectory as it streams in: (x, y, f) triples in a growable buffer. */
export interface RunTrack {
  readonly method: RunKey;
  points: Float32Array;
  /** Number of points received (the start point included). */
  count: number;
  stop: StopReason | null;
  message: string;
  es?: EsTrack;
}

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

/** The Ridge Rider search as it streams in (protocol: ridge worker). */
export interface RidgeResult {
  start: Omit<Extract<RidgeResponse, { type: 'ridge-start' }>, 'type' | 'runId'> | null;
  /** Finished rides in search order. */
  rides: RideMsg[];
  ring: Omit<Extract<RidgeResponse, { type: 'ring' }>, 'type' | 'runId'> | null;
  end: { reason: string; note: string; totalSteps: number } | null;
}

export interface FormulaProblem {
  readonly text: string;
  readonly message: string;
  readonly position: number | null;
}

/**
 * The app's one store (architecture.md, convention 6): the user's choices (params, mirrored in the URL), the
 * results that workers send back, playback, and notices. Animation reads `playhead` through transient
 * subscriptions, so playing does not re-render React.
 */
export interface AppState {
  params: AppParams;
  formulaProblem: FormulaProblem | null;
  grid: GridFields | null;
  gridInfo: { path: 'webgpu' | 'js'; ms: number } | null;
  critical: readonly CriticalPointMsg[];
  criticalMs: number | null;
  backend: BackendInfo | null;
  runs: Partial<Record<RunKey, RunTrack>>;
  /** Bumped whenever run data changes, for subscribers that watch trajectories. */
  runsVersion: number;
  /** Step index shown (fractional while playing). */
  playhead: number;
  playing: boolean;
  /** Playback speed in optimizer steps per second. */
  speed: number;
  notices: Notice[];
  hover: { x: number; y: number } | null;
  /** The Ridge Rider search (null when switched off). */
  ridge: RidgeResult | null;
  ridgeVersion: number;
  /** Ride highlighted from the tree or the surface, with its path to the root. */
  highlightRide: number | null;
  /** What a click on the surface places. */
  clickTarget: 'optimizers' | 'ridge';
  /** The 1D view's curves, bound map and runs (null when off or not computed yet). */
  oned: OneDResult | null;
}

export interface AppActions {
  setParams(patch: Partial<AppParams>): void;
  /** Shows a built-in landscape on its usual domain. */
  selectLandscape(id: string): void;
  /** Validates and applies a typed formula; on failure keeps the current surface and records the problem. */
  submitFormula(text: string): boolean;
  resetView(): void;
  setClickTarget(target: AppState['clickTarget']): void;
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
}

export type AppStore = ReturnType<typeof createAppStore>;

let noticeCounter = 0;

export function createAppStore(initial: AppParams = defaultParams()) {
  return createStore<AppState & AppActions>()((set, get) => ({
    params: initial,
    formulaProblem: null,
    grid: null,
    gridInfo: null,
    critical: [],
    criticalMs: null,
    backend: null,
    runs: {},
    runsVersion: 0,
    playhead: 0,
    playing: false,
    speed: 120,
    notices: [],
    hover: null,
    ridge: null,
    ridgeVersion: 0,
    highlightRide: null,
    clickTarget: 'optimizers',
    oned: null,

    setParams: (patch) => set({ params: { ...get().params, ...patch } }),

    selectLandscape: (id) => {
      const def = landscapeById(id);
      if (!def) return;
      set({ params: { ...get().params, landscape: id, view: { ...def.domain }, start: null }, formulaProblem: null });
    },

    submitFormula: (text) => {
      const r = tryCompileFormula(text);
      if (!r.ok) {
        set({ formulaProblem: { text, message: r.error.message, position: r.error.position } });
        return false;
      }
      set({ params: { ...get().params, landscape: 'custom', formula: text.trim(), start: null }, formulaProblem: null });
      return true;
    },

    setClickTarget: (clickTarget) => set({ clickTarget }),

    resetView: () => {
      const p = get().params;
      const def = landscapeById(p.landscape);
      set({ params: { ...p, view: def ? { ...def.domain } : { x0: -5, x1: 5, y0: -5, y1: 5 } } });
    },

    notify: (level, text) => {
      const id = ++noticeCounter;
      set({ notices: [...get().notices.filter((n) => n.text !== text), { id, level, text }].slice(-6) });
    },

    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  }));
}

/** The formula the workers evaluate for the current params. */
export function currentFormula(p: AppParams): string {
  if (p.landscape === 'custom') return p.formula;
  return landscapeById(p.landscape)?.formula ?? p.formula;
}

/** Playback length of one ride: its steps, then its gradient-descent finish. */
export function rideDuration(r: RideMsg): number {
  return r.path.length / 3 - 1 + (r.gdPath ? r.gdPath.length / 3 - 1 : 0);
}

/** Total playback length of the Ridge Rider search: its rides one after another, in search order. */
export function ridgeLength(ridge: RidgeResult | null): number {
  if (!ridge) return 0;
  let t = 0;
  for (const r of ridge.rides) t += rideDuration(r);
  return t;
}

/** Largest step index over all runs and the Ridge Rider replay (the timeline's end). */
export function lastStep(runs: AppState['runs'], ridge: RidgeResult | null = null): number {
  let m = ridgeLength(ridge);
  for (const r of Object.values(runs)) if (r) m = Math.max(m, r.count - 1);
  return m;
}

export function useApp<T>(store: AppStore, selector: (s: AppState & AppActions) => T): T {
  return useStore(store, selector);
}

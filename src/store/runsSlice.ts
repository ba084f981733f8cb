import type { StateCreator } from 'zustand/vanilla';
import type { StopReason } from '../optimizers/methods';
import { ES_GEN_STRIDE, type RunKey } from '../protocol/messages';
import type { AppState } from './appStore';
import { appendFloats } from './trajectoryBuffer';

/** Per-generation data of an evolution strategy (ES_GEN_STRIDE floats per generation, and pop × 2 samples each). */
export interface EsTrack {
  readonly pop: number;
  readonly gens: Float32Array;
  readonly genCount: number;
  readonly samples: Float32Array;
}

/**
 * One optimizer's (or evolution strategy's) trajectory as it streams in: (x, y, f) triples, the first `count` valid,
 * in an append-only buffer (trajectoryBuffer.ts). Replaced by a new object on every batch, never mutated.
 */
export interface RunTrack {
  readonly method: RunKey;
  /** Full precision (Float64), as computed. */
  readonly points: Float64Array;
  /** Number of points received (the start point included). */
  readonly count: number;
  readonly stop: StopReason | null;
  readonly message: string;
  readonly es?: EsTrack;
}

export type Runs = Partial<Record<RunKey, RunTrack>>;

/** The runs slice: the streamed trajectories of the optimizers and evolution strategies from the start point. */
export interface RunsSlice {
  runs: Runs;
  /** New, empty tracks for these keys (room for `capacity` points each); the old runs are dropped. */
  resetRuns(keys: readonly { readonly key: RunKey; readonly capacity: number; readonly es: boolean }[]): void;
  /** Appends (x, y, f) triples to a run. */
  appendRun(key: RunKey, points: Float64Array): void;
  /** Appends an evolution strategy's generations: its new means, ES_GEN_STRIDE floats per generation, pop × 2 samples each. */
  appendEs(key: RunKey, points: Float64Array, gens: Float32Array, samples: Float32Array, pop: number): void;
  endRun(key: RunKey, stop: StopReason, message: string): void;
}

const withPoints = (t: RunTrack, pts: Float64Array): RunTrack => ({ ...t, points: appendFloats(t.points, 3 * t.count, pts), count: t.count + pts.length / 3 });

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set, get) => {
  const update = (key: RunKey, f: (t: RunTrack) => RunTrack) => {
    const t = get().runs[key];
    if (t) set({ runs: { ...get().runs, [key]: f(t) } });
  };
  return {
    runs: {},
    resetRuns: (keys) => set({
      runs: Object.fromEntries(keys.map(({ key, capacity, es }) => [key, {
        method: key, points: new Float64Array(3 * capacity), count: 0, stop: null, message: '',
        ...(es ? { es: { pop: 0, gens: new Float32Array(0), genCount: 0, samples: new Float32Array(0) } } : {}),
      } satisfies RunTrack])),
    }),
    appendRun: (key, points) => update(key, (t) => withPoints(t, points)),
    appendEs: (key, points, gens, samples, pop) => update(key, (t) => {
      const e = t.es;
      if (!e) return withPoints(t, points);
      return {
        ...withPoints(t, points),
        es: {
          pop, genCount: e.genCount + gens.length / ES_GEN_STRIDE,
          gens: appendFloats(e.gens, e.genCount * ES_GEN_STRIDE, gens), samples: appendFloats(e.samples, e.genCount * e.pop * 2, samples),
        },
      };
    }),
    endRun: (key, stop, message) => update(key, (t) => ({ ...t, stop, message })),
  };
};

import type { StateCreator } from 'zustand/vanilla';
import type { RideMsg, RidgeResponse } from '../protocol/messages';
import type { AppState } from './appStore';

type Payload<T extends RidgeResponse['type']> = Omit<Extract<RidgeResponse, { type: T }>, 'type' | 'runId'>;

/** The Ridge Rider search as it streams in (protocol: ridge worker); replaced, never mutated. */
export interface RidgeResult {
  readonly start: Payload<'ridge-start'> | null;
  /** Finished rides in search order. */
  readonly rides: readonly RideMsg[];
  readonly ring: Payload<'ring'> | null;
  readonly end: { readonly reason: string; readonly note: string; readonly totalSteps: number } | null;
}

/** The ridge slice: the search (null when Ridge Rider is off) and the ride highlighted from the tree or the surface. */
export interface RidgeSlice {
  ridge: RidgeResult | null;
  /** Ride highlighted from the tree or the surface, with its path to the root. */
  highlightRide: number | null;
  /**
   * The search is being replayed ride by ride on the timeline. Off (the default), every finished ride is shown at once,
   * as soon as it exists; a replay is the user's choice.
   */
  ridgeReplay: boolean;
  /** Starts a new, empty search (on) or clears it (off). */
  resetRidge(on: boolean): void;
  /** Replays the search from its start, playing; or, given a ride, shows the search up to that ride, paused. */
  replayRidge(upTo?: number): void;
  /** Back to showing every ride at once. */
  stopRidgeReplay(): void;
  /** Applies one message of the ridge worker. */
  ridgeMessage(res: Exclude<RidgeResponse, { type: 'error' }>): void;
}

export const createRidgeSlice: StateCreator<AppState, [], [], RidgeSlice> = (set, get) => ({
  ridge: null,
  highlightRide: null,
  ridgeReplay: false,
  resetRidge: (on) => set({ ridge: on ? { start: null, rides: [], ring: null, end: null } : null, highlightRide: null, ridgeReplay: false }),
  replayRidge: (upTo) => {
    const r = get().ridge;
    if (!r) return;
    if (upTo === undefined) set({ ridgeReplay: true, playhead: 0, playing: true });
    else set({ ridgeReplay: true, playhead: rideEndTime(r, upTo), playing: false, highlightRide: upTo });
  },
  stopRidgeReplay: () => set({ ridgeReplay: false }),
  ridgeMessage: (res) => {
    const r = get().ridge;
    if (!r) return;
    switch (res.type) {
      case 'ridge-start': {
        const { type: _t, runId: _r, ...start } = res;
        set({ ridge: { ...r, start } });
        return;
      }
      case 'ride':
        set({ ridge: { ...r, rides: [...r.rides, res.ride] } });
        return;
      case 'ring': {
        const { type: _t, runId: _r, ...ring } = res;
        set({ ridge: { ...r, ring } });
        return;
      }
      case 'ridge-end':
        set({ ridge: { ...r, end: { reason: res.reason, note: res.note, totalSteps: res.totalSteps } } });
        return;
    }
  },
});

/** Playback length of one ride: its steps, then its gradient-descent finish when its path is there to replay. */
export function rideDuration(r: RideMsg): number {
  return r.steps + (r.gdPath && r.gdSteps !== null ? r.gdSteps : 0);
}

/** Playhead at which ride `id` has been fully replayed (its ride and its finish). */
export function rideEndTime(ridge: RidgeResult, id: number): number {
  let t = 0;
  for (const r of ridge.rides) {
    t += rideDuration(r);
    if (r.id === id) return t;
  }
  return t;
}

/** Total playback length of the Ridge Rider search: its rides one after another, in search order. */
export function ridgeLength(ridge: RidgeResult | null): number {
  if (!ridge) return 0;
  let t = 0;
  for (const r of ridge.rides) t += rideDuration(r);
  return t;
}

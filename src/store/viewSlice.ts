import type { StateCreator } from 'zustand/vanilla';
import { sameLayout, type ProductLayout } from '../surface/gridProducts';
import type { AppState } from './appStore';

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

/**
 * The view slice: what the user is looking at rather than what they chose (not in the link): the playhead and
 * playback, the cursor, what a click places, the surface view's layout (the worker derives its drawing products for
 * it), and notices. Animation reads `playhead` through transient subscriptions, so playing does not re-render React.
 */
export interface ViewSlice {
  /** Step index shown (fractional while playing). */
  playhead: number;
  playing: boolean;
  /** Playback speed in steps per second. */
  speed: number;
  hover: { x: number; y: number } | null;
  /** What a click on the surface places. */
  clickTarget: 'optimizers' | 'ridge';
  /** The surface view's size and layout, reported by the view; null until it has drawn. */
  layout: ProductLayout | null;
  notices: Notice[];
  setClickTarget(target: ViewSlice['clickTarget']): void;
  /** Records the view's layout (a no-op when it is unchanged). */
  setLayout(layout: ProductLayout): void;
  notify(level: Notice['level'], text: string): void;
  dismissNotice(id: number): void;
}

let noticeCounter = 0;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  playhead: 0,
  playing: false,
  speed: 120,
  hover: null,
  clickTarget: 'optimizers',
  layout: null,
  notices: [],
  setClickTarget: (clickTarget) => set({ clickTarget }),
  setLayout: (layout) => { const l = get().layout; if (!l || !sameLayout(l, layout)) set({ layout }); },
  notify: (level, text) => {
    const id = ++noticeCounter;
    set({ notices: [...get().notices.filter((n) => n.text !== text), { id, level, text }].slice(-6) });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});

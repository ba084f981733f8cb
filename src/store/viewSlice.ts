import type { StateCreator } from 'zustand/vanilla';
import { sameLayout, type ProductLayout } from '../surface/gridProducts';
import type { AppState } from './appStore';

export interface Notice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  /** What raised it ('runs', 'ridge', 'surface'); its next success clears it. */
  readonly source?: string;
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
  /** Playback speed in steps per second; 0: auto (a replay of any length takes a few seconds). */
  speed: number;
  hover: { x: number; y: number } | null;
  /** The user is dragging the start: the runs are shown whole as they come, not replayed from step 0. */
  draggingStart: boolean;
  /** What a click on the surface places. */
  clickTarget: 'optimizers' | 'ridge';
  /** The surface view's size and layout, reported by the view; null until it has drawn. */
  layout: ProductLayout | null;
  notices: Notice[];
  /** The glossary, open at an entry ('' at the top), or closed (null). */
  help: string | null;
  /** The first-visit introduction is shown. */
  introOpen: boolean;
  /** The tab of the views below the figure. */
  dockTab: DockTab;
  setClickTarget(target: ViewSlice['clickTarget']): void;
  /** Records the view's layout (a no-op when it is unchanged). */
  setLayout(layout: ProductLayout): void;
  /**
   * Shows a notice. `source` names what raised it ('runs', 'ridge', 'surface'), so that the next success of that
   * source clears it (clearNotices).
   */
  notify(level: Notice['level'], text: string, source?: string): void;
  /** Removes the notices of a source: a failed start's message goes once a start succeeds. */
  clearNotices(source: string): void;
  dismissNotice(id: number): void;
  showHelp(entry: string): void;
  closeHelp(): void;
  setIntroOpen(open: boolean): void;
  setDockTab(tab: DockTab): void;
}

/**
 * The views below the figure: the runs (and rides) as tables, the loss along every run and ride, the search tree; for
 * the tree MDP its search tree and the sweep's numbers; for the lever game the numbers per ridge; for the network the
 * sample images, the first layer's weights, the confusion matrix and the eigenpairs.
 */
export const DOCK_TABS = ['runs', 'loss', 'tree', 'mdp-tree', 'sweep', 'ridges', 'net-samples', 'net-weights', 'net-confusion', 'net-eigs'] as const;
export type DockTab = (typeof DOCK_TABS)[number];

let noticeCounter = 0;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  playhead: 0,
  playing: false,
  speed: 0,
  hover: null,
  draggingStart: false,
  clickTarget: 'optimizers',
  layout: null,
  notices: [],
  help: null,
  introOpen: false,
  dockTab: 'runs',
  setClickTarget: (clickTarget) => set({ clickTarget }),
  setLayout: (layout) => { const l = get().layout; if (!l || !sameLayout(l, layout)) set({ layout }); },
  notify: (level, text, source) => {
    const id = ++noticeCounter;
    set({ notices: [...get().notices.filter((n) => n.text !== text), { id, level, text, ...(source ? { source } : {}) }].slice(-6) });
  },
  clearNotices: (source) => {
    const kept = get().notices.filter((n) => n.source !== source);
    if (kept.length !== get().notices.length) set({ notices: kept });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  showHelp: (entry) => set({ help: entry }),
  closeHelp: () => set({ help: null }),
  setIntroOpen: (introOpen) => set({ introOpen }),
  setDockTab: (dockTab) => set({ dockTab }),
});

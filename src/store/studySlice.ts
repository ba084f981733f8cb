import type { StateCreator } from 'zustand/vanilla';
import type { TreeJson } from '../envs/binaryTree';
import type { LeverResult, SweepRow, TreeView } from '../protocol/studies';
import type { AppState } from './appStore';

/** Progress of a long computation in a worker: done of total, and whether it still runs. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly running: boolean;
}

/**
 * The studies slice: Ridge Rider's small-n experiments (Parker-Holder et al. 2020, §4). The tree view's result, a tree
 * the user loaded (data, not a setting: kept here and in exports, not in the link), the Fig. 2 / Fig. 3 sweep as its
 * rows arrive, and the lever game's result.
 */
export interface StudySlice {
  treeView: TreeView | null;
  /** A loaded tree replaces the random one while set. */
  loadedTree: TreeJson | null;
  /** The ride the tree picture shows (index in treeView.rides), or null: the MIS. */
  treeRide: number | null;
  sweepRows: readonly SweepRow[];
  sweepProgress: Progress | null;
  /** Bumped to ask for a sweep (the study client runs it); 0: none asked yet. */
  sweepRequest: number;
  leverResult: LeverResult | null;
  leverProgress: Progress | null;
  /** What the tree MDP figure shows: one tree and Ridge Rider's search on it, or the sweep over many trees. */
  mdpPane: 'tree' | 'sweep';
  setMdpPane(pane: 'tree' | 'sweep'): void;
  setLoadedTree(tree: TreeJson | null): void;
  setTreeRide(i: number | null): void;
  requestSweep(): void;
  cancelSweep(): void;
}

export const createStudySlice: StateCreator<AppState, [], [], StudySlice> = (set, get) => ({
  treeView: null,
  loadedTree: null,
  treeRide: null,
  sweepRows: [],
  sweepProgress: null,
  sweepRequest: 0,
  leverResult: null,
  leverProgress: null,
  mdpPane: 'tree',
  setMdpPane: (mdpPane) => set({ mdpPane }),
  setLoadedTree: (loadedTree) => set({ loadedTree, treeRide: null }),
  setTreeRide: (treeRide) => set({ treeRide }),
  requestSweep: () => set({ sweepRequest: get().sweepRequest + 1, sweepRows: [], sweepProgress: { done: 0, total: 0, running: true }, mdpPane: 'sweep' }),
  cancelSweep: () => { const p = get().sweepProgress; if (p?.running) set({ sweepProgress: { ...p, running: false } }); },
});

import type { StateCreator } from 'zustand/vanilla';
import { experimentById } from '../experiments';
import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { DEFAULT_DOMAIN, landscapeById } from '../landscapes/registry';
import type { AppState } from './appStore';
import { experimentParams } from './experimentParams';
import { withStepSizes } from './stepSizes';
import type { AppParams } from './params';

export interface FormulaProblem {
  readonly text: string;
  readonly message: string;
  readonly position: number | null;
}

/** The params slice: what the user chose (mirrored in the URL), and a typed formula that was refused. */
export interface ParamsSlice {
  params: AppParams;
  formulaProblem: FormulaProblem | null;
  setParams(patch: Partial<AppParams>): void;
  /** Shows a built-in landscape on its usual domain. */
  selectLandscape(id: string): void;
  /** Validates and applies a typed formula; on failure keeps the current surface and records the problem. */
  submitFormula(text: string): boolean;
  resetView(): void;
  /** Shows a figure of the experiments registry: its settings over the defaults. */
  applyExperiment(id: string): void;
  /** Which main figure is shown: the surface, the 1D view, the tree MDP, the lever game or the network (one at a time). */
  setFigure(kind: FigureKind): void;
}

export type FigureKind = 'surface' | 'oned' | 'mdp' | 'lever' | 'net';

/** The main figure the params show. */
export function figureKind(p: AppParams): FigureKind {
  return p.net.on ? 'net' : p.lever.on ? 'lever' : p.mdp.on ? 'mdp' : p.oned.on ? 'oned' : 'surface';
}

export const createParamsSlice = (initial: AppParams): StateCreator<AppState, [], [], ParamsSlice> => (set, get) => ({
  params: initial,
  formulaProblem: null,

  setParams: (patch) => set({ params: { ...get().params, ...patch } }),

  selectLandscape: (id) => {
    const def = landscapeById(id);
    if (!def) return;
    const p = get().params;
    set({ params: withStepSizes({ ...p, landscape: id, view: { ...def.domain }, start: null }, p.landscape), formulaProblem: null });
  },

  submitFormula: (text) => {
    const r = tryCompileFormula(text);
    if (!r.ok) {
      set({ formulaProblem: { text, message: r.error.message, position: r.error.position } });
      return false;
    }
    const p = get().params;
    set({ params: withStepSizes({ ...p, landscape: 'custom', formula: text.trim(), start: null }, p.landscape), formulaProblem: null });
    return true;
  },

  resetView: () => {
    const p = get().params;
    set({ params: { ...p, view: { ...(landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN) } } });
  },

  setFigure: (kind) => {
    const p = get().params;
    set({ params: { ...p, oned: { ...p.oned, on: kind === 'oned' }, mdp: { ...p.mdp, on: kind === 'mdp' }, lever: { ...p.lever, on: kind === 'lever' },
      net: { ...p.net, on: kind === 'net' } } });
  },

  applyExperiment: (id) => {
    const e = experimentById(id);
    if (!e) return;
    set({ params: experimentParams(e.settings), formulaProblem: null });
    // A sweep figure is its sweep: show the sweep pane and run it (in the study worker, with progress and a cancel).
    if (e.view === 'mdp') get().requestSweep();
  },
});

/** The formula the workers evaluate for the params. */
export function currentFormula(p: AppParams): string {
  if (p.landscape === 'custom') return p.formula;
  return landscapeById(p.landscape)?.formula ?? p.formula;
}

import type { Domain } from '../landscapes/grid';
import { LANDSCAPES } from '../landscapes/registry';
import { METHOD_IDS, defaultHyper, type MethodId } from '../optimizers/methods';

/**
 * Everything the user chose: the state a shared URL restores (architecture.md, convention 7). Results
 * (grids, trajectories, critical points) are never part of it; they are recomputed from it.
 */
export interface AppParams {
  /** Built-in landscape id, or 'custom' for the typed formula. */
  landscape: string;
  /** The typed formula in x and y (kept even while a built-in is shown, so switching back restores it). */
  formula: string;
  /** The visible rectangle. */
  view: Domain;
  colormap: ColormapId;
  /** Colour scale: log(f − min + ε) is used for 'log', and for 'auto' when the landscape asks for it. */
  scale: 'auto' | 'linear' | 'log';
  contours: boolean;
  contourCount: number;
  eigenvectors: boolean;
  curvature: boolean;
  critical: boolean;
  /** Enabled optimizers, in display order. */
  methods: MethodId[];
  /** Hyper-parameters of every method (also of disabled ones, so toggling keeps them). */
  hyper: Record<MethodId, Record<string, number>>;
  /** Start point of the runs, or null before the user picks one. */
  start: [number, number] | null;
  /** Step budget of each run. */
  steps: number;
  seed: number;
}

export const COLORMAP_IDS = ['viridis', 'cividis', 'magma', 'plasma'] as const;
export type ColormapId = (typeof COLORMAP_IDS)[number];

export const MAX_RUN_STEPS = 20_000;
export const MAX_CONTOURS = 60;

export function defaultHyperAll(): Record<MethodId, Record<string, number>> {
  return Object.fromEntries(METHOD_IDS.map((id) => [id, defaultHyper(id)])) as Record<MethodId, Record<string, number>>;
}

export function defaultParams(): AppParams {
  const first = LANDSCAPES[0]!;
  return {
    landscape: first.id,
    formula: 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)',
    view: { ...first.domain },
    colormap: 'viridis',
    scale: 'auto',
    contours: true,
    contourCount: 20,
    eigenvectors: false,
    curvature: false,
    critical: true,
    methods: ['gd', 'adam'],
    hyper: defaultHyperAll(),
    start: null,
    steps: 500,
    seed: 1,
  };
}

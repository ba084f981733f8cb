import type { StateCreator } from 'zustand/vanilla';
import type { GridFields } from '../landscapes/grid';
import type { BackendInfo, CriticalPointMsg, OneDResult } from '../protocol/messages';
import type { GridProducts } from '../surface/gridProducts';
import type { AppState } from './appStore';

/** A computed surface: the grid fields, the drawing products the worker derived with them (or null), and how it was computed. */
export interface SurfaceResult {
  readonly grid: GridFields;
  readonly products: GridProducts | null;
  readonly path: 'webgpu' | 'js';
  readonly ms: number;
  /** A coarse first grid, shown while the full one is computed. */
  readonly coarse?: boolean;
}

/** The surface slice: what the surface worker computed for the current params. */
export interface SurfaceSlice {
  surface: SurfaceResult | null;
  critical: readonly CriticalPointMsg[];
  criticalMs: number | null;
  backend: BackendInfo | null;
  /** The 1D view's curves, bound map and runs (null when off or not computed yet). */
  oned: OneDResult | null;
  /** A grid for the current params is being computed (the one shown, if any, is older or coarse). */
  surfacePending: boolean;
}

export const createSurfaceSlice: StateCreator<AppState, [], [], SurfaceSlice> = () => ({
  surface: null, critical: [], criticalMs: null, backend: null, oned: null, surfacePending: false,
});

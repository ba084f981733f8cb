import type { StateCreator } from 'zustand/vanilla';
import type { Domain, GridFields } from '../landscapes/grid';
import type { MlpSpec } from '../nn/mlpSpec';
import type { BackendInfo, CriticalPointMsg } from '../protocol/messages';
import type { ColoredSampleEnv } from '../data/coloredSamples';
import type { MnistRrDirections, MnistRrMis, MnistRrRide } from '../nn/mnistRrSettings';
import type { ColoredProgress, ColoredRow, ColoredTableMethod, NetCurves, NetEigs, NetRunState, NetSpectrum, NetSweepTrial } from '../protocol/nn';

export type { NetCurves } from '../protocol/nn';
import type { AppState } from './appStore';
import type { NetPane } from './params';

/** A loss slice as the surface view shows it: the interpolated grid, its critical points, the evaluated losses and the plane. */
export interface NetSliceResult {
  readonly grid: GridFields;
  readonly critical: readonly CriticalPointMsg[];
  readonly samples: Float64Array;
  readonly side: number;
  readonly labels: readonly [string, string];
  readonly step: number;
  readonly ms: number;
  /**
   * Set when the plane is Colored MNIST's, not the network's: the pooled training loss of a Ridge Rider run (Table 1, run
   * `run`, 0-based) on the read-out plane θ_r = a u + b v through two ridges at its MIS, with its candidates' projections.
   */
  readonly colored?: { readonly run: number; readonly candidates: NonNullable<ColoredRow['candidates']>; readonly chosen: ColoredRow['chosen'] };
}

/** What the user asked the network worker for; each ask bumps `id` (the network client acts on a new id). */
export type NetCommand =
  | { readonly id: number; readonly kind: 'train' | 'pause' | 'resume' | 'cancel' | 'eigs' | 'density' | 'slice' | 'stop' | 'save' | 'ridge-rider' | 'rr-sweep' | 'colored' | 'colored-samples' | 'colored-slice' }
  | { readonly id: number; readonly kind: 'load'; readonly json: string };

/** Where a study (Ridge Rider on the network, Table 1) stands. */
export type StudyState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Approximate Ridge Rider on the network: the MIS, the rides so far, and the run's cost. */
export interface NetRrResult {
  readonly state: StudyState;
  readonly mis: MnistRrMis | null;
  readonly n: number;
  readonly rides: readonly MnistRrRide[];
  readonly total: number;
  /** The step cap per ride. */
  readonly steps: number;
  /** While running: steps taken by the ride under way, and when the rides began (Date.now() at the MIS), for the time left. */
  readonly step: number;
  readonly startedAt: number;
  readonly seconds: number;
  readonly matvecs: number;
  /** The directions the run's rides followed (MnistRrSettings.directions): Ridge Rider's ridges or a reference. */
  readonly directions: MnistRrDirections;
}

/** Table 1 on Colored MNIST: the runs finished so far, of how many, and the environments' samples. */
export interface NetColoredResult {
  readonly state: StudyState;
  readonly methods: readonly ColoredTableMethod[];
  readonly rows: readonly ColoredRow[];
  readonly done: number;
  readonly total: number;
  readonly limit: number;
  readonly samples: readonly ColoredSampleEnv[] | null;
  /** The running run's optimizer steps (null between runs and when idle). */
  readonly current: ColoredProgress | null;
}

/** The small sweep (Fig. 4, right): the trials done, of how many. */
export interface NetSweepResult {
  readonly state: StudyState;
  readonly trials: readonly NetSweepTrial[];
  readonly total: number;
  /** The file the trials were loaded from (a command-line sweep's log), or null for the app's own sweep. */
  readonly source: string | null;
  /** The layer widths of the network the trials ran on (null: a loaded file that does not say). */
  readonly layers: readonly number[] | null;
  /** When the trial under way began (Date.now()), for its elapsed time: a trial reports only when it ends. */
  readonly trialSince: number;
}

export const IDLE_SWEEP: NetSweepResult = { state: 'idle', trials: [], total: 0, source: null, layers: null, trialSince: 0 };
export const IDLE_RR: NetRrResult = { state: 'idle', mis: null, n: 0, rides: [], total: 0, steps: 0, step: 0, startedAt: 0, seconds: 0, matvecs: 0, directions: 'eigen' };
export const IDLE_COLORED: NetColoredResult = { state: 'idle', methods: [], rows: [], done: 0, total: 0, limit: 0, samples: null, current: null };

/**
 * The network slice: what the network worker computed (data, model, run, curves, spectra, eigenpairs, slice), what it
 * is computing, and the user's commands. Results, not settings: none of it is in the link.
 */
export interface NetworkSlice {
  netBackend: BackendInfo | null;
  /** MNIST: loading (fraction) or loaded (sizes and the gallery's images). */
  netData: { readonly fraction: number; readonly train: number; readonly test: number; readonly gallery: Uint8Array | null; readonly galleryLabels: Uint8Array | null } | null;
  netModel: { readonly spec: MlpSpec; readonly n: number } | null;
  netRun: {
    readonly state: NetRunState; readonly step: number; readonly total: number; readonly stepsPerSecond: number; readonly message: string;
    /** The live spectrum being computed at this step (Hessian-vector products done of total), or null. */
    readonly spectrum: { readonly done: number; readonly total: number } | null;
  };
  netCurves: NetCurves;
  netConfusion: Uint32Array | null;
  netFirstLayer: Float32Array | null;
  /** Every spectrum computed for this network, in order. */
  netSpectra: readonly NetSpectrum[];
  netEigs: NetEigs | null;
  netSlice: NetSliceResult | null;
  /** The part of the slice the surface view shows (zoom and pan move it; a new slice resets it). */
  netSliceView: Domain | null;
  /** A computation under way (other than training), with its progress. */
  netBusy: { readonly what: 'eigs' | 'density' | 'slice' | 'model'; readonly done: number; readonly total: number } | null;
  netCommand: NetCommand | null;
  /** The model file last fetched for saving (the panel downloads it). */
  netModelJson: { readonly id: number; readonly json: string } | null;
  netRr: NetRrResult;
  netRrSweep: NetSweepResult;
  netColored: NetColoredResult;
  /** Shows a pane of the network figure: the params' `net.pane` (so that a link opens the pane it was copied from). */
  setNetPane(pane: NetPane): void;
  netAsk(kind: Exclude<NetCommand['kind'], 'load'>): void;
  netLoadModel(json: string): void;
}

export const EMPTY_CURVES: NetCurves = { losses: new Float32Array(0), count: 0, evals: [] };

/** No run: the state before the first Train and after the worker is replaced. */
export const IDLE_RUN: NetworkSlice['netRun'] = { state: 'idle', step: 0, total: 0, stepsPerSecond: 0, message: '', spectrum: null };

/** The state change that shows `pane` (for a setState that also records a run's start or result). */
export function paneShown(s: Pick<AppState, 'params'>, pane: NetPane): Pick<AppState, 'params'> {
  return { params: { ...s.params, net: { ...s.params.net, pane } } };
}

let commandId = 0;

export const createNetworkSlice: StateCreator<AppState, [], [], NetworkSlice> = (set) => ({
  netBackend: null,
  netData: null,
  netModel: null,
  netRun: IDLE_RUN,
  netCurves: EMPTY_CURVES,
  netConfusion: null,
  netFirstLayer: null,
  netSpectra: [],
  netEigs: null,
  netSlice: null,
  netSliceView: null,
  netBusy: null,
  netCommand: null,
  netModelJson: null,
  netRr: IDLE_RR,
  netRrSweep: IDLE_SWEEP,
  netColored: IDLE_COLORED,
  setNetPane: (pane) => set((s) => paneShown(s, pane)),
  netAsk: (kind) => set({ netCommand: { id: ++commandId, kind } }),
  netLoadModel: (json) => set({ netCommand: { id: ++commandId, kind: 'load', json } }),
});

/** Appends minibatch losses from step `from` + 1 (growing the buffer by doubling). */
export function appendLosses(c: NetCurves, from: number, losses: Float32Array): NetCurves {
  const count = from + losses.length;
  let buf = c.losses;
  if (count > buf.length) {
    buf = new Float32Array(Math.max(count, 2 * buf.length, 256));
    buf.set(c.losses.subarray(0, c.count));
  }
  buf.set(losses, from);
  return { ...c, losses: buf, count };
}

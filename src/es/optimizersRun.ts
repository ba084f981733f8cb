/**
 * run of the step API for the search-distribution optimizers (optimizers.ts): `initEs`, then `stepEs` until it
 * stops or `shouldCancel` says so, collecting the trajectory of (μ, f(μ), σ) per generation, start included.
 */
import type { Rng } from '../math/rng';
import { initEs, stepEs, type EsGeneration, type EsState, type EsStop } from './optimizers';
import type { EsParams } from './optimizersParams';

export interface EsRunOptions {
  /** Called after every generation with its record and the state (the record's arrays may be kept). */
  readonly onGeneration?: (gen: EsGeneration, state: Readonly<EsState>) => void;
  /** Polled before every generation; true stops the run as 'cancelled'. */
  readonly shouldCancel?: () => boolean;
  /** Keep every generation's record (samples included) in the result. Default false. */
  readonly keepGenerations?: boolean;
}

/** One row of the trajectory: μ, f(μ), σ (length 1 or d; xNES: the scalar σ) after that many generations. */
export interface EsPoint {
  readonly mu: number[];
  readonly f: number;
  readonly sigma: number[];
}

export interface EsRunResult {
  /** history[0] is the start; history[k] the state after generation k (a rejected last step adds no row). */
  readonly history: EsPoint[];
  readonly generations: EsGeneration[];
  /** Samples skipped per generation (non-finite fitness) and in total. */
  readonly skippedPerGeneration: number[];
  readonly skipped: number;
  readonly stop: EsStop;
  readonly message: string;
  readonly final: number[];
  readonly f: number;
  readonly sigma: number[];
  /** xNES: the final shape matrix B (row-major); null otherwise. */
  readonly B: number[] | null;
  readonly fevals: number;
}

const pointOf = (s: EsState): EsPoint => ({ mu: Array.from(s.mu), f: s.fMu, sigma: Array.from(s.sigma) });

/** Throws only for invalid parameters (resolveEsParams), never for a numerical failure of the run. */
export function runEs(params: EsParams, rng: Rng, opts: EsRunOptions = {}): EsRunResult {
  const state = initEs(params, rng);
  const history = [pointOf(state)];
  const generations: EsGeneration[] = [];
  const skippedPerGeneration: number[] = [];
  while (state.stop === null) {
    if (opts.shouldCancel?.()) {
      state.stop = 'cancelled';
      state.message = `cancelled after ${state.generation} generations`;
      break;
    }
    const before = state.generation;
    const accepted = state.fevals;
    stepEs(state);
    const gen = state.last!;
    skippedPerGeneration.push(gen.skipped);
    if (opts.keepGenerations) generations.push(gen);
    // A step was applied iff f(μ) was re-evaluated (fevals grew by N + 1).
    if (state.generation > before && state.fevals === accepted + state.params.popSize + 1) history.push(pointOf(state));
    opts.onGeneration?.(gen, state);
  }
  return {
    history, generations, skippedPerGeneration, skipped: state.skippedTotal, stop: state.stop!, message: state.message,
    final: Array.from(state.mu), f: state.fMu, sigma: Array.from(state.sigma), B: state.B ? Array.from(state.B) : null, fevals: state.fevals,
  };
}

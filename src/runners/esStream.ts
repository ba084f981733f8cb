import type { Tape } from '../landscapes/expression/tape';
import { JetEvaluator } from '../landscapes/expression/jet';
import { landscapeById } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { bestExplorer, initEnsemble, stepEnsemble } from '../es/ensemble';
import { initEs, stepEs, type EsStop } from '../es/optimizers';
import { esRunParams, type EsRunAlgo, type EsRunSettings } from '../es/esRunSettings';
import { landscape2dTarget, smooth } from '../es/smoothing';
import { targetFromTape, type SmoothingTarget } from '../es/smoothingTarget';
import type { Domain } from '../landscapes/grid';

/** One streamed batch of generations (see RunsResponse 'es-batch'). */
export interface EsBatch {
  readonly points: Float64Array;
  readonly gens: Float32Array;
  readonly samples: Float32Array;
  /** Samples per generation. */
  readonly pop: number;
}

/**
 * Runs one evolution strategy generation by generation (src/es/optimizers.ts step API) and hands out batches about
 * every `batchMs`: the new means, per generation where the samples were drawn, σ, the estimated step direction and
 * the exact gradient of the Gaussian-smoothed loss there (for isotropic σ), and the samples themselves.
 */
export async function streamEs(algo: EsRunAlgo, ui: EsRunSettings, tape: Tape, landscape: string, start: readonly [number, number], domain: Domain,
  seed: number, onBatch: (b: EsBatch) => Promise<boolean>, batchMs = 16): Promise<{ generations: number; stop: EsStop; message: string }> {
  if (algo === 'ensemble') return streamEnsemble(ui, tape, start, seed, onBatch, batchMs);
  const jet = new JetEvaluator(tape);
  const f = (x: Float64Array) => jet.value(x);
  const def = landscapeById(landscape);
  const target: SmoothingTarget = def ? landscape2dTarget(def) : targetFromTape(tape);
  const state = initEs(esRunParams(algo, ui, f, start, domain.x1 - domain.x0), rngFromSeed(seed));
  let points: number[] = [state.mu[0]!, state.mu[1]!, state.fMu];
  let gens: number[] = [];
  let samples: number[] = [];
  let t0 = performance.now();
  let pop = 0;
  const flush = async () => {
    const b = { points: Float64Array.from(points), gens: Float32Array.from(gens), samples: Float32Array.from(samples), pop };
    points = []; gens = []; samples = [];
    const go = await onBatch(b);
    t0 = performance.now();
    return go;
  };
  while (state.stop === null) {
    stepEs(state);
    const g = state.last;
    if (!g) break;
    const sx = g.sigma[0]!;
    const sy = g.sigma.length > 1 ? g.sigma[1]! : sx;
    let exact = [NaN, NaN];
    if (sx === sy && !(algo === 'xnes')) {
      try { exact = smooth(target, [g.mu[0]!, g.mu[1]!], sx).gradient; } catch { exact = [NaN, NaN]; }
    }
    gens.push(g.mu[0]!, g.mu[1]!, sx, sy, g.gradMu[0]!, g.gradMu[1]!, exact[0]!, exact[1]!);
    pop = g.samples.length / 2;
    for (let i = 0; i < g.samples.length; i++) samples.push(g.samples[i]!);
    points.push(state.mu[0]!, state.mu[1]!, state.fMu);
    if (performance.now() - t0 > batchMs && !(await flush())) return { generations: state.generation, stop: 'cancelled', message: 'cancelled' };
  }
  if ((points.length > 0 || gens.length > 0) && !(await flush())) return { generations: state.generation, stop: 'cancelled', message: 'cancelled' };
  return { generations: state.generation, stop: state.stop ?? 'max-generations', message: state.message };
}

/** Explorers of the ensemble baseline, and its steps per generation of the other algorithms (an explorer step costs one evaluation). */
export const ENSEMBLE_EXPLORERS = 8;
export const ENSEMBLE_STEPS_PER_GENERATION = 10;

/**
 * The exploration-ensemble baseline (seed 001; src/es/ensemble.ts): ENSEMBLE_EXPLORERS explorers from the start, each
 * stepping along its own coordinate with probability p_t and along the exact gradient otherwise, with p_t and the step
 * sizes decaying. Streamed like the other strategies: the path is the best explorer's position; per step, the
 * "samples" are all explorers' positions and σ holds the current coordinate step h_t.
 */
async function streamEnsemble(ui: EsRunSettings, tape: Tape, start: readonly [number, number], seed: number,
  onBatch: (b: EsBatch) => Promise<boolean>, batchMs: number): Promise<{ generations: number; stop: EsStop; message: string }> {
  const jet = new JetEvaluator(tape);
  const slot = new Float64Array(jet.stride);
  const state = initEnsemble({
    f: (x) => jet.value(x), grad: (x, out) => { jet.jet(x, slot); out[0] = slot[1]!; out[1] = slot[2]!; },
    start: [start[0], start[1]], explorers: ENSEMBLE_EXPLORERS, maxGenerations: ui.iters * ENSEMBLE_STEPS_PER_GENERATION,
  }, rngFromSeed(seed));
  let points: number[] = [start[0], start[1], jet.value(Float64Array.from(start))];
  let gens: number[] = [];
  let samples: number[] = [];
  let t0 = performance.now();
  const flush = async () => {
    const b = { points: Float64Array.from(points), gens: Float32Array.from(gens), samples: Float32Array.from(samples), pop: ENSEMBLE_EXPLORERS };
    points = []; gens = []; samples = [];
    const go = await onBatch(b);
    t0 = performance.now();
    return go;
  };
  while (state.stop === null) {
    const k = bestExplorer(state);
    const bx = state.positions[2 * k]!;
    const by = state.positions[2 * k + 1]!;
    stepEnsemble(state);
    const g = state.last;
    if (!g) break;
    gens.push(bx, by, g.coorStep, g.coorStep, NaN, NaN, NaN, NaN);
    for (let i = 0; i < g.positions.length; i++) samples.push(g.positions[i]!);
    const b = bestExplorer(state);
    points.push(state.positions[2 * b]!, state.positions[2 * b + 1]!, state.fitness[b]!);
    if (performance.now() - t0 > batchMs && !(await flush())) return { generations: state.generation, stop: 'cancelled', message: 'cancelled' };
  }
  if (points.length > 0 && !(await flush())) return { generations: state.generation, stop: 'cancelled', message: 'cancelled' };
  return { generations: state.generation, stop: 'max-generations', message: state.message || `${state.generation} ensemble steps` };
}


/**
 * The exploration-ensemble baseline of seeds/001 ("Learning to Optimize with Gradient Based Exploration Strategies",
 * §III): N explorers, each assigned a coordinate i; at every step an explorer moves along its coordinate with
 * probability p_coor and along its local gradient otherwise; p_coor and the step size decay over time, so the
 * explorers first spread out and later settle into local minima. The seed is a proposal and leaves open:
 *   - the step along the coordinate: here a fixed sign sₖ per explorer, Δx = sₖ hₜ e_i [INF], so explorers fan out;
 *   - the assignment when N > d (the seed has N ≪ M): explorer k gets i = k mod d and sₖ = (−1)^⌊k/d⌋, so 2d explorers
 *     cover ±e₁ … ±e_d [INF];
 *   - the gradient step: plain gradient descent Δx = −ηₜ∇f(x) [INF], with the exact gradient when `grad` is given,
 *     else central differences (f(x + δeⱼ) − f(x − δeⱼ))/(2δ);
 *   - the decay: geometric, p_t = p₀γ_pᵗ, hₜ = h₀γᵗ, ηₜ = η₀γᵗ [INF];
 *   - the resets and pruning the seed "plans": not implemented.
 * A move to a point where f is not finite is skipped (the explorer stays) and counted.
 * Step API: `initEnsemble(params, rng)`, `stepEnsemble(state)`, `runEnsemble(params, rng, opts)`.
 */
import type { Rng } from '../math/rng';
import type { BlackBox } from './optimizersParams';

export interface EnsembleParams {
  readonly f: BlackBox;
  /** Exact gradient ∇f(x) written to `out`; omitted: central differences with step `fdStep`. */
  readonly grad?: (x: Float64Array, out: Float64Array) => void;
  readonly start: readonly number[];
  /** N explorers, all starting at `start`. Default 2d. */
  readonly explorers?: number;
  /** p₀ ∈ [0, 1], default 0.5; γ_p ∈ (0, 1], default 0.99. */
  readonly pCoor0?: number;
  readonly pCoorDecay?: number;
  /** h₀ > 0 (coordinate step length), default 0.1; η₀ > 0 (gradient learning rate), default 0.01; γ ∈ (0, 1], default 0.99. */
  readonly coorStep0?: number;
  readonly lr0?: number;
  readonly stepDecay?: number;
  /** δ of the central differences, default 1e-5. */
  readonly fdStep?: number;
  /** Default 100. */
  readonly maxGenerations?: number;
}

export type EnsembleStop = 'max-generations' | 'cancelled';

export interface EnsembleGeneration {
  readonly gen: number;
  /** N × d positions after the step and their f. */
  readonly positions: Float64Array;
  readonly fitness: Float64Array;
  /** 1 where the explorer took a coordinate step, 0 a gradient step. */
  readonly coordinate: Uint8Array;
  readonly pCoor: number;
  readonly coorStep: number;
  readonly lr: number;
  readonly skipped: number;
}

export interface EnsembleState {
  readonly params: Required<Omit<EnsembleParams, 'grad'>> & { grad?: EnsembleParams['grad'] };
  readonly rng: Rng;
  readonly d: number;
  readonly positions: Float64Array;
  readonly fitness: Float64Array;
  readonly axis: Int32Array;
  readonly sign: Float64Array;
  generation: number;
  skippedTotal: number;
  stop: EnsembleStop | null;
  message: string;
  last: EnsembleGeneration | null;
}

function inRange(name: string, v: number, lo: number, hi: number, loOpen: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v > hi || (loOpen ? v <= lo : v < lo)) throw new Error(`${name} must be a number in ${loOpen ? '(' : '['}${lo}, ${hi}], got ${String(v)}`);
  return v;
}

/** Validates (throws naming the parameter and range), places every explorer at `start` and assigns its coordinate and sign. */
export function initEnsemble(params: EnsembleParams, rng: Rng): EnsembleState {
  const d = params.start.length;
  if (d < 1 || d > 1000 || !params.start.every(Number.isFinite)) throw new Error(`start must be 1 to 1000 finite numbers, got ${params.start.join(', ')}`);
  const explorers = params.explorers ?? 2 * d;
  if (!Number.isInteger(explorers) || explorers < 1 || explorers > 10_000) throw new Error(`explorers must be an integer in [1, 10000], got ${String(explorers)}`);
  const maxGenerations = params.maxGenerations ?? 100;
  if (!Number.isInteger(maxGenerations) || maxGenerations < 0 || maxGenerations > 1_000_000) throw new Error(`maxGenerations must be an integer in [0, 1000000], got ${String(maxGenerations)}`);
  const p = {
    f: params.f, grad: params.grad, start: params.start, explorers, maxGenerations,
    pCoor0: inRange('pCoor0', params.pCoor0 ?? 0.5, 0, 1, false), pCoorDecay: inRange('pCoorDecay', params.pCoorDecay ?? 0.99, 0, 1, true),
    coorStep0: inRange('coorStep0', params.coorStep0 ?? 0.1, 0, 1e6, true), lr0: inRange('lr0', params.lr0 ?? 0.01, 0, 1e6, true),
    stepDecay: inRange('stepDecay', params.stepDecay ?? 0.99, 0, 1, true), fdStep: inRange('fdStep', params.fdStep ?? 1e-5, 0, 1, true),
  };
  const positions = new Float64Array(explorers * d);
  const fitness = new Float64Array(explorers).fill(params.f(Float64Array.from(params.start)));
  const axis = new Int32Array(explorers);
  const sign = new Float64Array(explorers);
  for (let k = 0; k < explorers; k++) {
    positions.set(params.start, k * d);
    axis[k] = k % d;
    sign[k] = Math.floor(k / d) % 2 === 0 ? 1 : -1;
  }
  const state: EnsembleState = { params: p, rng, d, positions, fitness, axis, sign, generation: 0, skippedTotal: 0, stop: null, message: '', last: null };
  if (maxGenerations === 0) { state.stop = 'max-generations'; state.message = 'the generation budget is 0'; }
  return state;
}

function gradientAt(state: EnsembleState, x: Float64Array, out: Float64Array): void {
  const { f, grad, fdStep } = state.params;
  if (grad) { grad(x, out); return; }
  for (let j = 0; j < x.length; j++) {
    const xj = x[j]!;
    x[j] = xj + fdStep;
    const fp = f(x);
    x[j] = xj - fdStep;
    const fm = f(x);
    x[j] = xj;
    out[j] = (fp - fm) / (2 * fdStep);
  }
}

/** One step of every explorer (file comment), with t = the number of steps taken before: p_t, hₜ, ηₜ. */
export function stepEnsemble(state: EnsembleState): EnsembleState {
  if (state.stop !== null) return state;
  const { params: p, d, positions, fitness } = state;
  const t = state.generation;
  const pCoor = p.pCoor0 * Math.pow(p.pCoorDecay, t);
  const h = p.coorStep0 * Math.pow(p.stepDecay, t);
  const lr = p.lr0 * Math.pow(p.stepDecay, t);
  const coordinate = new Uint8Array(p.explorers);
  const x = new Float64Array(d);
  const g = new Float64Array(d);
  let skipped = 0;
  for (let k = 0; k < p.explorers; k++) {
    x.set(positions.subarray(k * d, k * d + d));
    if (state.rng() < pCoor) {
      coordinate[k] = 1;
      x[state.axis[k]!] = x[state.axis[k]!]! + state.sign[k]! * h;
    } else {
      gradientAt(state, x, g);
      for (let j = 0; j < d; j++) x[j] = x[j]! - lr * g[j]!;
    }
    const fx = x.every(Number.isFinite) ? p.f(x.slice()) : NaN;
    if (!Number.isFinite(fx)) { skipped += 1; continue; }
    positions.set(x, k * d);
    fitness[k] = fx;
  }
  state.generation = t + 1;
  state.skippedTotal += skipped;
  state.last = { gen: t + 1, positions: positions.slice(), fitness: fitness.slice(), coordinate, pCoor, coorStep: h, lr, skipped };
  if (state.generation >= p.maxGenerations) { state.stop = 'max-generations'; state.message = `reached the budget of ${p.maxGenerations} generations`; }
  return state;
}

/** Index of the explorer with the smallest f (the first on ties; NaN never wins). */
export function bestExplorer(state: EnsembleState): number {
  let best = 0;
  for (let k = 1; k < state.fitness.length; k++) if (state.fitness[k]! < state.fitness[best]! || !Number.isFinite(state.fitness[best]!)) best = k;
  return best;
}

export interface EnsembleRunResult {
  /** Per generation (start included): the best explorer's position, its f and the coordinate step hₜ then. */
  readonly history: { x: number[]; f: number; step: number }[];
  readonly generations: EnsembleGeneration[];
  readonly skippedPerGeneration: number[];
  readonly skipped: number;
  readonly stop: EnsembleStop;
  readonly message: string;
  readonly final: number[];
  readonly f: number;
  /** Final positions of all explorers, N × d. */
  readonly positions: number[];
}

/** run of the step API, with cancellation polled before every generation. */
export function runEnsemble(params: EnsembleParams, rng: Rng, opts: { shouldCancel?: () => boolean; keepGenerations?: boolean } = {}): EnsembleRunResult {
  const s = initEnsemble(params, rng);
  const row = (): { x: number[]; f: number; step: number } => {
    const b = bestExplorer(s);
    return { x: Array.from(s.positions.subarray(b * s.d, b * s.d + s.d)), f: s.fitness[b]!, step: s.params.coorStep0 * Math.pow(s.params.stepDecay, s.generation) };
  };
  const history = [row()];
  const generations: EnsembleGeneration[] = [];
  const skippedPerGeneration: number[] = [];
  while (s.stop === null) {
    if (opts.shouldCancel?.()) { s.stop = 'cancelled'; s.message = `cancelled after ${s.generation} generations`; break; }
    stepEnsemble(s);
    skippedPerGeneration.push(s.last!.skipped);
    if (opts.keepGenerations) generations.push(s.last!);
    history.push(row());
  }
  const last = history[history.length - 1]!;
  return { history, generations, skippedPerGeneration, skipped: s.skippedTotal, stop: s.stop, message: s.message, final: last.x, f: last.f, positions: Array.from(s.positions) };
}

import { normalFill, rngFromSeed, type Rng } from '../math/rng';
import { MAX_SAMPLES, checkInteger, evaluatorOf, type SmoothingTarget } from './smoothingTarget';

/**
 * A fixed set of N standard-normal perturbations ε_i ∈ ℝ^d (row-major, eps[i·d + j]), reused for every evaluation
 * point: "common random numbers" as in Havtorn's intuition plots (es-vo.md §2.1), so a grid of Monte Carlo values
 * is a smooth (slightly biased) surface rather than noise.
 */
export interface McSampleSet {
  readonly dim: number;
  readonly samples: number;
  readonly eps: Float64Array;
}

/** N·d draws of N(0, 1) from the injected rng (Box–Muller, src/math/rng.ts). */
export function createMcSampleSet(dim: number, samples: number, rng: Rng): McSampleSet {
  checkInteger(dim, 'dim', 1, 2);
  checkInteger(samples, 'samples', 1, MAX_SAMPLES);
  return { dim, samples, eps: normalFill(rng, new Float64Array(dim * samples)) };
}

const seeded = new Map<string, McSampleSet>();

/** The sample set for (dim, samples, seed), drawn from rngFromSeed(seed) and cached (the last 8). */
export function mcSampleSetFromSeed(dim: number, samples: number, seed: number): McSampleSet {
  const key = `${dim}|${samples}|${seed}`;
  let set = seeded.get(key);
  if (!set) {
    set = createMcSampleSet(dim, samples, rngFromSeed(seed));
    if (seeded.size >= 8) seeded.delete(seeded.keys().next().value!);
    seeded.set(key, set);
  }
  return set;
}

/** A Monte Carlo estimate with its standard errors. */
export interface McSmoothed {
  readonly value: number;
  /** Stein / ES estimator ĝ = (1/(Nσ)) Σ_i f(x + σε_i) ε_i. */
  readonly gradient: number[];
  /** Standard errors s/√N of the value and of each gradient component (s the sample standard deviation). */
  readonly stderr: { readonly value: number; readonly gradient: number[] };
  readonly gradientMethod: 'stein';
  /** Samples used (N minus those skipped) and samples skipped because f(x + σε_i) was not finite. */
  readonly used: number;
  readonly skipped: number;
}

/**
 * Monte Carlo smoothing with the ES gradient estimator (Salimans et al. 2017, Alg. 1; es-vo.md §3.2):
 *   f̂_σ(x) = (1/N) Σ_i f(x + σε_i),   ĝ = (1/(Nσ)) Σ_i f(x + σε_i) ε_i   (Stein's identity ∇f_σ = E[f(x + σε) ε]/σ),
 * both unbiased. Samples with a non-finite f are skipped and counted, never propagated: N is then the count used
 * (all skipped → NaN value and gradient). No baseline or antithetic pairs here (the optimizers add those).
 */
export function smoothMonteCarlo(target: SmoothingTarget, point: readonly number[], sigma: number, set: McSampleSet): McSmoothed {
  const d = target.dim;
  if (set.dim !== d) throw new Error(`Monte Carlo sample set is ${set.dim}D but the target is ${d}D`);
  const ev = evaluatorOf(target);
  const p = new Float64Array(d);
  const sum = new Float64Array(1 + d);
  const sumSq = new Float64Array(1 + d);
  let used = 0;
  for (let i = 0; i < set.samples; i++) {
    for (let j = 0; j < d; j++) p[j] = point[j]! + sigma * set.eps[i * d + j]!;
    const f = ev.value(p);
    if (!Number.isFinite(f)) continue;
    used++;
    sum[0] = sum[0]! + f;
    sumSq[0] = sumSq[0]! + f * f;
    for (let j = 0; j < d; j++) {
      const g = (f * set.eps[i * d + j]!) / sigma;
      sum[1 + j] = sum[1 + j]! + g;
      sumSq[1 + j] = sumSq[1 + j]! + g * g;
    }
  }
  const mean = Array.from(sum, (s) => s / used);
  const se = Array.from(sumSq, (s, k) => (used > 1 ? Math.sqrt(Math.max(0, (s - used * mean[k]! * mean[k]!) / (used - 1)) / used) : NaN));
  return {
    value: mean[0]!, gradient: mean.slice(1), stderr: { value: se[0]!, gradient: se.slice(1) }, gradientMethod: 'stein',
    used, skipped: set.samples - used,
  };
}

/** Value-only Monte Carlo smoothing over a common sample set, for the grid helpers. */
export function smoothMonteCarloValue(target: SmoothingTarget, point: readonly number[], sigma: number, set: McSampleSet, scratch = new Float64Array(2)): number {
  const d = target.dim;
  const ev = evaluatorOf(target);
  let sum = 0;
  let used = 0;
  for (let i = 0; i < set.samples; i++) {
    for (let j = 0; j < d; j++) scratch[j] = point[j]! + sigma * set.eps[i * d + j]!;
    const f = ev.value(scratch);
    if (Number.isFinite(f)) { sum += f; used++; }
  }
  return sum / used;
}

import { rngFromSeed, type Rng } from '../math/rng';
import type { Dataset } from '../nn/dataset';
import { SWEEP_RANGES, type SweepRanges } from '../nn/mnistRrSettings';
import { mnistRidgeRider, type MnistRrSettings } from './mnistRidge';

/**
 * The random hyper-parameter sweep of Fig. 4 (right) in Parker-Holder et al. 2020: trials of approximate Ridge Rider
 * on MNIST with S, α, LR_e, LR_λ and the batch drawn log-uniformly, each trial one of the variants: 'rr' (Algorithm
 * 2), 'fixed' (LR_e = 0: the first eigenvector followed without updating it) or 'random' (Rand-Ridge+). Trial i's
 * draw depends only on the seed and i, so a sweep split into shards (`--shard k/n`: the trials with i mod n = k − 1)
 * gives the same trials as one run.
 */
export const SWEEP_VARIANTS = ['rr', 'fixed', 'random'] as const;
export type SweepVariant = (typeof SWEEP_VARIANTS)[number];

export interface SweepTrial {
  readonly index: number;
  readonly variant: SweepVariant;
  readonly settings: MnistRrSettings;
}

export interface SweepResult extends SweepTrial {
  /** The test accuracy at the MIS (where the rides start; about 10%, one digit guessed for all). */
  readonly startTest: number;
  /** The best ride's last point (the search's answer) and the best test accuracy met anywhere along the rides. */
  readonly finalTrain: number;
  readonly finalTest: number;
  readonly bestTest: number;
  readonly rides: number;
  readonly seconds: number;
}

const logUniform = (rng: Rng, [lo, hi]: readonly [number, number]) => Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo)));

/** Trial i of a sweep: its variant (cycling through `variants`) and its settings, drawn from (seed, i). */
export function sweepTrial(base: MnistRrSettings, variants: readonly SweepVariant[], seed: number, index: number, ranges: SweepRanges = SWEEP_RANGES): SweepTrial {
  const rng = rngFromSeed(seed * 100_003 + index);
  const variant = variants[index % variants.length]!;
  const settings: MnistRrSettings = {
    ...base,
    seed: seed + index,
    inner: Math.round(logUniform(rng, ranges.inner)),
    alpha: logUniform(rng, ranges.alpha),
    lrE: variant === 'fixed' ? 0 : logUniform(rng, ranges.lrE),
    lrLambda: logUniform(rng, ranges.lrLambda),
    batch: Math.round(logUniform(rng, ranges.batch)),
    stepScale: 'plain',
    // The paper's sweep: plain gradient steps at the rates drawn.
    updateRates: 'fixed',
    // A trial reports accuracies only: Theorem 2's checks (hundreds of H v products each) would be spent unseen.
    overlapEvery: 0,
    directions: variant === 'random' ? 'random' : 'eigen',
  };
  return { index, variant, settings };
}

export async function runSweepTrial(data: { train: Dataset; test: Dataset }, trial: SweepTrial, breathe?: () => Promise<boolean>): Promise<SweepResult> {
  const r = await mnistRidgeRider(data, trial.settings, { breathe });
  const last = (a: readonly number[]) => a[a.length - 1] ?? Number.NaN;
  const best = r.rides.reduce<(typeof r.rides)[number] | null>((x, y) => (x === null || last(y.testAccuracy) > last(x.testAccuracy) ? y : x), null);
  return {
    ...trial, startTest: r.rides[0]?.testAccuracy[0] ?? Number.NaN, finalTrain: best ? last(best.trainAccuracy) : Number.NaN, finalTest: best ? last(best.testAccuracy) : Number.NaN,
    bestTest: best ? Math.max(...r.rides.flatMap((x) => x.testAccuracy)) : Number.NaN, rides: r.rides.length, seconds: r.seconds,
  };
}

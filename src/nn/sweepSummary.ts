/** The sweep's variants by name: the chart's legend and the summary. */
export const SWEEP_VARIANT_WORDS = { rr: 'Ridge Rider', fixed: 'LR_e = 0', random: 'Rand-Ridge+' } as const;

/**
 * A sweep's trials per variant, as the paper's Fig. 4 (right) reads them (it shows only the trials above 60% final test
 * accuracy): how many, the best final test accuracy, and how many ended above 60%. E.g. "Ridge Rider: 79 trials, up to
 * 84.4%, 24 above 60%; LR_e = 0: 78 trials, up to 25.6%, none above 60%." Trials that never finished are counted apart.
 */
export function sweepSummary(trials: readonly { readonly variant: 'rr' | 'fixed' | 'random'; readonly finalTest: number }[]): string {
  const parts: string[] = [];
  for (const v of ['rr', 'fixed', 'random'] as const) {
    const of = trials.filter((t) => t.variant === v);
    if (of.length === 0) continue;
    const done = of.map((t) => t.finalTest).filter((a) => Number.isFinite(a));
    const above = done.filter((a) => a > 0.6).length;
    const unfinished = of.length - done.length;
    parts.push(`${SWEEP_VARIANT_WORDS[v]}: ${of.length} trial${of.length === 1 ? '' : 's'}${done.length > 0 ? `, up to ${(100 * Math.max(...done)).toFixed(1)}%, ${above === 0 ? 'none' : above} above 60%` : ''}${unfinished > 0 ? ` (${unfinished} without a result)` : ''}`);
  }
  return parts.length === 0 ? '' : `${parts.join('; ')}.`;
}

/** One variant's trials in the measured sweep: how many, how many ended above 60% and 80% final test accuracy, the best. */
export interface MeasuredVariant {
  readonly trials: number;
  readonly above60: number;
  readonly above80: number;
  readonly best: number;
}

/**
 * The figures of the measured sweep that ships with the app (one-ride trials on a 784–32–10 network, the app's small
 * sweep's shape; export/measuredSweep.ts loads its trials), for the words that quote it: per variant, and for Ridge
 * Rider how many of those above 60% had LR_e ≤ 10⁻³. test/unit/measuredSweep.test.ts works them out from the logs, so
 * a longer sweep fails it until these are brought up to date.
 */
export const MEASURED_SWEEP: {
  readonly trials: number;
  readonly layers: readonly number[];
  readonly rr: MeasuredVariant & { readonly above60SmallLrE: number };
  readonly fixed: MeasuredVariant;
  readonly random: MeasuredVariant;
} = {
  trials: 12,
  layers: [784, 32, 10],
  rr: { trials: 4, above60: 1, above80: 0, best: 0.7365, above60SmallLrE: 0 },
  fixed: { trials: 4, above60: 0, above80: 0, best: 0.196 },
  random: { trials: 4, above60: 0, above80: 0, best: 0.121 },
};

const percent = (a: number) => `${(100 * a).toFixed(1)}%`;
const noneOr = (n: number) => (n === 0 ? 'none' : `${n}`);

/** How many of the measured sweep's Ridge Rider trials above 60% had LR_e above 10⁻³, in words. */
function largeLrEWords(): string {
  const { above60, above60SmallLrE } = MEASURED_SWEEP.rr;
  return above60SmallLrE === 0 ? 'all' : above60SmallLrE === 1 ? 'all but one' : above60SmallLrE <= above60 / 10 ? `all but ${above60SmallLrE}` : `${above60 - above60SmallLrE}`;
}

/**
 * The measured sweep in one sentence, for the help: e.g. "of its first 436 trials, 46 of Ridge Rider's 146 ended above
 * 60% test accuracy (12 above 80%, the best at 84.7%), all but one with LR_e above 10⁻³, while the best of LR_e = 0's
 * 145 ended at 25.6% and the best of Rand-Ridge+'s 145 at 16.6%."
 */
export function measuredSweepWords(): string {
  const { trials, rr, fixed, random } = MEASURED_SWEEP;
  return `of its first ${trials} trials, ${noneOr(rr.above60)} of Ridge Rider's ${rr.trials} ended above 60% test accuracy (${noneOr(rr.above80)} above 80%, the best at ${percent(rr.best)}), ${largeLrEWords()} with LR_e above 10⁻³, while the best of LR_e = 0's ${fixed.trials} ended at ${percent(fixed.best)} and the best of Rand-Ridge+'s ${random.trials} at ${percent(random.best)}.`;
}

/**
 * What to make of a sweep in which no Ridge Rider trial passed 60% (the paper's cut): most draws do not, so a few trials
 * often show none; the rates quoted are the measured sweep's. Empty when a Ridge Rider trial passed 60% or none has a
 * result.
 */
export function sweepNoneAboveHint(trials: readonly { readonly variant: 'rr' | 'fixed' | 'random'; readonly finalTest: number }[]): string {
  const rr = trials.filter((t) => t.variant === 'rr' && Number.isFinite(t.finalTest));
  if (rr.length === 0 || rr.some((t) => t.finalTest > 0.6)) return '';
  const m = MEASURED_SWEEP;
  // With a third passing, none of k passes with probability (2/3)ᵏ: 30% for 3 trials, under 2% from 10.
  const why = rr.length < 10 ? `That is no surprise with ${rr.length === 1 ? 'one Ridge Rider trial' : `${rr.length} Ridge Rider trials`}` : 'With this many, the network, the ranges or the ride\'s shape may be why';
  return `No Ridge Rider trial here passed 60%. ${why}: in the measured sweep's ${m.trials} one-ride trials on a ${m.layers.join('–')} network, ${noneOr(m.rr.above60)} of the ${m.rr.trials} Ridge Rider trials passed 60% (${Math.round((100 * m.rr.above60) / Math.max(1, m.rr.trials))}%, ${largeLrEWords()} with LR_e above 0.001), and ${noneOr(m.fixed.above60 + m.random.above60)} of the ${m.fixed.trials + m.random.trials} LR_e = 0 and Rand-Ridge+ trials did. Run more trials, or show the measured sweep.`;
}

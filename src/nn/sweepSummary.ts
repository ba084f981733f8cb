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

/**
 * What to make of a sweep in which no Ridge Rider trial passed 60% (the paper's cut): most draws do not, so a few trials
 * often show none. The rates are those of the 436 one-ride trials on a 784–32–10 network (trials 0–435 of
 * `mnist-rr-sweep --variants rr,fixed,random`, the app's small sweep's shape): 46 of 146 Ridge Rider trials ended above
 * 60%, none of the 290 ablations'. Empty when a Ridge Rider trial passed 60% or none has a result.
 */
export function sweepNoneAboveHint(trials: readonly { readonly variant: 'rr' | 'fixed' | 'random'; readonly finalTest: number }[]): string {
  const rr = trials.filter((t) => t.variant === 'rr' && Number.isFinite(t.finalTest));
  if (rr.length === 0 || rr.some((t) => t.finalTest > 0.6)) return '';
  // With a third passing, none of k passes with probability (2/3)ᵏ: 30% for 3 trials, under 2% from 10.
  const why = rr.length < 10 ? `That is no surprise with ${rr.length === 1 ? 'one Ridge Rider trial' : `${rr.length} Ridge Rider trials`}` : 'With this many, the network, the ranges or the ride\'s shape may be why';
  return `No Ridge Rider trial here passed 60%. ${why}: in 436 one-ride trials on a 784–32–10 network, 46 of the 146 Ridge Rider trials passed 60% (about one in three, nearly all with LR_e above 0.001), and none of the 290 LR_e = 0 and Rand-Ridge+ trials did. Run more trials, or load a command-line sweep.`;
}

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

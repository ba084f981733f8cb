import { describe, expect, it } from 'vitest';
import { sweepNoneAboveHint, sweepSummary } from '../../src/nn/sweepSummary';

describe('sweepSummary', () => {
  it('counts each variant\'s trials, its best final test accuracy and those above 60% (the paper\'s cut)', () => {
    const t = (variant: 'rr' | 'fixed' | 'random', finalTest: number) => ({ variant, finalTest });
    expect(sweepSummary([t('rr', 0.844), t('fixed', 0.256), t('rr', 0.61), t('random', 0.16), t('rr', 0.6), t('rr', Number.NaN)]))
      .toBe('Ridge Rider: 4 trials, up to 84.4%, 2 above 60% (1 without a result); LR_e = 0: 1 trial, up to 25.6%, none above 60%; Rand-Ridge+: 1 trial, up to 16.0%, none above 60%.');
    expect(sweepSummary([t('fixed', Number.NaN)])).toBe('LR_e = 0: 1 trial (1 without a result).');
    expect(sweepSummary([])).toBe('');
  });

  it('explains a sweep in which no Ridge Rider trial passed 60%, and says nothing otherwise', () => {
    const t = (variant: 'rr' | 'fixed' | 'random', finalTest: number) => ({ variant, finalTest });
    expect(sweepNoneAboveHint([t('rr', 0.22), t('fixed', 0.126), t('random', 0.11), t('rr', 0.55)])).toMatch(/^No Ridge Rider trial here passed 60%\. That is no surprise with 2 Ridge Rider trials: in the measured sweep's \d+ one-ride trials .* Run more trials, or show the measured sweep\.$/);
    expect(sweepNoneAboveHint([t('rr', 0.3)])).toMatch(/no surprise with one Ridge Rider trial:/);
    expect(sweepNoneAboveHint(Array.from({ length: 12 }, () => t('rr', 0.3)))).toMatch(/^No Ridge Rider trial here passed 60%\. With this many, the network/);
    expect(sweepNoneAboveHint([t('rr', 0.22), t('rr', 0.61)])).toBe('');
    expect(sweepNoneAboveHint([t('fixed', 0.126), t('rr', Number.NaN)])).toBe('');
    expect(sweepNoneAboveHint([])).toBe('');
  });
});

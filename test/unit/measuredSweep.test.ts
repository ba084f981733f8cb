import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMeasuredSweep } from '../../src/export/measuredSweep';
import { MEASURED_SWEEP, measuredSweepWords, sweepNoneAboveHint } from '../../src/nn/sweepSummary';

const shard = (k: number) => readFileSync(new URL(`../../src/data/sweeps/mnist-rr-sweep-${k}.jsonl`, import.meta.url), 'utf8');

describe('the measured sweep shipped with the app', () => {
  it('is trials 0 … n − 1 of one mnist-rr-sweep, each shard its own, in logs that --resume goes on with', () => {
    const headers = [1, 2].map((k) => JSON.parse(shard(k).split('\n')[0]!) as { event: string; variants: string[]; seed: number; ranges: Record<string, number[]>; settings: Record<string, unknown> });
    expect(headers[1]).toEqual(headers[0]);
    const { event, variants, seed, ranges, settings } = headers[0]!;
    expect(event).toBe('sweep');
    expect([variants, seed]).toEqual([['rr', 'fixed', 'random'], 1]);
    expect(ranges).toMatchObject({ inner: [1, 16], alpha: [0.01, 0.2], lrE: [0.0001, 0.1], batch: [256, 1024] });
    expect(settings).toMatchObject({ layers: [784, 32, 10], ridges: 1, steps: 600, end: 'loss', patience: 20, lambdaStart: 'previous', batches: 'fresh', evalSamples: 2000 });
    for (const k of [1, 2]) {
      const text = shard(k);
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.trim().split('\n').slice(1).map((l) => JSON.parse(l) as { event: string; trial: number });
      expect(lines.every((l) => l.event === 'trial' && l.trial % 2 === k - 1)).toBe(true);
    }
  });

  it('loads as the app shows it, and its figures are the ones the help and the hint quote', async () => {
    const { trials, layers } = await loadMeasuredSweep();
    expect(layers).toEqual(MEASURED_SWEEP.layers);
    expect(trials.map((t) => t.index)).toEqual(Array.from({ length: trials.length }, (_, i) => i));
    // The variants take turns, as the app's small sweep's do.
    expect(trials.every((t) => t.variant === (['rr', 'fixed', 'random'] as const)[t.index % 3])).toBe(true);
    expect(trials.every((t) => Number.isFinite(t.finalTest))).toBe(true);
    const figures = (v: 'rr' | 'fixed' | 'random') => {
      const of = trials.filter((t) => t.variant === v);
      return { trials: of.length, above60: of.filter((t) => t.finalTest > 0.6).length, above80: of.filter((t) => t.finalTest > 0.8).length, best: Math.max(...of.map((t) => t.finalTest)) };
    };
    const smallLrE = trials.filter((t) => t.variant === 'rr' && t.finalTest > 0.6 && t.lrE <= 1e-3).length;
    expect({ trials: trials.length, layers, rr: { ...figures('rr'), above60SmallLrE: smallLrE }, fixed: figures('fixed'), random: figures('random') }).toEqual(MEASURED_SWEEP);
    expect(trials.length).toBeGreaterThanOrEqual(3);
  });

  it('reads out in the help and in the hint', () => {
    const m = MEASURED_SWEEP;
    expect(measuredSweepWords()).toContain(`of its first ${m.trials} trials, `);
    expect(measuredSweepWords()).toContain(`the best at ${(100 * m.rr.best).toFixed(1)}%`);
    expect(sweepNoneAboveHint([{ variant: 'rr', finalTest: 0.3 }])).toContain(`in the measured sweep's ${m.trials} one-ride trials on a 784–32–10 network`);
  });
});

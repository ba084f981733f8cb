import { describe, expect, it } from 'vitest';
import { countOf } from '../../src/components/countOf';
import { rideEndSummary, rideTimeLeft } from '../../src/components/ridesWords';
import { stepAxis } from '../../src/render/rrCharts';
import { rideStarts } from '../../src/nn/ridePaths';
import type { MnistRrRide } from '../../src/nn/mnistRrSettings';

const ride = (fingerprint: number[], steps: number, endReason = 'loss') => ({ fingerprint, steps, endReason }) as unknown as MnistRrRide;

describe('the Ridge Rider status words', () => {
  it('counts with the noun in the right number', () => {
    expect(countOf(1, 'ride')).toBe('1 ride');
    expect(countOf(3, 'ride')).toBe('3 rides');
    expect(countOf(12345, 'Hessian-vector product')).toBe('12,345 Hessian-vector products');
  });

  it('says why the rides ended, most frequent first, and explains a run whose rides never took a step', () => {
    expect(rideEndSummary([])).toBe('');
    expect(rideEndSummary([ride([0], 5, 'curvature'), ride([1], 3, 'loss'), ride([2], 4, 'loss')]))
      .toBe('Rides ended because the loss stopped falling (2) or the curvature along it turned non-negative (λ ≥ 0: the ridge ended) (1).');
    const none = rideEndSummary([ride([0], 0, 'loss')]);
    expect(none).toMatch(/^The ride ended because the loss stopped falling \(1\)\. It ended before taking a step/);
    expect(none).toMatch(/other sign goes downhill/);
    expect(rideEndSummary([ride([0], 0, 'overlap')])).not.toMatch(/downhill/);
  });

  it('estimates the time left from the time per step so far, as an upper bound', () => {
    expect(rideTimeLeft({ elapsedSeconds: 10, stepsDone: 0, stepsCap: 100 })).toBeNull();
    expect(rideTimeLeft({ elapsedSeconds: 10, stepsDone: 10, stepsCap: 70 })).toBe('at most about 60 s left (1.0 s per step)');
    expect(rideTimeLeft({ elapsedSeconds: 340, stepsDone: 10, stepsCap: 640 })).toBe('at most about 6.0 h left (34 s per step)');
  });
});

describe('stepAxis: the steps axis of the charts along the rides', () => {
  it('spans 0 to the longest path with whole-step ticks, also for a run whose rides took no step', () => {
    const axis = (rides: MnistRrRide[]) => stepAxis(rides, rideStarts(rides));
    const none = axis([ride([0], 0)]);
    expect(none.domain).toEqual([0, 1]);
    expect(none.ticks).toEqual([0, 1]);
    const short = axis([ride([0], 3)]);
    expect(short.ticks).toEqual([0, 1, 2, 3]);
    // A child ride starts where its parent ended: the path is 40 + 25 steps long.
    const tree = axis([ride([0], 40), ride([0, 2], 25)]);
    expect(tree.domain).toEqual([0, 65]);
    expect(tree.ticks.every(Number.isInteger)).toBe(true);
    expect(tree.ticks[tree.ticks.length - 1]).toBeLessThanOrEqual(65);
    expect(tree.ticks.length).toBeGreaterThanOrEqual(5);
  });
});

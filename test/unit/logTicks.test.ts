import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src/charts/logTicks';

describe('logTicks', () => {
  it('gives 1, 2, 5 × 10ᵏ inside the range, or only powers of ten where those would be too many', () => {
    expect(logTicks(0.01, 0.2, 10)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2]);
    expect(logTicks(0.019, 0.05, 10)).toEqual([0.02, 0.05]);
    expect(logTicks(1e-4, 0.1, 20)).toEqual([1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
    expect(logTicks(1e-4, 0.1, 5)).toEqual([1e-4, 0.001, 0.01, 0.1]);
    expect(logTicks(3, 4, 5)).toEqual([]);
  });
});

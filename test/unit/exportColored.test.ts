import { describe, expect, it } from 'vitest';
import { coloredRowsToCsv } from '../../src/export/network';
import type { NetColoredResult } from '../../src/store/networkSlice';

describe('Table 1 runs as CSV', () => {
  it('gives Ridge Rider\'s test oracle its own train and test accuracy, apart from the chosen candidate; baselines leave them empty', () => {
    const c: NetColoredResult = {
      state: 'done', methods: ['rr', 'erm'], done: 2, total: 2, limit: 2000, samples: null, current: null,
      rows: [
        { method: 'rr', run: 0, train: 0.78, test: 0.33, seconds: 12, chosen: { ride: 2, step: 5, validation: 0.79 }, oracle: { train: 0.31, test: 0.71 } },
        { method: 'erm', run: 0, train: 0.87, test: 0.17, seconds: 30 },
      ],
    };
    const [head, rr, erm] = coloredRowsToCsv(c).trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => head!.indexOf(name);
    expect(rr![col('train_accuracy')]).toBe('0.78');
    expect(rr![col('test_accuracy')]).toBe('0.33');
    expect(rr![col('oracle_train_accuracy')]).toBe('0.31');
    expect(rr![col('oracle_test_accuracy')]).toBe('0.71');
    expect(rr![col('chosen_ride')]).toBe('2');
    expect(erm![col('oracle_train_accuracy')]).toBe('');
    expect(erm![col('images_per_environment')]).toBe('2000');
  });
});

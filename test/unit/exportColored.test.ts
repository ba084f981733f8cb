import { describe, expect, it } from 'vitest';
import { coloredRowsToCsv, netRidesToCsv } from '../../src/export/network';
import type { NetColoredResult, NetRrResult } from '../../src/store/networkSlice';

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

describe('Ridge Rider on the network as CSV', () => {
  it('names each ride\'s path and first ridge as the charts do, says why it ended, and carries Theorem 2\'s overlap where it was measured', () => {
    const point = (k: number) => Array.from({ length: 10 }, (_, d) => (d + k) / 20);
    const ride = (fingerprint: number[], endReason: string, overlap: number[]) => ({
      fingerprint, eigenvalue: -0.5, endReason, steps: 2, loss: [2.3, 2.2, 2.1], lambda: [-0.5, -0.4, -0.3], trainAccuracy: [0.1, 0.2, 0.3], testAccuracy: [0.1, 0.25, 0.3],
      digitAccuracy: [point(0), point(1), point(2)], overlap, exactLambda: overlap.map((o) => (Number.isFinite(o) ? -0.45 : NaN)), eCurvature: overlap.map((o) => (Number.isFinite(o) ? -0.2 : NaN)), descent: [NaN, 0.6, 0.5],
      ridgeShare: overlap.map((o) => (Number.isFinite(o) ? 0.05 : NaN)), sharpShare: overlap.map((o) => (Number.isFinite(o) ? 0.7 : NaN)), eNorm: overlap.map(() => 1),
    });
    const r = { state: 'done', mis: null, n: 10, total: 2, steps: 2, step: 0, startedAt: 0, seconds: 1, matvecs: 5,
      rides: [ride([1], 'curvature', [NaN, 0.9, NaN]), ride([1, 2], 'loss', [NaN, NaN, 0.4])] } as unknown as NetRrResult;
    const [head, ...rows] = netRidesToCsv(r).trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => head!.indexOf(name);
    expect(rows).toHaveLength(6);
    expect(rows[0]![col('path')]).toBe('0−');
    expect(rows[3]![col('path')]).toBe('0− 1+');
    expect(rows.map((x) => x[col('first_ridge')])).toEqual(['0', '0', '0', '0', '0', '0']);
    expect(rows[3]![col('fingerprint')]).toBe('1 2');
    expect(rows[0]![col('end_reason')]).toBe('curvature');
    expect(rows[5]![col('end_reason')]).toBe('loss');
    expect(Number(rows[1]![col('overlap')])).toBe(0.9);
    expect(Number(rows[1]![col('overlap_eigenvalue')])).toBe(-0.45);
    expect(Number(rows[5]![col('overlap')])).toBe(0.4);
    expect(Number(rows[1]![col('e_curvature')])).toBe(-0.2);
    expect(rows[0]![col('e_curvature')]).toBe(rows[0]![col('overlap')]);
    expect(Number(rows[1]![col('gradient_share_negative')])).toBe(0.05);
    expect(Number(rows[5]![col('gradient_share_sharpest')])).toBe(0.7);
    expect(rows[0]![col('gradient_share_sharpest')]).toBe(rows[0]![col('overlap')]);
    // The child ride continues its parent's path: steps from the MIS 2, 3, 4.
    expect(rows.slice(3).map((x) => x[col('steps_from_mis')])).toEqual(['2', '3', '4']);
  });
});

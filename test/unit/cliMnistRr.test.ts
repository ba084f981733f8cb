import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/runCli';

describe('CLI: mnist-rr (approximate Ridge Rider on MNIST, Algorithm 2)', () => {
  it('rides from a near-MIS along negative eigenvectors and reports the loss, λ and accuracy per step, overall and per digit', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '3', '--steps', '6', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n_params).toBe(784 * 8 + 8 + 8 * 10 + 10);
    expect(j.mis.spectrum[0]).toBeLessThan(0);
    expect(j.mis.spectrum).toEqual([...j.mis.spectrum].sort((a: number, b: number) => a - b));
    expect(j.rides).toHaveLength(3);
    expect(j.matvecs.get_ridges).toBeGreaterThan(0);
    for (const ride of j.rides) {
      expect(ride.eigenvalue).toBeLessThan(0);
      for (const key of ['loss', 'lambda', 'train_accuracy', 'test_accuracy', 'digit_accuracy']) expect(ride[key]).toHaveLength(ride.steps + 1);
      for (const a of [...ride.train_accuracy, ...ride.test_accuracy, ...ride.digit_accuracy.flat()]) { expect(a).toBeGreaterThanOrEqual(0); expect(a).toBeLessThanOrEqual(1); }
      expect(ride.digit_accuracy[0]).toHaveLength(10);
      expect(ride.loss[0]).toBeCloseTo(j.mis.loss, 4);
    }
    // The first two rides leave the MIS along ±v₀ (fingerprints [0] and [1]), with its eigenvalue.
    expect(j.rides.slice(0, 2).map((x: { fingerprint: number[] }) => x.fingerprint)).toEqual([[0], [1]]);
    expect(j.rides[0].eigenvalue).toBeCloseTo(j.mis.spectrum[0], 3);
  });

  it('bad input exits 2 with one line', async () => {
    for (const args of [['--preset', 'fig9'], ['--layers', '784,10,3'], ['--alpha', '0'], ['--end', 'never'], ['--batch', '0']]) {
      const r = await runCliAsync(['mnist-rr', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mnistRrSettingsFrom } from '../../src/cli/commandMnistRr';
import { runCliAsync } from '../../src/cli/runCli';
import { SWEEP_VARIANTS, sweepTrial } from '../../src/runners/mnistRrSweep';

const dir = mkdtempSync(join(tmpdir(), 'ridgelab-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('CLI: mnist-rr (approximate Ridge Rider on MNIST, Algorithm 2)', () => {
  it('rides from a near-MIS along negative eigenvectors and reports the loss, λ and accuracy per step, overall and per digit', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '3', '--steps', '6', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05', '--overlap-every', '2',
      '--order', 'bfs', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n_params).toBe(784 * 8 + 8 + 8 * 10 + 10);
    expect(j.mis.spectrum[0]).toBeLessThan(0);
    expect(j.mis.spectrum).toEqual([...j.mis.spectrum].sort((a: number, b: number) => a - b));
    expect(j.rides).toHaveLength(3);
    expect(j.fig5).toBeUndefined();
    expect(j.matvecs.get_ridges).toBeGreaterThan(0);
    for (const ride of j.rides) {
      expect(ride.eigenvalue).toBeLessThan(0);
      for (const key of ['loss', 'lambda', 'train_accuracy', 'test_accuracy', 'digit_accuracy']) expect(ride[key]).toHaveLength(ride.steps + 1);
      for (const a of [...ride.train_accuracy, ...ride.test_accuracy, ...ride.digit_accuracy.flat()]) { expect(a).toBeGreaterThanOrEqual(0); expect(a).toBeLessThanOrEqual(1); }
      expect(ride.digit_accuracy[0]).toHaveLength(10);
      expect(ride.loss[0]).toBeCloseTo(j.mis.loss, 4);
    }
    // Theorem 2's check every second step: the followed direction against Lanczos's exact eigenvectors there.
    const first = j.rides[0];
    expect(j.matvecs.overlap).toBeGreaterThan(0);
    first.overlap.forEach((o: number | null, k: number) => {
      if (k % 2 === 0 && k > 0) { expect(o).toBeGreaterThanOrEqual(0); expect(o).toBeLessThanOrEqual(1 + 1e-9); } else expect(o).toBeNull();
    });
    // Where ∇L points, measured with the check and only there.
    first.ridge_share.forEach((x: number | null, k: number) => expect(x === null).toBe(first.overlap[k] === null));
    first.sharp_share.forEach((x: number | null, k: number) => expect(x === null).toBe(first.overlap[k] === null));
    if (first.steps >= 2) {
      expect(first.overlap[2]).toBeGreaterThan(0.9);
      expect(first.exact_lambda[2]).toBeCloseTo(first.lambda[2], 1);
    }
    // How downhill each step was, cos(step, −∇L): measured at every point a step reached, none at a ride's first point.
    for (const ride of j.rides) {
      expect(ride.descent).toHaveLength(ride.steps + 1);
      expect(ride.descent[0]).toBeNull();
      for (const c of ride.descent.slice(1)) { expect(c).toBeGreaterThanOrEqual(-1 - 1e-9); expect(c).toBeLessThanOrEqual(1 + 1e-9); }
    }
    // Leaving a strict saddle along a negative-curvature eigenvector, ∇L ≈ H Δθ = λ Δθ points back: the steps go downhill.
    const downhill = first.descent.slice(1) as number[];
    expect(downhill.reduce((a, b) => a + b, 0) / downhill.length).toBeGreaterThan(0.5);
    // The first two rides leave the MIS along ±v₀ (fingerprints [0] and [1]), with its eigenvalue.
    expect(j.rides.slice(0, 2).map((x: { fingerprint: number[] }) => x.fingerprint)).toEqual([[0], [1]]);
    expect(j.rides[0].eigenvalue).toBeCloseTo(j.mis.spectrum[0], 3);
  });

  it('depth first, each ride goes on from where the last ended; --first-ridges K runs K searches with ψ[0] = 0 … K−1', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '2', '--steps', '6', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05',
      '--first-ridges', '2', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.settings.order).toBe('dfs');
    const rides = j.rides as { fingerprint: number[]; start_step: number; steps: number; test_accuracy: number[]; digit_accuracy: number[][] }[];
    expect(rides.length).toBeGreaterThanOrEqual(2);
    expect(rides.length).toBeLessThanOrEqual(4);
    // The first search leaves along ±v₀ (entries 0, 1), the second along ±v₁ (entries 2, 3).
    expect(new Set(rides.map((x) => Math.floor(x.fingerprint[0]! / 2)))).toEqual(new Set([0, 1]));
    expect(rides.map((x) => Math.floor(x.fingerprint[0]! / 2))).toEqual([...rides.map((x) => Math.floor(x.fingerprint[0]! / 2))].sort());
    // A child starts where its parent ended, its first accuracy its parent's last.
    for (const [i, x] of rides.entries()) {
      const parent = rides.findIndex((p) => p.fingerprint.join() === x.fingerprint.slice(0, -1).join());
      if (x.fingerprint.length === 1) expect(x.start_step).toBe(0);
      else {
        expect(parent).toBeGreaterThanOrEqual(0);
        expect(parent).toBeLessThan(i);
        expect(x.start_step).toBe(rides[parent]!.start_step + rides[parent]!.steps);
        expect(x.test_accuracy[0]).toBe(rides[parent]!.test_accuracy.at(-1));
      }
    }
    expect(rides.some((x) => x.fingerprint.length > 1)).toBe(true);
    // Fig. 5's rows: per ψ[0], the mean test accuracy per digit over the early and the late steps of the longest path.
    const longest = Math.max(...rides.map((x) => x.start_step + x.steps));
    expect(j.fig5.late.steps).toEqual([Math.round(0.8 * longest), longest]);
    for (const w of ['early', 'late']) {
      expect(j.fig5[w].rows.map((x: { psi0: number }) => x.psi0)).toEqual([0, 1]);
      for (const x of j.fig5[w].rows) expect(x.digit_accuracy).toHaveLength(10);
    }
    // Each late row: the mean over its rides' points in the window, a child's first point counted once (null: none).
    const [from, to] = j.fig5.late.steps as [number, number];
    let filled = 0;
    for (const psi0 of [0, 1]) {
      const points = rides.filter((x) => Math.floor(x.fingerprint[0]! / 2) === psi0)
        .flatMap((x) => x.digit_accuracy.map((a, k) => ({ at: x.start_step + k, a, first: k === 0 && x.fingerprint.length > 1 })))
        .filter((p) => p.at >= from && p.at <= to && !p.first);
      const row = j.fig5.late.rows[psi0].digit_accuracy as (number | null)[];
      if (points.length === 0) { expect(row).toEqual(new Array(10).fill(null)); continue; }
      filled += 1;
      for (let d = 0; d < 10; d++) expect(row[d]).toBeCloseTo(points.reduce((t, p) => t + p.a[d]!, 0) / points.length, 12);
    }
    expect(filled).toBeGreaterThan(0);
  });

  it('--shard k/n splits the searches of --first-ridges K across processes: the shards\' rides are the whole run\'s, to the digit, along ridges and along −∇L', async () => {
    const args = ['mnist-rr', '--layers', '784,8,10', '--ridges', '2', '--steps', '4', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05',
      '--batches', 'fresh', '--first-ridges', '3', '--json'];
    type R = { fingerprint: number[]; loss: number[]; lambda: number[]; test_accuracy: number[]; digit_accuracy: number[][]; descent: (number | null)[] };
    const rides = (r: { stdout: string }) => (JSON.parse(r.stdout) as { rides: R[] }).rides;
    const firsts = (r: { stdout: string }) => [...new Set(rides(r).map((x) => Math.floor(x.fingerprint[0]! / 2)))];
    const key = (x: R) => x.fingerprint.join(',');
    const sorted = (xs: R[]) => [...xs].sort((x, y) => key(x).localeCompare(key(y)));
    for (const directions of ['eigen', 'gradient']) {
      const [whole, a, b] = await Promise.all([undefined, '1/2', '2/2'].map((shard) => runCliAsync([...args, '--directions', directions, ...(shard ? ['--shard', shard] : [])])));
      expect(JSON.parse(b!.stdout).shard).toBe('2/2');
      expect(firsts(whole!)).toEqual([0, 1, 2]);
      expect(firsts(a!)).toEqual([0, 2]);
      expect(firsts(b!)).toEqual([1]);
      // Ride 1's first step is probed on the minibatch ride 0 left in the whole run, on the MIS's in shard 2/2.
      expect(sorted([...rides(a!), ...rides(b!)]), directions).toEqual(sorted(rides(whole!)));
    }
  });

  it('--batches fresh: the curvature on new minibatches, seeded (the same run twice is the same), and not the fixed run', async () => {
    const args = ['mnist-rr', '--layers', '784,8,10', '--ridges', '3', '--steps', '4', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1', '--json'];
    const [a, b, fixed] = await Promise.all([runCliAsync([...args, '--batches', 'fresh']), runCliAsync([...args, '--batches', 'fresh']), runCliAsync(args)]);
    const rides = (r: { stdout: string }) => (JSON.parse(r.stdout) as { rides: { fingerprint: number[]; lambda: number[]; test_accuracy: number[] }[] }).rides;
    expect(JSON.parse(a.stdout).settings.batches).toBe('fresh');
    expect(JSON.parse(fixed.stdout).settings.batches).toBe('fixed');
    expect(rides(a)).toEqual(rides(b));
    // Different images, different curvature along the rides.
    expect(rides(a).map((x) => x.lambda)).not.toEqual(rides(fixed).map((x) => x.lambda));
  });

  it('--batches fresh: a ride sees the same minibatches whichever rides came before it (one stream per fingerprint)', async () => {
    // Ride [0, 0] is the third ride breadth first ([0], [1], [0, 0]) and the second depth first ([0], [0, 0]). Its first
    // step lands where ∇L was measured on a minibatch the rides before it left; it is measured again on [0]'s end's.
    const args = ['mnist-rr', '--layers', '784,8,10', '--steps', '4', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05', '--batches', 'fresh',
      '--end', 'steps', '--top-n', '1', '--json'];
    const [bfs, dfs] = await Promise.all([runCliAsync([...args, '--order', 'bfs', '--ridges', '3']), runCliAsync([...args, '--order', 'dfs', '--ridges', '2'])]);
    type R = { fingerprint: number[]; loss: number[]; lambda: number[]; test_accuracy: number[]; descent: (number | null)[] };
    const rides = (r: { stdout: string }) => (JSON.parse(r.stdout) as { rides: R[] }).rides;
    expect(rides(bfs).map((x) => x.fingerprint)).toEqual([[0], [1], [0, 0]]);
    expect(rides(dfs).map((x) => x.fingerprint)).toEqual([[0], [0, 0]]);
    const [a, b] = [rides(bfs)[2]!, rides(dfs)[1]!];
    expect(a.loss.length).toBeGreaterThan(2);
    expect(a.loss).toEqual(b.loss);
    expect(a.lambda).toEqual(b.lambda);
    expect(a.test_accuracy).toEqual(b.test_accuracy);
    expect(a.descent).toEqual(b.descent);
    expect(a.descent[1]).not.toBeNull();
  });

  it('--directions gradient: every step straight downhill (the rides\' reference), no H v along the rides', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '1', '--steps', '12', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05',
      '--directions', 'gradient', '--end', 'steps', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.settings.directions).toBe('gradient');
    expect(j.matvecs.update_ridge).toBe(0);
    const ride = j.rides[0] as { steps: number; loss: number[]; descent: (number | null)[] };
    expect(ride.steps).toBe(12);
    // On the same images, the step from θ_k along −∇L(θ_k)/‖∇L(θ_k)‖ reaches θ_{k+1}, where ∇L has turned little.
    for (const c of ride.descent.slice(1)) expect(c).toBeGreaterThan(0.7);
    for (let k = 1; k < ride.loss.length; k++) expect(ride.loss[k]).toBeLessThan(ride.loss[k - 1]!);
    expect((await runCliAsync(['mnist-rr', '--directions', 'uphill'])).code).toBe(2);
  });

  it('--e-norm carried: the ride\'s e keeps the length UpdateRidge\'s steps give it (it only grows) and the steps lengthen with it; unit: ‖e‖ = 1', async () => {
    const args = ['mnist-rr', '--layers', '784,8,10', '--ridges', '2', '--steps', '6', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.05',
      '--lr-e', '0.5', '--step-scale', 'plain', '--update-rates', 'fixed', '--end', 'steps', '--inner', '4', '--json'];
    const [unit, carried] = await Promise.all([runCliAsync(args), runCliAsync([...args, '--e-norm', 'carried'])]);
    expect(carried.stderr).toBe('');
    type Ride = { e_norm: (number | null)[]; loss: number[] };
    const u = JSON.parse(unit.stdout) as { rides: Ride[] };
    const c = JSON.parse(carried.stdout) as { settings: { eNorm: string }; rides: Ride[] };
    expect(c.settings.eNorm).toBe('carried');
    for (const ride of u.rides) {
      expect(ride.e_norm[0]).toBeNull();
      for (const x of ride.e_norm.slice(1)) expect(x).toBeCloseTo(1, 9);
    }
    for (const ride of c.rides) {
      const norms = ride.e_norm.slice(1) as number[];
      // The first step leaves along GetRidges' unit eigenvector; every UpdateRidge after it lengthens e.
      expect(norms[0]).toBeCloseTo(1, 9);
      for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeGreaterThan(norms[k - 1]!);
      expect(norms[norms.length - 1]).toBeGreaterThan(1 + 1e-6);
    }
    // Longer steps, another path: the losses differ after the first step.
    expect(c.rides[0]!.loss[1]).toBe(u.rides[0]!.loss[1]);
    expect(c.rides[0]!.loss[3]).not.toBe(u.rides[0]!.loss[3]);
  });

  it('--end loss rides on past λ = 0 until the loss would rise; --lambda-start previous with LR_λ = 0 keeps each ride\'s first λ', async () => {
    const args = ['mnist-rr', '--layers', '784,8,10', '--ridges', '3', '--steps', '40', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1', '--json'];
    const rides = async (...extra: string[]) => {
      const r = await runCliAsync([...args, ...extra]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).rides as { end_reason: string; steps: number; eigenvalue: number; loss: number[]; lambda: number[] }[];
    };
    const [loss, held] = [await rides('--end', 'loss'), await rides('--end', 'loss', '--lambda-start', 'previous', '--lr-lambda', '0')];
    for (const x of [...loss, ...held]) {
      expect(['loss', 'max-ride-steps']).toContain(x.end_reason);
      x.loss.slice(1).forEach((l, k) => expect(l).toBeLessThan(x.loss[k]!));
    }
    // Past λ = 0: some ride goes on after its tracked eigenvalue turned positive (--end ridge would have stopped it there).
    expect(loss.some((x) => x.lambda.slice(0, -1).some((l) => l >= 0))).toBe(true);
    for (const x of held) expect(new Set(x.lambda)).toEqual(new Set([x.eigenvalue]));
  });

  it('--update lanczos keeps the ride on an exact eigenvector at every step (Algorithm 2\'s gradient steps drift off it)', async () => {
    const args = ['mnist-rr', '--layers', '784,8,10', '--ridges', '1', '--steps', '8', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1',
      '--overlap-every', '1', '--end', 'steps', '--json'];
    const ride = async (...extra: string[]) => {
      const r = await runCliAsync([...args, ...extra]);
      expect(r.stderr).toBe('');
      const j = JSON.parse(r.stdout);
      return { ...(j.rides[0] as { overlap: (number | null)[]; lambda: number[]; exact_lambda: (number | null)[]; e_curvature: (number | null)[] }), settings: j.settings, matvecs: j.matvecs };
    };
    const [lanczos, gradient] = [await ride('--update', 'lanczos'), await ride()];
    expect(lanczos.settings.update).toBe('lanczos');
    expect(lanczos.matvecs.update_ridge).toBeGreaterThan(0);
    // At every step the followed direction is one of the exact eigenvectors there, with its eigenvalue, which is also
    // the curvature along it, eᵀHe/eᵀe, from its own product.
    lanczos.overlap.slice(1).forEach((o, k) => {
      expect(o, `step ${k + 1}`).toBeGreaterThan(0.99);
      expect(lanczos.lambda[k + 1]).toBeCloseTo(lanczos.exact_lambda[k + 1]!, 2);
      expect(lanczos.e_curvature[k + 1]).toBeCloseTo(lanczos.exact_lambda[k + 1]!, 2);
    });
    expect(lanczos.e_curvature[0]).toBeNull();
    expect(gradient.e_curvature.slice(1).every((c) => typeof c === 'number' && Number.isFinite(c))).toBe(true);
    expect(Math.min(...gradient.overlap.slice(1).map(Number))).toBeLessThan(Math.min(...lanczos.overlap.slice(1).map(Number)));
  });

  it('with the check, ∇L\'s shares in the negative and the sharpest eigen-directions: along −∇L, at least the overlap, and together at most 1', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '1', '--steps', '6', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1',
      '--overlap-every', '1', '--end', 'steps', '--directions', 'gradient', '--json']);
    expect(r.stderr).toBe('');
    const ride = JSON.parse(r.stdout).rides[0] as { steps: number; overlap: (number | null)[]; exact_lambda: (number | null)[]; ridge_share: (number | null)[]; sharp_share: (number | null)[] };
    expect(ride.steps).toBe(6);
    expect([ride.ridge_share[0], ride.sharp_share[0]]).toEqual([null, null]);
    for (let k = 1; k <= ride.steps; k++) {
      const [neg, sharp, o] = [ride.ridge_share[k]!, ride.sharp_share[k]!, ride.overlap[k]!];
      for (const x of [neg, sharp]) { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThanOrEqual(1); }
      // The two spans are orthogonal (eigenvalues below 0 and the largest), so the squares add up to at most 1.
      expect(neg ** 2 + sharp ** 2).toBeLessThanOrEqual(1 + 1e-3);
      // Along −∇L on the fixed batch, the direction is −∇L/‖∇L‖ itself: its overlap with one negative eigenvector
      // is one term of the share's sum.
      expect(ride.exact_lambda[k]).toBeLessThan(0);
      expect(neg).toBeGreaterThanOrEqual(o - 1e-6);
    }
  });

  it('--log writes the MIS, then each ride as it ends (the same as --json\'s, start steps included), then the end', async () => {
    const file = join(dir, 'rides.jsonl');
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '4', '--steps', '5', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1',
      '--first-ridges', '2', '--init-scale', '0.2', '--json', '--log', file]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.settings.initScale).toBe(0.2);
    const log = lines(file);
    expect(log.map((l) => l.event)).toEqual(['mis', ...j.rides.map(() => 'ride'), 'done']);
    expect(log[0]!.mis).toEqual(j.mis);
    expect(log[0]!.n_params).toBe(j.n_params);
    expect(log.slice(1, -1).map(({ event: _, ...ride }) => ride)).toEqual(j.rides);
    expect(j.rides.some((x: { start_step: number }) => x.start_step > 0)).toBe(true);
    expect(log.at(-1)!.rides).toBe(j.rides.length);
  });

  it('--patience p: a ride ends after p steps in a row that did not lower the loss below its lowest, at its lowest point', async () => {
    const r = await runCliAsync(['mnist-rr', '--layers', '784,8,10', '--ridges', '3', '--steps', '40', '--batch', '64', '--eval', '200', '--mis-steps', '20', '--alpha', '0.1',
      '--end', 'loss', '--batches', 'fresh', '--patience', '5', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { settings: { patience: number }; rides: { end_reason: string; loss: number[] }[] };
    expect(out.settings.patience).toBe(5);
    let rises = 0;
    for (const x of out.rides) {
      // Steps since the ride's lowest loss, at each point.
      let lowest = x.loss[0]!;
      const flat = x.loss.map((l, k) => (k === 0 || l < lowest ? ((lowest = Math.min(lowest, l)), 0) : 1));
      let run = 0;
      const runs = flat.map((f) => (run = f ? run + 1 : 0));
      expect(Math.max(...runs)).toBeLessThanOrEqual(5);
      // The p steps past the lowest point were taken, then dropped: a ride ended on the loss ends at its lowest.
      if (x.end_reason === 'loss') expect(x.loss.at(-1)).toBe(Math.min(...x.loss));
      rises += x.loss.slice(1).filter((l, k) => l >= x.loss[k]!).length;
    }
    // Unlike the strict rule (the test above), the rides took steps that raised the loss.
    expect(rises).toBeGreaterThan(0);
    expect(out.rides.some((x) => x.end_reason === 'loss')).toBe(true);
  });

  it('UpdateRidge backtracks by default; the paper\'s presets and its sweep take plain steps at their rates, and options override a preset', () => {
    const d = mnistRrSettingsFrom(new Map());
    expect(d.updateRates).toBe('backtrack');
    const fig4 = mnistRrSettingsFrom(new Map([['preset', 'fig4']]));
    expect([fig4.updateRates, fig4.inner, fig4.alpha, fig4.lrE, fig4.batch, fig4.stepScale]).toEqual(['fixed', 236, 0.00264, 0.000510, 2236, 'plain']);
    expect(mnistRrSettingsFrom(new Map([['preset', 'fig5']])).updateRates).toBe('fixed');
    expect(mnistRrSettingsFrom(new Map([['preset', 'fig4'], ['update-rates', 'backtrack']])).updateRates).toBe('backtrack');
    for (let i = 0; i < 3; i++) expect(sweepTrial(d, SWEEP_VARIANTS, 1, i).settings.updateRates).toBe('fixed');
    // A trial reports accuracies only, so it spends nothing on Theorem 2's checks, whatever its base asks (the app's checks every 4).
    for (let i = 0; i < 3; i++) expect(sweepTrial({ ...d, overlapEvery: 4 }, SWEEP_VARIANTS, 1, i).settings.overlapEvery).toBe(0);
  });

  it('bad input exits 2 with one line', async () => {
    for (const args of [['--log', join(dir, 'no-such-folder', 'x.jsonl')], ['--preset', 'fig9'], ['--layers', '784,10,3'], ['--alpha', '0'], ['--end', 'never'], ['--lambda-start', 'zero'], ['--init-scale', '0'], ['--batch', '0'], ['--order', 'sideways'], ['--first-ridges', '-1'], ['--batches', 'some'], ['--step-size', 'big'], ['--eigensolver', 'qr'], ['--update', 'exact'], ['--patience', '-1'], ['--update-rates', 'sometimes'], ['--e-norm', 'long'], ['--steps', '0'], ['--shard', '1/2'], ['--first-ridges', '2', '--shard', '3/2']]) {
      const r = await runCliAsync(['mnist-rr', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('CLI: mnist-rr-sweep (Fig. 4, right)', () => {
  const tiny = ['--layers', '784,4,10', '--ridges', '1', '--steps', '2', '--eval', '100', '--mis-steps', '5', '--json'];
  it('draws each trial from (seed, index) alone: two shards give the whole sweep; fixed has LR_e = 0; bad shards exit 2', async () => {
    const run = async (...extra: string[]) => {
      const r = await runCliAsync(['mnist-rr-sweep', '--trials', '4', '--variants', 'rr,fixed', ...tiny, ...extra]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).results as { trial: number; variant: string; lr_e: number; alpha: number; batch: number; final_test_accuracy: number | null }[];
    };
    const [whole, a, b] = [await run(), await run('--shard', '1/2'), await run('--shard', '2/2')];
    expect(whole.map((t) => t.trial)).toEqual([0, 1, 2, 3]);
    expect(a.map((t) => t.trial)).toEqual([0, 2]);
    expect(b.map((t) => t.trial)).toEqual([1, 3]);
    expect([...a, ...b].sort((x, y) => x.trial - y.trial).map(({ trial, alpha, batch, final_test_accuracy }) => ({ trial, alpha, batch, final_test_accuracy })))
      .toEqual(whole.map(({ trial, alpha, batch, final_test_accuracy }) => ({ trial, alpha, batch, final_test_accuracy })));
    expect(whole.map((t) => t.variant)).toEqual(['rr', 'fixed', 'rr', 'fixed']);
    expect(whole.filter((t) => t.variant === 'fixed').every((t) => t.lr_e === 0)).toBe(true);
    expect(whole.filter((t) => t.variant === 'rr').every((t) => t.lr_e > 0)).toBe(true);
    // Where each trial started: its MIS's test accuracy, near chance.
    for (const t of whole as unknown as { start_test_accuracy: number }[]) { expect(t.start_test_accuracy).toBeGreaterThan(0); expect(t.start_test_accuracy).toBeLessThan(0.3); }
    // --log: one line per trial as it ends, the same as --json's.
    const file = join(dir, 'trials.jsonl');
    const logged = await run('--shard', '2/2', '--log', file);
    const [head, ...rows] = lines(file);
    expect(head).toMatchObject({ event: 'sweep', variants: ['rr', 'fixed'], seed: 1 });
    expect(rows.map(({ event, ...t }) => { expect(event).toBe('trial'); return t; })).toEqual(logged);
    for (const shard of ['0/2', '3/2', 'x', '1/0']) {
      const r = await runCliAsync(['mnist-rr-sweep', '--trials', '4', '--shard', shard]);
      expect(r.code, shard).toBe(2);
    }
  }, 120_000);

  it('--resume goes on with a stopped sweep: the trials its log holds are kept, the rest run and are added; a log from other options is refused', async () => {
    const file = join(dir, 'resume.jsonl');
    const args = ['mnist-rr-sweep', '--variants', 'rr,fixed', ...tiny, '--log', file];
    const whole = JSON.parse((await runCliAsync([...args, '--trials', '3'])).stdout) as { results: { trial: number; seconds: number }[] };
    // Stopped during trial 2: the log holds its header, trials 0 and 1, and half a line.
    const text = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${text.slice(0, 3).join('\n')}\n${text[3]!.slice(0, 20)}`);
    const r = await runCliAsync([...args, '--trials', '4', '--resume']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { resumed: number; results: { trial: number; seconds: number }[] };
    expect(out.resumed).toBe(2);
    expect(out.results.map((t) => t.trial)).toEqual([0, 1, 2, 3]);
    // Trials 0 and 1 were not run again (their lines, times included, come back as logged); trial 2 is run again as before.
    expect(out.results.slice(0, 2)).toEqual(whole.results.slice(0, 2));
    const { seconds: _a, ...again } = out.results[2]!;
    const { seconds: _b, ...before } = whole.results[2]!;
    expect(again).toEqual(before);
    // The log: header, then the four trials, the cut line gone.
    const rows = lines(file);
    expect(rows.map((l) => l.event)).toEqual(['sweep', 'trial', 'trial', 'trial', 'trial']);
    expect(rows.slice(1).map((l) => l.trial)).toEqual([0, 1, 2, 3]);
    // Refused with one line, the log untouched: other settings, another shard, no log, no header.
    const kept = readFileSync(file, 'utf8');
    writeFileSync(join(dir, 'plain.jsonl'), '{"event":"trial","trial":0}\n');
    for (const bad of [[...args, '--trials', '4', '--resume', '--steps', '3'], [...args, '--trials', '4', '--resume', '--shard', '2/2'], ['mnist-rr-sweep', '--trials', '4', '--resume', ...tiny],
      [...args.slice(0, -1), join(dir, 'plain.jsonl'), '--trials', '4', '--resume'], [...args.slice(0, -1), join(dir, 'none.jsonl'), '--trials', '4', '--resume']]) {
      const e = await runCliAsync(bad);
      expect(e.code, bad.join(' ')).toBe(2);
      expect(e.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
    }
    expect(readFileSync(file, 'utf8')).toBe(kept);
  }, 120_000);

  it('draws from the ranges given (--range-…), prints them, and refuses a malformed range with one line', async () => {
    const r = await runCliAsync(['mnist-rr-sweep', '--trials', '6', '--variants', 'rr,fixed,random', '--range-alpha', '0.01,0.02', '--range-inner', '2,3', '--range-batch', '300,300', '--range-lr-e', '0.001,0.001', ...tiny]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { settings: { layers: number[] }; ranges: Record<string, number[]>; results: { variant: string; inner: number; alpha: number; batch: number; lr_e: number; lr_lambda: number }[] };
    expect(out.settings.layers).toEqual([784, 4, 10]);
    expect(out.ranges).toEqual({ inner: [2, 3], alpha: [0.01, 0.02], lrE: [0.001, 0.001], lrLambda: [1e-7, 1e-2], batch: [300, 300] });
    expect(out.results).toHaveLength(6);
    for (const t of out.results) {
      expect(t.alpha).toBeGreaterThanOrEqual(0.01);
      expect(t.alpha).toBeLessThanOrEqual(0.02);
      expect([2, 3]).toContain(t.inner);
      expect(t.batch).toBe(300);
      expect(t.lr_e).toBeCloseTo(t.variant === 'fixed' ? 0 : 0.001, 12);
      expect(t.lr_lambda).toBeGreaterThanOrEqual(1e-7);
      expect(t.lr_lambda).toBeLessThanOrEqual(1e-2);
    }
    // The α drawn differ from trial to trial (not the range's end each time).
    expect(new Set(out.results.map((t) => t.alpha)).size).toBe(6);
    // As text: a line per trial, then each variant's count, best and trials above 60% (the paper's cut).
    const text = await runCliAsync(['mnist-rr-sweep', '--trials', '3', '--variants', 'rr,fixed,random', '--range-alpha', '0.01,0.02', '--range-inner', '2,3', '--range-batch', '300,300', ...tiny.filter((a) => a !== '--json')]);
    expect(text.stdout.trim().split('\n')).toHaveLength(5);
    expect(text.stdout).toMatch(/\nfinal test accuracy: Ridge Rider: 1 trial, up to [\d.]+%, none above 60%; LR_e = 0: 1 trial, up to [\d.]+%, none above 60%; Rand-Ridge\+: 1 trial, up to [\d.]+%, none above 60%\.\n?$/);
    // Options a sweep sets itself are not offered.
    for (const own of [['--overlap-every', '4'], ['--update-rates', 'backtrack'], ['--alpha', '0.1'], ['--first-ridges', '2']]) expect((await runCliAsync(['mnist-rr-sweep', '--trials', '2', ...own])).code, own[0]).toBe(2);
    for (const bad of [['--range-alpha', '0.2,0.1'], ['--range-alpha', '0,0.1'], ['--range-alpha', '0.1'], ['--range-inner', '1.5,4'], ['--range-batch', '0,10'], ['--range-lr-e', 'a,b'], ['--range-lr-lambda', '1e-3,1e3']]) {
      const e = await runCliAsync(['mnist-rr-sweep', '--trials', '2', ...bad]);
      expect(e.code, bad.join(' ')).toBe(2);
      expect(e.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
      expect(e.stderr).toContain(bad[0]!);
    }
  }, 120_000);
});

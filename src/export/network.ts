import type { NetEigs, NetSpectrum } from '../protocol/nn';
import { firstRidgeIndex, rideName, rideStarts } from '../nn/ridePaths';
import type { NetColoredResult, NetCurves, NetRrResult, NetSliceResult, NetSweepResult } from '../store/networkSlice';
import { csvTable } from './trajectories';

/** The network view's results as CSV tables and JSON. */

/** The training curves: one row per step (its minibatch loss), with the held-out values on the steps that have them. */
export function netCurvesToCsv(c: NetCurves): string {
  const evals = new Map(c.evals.map((e) => [e.step, e]));
  const rows: (string | number)[][] = [];
  const last = Math.max(c.count, ...c.evals.map((e) => e.step));
  for (let step = 0; step <= last; step++) {
    const e = evals.get(step);
    const mb = step >= 1 && step <= c.count ? c.losses[step - 1]! : '';
    if (mb === '' && !e) continue;
    rows.push([step, mb, e?.trainLoss ?? '', e?.trainAccuracy ?? '', e?.testLoss ?? '', e?.testAccuracy ?? '']);
  }
  return csvTable(['step', 'minibatch_loss', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'], rows);
}

/** Every spectrum's density: one row per grid point of each step. */
export function netSpectraToCsv(spectra: readonly NetSpectrum[]): string {
  return csvTable(['step', 'eigenvalue', 'density'], spectra.flatMap((s) => Array.from(s.grid, (t, i) => [s.step, t, s.density[i]!])));
}

/** The slice's computed losses: one row per grid node (a, b, L). */
export function netSliceToCsv(sl: NetSliceResult): string {
  const { x0, x1, y0, y1 } = sl.grid.spec.domain;
  const n = sl.side;
  const rows: number[][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) rows.push([x0 + ((x1 - x0) * i) / (n - 1), y0 + ((y1 - y0) * j) / (n - 1), sl.samples[j * n + i]!]);
  return csvTable(['a', 'b', 'loss'], rows);
}

/** The eigenpairs found: eigenvalue and residual. */
export function netEigsToCsv(e: NetEigs): string {
  return csvTable(['index', 'eigenvalue', 'residual'], e.values.map((v, i) => [i + 1, v, e.residuals[i]!]));
}

/** Everything computed on the network, for the JSON export. */
export function netToJson(s: { netCurves: NetCurves; netSpectra: readonly NetSpectrum[]; netEigs: NetEigs | null; netSlice: NetSliceResult | null; netConfusion: Uint32Array | null; netRr: NetRrResult; netRrSweep: NetSweepResult; netColored: NetColoredResult }) {
  const c = s.netCurves;
  return {
    minibatchLoss: Array.from(c.losses.subarray(0, c.count)),
    evaluations: c.evals,
    confusion: s.netConfusion ? Array.from(s.netConfusion) : null,
    spectra: s.netSpectra.map((x) => ({ step: x.step, outliers: x.outliers, bulk: x.bulk, matvecs: x.matvecs, grid: Array.from(x.grid), density: Array.from(x.density) })),
    eigenpairs: s.netEigs,
    ridgeRider: s.netRr.state === 'idle' ? null : { state: s.netRr.state, mis: s.netRr.mis, parameters: s.netRr.n, rides: s.netRr.rides, seconds: s.netRr.seconds, hessianVectorProducts: s.netRr.matvecs },
    ridgeRiderSweep: s.netRrSweep.trials.length === 0 ? null : s.netRrSweep.trials,
    // Where the sweep's trials came from: a file's name (a command-line sweep loaded), or null (run here).
    ridgeRiderSweepSource: s.netRrSweep.trials.length === 0 ? null : s.netRrSweep.source,
    coloredMnist: s.netColored.rows.length === 0 ? null : { imagesPerEnvironment: s.netColored.limit, runs: s.netColored.rows },
    slice: s.netSlice ? { ...(s.netSlice.colored ? { coloredMnist: s.netSlice.colored } : { step: s.netSlice.step }), directions: s.netSlice.labels, domain: s.netSlice.grid.spec.domain, side: s.netSlice.side, losses: Array.from(s.netSlice.samples) } : null,
  };
}

/**
 * Ridge Rider on the network: one row per point of every ride. The ride's path as the charts name it ("0+ 1−": eigen
 * index and sign per branching), its first ridge ψ[0] (the heatmaps' rows), the raw fingerprint codes (2i for +e_i,
 * 2i + 1 for −e_i), why it ended; per point the loss, λ, cos(step, −∇L), Theorem 2's overlap with the nearest exact
 * eigenvector, that eigenvalue, the curvature along e, eᵀHe/eᵀe, and ∇L's share in the negative and in the 10 sharpest
 * eigen-directions (where measured), the accuracies and the accuracy per digit.
 */
export function netRidesToCsv(r: NetRrResult): string {
  const rows: (string | number)[][] = [];
  const starts = rideStarts(r.rides);
  r.rides.forEach((x, i) => x.loss.forEach((l, k) => rows.push([i + 1, rideName(x), firstRidgeIndex(x), x.fingerprint.join(' '), x.endReason, x.eigenvalue, k, starts[i]! + k, l, x.lambda[k]!,
    x.descent[k]!, x.overlap[k]!, x.exactLambda[k]!, x.eCurvature[k]!, x.ridgeShare[k]!, x.sharpShare[k]!, x.trainAccuracy[k]!, x.testAccuracy[k]!, ...x.digitAccuracy[k]!])));
  return csvTable(['ride', 'path', 'first_ridge', 'fingerprint', 'end_reason', 'eigenvalue', 'step', 'steps_from_mis', 'loss', 'lambda', 'descent_cos', 'overlap', 'overlap_eigenvalue', 'e_curvature', 'gradient_share_negative', 'gradient_share_sharpest',
    'train_accuracy', 'test_accuracy', ...Array.from({ length: 10 }, (_, d) => `digit_${d}_accuracy`)], rows);
}

/** Table 1's runs: method, run, train and test accuracy, seconds; for Ridge Rider the chosen candidate and the test oracle. */
export function coloredRowsToCsv(c: NetColoredResult): string {
  return csvTable(['method', 'run', 'train_accuracy', 'test_accuracy', 'seconds', 'chosen_ride', 'chosen_step', 'chosen_validation_accuracy', 'oracle_train_accuracy', 'oracle_test_accuracy', 'images_per_environment'],
    c.rows.map((r) => [r.method, r.run + 1, r.train, r.test, r.seconds, r.chosen?.ride ?? '', r.chosen?.step ?? '', r.chosen?.validation ?? '', r.oracle?.train ?? '', r.oracle?.test ?? '', c.limit]));
}

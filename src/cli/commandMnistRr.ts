import { appendFileSync, writeFileSync } from 'node:fs';
import { mnistDataset } from '../nn/dataset';
import { MNIST_RR_DIRECTIONS, MNIST_RR_ENDS, type MnistRrMis, type MnistRrRide } from '../nn/mnistRrSettings';
import { digitMeansByFirstRidge, digitWindows, longestPath, rideStartTracker, rideStarts } from '../nn/ridePaths';
import { ARCHIVE_ORDERS } from '../ridge-rider/archive';
import { ACTIVATIONS, type Activation } from '../nn/mlpSpec';
import { MNIST_RR_DEFAULTS, MNIST_RR_PRESETS, mnistRidgeRider, type MnistRrSettings } from '../runners/mnistRidge';
import { shardIndices } from '../runners/shard';
import { jsonOpt, parseChoice, parseInteger, parseNumberInRange, parseShard, seedFrom, seedOpt, UsageError, type OptionSpec } from './args';
import { asUsage, backendFrom, backendOpt } from './commandNn';
import { loadMnistNode } from './mnistNode';
import { ttyStatus } from './ttyStatus';

const d = MNIST_RR_DEFAULTS;

export const MNIST_RR_ABOUT = 'approximate Ridge Rider on MNIST (Algorithm 2): rides from a near-MIS along negative Hessian eigenvectors, accuracy per step';
export const MNIST_RR_OPTIONS: readonly OptionSpec[] = [
  { name: 'preset', kind: 'value', meta: '<fig4|fig5>', help: 'the paper\'s hyper-parameters of Fig. 4 or Fig. 5 (plain UpdateRidge steps); other options override them' },
  { name: 'layers', kind: 'value', meta: '<784,128,128,10>', help: `layer widths (default ${d.layers.join(',')})` },
  { name: 'activation', kind: 'value', meta: `<${ACTIVATIONS.join('|')}>`, help: `hidden activation (default ${d.activation})` },
  { name: 'ridges', kind: 'value', meta: '<n>', help: `rides started (default ${d.ridges})` },
  { name: 'steps', kind: 'value', meta: '<n>', help: `step cap per ride (default ${d.steps})` },
  { name: 'alpha', kind: 'value', meta: '<α>', help: `step length along the ridge (default ${d.alpha})` },
  { name: 'step-size', kind: 'value', meta: '<fixed|backtracking>', help: `fixed: every ride step moves α (default ${d.stepMode}); backtracking: a step that raises the loss or turns the ridge is retried at α/2 … α/16` },
  { name: 'lr-e', kind: 'value', meta: '<v>', help: `UpdateRidge's LR_e (default ${d.lrE}; 0: follow the first eigenvector, the paper's ablation)` },
  { name: 'lr-lambda', kind: 'value', meta: '<v>', help: `UpdateRidge's LR_λ (default ${d.lrLambda})` },
  { name: 'lambda-start', kind: 'value', meta: '<rayleigh|previous>', help: `UpdateRidge's λ at each step: warm-started at the new point, ê′ᵀH(θ)ê′ (default ${d.lambdaStart}), or the last one carried over (only LR_λ moves it)` },
  { name: 'update', kind: 'value', meta: '<gradient|lanczos>', help: `UpdateRidge: gradient steps on ‖Hê/λ − ê‖² (Algorithm 2; default ${d.update}), or Lanczos at every step and the eigenvector nearest the old direction (the exact rule: the ride stays on its ridge)` },
  { name: 'inner', kind: 'value', meta: '<S>', help: `UpdateRidge's gradient steps per ride step (default ${d.inner})` },
  { name: 'batch', kind: 'value', meta: '<n>', help: `images per batch (default ${d.batch})` },
  { name: 'batches', kind: 'value', meta: '<fixed|fresh>', help: `fixed: the first --batch training images throughout; fresh: a new minibatch for every UpdateRidge and GetRidges, the loss on the first --batch images (default ${d.batches})` },
  { name: 'eigensolver', kind: 'value', meta: '<lanczos|power>', help: `GetRidges' eigensolver: Lanczos (default ${d.eigensolver}) or the power method (shifted, deflated)` },
  { name: 'top-n', kind: 'value', meta: '<N>', help: `GetRidges: the N most negative eigenvectors (default ${d.topN})` },
  { name: 'step-scale', kind: 'value', meta: '<lambda2|plain>', help: 'UpdateRidge\'s rates scaled by λ² (default) or the paper\'s plain steps' },
  { name: 'e-norm', kind: 'value', meta: '<unit|carried>', help: `UpdateRidge's e between ride steps: renormalized, so every step has length α (default ${d.eNorm}), or carried at the length its gradient steps give it (they only lengthen it), the step θ − αe growing with it` },
  { name: 'eval', kind: 'value', meta: '<n>', help: `accuracy on the first n images of each split (default ${d.evalSamples})` },
  { name: 'init-scale', kind: 'value', meta: '<s>', help: `the MIS search starts from the network's initialization times s (default ${d.initScale})` },
  { name: 'mis-steps', kind: 'value', meta: '<n>', help: `steps of the ½‖∇L‖² descent to the MIS (default ${d.misSteps})` },
  { name: 'end', kind: 'value', meta: '<ridge|loss|steps>', help: 'ridge: end a ride when λ ≥ 0, the ridge turns or the loss stops falling, then branch (default); loss: only when the loss stops falling; steps: only at the step cap' },
  { name: 'update-rates', kind: 'value', meta: '<fixed|backtrack>', help: `UpdateRidge's gradient steps: fixed at LR_e and LR_λ (the paper's), or backtrack, a step that raises its loss undone and retried at half the rates (default ${d.updateRates})` },
  { name: 'patience', kind: 'value', meta: '<p>', help: `with --end ridge or loss and a fixed α: up to p steps in a row that do not lower the loss below the ride's lowest are taken; the next such step ends the ride, at its lowest point (the steps past it are dropped; its children start there) (default ${d.patience}: the first step that would raise the loss ends it)` },
  { name: 'overlap-every', kind: 'value', meta: '<n>', help: 'every n ride steps, the ride direction\'s largest overlap with the --top-n + 2 most negative exact eigenvectors by Lanczos, and that one\'s eigenvalue (Theorem 2); and where ∇L points: its share ‖P∇L‖/‖∇L‖ in those of them below 0 (ridge_share) and in the 10 sharpest eigen-directions (sharp_share) (default 0: never)' },
  { name: 'directions', kind: 'value', meta: '<eigen|random|gradient>', help: 'eigen: Ridge Rider (default); random: Rand-Ridge+, random unit descent directions in place of the eigenvectors; gradient: −∇L/‖∇L‖ at every step, plain descent with the rides\' step α, batches and end rule, for comparison' },
  { name: 'order', kind: 'value', meta: `<${ARCHIVE_ORDERS.join('|')}>`, help: `which ridge the search rides next: dfs from the newest ride's end (deep paths), bfs every ridge of the MIS first (default ${d.order})` },
  { name: 'first-ridges', kind: 'value', meta: '<K>', help: 'K searches of --ridges rides, the k-th leaving the MIS along ±v_k only (Fig. 5: ψ[0] = k); 0: one search (default)' },
  { name: 'shard', kind: 'value', meta: '<k/n>', help: 'with --first-ridges K: run only the searches k with k mod n = shard − 1 (default 1/1); each search draws its own minibatches, so the shards\' rides together are the whole run\'s, to the digit' },
  logOpt('ride'), backendOpt, seedOpt, jsonOpt,
];

/** `--log <file>`: one JSON line per finished ride (or trial), written as the run goes, so a stopped run keeps them. */
export function logOpt(what: 'ride' | 'trial'): OptionSpec {
  return { name: 'log', kind: 'value', meta: '<file>', help: `write the file afresh, then add one JSON line per ${what} as it ends (a run that is stopped keeps every finished ${what})` };
}

/** The --log file's writer: the file is created (or emptied) now, so a bad path fails before any work; null without --log. */
export function openLog(values: ReadonlyMap<string, string>): ((line: object) => void) | null {
  const path = values.get('log');
  if (path === undefined) return null;
  try {
    writeFileSync(path, '');
  } catch (e) {
    throw new UsageError(`--log: cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return (line) => appendFileSync(path, `${JSON.stringify(line)}\n`);
}

const misJson = (m: MnistRrMis) => ({ loss: m.loss, grad_norm: m.gradNorm, steps: m.steps, train_accuracy: m.trainAccuracy, spectrum: m.spectrum });
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** One ride as `--json` and `--log` print it; `start`: its first point's step from the MIS along its path. */
function rideJson(x: MnistRrRide, start: number) {
  return {
    fingerprint: x.fingerprint, start_step: start, eigenvalue: x.eigenvalue, end_reason: x.endReason, steps: x.steps, loss: x.loss, lambda: x.lambda,
    train_accuracy: x.trainAccuracy, test_accuracy: x.testAccuracy, digit_accuracy: x.digitAccuracy,
    overlap: x.overlap.map(finite), exact_lambda: x.exactLambda.map(finite), e_curvature: x.eCurvature.map(finite), descent: x.descent.map(finite),
    ridge_share: x.ridgeShare.map(finite), sharp_share: x.sharpShare.map(finite), e_norm: x.eNorm.map(finite),
  };
}

/** The settings of `mnist-rr` (and the fixed part of `mnist-rr-sweep`) from the options, over the defaults and a preset. */
export function mnistRrSettingsFrom(values: ReadonlyMap<string, string>): MnistRrSettings {
  const preset = values.has('preset') ? MNIST_RR_PRESETS[parseChoice('preset', values.get('preset')!, ['fig4', 'fig5'] as const)] : {};
  const num = (key: string, min: number, max: number, fallback: number, open = false) => (values.has(key) ? parseNumberInRange(key, values.get(key)!, min, max, open) : fallback);
  const int = (key: string, min: number, max: number, fallback: number) => (values.has(key) ? parseInteger(key, values.get(key)!, min, max) : fallback);
  const base = { ...d, ...preset };
  return {
    ...base,
    layers: values.has('layers') ? values.get('layers')!.split(',').map((t) => parseInteger('layers', t.trim(), 1, 100_000)) : base.layers,
    activation: values.has('activation') ? parseChoice('activation', values.get('activation')!, ACTIVATIONS) : (base.activation as Activation),
    ridges: int('ridges', 1, 10_000, base.ridges), steps: int('steps', 1, 1_000_000, base.steps),
    alpha: num('alpha', 0, 100, base.alpha, true),
    stepMode: values.has('step-size') ? parseChoice('step-size', values.get('step-size')!, ['fixed', 'backtracking'] as const) : base.stepMode, lrE: num('lr-e', 0, 100, base.lrE), lrLambda: num('lr-lambda', 0, 100, base.lrLambda),
    lambdaStart: values.has('lambda-start') ? parseChoice('lambda-start', values.get('lambda-start')!, ['rayleigh', 'previous'] as const) : base.lambdaStart,
    update: values.has('update') ? parseChoice('update', values.get('update')!, ['gradient', 'lanczos'] as const) : base.update,
    updateRates: values.has('update-rates') ? parseChoice('update-rates', values.get('update-rates')!, ['fixed', 'backtrack'] as const) : base.updateRates,
    inner: int('inner', 0, 10_000, base.inner), batch: int('batch', 1, 60_000, base.batch), topN: int('top-n', 1, 100, base.topN),
    eigensolver: values.has('eigensolver') ? parseChoice('eigensolver', values.get('eigensolver')!, ['lanczos', 'power'] as const) : base.eigensolver,
    batches: values.has('batches') ? parseChoice('batches', values.get('batches')!, ['fixed', 'fresh'] as const) : base.batches,
    stepScale: values.has('step-scale') ? parseChoice('step-scale', values.get('step-scale')!, ['lambda2', 'plain'] as const) : base.stepScale,
    eNorm: values.has('e-norm') ? parseChoice('e-norm', values.get('e-norm')!, ['unit', 'carried'] as const) : base.eNorm,
    evalSamples: int('eval', 1, 10_000, base.evalSamples), misSteps: int('mis-steps', 0, 1_000_000, base.misSteps),
    initScale: num('init-scale', 0, 10, base.initScale, true),
    end: values.has('end') ? parseChoice('end', values.get('end')!, MNIST_RR_ENDS) : base.end, seed: seedFrom(values),
    overlapEvery: int('overlap-every', 0, 1_000_000, base.overlapEvery), patience: int('patience', 0, 1_000_000, base.patience),
    firstRidges: int('first-ridges', 0, 100, base.firstRidges),
    order: values.has('order') ? parseChoice('order', values.get('order')!, ARCHIVE_ORDERS) : base.order,
    directions: values.has('directions') ? parseChoice('directions', values.get('directions')!, MNIST_RR_DIRECTIONS) : base.directions,
  };
}

/** `mnist-rr`: approximate Ridge Rider on MNIST, in this process. */
export async function commandMnistRr(values: ReadonlyMap<string, string>): Promise<string> {
  const s = mnistRrSettingsFrom(values);
  const shard = parseShard(values.get('shard'));
  if (shard.n > 1 && s.firstRidges === 0) throw new UsageError('--shard splits the searches of --first-ridges K; give --first-ridges too');
  const backend = await backendFrom(values);
  const data = { train: mnistDataset(await asUsage(() => loadMnistNode('train'))), test: mnistDataset(await asUsage(() => loadMnistNode('test'))) };
  const log = openLog(values);
  const startOf = rideStartTracker();
  // On a terminal, a line that says where the search is: a run can take hours.
  const status = ttyStatus();
  const t0 = performance.now();
  const total = s.ridges * (s.firstRidges > 0 ? shardIndices(s.firstRidges, shard).length : 1);
  let done = 0;
  let best = Number.NaN;
  const bestSoFar = () => (Number.isNaN(best) ? '' : `; best test so far ${(100 * best).toFixed(1)}%`);
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  status?.show(`mnist-rr: the near-MIS (${s.misSteps} steps) and its ridges…`, true);
  const hooks = {
    onMis: (mis: MnistRrMis, nParams: number) => log?.({ event: 'mis', backend, n_params: nParams, settings: s, shard: `${shard.k}/${shard.n}`, mis: misJson(mis) }),
    onRide: (x: MnistRrRide) => {
      done += 1;
      best = Math.max(Number.isNaN(best) ? 0 : best, ...x.testAccuracy);
      log?.({ event: 'ride', ...rideJson(x, startOf(x)) });
      status?.show(`mnist-rr: ${done} of at most ${total} rides done${bestSoFar()}, ${elapsed()}`, true);
    },
    onStep: (step: number) => status?.show(`mnist-rr: ride ${done + 1} of at most ${total}, step ${step} of at most ${s.steps}${bestSoFar()}, ${elapsed()}`),
  };
  const r = await asUsage(() => mnistRidgeRider(data, s, hooks, shard)).finally(() => status?.done());
  const starts = rideStarts(r.rides);
  log?.({ event: 'done', seconds: r.seconds, rides: r.rides.length });
  const fig5 = s.firstRidges > 0 ? fig5Rows(r.rides) : null;
  if (values.has('json')) {
    return JSON.stringify({
      backend, n_params: r.nParams, settings: r.settings, shard: `${shard.k}/${shard.n}`, seconds: r.seconds, matvecs: { get_ridges: r.matvecs.getRidges, update_ridge: r.matvecs.updateRidge, overlap: r.matvecs.overlap },
      mis: misJson(r.mis),
      rides: r.rides.map((x, i) => rideJson(x, starts[i]!)),
      ...(fig5 ? { fig5: Object.fromEntries(fig5.map((w) => [w.name, { steps: w.steps, rows: w.rows.map((x) => ({ psi0: x.psi0, digit_accuracy: x.means.map(finite) })) }])) } : {}),
    });
  }
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
  return [
    `${s.layers.join('-')} ${s.activation}, ${r.nParams} parameters, on ${backend}; loss and H v on ${s.batch} images; ${r.seconds.toFixed(1)} s`,
    `near-MIS after ${r.mis.steps} steps of ½‖∇L‖² descent: L = ${r.mis.loss.toPrecision(4)}, ‖∇L‖ = ${r.mis.gradNorm.toExponential(2)}, train accuracy ${pct(r.mis.trainAccuracy)}`,
    `  its smallest eigenvalues: ${r.mis.spectrum.map((v) => v.toPrecision(3)).join(', ')}`,
    `H v products: ${r.matvecs.getRidges} in GetRidges, ${r.matvecs.updateRidge} in UpdateRidge`,
    ...r.rides.map((x, i) => `ride ${x.fingerprint.join(',').padEnd(6)} from step ${String(starts[i]).padStart(4)}  λ = ${x.eigenvalue.toPrecision(3).padStart(8)}  ${String(x.steps).padStart(5)} steps (${x.endReason})  `
      + `train ${pct(x.trainAccuracy[0])} → ${pct(x.trainAccuracy.at(-1))}, test ${pct(x.testAccuracy[0])} → ${pct(x.testAccuracy.at(-1))}`),
    ...(fig5 ? fig5Text(fig5) : []),
  ].join('\n');
}

/**
 * Fig. 5's two heatmaps as numbers: per first ridge ψ[0], the test accuracy per digit averaged over the early and late
 * windows of steps from the MIS (the paper's 200–600 and 4000–5000 when the longest path has 5000 steps; scaled to it
 * otherwise, as the app's heatmaps are).
 */
function fig5Rows(rides: readonly MnistRrRide[]) {
  const w = digitWindows(longestPath(rides));
  return (['early', 'late'] as const).map((name) => ({ name, steps: w[name], rows: digitMeansByFirstRidge(rides, w[name]) }));
}

function fig5Text(fig5: ReturnType<typeof fig5Rows>): string[] {
  const cell = (v: number) => (Number.isFinite(v) ? (100 * v).toFixed(0) : '—').padStart(4);
  return [
    `Fig. 5: test accuracy per digit (%), averaged over a window of steps from the MIS, per first ridge ψ[0]`,
    `  ψ[0]  steps       ${Array.from({ length: 10 }, (_, d) => String(d).padStart(4)).join('')}`,
    ...fig5.flatMap((w) => w.rows.map((x) => `  ${String(x.psi0).padEnd(4)}  ${`${w.steps[0]}–${w.steps[1]}`.padEnd(10)}  ${x.means.map(cell).join('')}`)),
  ];
}

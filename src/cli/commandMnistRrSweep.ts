import { mnistDataset } from '../nn/dataset';
import { sweepSummary } from '../nn/sweepSummary';
import { SWEEP_RANGES, type SweepRanges } from '../nn/mnistRrSettings';
import { SWEEP_VARIANTS, runSweepTrial, sweepTrial, type SweepVariant } from '../runners/mnistRrSweep';
import { shardIndices } from '../runners/shard';
import { parseChoice, parseInteger, parseNumberList, parseShard, UsageError, type OptionSpec } from './args';
import { asUsage, backendFrom } from './commandNn';
import { MNIST_RR_OPTIONS, mnistRrSettingsFrom } from './commandMnistRr';
import { loadMnistNode } from './mnistNode';
import { openSweepLog, type LoggedTrial } from './sweepLog';
import { ttyStatus } from './ttyStatus';

/** Each swept hyper-parameter's `--range-…` option: its key in SweepRanges, whether it is an integer, and its largest value. */
const RANGE_OPTIONS = [
  { name: 'range-inner', key: 'inner', what: 'S (UpdateRidge\'s gradient steps per ride step)', integer: true, max: 10_000 },
  { name: 'range-alpha', key: 'alpha', what: 'α (the step length)', integer: false, max: 100 },
  { name: 'range-lr-e', key: 'lrE', what: 'LR_e (fixed trials keep 0)', integer: false, max: 100 },
  { name: 'range-lr-lambda', key: 'lrLambda', what: 'LR_λ', integer: false, max: 100 },
  { name: 'range-batch', key: 'batch', what: 'the batch', integer: true, max: 60_000 },
] as const;

const rangeText = ([lo, hi]: readonly [number, number]) => `${lo},${hi}`;

/** The ranges drawn: SWEEP_RANGES, with any `--range-… lo,hi` in place of its default (0 < lo ≤ hi; integers where drawn as integers). */
export function sweepRangesFrom(values: ReadonlyMap<string, string>): SweepRanges {
  const ranges: Record<keyof SweepRanges, readonly [number, number]> = { ...SWEEP_RANGES };
  for (const o of RANGE_OPTIONS) {
    const text = values.get(o.name);
    if (text === undefined) continue;
    const [lo, hi] = parseNumberList(o.name, text, 2, 'lo,hi') as [number, number];
    const min = o.integer ? 1 : 0;
    const fits = (v: number) => (o.integer ? Number.isInteger(v) && v >= min : v > min) && v <= o.max;
    if (!fits(lo) || !fits(hi) || lo > hi) {
      throw new UsageError(`--${o.name} must be lo,hi with ${o.integer ? `integers 1 ≤ lo` : '0 < lo'} ≤ hi ≤ ${o.max}, got "${text}"`);
    }
    ranges[o.key] = [lo, hi];
  }
  return ranges;
}

/**
 * mnist-rr's options a sweep draws or sets itself (a trial prints no checks, so --overlap-every has no place either),
 * and --first-ridges: a trial is one search from the MIS, as in the paper's sweep, not one search per first ridge.
 */
const SWEPT = ['log', 'inner', 'alpha', 'lr-e', 'lr-lambda', 'batch', 'step-scale', 'directions', 'preset', 'overlap-every', 'update-rates', 'first-ridges'];

export const MNIST_RR_SWEEP_ABOUT = 'Fig. 4 (right): a random sweep of approximate Ridge Rider\'s hyper-parameters on MNIST against its ablations, one result per trial';
export const MNIST_RR_SWEEP_OPTIONS: readonly OptionSpec[] = [
  { name: 'trials', kind: 'value', required: true, meta: '<n>', help: 'trials in the whole sweep (the paper: 2000)' },
  { name: 'shard', kind: 'value', meta: '<k/n>', help: 'run only the trials i with i mod n = k − 1 (default 1/1); shards together give the whole sweep' },
  { name: 'variants', kind: 'value', meta: '<rr,fixed,random>', help: 'the variants trial i cycles through: rr (Algorithm 2), fixed (LR_e = 0), random (Rand-Ridge+) (default rr,fixed)' },
  ...RANGE_OPTIONS.map((o): OptionSpec => ({ name: o.name, kind: 'value', meta: '<lo,hi>', help: `draw ${o.what} log-uniformly from [lo, hi] (default ${rangeText(SWEEP_RANGES[o.key])})` })),
  ...MNIST_RR_OPTIONS.filter((o) => !SWEPT.includes(o.name) && o.name !== 'shard'),
  { name: 'log', kind: 'value', meta: '<file>', help: 'write the file afresh: a line with the sweep\'s settings, then one JSON line per trial as it ends (a sweep that is stopped keeps every finished trial)' },
  { name: 'resume', kind: 'flag', help: 'with --log: keep the trials the log already holds and run only the rest (a stopped sweep goes on where it stopped; the log must come from the same options, --trials may grow)' },
];

/** `mnist-rr-sweep`: trials with S, α, LR_e, LR_λ and the batch drawn log-uniformly (SWEEP_RANGES, or the `--range-…` given). */
export async function commandMnistRrSweep(values: ReadonlyMap<string, string>): Promise<string> {
  const trials = parseInteger('trials', values.get('trials')!, 1, 100_000);
  const shard = parseShard(values.get('shard'));
  const { k, n } = shard;
  const variants = (values.get('variants') ?? 'rr,fixed').split(',').map((v) => parseChoice('variants', v.trim(), SWEEP_VARIANTS) as SweepVariant);
  const base = mnistRrSettingsFrom(values);
  const ranges = sweepRangesFrom(values);
  const mine = shardIndices(trials, shard);
  if (values.has('resume') && !values.has('log')) throw new UsageError('--resume needs --log <file>: the log of the sweep to go on with');
  const log = values.has('log') ? openSweepLog(values.get('log')!, { variants, seed: base.seed, ranges, settings: base }, values.has('resume'), mine) : null;
  const backend = await backendFrom(values);
  const data = { train: mnistDataset(await asUsage(() => loadMnistNode('train'))), test: mnistDataset(await asUsage(() => loadMnistNode('test'))) };
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  const trialJson = (r: Awaited<ReturnType<typeof runSweepTrial>>) => ({
    trial: r.index, variant: r.variant, inner: r.settings.inner, alpha: r.settings.alpha, lr_e: r.settings.lrE, lr_lambda: r.settings.lrLambda, batch: r.settings.batch,
    rides: r.rides, start_test_accuracy: num(r.startTest), final_train_accuracy: num(r.finalTrain), final_test_accuracy: num(r.finalTest), best_test_accuracy: num(r.bestTest), seconds: r.seconds,
  });
  type Row = ReturnType<typeof trialJson>;
  const results: Row[] = [];
  const todo = mine.filter((i) => !log?.done.has(i));
  const status = ttyStatus();
  let ran = 0;
  try {
    for (const i of mine) {
      const logged = log?.done.get(i);
      if (logged) {
        results.push(logged as LoggedTrial & Row);
        continue;
      }
      ran++;
      status?.show(`mnist-rr-sweep: trial ${i} (${ran} of ${todo.length} to run in shard ${k}/${n})…`, true);
      const row = trialJson(await asUsage(() => runSweepTrial(data, sweepTrial(base, variants, base.seed, i, ranges))));
      results.push(row);
      log?.write(row);
    }
  } finally {
    status?.done();
  }
  if (values.has('json')) return JSON.stringify({ trials, shard: `${k}/${n}`, variants, backend, seed: base.seed, ranges, settings: base, resumed: mine.length - todo.length, results });
  const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  const e2 = (v: number) => v.toExponential(2);
  return [
    `mnist-rr-sweep: ${results.length} of ${trials} trials (shard ${k}/${n}${mine.length > todo.length ? `; ${mine.length - todo.length} from the log` : ''}) on ${backend}, ${base.layers.join('-')}, ${base.ridges} rides of at most ${base.steps} steps each; `
      + `S in [${rangeText(ranges.inner)}], α in [${rangeText(ranges.alpha)}], LR_e in [${rangeText(ranges.lrE)}], LR_λ in [${rangeText(ranges.lrLambda)}], batch in [${rangeText(ranges.batch)}], log-uniform`,
    ...results.map((r) => `trial ${String(r.trial).padStart(4)} ${r.variant.padEnd(6)} S=${String(r.inner).padStart(3)} α=${e2(r.alpha)} LR_e=${e2(r.lr_e)} `
      + `LR_λ=${e2(r.lr_lambda)} batch=${String(r.batch).padStart(4)}  test ${pct(r.start_test_accuracy)} → final ${pct(r.final_test_accuracy)} (best ${pct(r.best_test_accuracy)}), ${r.seconds.toFixed(1)} s`),
    `final test accuracy: ${sweepSummary(results.map((r) => ({ variant: r.variant, finalTest: r.final_test_accuracy ?? Number.NaN })))}`,
  ].join('\n');
}

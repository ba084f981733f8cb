import { mnistDataset } from '../nn/dataset';
import { SWEEP_RANGES, SWEEP_VARIANTS, runSweepTrial, sweepTrial, type SweepVariant } from '../runners/mnistRrSweep';
import { shardIndices } from '../runners/shard';
import { parseChoice, parseInteger, parseShard, type OptionSpec } from './args';
import { asUsage, backendFrom } from './commandNn';
import { MNIST_RR_OPTIONS, logOpt, mnistRrSettingsFrom, openLog } from './commandMnistRr';
import { loadMnistNode } from './mnistNode';
import { ttyStatus } from './ttyStatus';

const SWEPT = ['log', 'inner', 'alpha', 'lr-e', 'lr-lambda', 'batch', 'step-scale', 'directions', 'preset'];

export const MNIST_RR_SWEEP_ABOUT = 'Fig. 4 (right): a random sweep of approximate Ridge Rider\'s hyper-parameters on MNIST against its ablations, one result per trial';
export const MNIST_RR_SWEEP_OPTIONS: readonly OptionSpec[] = [
  { name: 'trials', kind: 'value', required: true, meta: '<n>', help: 'trials in the whole sweep (the paper: 2000)' },
  { name: 'shard', kind: 'value', meta: '<k/n>', help: 'run only the trials i with i mod n = k − 1 (default 1/1); shards together give the whole sweep' },
  { name: 'variants', kind: 'value', meta: '<rr,fixed,random>', help: 'the variants trial i cycles through: rr (Algorithm 2), fixed (LR_e = 0), random (Rand-Ridge+) (default rr,fixed)' },
  ...MNIST_RR_OPTIONS.filter((o) => !SWEPT.includes(o.name) && o.name !== 'shard'),
  logOpt('trial'),
];

/** `mnist-rr-sweep`: trials with S, α, LR_e, LR_λ and the batch drawn log-uniformly (SWEEP_RANGES). */
export async function commandMnistRrSweep(values: ReadonlyMap<string, string>): Promise<string> {
  const trials = parseInteger('trials', values.get('trials')!, 1, 100_000);
  const shard = parseShard(values.get('shard'));
  const { k, n } = shard;
  const variants = (values.get('variants') ?? 'rr,fixed').split(',').map((v) => parseChoice('variants', v.trim(), SWEEP_VARIANTS) as SweepVariant);
  const base = mnistRrSettingsFrom(values);
  const backend = await backendFrom(values);
  const data = { train: mnistDataset(await asUsage(() => loadMnistNode('train'))), test: mnistDataset(await asUsage(() => loadMnistNode('test'))) };
  const log = openLog(values);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  const trialJson = (r: Awaited<ReturnType<typeof runSweepTrial>>) => ({
    trial: r.index, variant: r.variant, inner: r.settings.inner, alpha: r.settings.alpha, lr_e: r.settings.lrE, lr_lambda: r.settings.lrLambda, batch: r.settings.batch,
    rides: r.rides, start_test_accuracy: num(r.startTest), final_train_accuracy: num(r.finalTrain), final_test_accuracy: num(r.finalTest), best_test_accuracy: num(r.bestTest), seconds: r.seconds,
  });
  const results = [];
  const mine = shardIndices(trials, shard);
  const status = ttyStatus();
  try {
    for (const i of mine) {
      status?.show(`mnist-rr-sweep: trial ${i} (${results.length + 1} of ${mine.length} in shard ${k}/${n})…`, true);
      const r = await asUsage(() => runSweepTrial(data, sweepTrial(base, variants, base.seed, i)));
      results.push(r);
      log?.({ event: 'trial', ...trialJson(r) });
    }
  } finally {
    status?.done();
  }
  if (values.has('json')) return JSON.stringify({ trials, shard: `${k}/${n}`, variants, backend, seed: base.seed, ranges: SWEEP_RANGES, results: results.map(trialJson) });
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—');
  return [
    `mnist-rr-sweep: ${results.length} of ${trials} trials (shard ${k}/${n}) on ${backend}, ${base.layers.join('-')}, ${base.ridges} rides of at most ${base.steps} steps each`,
    ...results.map((r) => `trial ${String(r.index).padStart(4)} ${r.variant.padEnd(6)} S=${String(r.settings.inner).padStart(3)} α=${r.settings.alpha.toExponential(2)} LR_e=${r.settings.lrE.toExponential(2)} `
      + `LR_λ=${r.settings.lrLambda.toExponential(2)} batch=${String(r.settings.batch).padStart(4)}  test ${pct(r.startTest)} → final ${pct(r.finalTest)} (best ${pct(r.bestTest)}), ${r.seconds.toFixed(1)} s`),
  ].join('\n');
}

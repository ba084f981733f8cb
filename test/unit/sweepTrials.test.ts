import { describe, expect, it } from 'vitest';
import { SweepFileError, joinSweepFiles, sweepTrialsFromText, sweepTrialsToCsv } from '../../src/export/sweepTrials';
import type { NetSweepTrial } from '../../src/protocol/nn';

const trial = (index: number, over: Partial<NetSweepTrial> = {}): NetSweepTrial => ({
  index, variant: (['rr', 'fixed', 'random'] as const)[index % 3]!, inner: 3 + index, alpha: 0.0498 + index / 1000, lrE: index % 3 === 1 ? 0 : 0.00082, lrLambda: 2.1e-7, batch: 415,
  startTest: 0.0875, finalTrain: 0.17, finalTest: 0.168, bestTest: 0.1685, seconds: 97.02, ...over,
});
/** A trial as mnist-rr-sweep prints it (its JSON names). */
const cliRow = (t: NetSweepTrial) => ({
  trial: t.index, variant: t.variant, inner: t.inner, alpha: t.alpha, lr_e: t.lrE, lr_lambda: t.lrLambda, batch: t.batch, rides: 1,
  start_test_accuracy: t.startTest, final_train_accuracy: t.finalTrain, final_test_accuracy: Number.isFinite(t.finalTest) ? t.finalTest : null, best_test_accuracy: t.bestTest, seconds: t.seconds,
});
const fails = (text: string, what: RegExp) => expect(() => sweepTrialsFromText(text)).toThrow(what);

describe('sweep files (Fig. 4, right): the app\'s CSV and the command line\'s log and JSON', () => {
  const trials = [trial(0), trial(1), trial(2, { finalTest: Number.NaN })];

  it('reads back its own CSV, a missing accuracy as NaN, with its network', () => {
    const csv = sweepTrialsToCsv(trials, [784, 32, 10]);
    expect(csv.split('\n')[0]).toBe('trial,variant,inner,alpha,lr_e,lr_lambda,batch,start_test_accuracy,final_train_accuracy,final_test_accuracy,best_test_accuracy,seconds,network');
    expect(csv.split('\n')[3]).toContain(',0.17,,0.1685,');
    expect(sweepTrialsFromText(csv)).toEqual({ trials, layers: [784, 32, 10] });
    expect(sweepTrialsFromText(sweepTrialsToCsv(trials, null))).toEqual({ trials, layers: null });
  });

  it('reads a --log file: the network from its settings line, trials sorted, a cut-off last line dropped', () => {
    const log = [{ event: 'sweep', variants: ['rr', 'fixed', 'random'], seed: 1, settings: { layers: [784, 16, 10] } }, ...[2, 0, 1].map((i) => ({ event: 'trial', ...cliRow(trials[i]!) }))].map((l) => JSON.stringify(l)).join('\n');
    expect(sweepTrialsFromText(`${log}\n`)).toEqual({ trials, layers: [784, 16, 10] });
    expect(sweepTrialsFromText(`${log}\n{"event":"trial","tri`).trials).toEqual(trials);
    // A log from before the settings line (trial lines only): no network; and one with only its settings so far.
    expect(sweepTrialsFromText(log.split('\n').slice(1).join('\n'))).toEqual({ trials, layers: null });
    fails(log.split('\n')[0]!, /no trials/);
    // A bad line in the middle is an error, not skipped.
    fails(`${log.split('\n').slice(0, 2).join('\n')}\n{oops\n${log.split('\n')[2]}\n`, /line 3 is not JSON/);
  });

  it('joins a sweep\'s shards, sorted; a trial in two shards, or two networks, is refused', () => {
    const [a, b, c] = trials as [NetSweepTrial, NetSweepTrial, NetSweepTrial];
    expect(joinSweepFiles([{ trials: [b], layers: null }, { trials: [c, a], layers: [784, 32, 10] }])).toEqual({ trials, layers: [784, 32, 10] });
    expect(() => joinSweepFiles([{ trials: [a, b], layers: null }, { trials: [b], layers: null }])).toThrow(/trial 1 appears twice/);
    expect(() => joinSweepFiles([{ trials: [a], layers: [784, 32, 10] }, { trials: [b], layers: [784, 16, 10] }])).toThrow(/different networks \(784-32-10, 784-16-10\)/);
  });

  it('reads --json output', () => {
    expect(sweepTrialsFromText(JSON.stringify({ trials: 3, shard: '1/1', settings: { layers: [784, 32, 10] }, results: trials.map(cliRow) }))).toEqual({ trials, layers: [784, 32, 10] });
  });

  it('refuses anything else with a message that says what is wrong', () => {
    const csv = sweepTrialsToCsv(trials, null);
    fails('', /empty/);
    fails('{"a":1}', /no "results"/);
    fails('x,y\n1,2\n', /no columns trial, variant/);
    fails(csv.replace(',rr,', ',sgd,'), /line 2: variant must be rr, fixed or random/);
    fails(csv.replace(',0.1685,', ',1.5,'), /line 2: best_test_accuracy = 1.5 is out of range/);
    fails(csv.replace(',415,', ',abc,'), /line 2: batch is not a number/);
    fails(csv.replace(',0.0498,', ',0,'), /alpha = 0 is out of range/);
    fails(`${csv}${csv.split('\n')[1]}\n`, /trial 0 appears twice/);
    fails('{"event":"ride","x":1}\n{"event":"trial"}\n', /line 1 is neither a trial/);
    fails('{"event":"sweep"}\nnull\n', /line 2 is not a JSON object/);
    fails(JSON.stringify({ results: [{ ...cliRow(trials[0]!), inner: 2.5 }] }), /result 1: inner = 2.5 is out of range/);
    expect(() => sweepTrialsFromText('')).toThrow(SweepFileError);
  });
});

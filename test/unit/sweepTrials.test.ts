import { describe, expect, it } from 'vitest';
import { SweepFileError, joinSweepTrials, sweepTrialsFromText, sweepTrialsToCsv } from '../../src/export/sweepTrials';
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

  it('reads back its own CSV, a missing accuracy as NaN', () => {
    const csv = sweepTrialsToCsv(trials);
    expect(csv.split('\n')[0]).toBe('trial,variant,inner,alpha,lr_e,lr_lambda,batch,start_test_accuracy,final_train_accuracy,final_test_accuracy,best_test_accuracy,seconds');
    expect(csv.split('\n')[3]).toContain(',0.17,,0.1685,');
    expect(sweepTrialsFromText(csv)).toEqual(trials);
  });

  it('reads a --log file: its settings line skipped, trials sorted, a cut-off last line dropped', () => {
    const log = [{ event: 'sweep', variants: ['rr', 'fixed', 'random'], seed: 1 }, ...[2, 0, 1].map((i) => ({ event: 'trial', ...cliRow(trials[i]!) }))].map((l) => JSON.stringify(l)).join('\n');
    expect(sweepTrialsFromText(`${log}\n`)).toEqual(trials);
    expect(sweepTrialsFromText(`${log}\n{"event":"trial","tri`)).toEqual(trials);
    // A log from before the settings line (trial lines only), and one with only its settings so far.
    expect(sweepTrialsFromText(log.split('\n').slice(1).join('\n'))).toEqual(trials);
    fails(log.split('\n')[0]!, /no trials/);
    // A bad line in the middle is an error, not skipped.
    fails(`${log.split('\n').slice(0, 2).join('\n')}\n{oops\n${log.split('\n')[2]}\n`, /line 3 is not JSON/);
  });

  it('joins a sweep\'s shards, sorted; a trial in two shards is refused', () => {
    expect(joinSweepTrials([[trials[1]!], [trials[2]!, trials[0]!]])).toEqual(trials);
    expect(() => joinSweepTrials([[trials[0]!, trials[1]!], [trials[1]!]])).toThrow(/trial 1 appears twice/);
  });

  it('reads --json output', () => {
    expect(sweepTrialsFromText(JSON.stringify({ trials: 3, shard: '1/1', results: trials.map(cliRow) }))).toEqual(trials);
  });

  it('refuses anything else with a message that says what is wrong', () => {
    const csv = sweepTrialsToCsv(trials);
    fails('', /empty/);
    fails('{"a":1}', /no "results"/);
    fails('x,y\n1,2\n', /no columns trial, variant/);
    fails(csv.replace(',rr,', ',sgd,'), /line 2: variant must be rr, fixed or random/);
    fails(csv.replace(',0.1685,', ',1.5,'), /line 2: best_test_accuracy = 1.5 is out of range/);
    fails(csv.replace(',415,', ',abc,'), /line 2: batch is not a number/);
    fails(csv.replace(',0.0498,', ',0,'), /alpha = 0 is out of range/);
    fails(`${csv}${csv.split('\n')[1]}\n`, /trial 0 appears twice/);
    fails('{"event":"ride","x":1}\n{"event":"trial"}\n', /line 1 is neither a trial/);
    fails(JSON.stringify({ results: [{ ...cliRow(trials[0]!), inner: 2.5 }] }), /result 1: inner = 2.5 is out of range/);
    expect(() => sweepTrialsFromText('')).toThrow(SweepFileError);
  });
});

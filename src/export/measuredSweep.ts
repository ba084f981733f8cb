import { joinSweepFiles, sweepTrialsFromText, type SweepFile } from './sweepTrials';

/** What the app calls the shipped sweep where it names its source. */
export const MEASURED_SWEEP_SOURCE = 'the measured sweep';

/**
 * The random sweep of Fig. 4 (right) of Parker-Holder et al. 2020 ("Ridge Rider", NeurIPS), measured with the command
 * line and shipped with the app: the two shards' logs of
 *
 *   mnist-rr-sweep --trials 2000 --variants rr,fixed,random --layers 784,32,10 --ridges 1 --steps 600 --end loss
 *     --patience 20 --lambda-start previous --batches fresh --eval 2000 --range-inner 1,16 --range-alpha 0.01,0.2
 *     --range-lr-e 0.0001,0.1 --range-batch 256,1024 --shard k/2 --log src/data/sweeps/mnist-rr-sweep-k.jsonl
 *
 * (k = 1, 2), which the same command with `--resume` goes on with. Each trial is one ride from the MIS: trial i is drawn
 * from the seed and i alone, so the files hold trials 0 … n − 1 of the 2000. Loaded on demand (a chunk of its own).
 */
export async function loadMeasuredSweep(): Promise<SweepFile> {
  const shards = await Promise.all([import('../data/sweeps/mnist-rr-sweep-1.jsonl?raw'), import('../data/sweeps/mnist-rr-sweep-2.jsonl?raw')]);
  return joinSweepFiles(shards.map((s) => sweepTrialsFromText(s.default)));
}

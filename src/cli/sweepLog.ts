import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from './args';

/** What a sweep's log starts with: everything that decides trial i's draw and run, so a resumed sweep can be checked against it. */
export interface SweepLogHeader {
  readonly variants: readonly string[];
  readonly seed: number;
  readonly ranges: object;
  readonly settings: object;
}

/** A trial line as the log holds it (event 'trial'), without the event. */
export type LoggedTrial = { readonly trial: number } & Record<string, unknown>;

export interface SweepLog {
  /** Appends one trial's line. */
  readonly write: (trial: object) => void;
  /** The trials already in the log (resume only; empty for a fresh log), by index. */
  readonly done: ReadonlyMap<number, LoggedTrial>;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The `--log` file of `mnist-rr-sweep`. Fresh: the file is emptied and starts with a `sweep` line (the header); every
 * trial then adds a `trial` line as it ends. With `resume`, the file is kept: its header must equal this sweep's (the
 * same variants, seed, ranges and settings, so that its trials are the ones this sweep would draw and run), each trial
 * it holds must be one of `mine` (this shard's), and those trials are returned instead of being run again. A last line
 * cut off by a stopped process (no newline) is dropped. Anything else wrong with the file is a UsageError naming it.
 */
export function openSweepLog(path: string, header: SweepLogHeader, resume: boolean, mine: readonly number[]): SweepLog {
  const fail = (what: string) => new UsageError(`--log ${path}: ${what}`);
  const done = new Map<number, LoggedTrial>();
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  let text = '';
  if (resume) {
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw fail(`cannot read it to resume (${code(e)})`);
    }
    const lines = text.split('\n');
    // The text after the last newline: '' for a whole file, or a line a stopped process did not finish.
    const cut = lines.pop()!;
    if (cut !== '') text = text.slice(0, text.length - cut.length);
    if (lines.length === 0) throw fail('is empty; start the sweep without --resume');
    const mineSet = new Set(mine);
    lines.forEach((line, i) => {
      let row: { event?: unknown; trial?: unknown } & Record<string, unknown>;
      try {
        row = JSON.parse(line) as typeof row;
      } catch {
        throw fail(`line ${i + 1} is not JSON`);
      }
      if (i === 0) {
        const { event, ...rest } = row;
        if (event !== 'sweep') throw fail('does not start with a sweep line (not written by mnist-rr-sweep --log)');
        for (const key of ['variants', 'seed', 'ranges', 'settings'] as const) {
          if (!sameJson(rest[key], header[key])) throw fail(`was written by a sweep with other ${key}; resume it with the options it was started with`);
        }
        return;
      }
      const { event, ...trial } = row;
      if (event !== 'trial' || typeof trial.trial !== 'number') throw fail(`line ${i + 1} is not a trial`);
      if (!mineSet.has(trial.trial)) throw fail(`holds trial ${trial.trial}, which is not in this shard or beyond --trials`);
      done.set(trial.trial, trial as LoggedTrial);
    });
  }
  try {
    writeFileSync(path, resume ? text : `${JSON.stringify({ event: 'sweep', ...header })}\n`);
  } catch (e) {
    throw fail(`cannot write it (${code(e)})`);
  }
  return { write: (trial) => appendFileSync(path, `${JSON.stringify({ event: 'trial', ...trial })}\n`), done };
}

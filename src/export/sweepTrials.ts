import type { NetSweepTrial } from '../protocol/nn';
import { csvTable } from './trajectories';

/**
 * A sweep's trials (Fig. 4, right, of Parker-Holder et al. 2020) as files: the app's CSV, and the reader that takes
 * them back, along with what `mnist-rr-sweep` writes (its `--log` lines and its `--json` output). All three name the
 * columns as the command line does, so a trial reads the same in each; the network's layers come from the log's settings
 * line, the JSON's `settings` or the CSV's `network` column.
 */
const COLUMNS = ['trial', 'variant', 'inner', 'alpha', 'lr_e', 'lr_lambda', 'batch', 'start_test_accuracy', 'final_train_accuracy', 'final_test_accuracy', 'best_test_accuracy', 'seconds'] as const;
type Column = (typeof COLUMNS)[number];

/** Where each column lives in a NetSweepTrial. */
const FIELD: Readonly<Record<Column, keyof NetSweepTrial>> = {
  trial: 'index', variant: 'variant', inner: 'inner', alpha: 'alpha', lr_e: 'lrE', lr_lambda: 'lrLambda', batch: 'batch',
  start_test_accuracy: 'startTest', final_train_accuracy: 'finalTrain', final_test_accuracy: 'finalTest', best_test_accuracy: 'bestTest', seconds: 'seconds',
};

/** The accuracies: a fraction in [0, 1], or missing (a trial whose rides never ran: '' in the CSV, null in JSON). */
const ACCURACIES: readonly Column[] = ['start_test_accuracy', 'final_train_accuracy', 'final_test_accuracy', 'best_test_accuracy'];
const VARIANTS = ['rr', 'fixed', 'random'] as const;
/** More trials than any sweep would hold (the paper's had 2000): a guard against reading an unrelated huge file. */
export const MAX_SWEEP_TRIALS = 100_000;

/** A sweep file's trials and, where the file says, the layer widths of the network they ran on. */
export interface SweepFile {
  readonly trials: NetSweepTrial[];
  readonly layers: readonly number[] | null;
}

const layersText = (layers: readonly number[]) => layers.join('-');

/** Layer widths from a file ("784-32-10" in a CSV, a list in JSON); null where absent or malformed. */
function layersFrom(v: unknown): number[] | null {
  const list = typeof v === 'string' ? (v === '' ? [] : v.split('-').map(Number)) : Array.isArray(v) ? v : [];
  return list.length >= 2 && list.every((x) => Number.isInteger(x) && (x as number) > 0) ? (list as number[]) : null;
}

/** One row per trial, in the command line's column names, and the network's layers; a missing accuracy is an empty cell. */
export function sweepTrialsToCsv(trials: readonly NetSweepTrial[], layers: readonly number[] | null): string {
  return csvTable([...COLUMNS, 'network'], trials.map((t) => [...COLUMNS.map((c) => {
    const v = t[FIELD[c]];
    return typeof v === 'number' && !Number.isFinite(v) ? '' : v;
  }), layers ? layersText(layers) : '']));
}

export class SweepFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepFileError';
  }
}

/** A trial from a record keyed by the column names (values as numbers, strings or null); `where` names it in errors. */
function trialFrom(rec: Readonly<Record<string, unknown>>, where: string): NetSweepTrial {
  const out: Record<string, unknown> = {};
  for (const c of COLUMNS) {
    const raw = rec[c];
    if (c === 'variant') {
      if (!VARIANTS.includes(raw as (typeof VARIANTS)[number])) throw new SweepFileError(`${where}: variant must be rr, fixed or random, got ${JSON.stringify(raw ?? null)}`);
      out[FIELD[c]] = raw;
      continue;
    }
    const missing = raw === null || raw === undefined || raw === '';
    if (missing && ACCURACIES.includes(c)) { out[FIELD[c]] = Number.NaN; continue; }
    const v = typeof raw === 'string' ? Number(raw) : raw;
    if (missing || typeof v !== 'number' || !Number.isFinite(v)) throw new SweepFileError(`${where}: ${c} is ${missing ? 'missing' : `not a number (${JSON.stringify(raw)})`}`);
    const ok = c === 'trial' ? Number.isInteger(v) && v >= 0
      : c === 'inner' ? Number.isInteger(v) && v >= 0
        : c === 'batch' ? Number.isInteger(v) && v >= 1
          : c === 'alpha' ? v > 0
            : ACCURACIES.includes(c) ? v >= 0 && v <= 1
              : v >= 0;
    if (!ok) throw new SweepFileError(`${where}: ${c} = ${v} is out of range`);
    out[FIELD[c]] = v;
  }
  return out as unknown as NetSweepTrial;
}

/** Splits one CSV line of plain cells (the app's sweep CSV quotes none: every cell is a number or a variant's name). */
const cells = (line: string) => line.split(',').map((x) => x.trim());

/**
 * The trials in a sweep file: `mnist-rr-sweep --log` (one JSON line per trial after a line with the sweep's
 * settings), `mnist-rr-sweep --json` (an object whose `results` are the trials), or the app's CSV (sweepTrialsToCsv).
 * A log's last line may be cut off by a stopped process and is skipped. Sorted by trial; a trial that appears twice
 * is an error, as is every malformed line, named by its number.
 */
export function sweepTrialsFromText(text: string): SweepFile {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new SweepFileError('the file is empty');
  let trials: NetSweepTrial[];
  let layers: number[] | null = null;
  // The whole text as one JSON value: --json's output (a log of one line is a JSON value too: its `event` tells).
  let whole: unknown;
  try { whole = JSON.parse(body); } catch { whole = undefined; }
  if (whole !== null && typeof whole === 'object' && !('event' in whole)) {
    const results = (whole as { results?: unknown }).results;
    if (!Array.isArray(results)) throw new SweepFileError('the JSON has no "results" list (expected the output of mnist-rr-sweep --json)');
    if (results.length > MAX_SWEEP_TRIALS) throw new SweepFileError(`the file holds ${results.length} trials; at most ${MAX_SWEEP_TRIALS} are read`);
    trials = results.map((r, i) => trialFrom((r ?? {}) as Record<string, unknown>, `result ${i + 1}`));
    layers = layersFrom((whole as { settings?: { layers?: unknown } }).settings?.layers);
  } else if (body.startsWith('{')) {
    const lines = body.split(/\r?\n/);
    trials = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        // A stopped process may leave its last line half written.
        if (i === lines.length - 1 && !text.endsWith('\n')) return;
        throw new SweepFileError(`line ${i + 1} is not JSON`);
      }
      if (row === null || typeof row !== 'object') throw new SweepFileError(`line ${i + 1} is not a JSON object`);
      if (row.event === 'trial') trials.push(trialFrom(row, `line ${i + 1}`));
      else if (row.event === 'sweep') layers = layersFrom((row.settings as { layers?: unknown } | undefined)?.layers);
      else throw new SweepFileError(`line ${i + 1} is neither a trial nor the sweep's settings (is this a log of mnist-rr-sweep?)`);
      if (trials.length > MAX_SWEEP_TRIALS) throw new SweepFileError(`the file holds more than ${MAX_SWEEP_TRIALS} trials`);
    });
  } else {
    const [head, ...rows] = body.split(/\r?\n/);
    const names = cells(head!);
    const missing = COLUMNS.filter((c) => !names.includes(c));
    if (missing.length > 0) throw new SweepFileError(`the CSV has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected a sweep's CSV)`);
    if (rows.length > MAX_SWEEP_TRIALS) throw new SweepFileError(`the file holds ${rows.length} trials; at most ${MAX_SWEEP_TRIALS} are read`);
    trials = rows.filter((r) => r.trim() !== '').map((r, i) => {
      const v = cells(r);
      if (v.length !== names.length) throw new SweepFileError(`line ${i + 2} has ${v.length} cells, the header ${names.length}`);
      if (i === 0) layers = layersFrom(v[names.indexOf('network')] ?? '');
      return trialFrom(Object.fromEntries(names.map((n, k) => [n, v[k]])), `line ${i + 2}`);
    });
  }
  if (trials.length === 0) throw new SweepFileError('the file holds no trials');
  return joinSweepFiles([{ trials, layers }]);
}

/**
 * The trials of several files (a sweep's shards), sorted by trial, and their network. A trial in two of them (or twice
 * in one) is an error, and so are files from two different networks.
 */
export function joinSweepFiles(files: readonly SweepFile[]): SweepFile {
  const trials = files.flatMap((f) => f.trials).sort((a, b) => a.index - b.index);
  for (let i = 1; i < trials.length; i++) if (trials[i]!.index === trials[i - 1]!.index) throw new SweepFileError(`trial ${trials[i]!.index} appears twice`);
  const networks = [...new Set(files.flatMap((f) => (f.layers ? [layersText(f.layers)] : [])))];
  if (networks.length > 1) throw new SweepFileError(`the files come from different networks (${networks.join(', ')})`);
  return { trials, layers: files.find((f) => f.layers)?.layers ?? null };
}

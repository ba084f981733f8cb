import { EXPERIMENTS, checkMeasured, experimentById, type CheckedNumber } from '../experiments';
import { fmtNum } from '../math/fmtNum';
import { UsageError, jsonOpt, type OptionSpec } from './args';

export const EXPERIMENTS_ABOUT = 'list the paper figures the app rebuilds (the experiments registry)';
export const EXPERIMENT_ABOUT = 'run one figure headless and print its numbers beside the expected ones';
export const EXPERIMENTS_OPTIONS: readonly OptionSpec[] = [jsonOpt];
export const EXPERIMENT_OPTIONS: readonly OptionSpec[] = [
  { name: 'id', kind: 'positional', required: true, meta: '<id>', help: 'the figure (see "experiments")' },
  jsonOpt,
];

/** `experiments`: id, title and source of every registered figure. */
export function commandExperiments(values: ReadonlyMap<string, string>): string {
  if (values.has('json')) return JSON.stringify(EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, source: e.source })));
  const w = Math.max(...EXPERIMENTS.map((e) => e.id.length));
  return EXPERIMENTS.map((e) => `${e.id.padEnd(w)}  ${e.title}\n${' '.repeat(w)}  ${e.source}`).join('\n');
}

const expectedText = (r: CheckedNumber): string => {
  const e = r.expected;
  const v = (x: number | string) => (typeof x === 'number' ? fmtNum(x) : x);
  return e.is === 'near' ? `${v(e.value)} ± ${fmtNum(e.tolerance)}` : e.is === 'below' ? `< ${v(e.value)}` : e.is === 'above' ? `> ${v(e.value)}` : `= ${v(e.value)}`;
};

/**
 * `experiment <id>`: runs the figure as the tests do (its `measure`, deterministic) and prints every number beside
 * the expected one; `matches` is true when all of them match. Exit code 0 either way (a mismatch is a finding, not
 * bad input).
 */
export function commandExperiment(values: ReadonlyMap<string, string>): string {
  const id = values.get('id')!;
  const e = experimentById(id);
  if (!e) throw new UsageError(`unknown experiment "${id}"; use one of ${EXPERIMENTS.map((x) => x.id).join(', ')}`);
  const rows = checkMeasured(e.expected, e.measure());
  const matches = rows.every((r) => r.matches);
  if (values.has('json')) {
    return JSON.stringify({
      id: e.id, title: e.title, source: e.source, matches,
      numbers: rows.map((r) => ({ name: r.name, label: r.label, value: r.measured, expected: r.expected, matches: r.matches })),
    });
  }
  const w = Math.max(...rows.map((r) => r.label.length));
  return [
    `${e.id}: ${e.title}`, `  ${e.source}`,
    ...rows.map((r) => `  ${r.matches ? '✓' : '✗'} ${r.label.padEnd(w)}  ${String(typeof r.measured === 'number' ? fmtNum(r.measured) : r.measured).padStart(12)}   expected ${expectedText(r)}`),
    `  ${rows.filter((r) => r.matches).length} of ${rows.length} numbers match`,
  ].join('\n');
}

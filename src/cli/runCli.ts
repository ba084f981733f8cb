import { FormulaError } from '../landscapes/expression/compileFormula';
import { JetEvaluator } from '../landscapes/expression/jet';
import type { Domain } from '../landscapes/grid';
import { LANDSCAPES, resolveLandscape, type ResolvedLandscape } from '../landscapes/registry';
import { findCriticalPoints } from '../math/criticalPoints';
import { METHOD_IDS, MAX_STEPS, isMethodId, methodSpec } from '../optimizers/methods';
import { runOptimizer } from '../optimizers/runOptimizer';
import { fmtNum } from '../optimizers/stopCriteria';
import { UsageError, parseArgs, parseInteger, parseNumber, parseNumberList, usageText, type OptionSpec } from './args';

/** What a CLI invocation produced; main.ts writes it out. On an error stdout is empty. */
export interface CliOutcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const HYPER_OPTIONS = ['lr', 'beta', 'beta1', 'beta2', 'eps', 'damping'] as const;
const DEFAULT_STEPS = 500;
const DEFAULT_SEED = 1;

const landscapeOpt: OptionSpec = { name: 'landscape', kind: 'value', required: true, meta: '<name|formula>', help: `built-in id (see "list") or a formula in x and y` };
const domainOpt: OptionSpec = { name: 'domain', kind: 'value', meta: '<x0,x1,y0,y1>', help: 'rectangle (default: the landscape\'s own; [-5,5]² for formulas)' };
const seedOpt: OptionSpec = { name: 'seed', kind: 'value', meta: '<n>', help: `integer seed, 0 to 2^32 − 1 (default ${DEFAULT_SEED})` };
const jsonOpt: OptionSpec = { name: 'json', kind: 'flag', help: 'print JSON' };

const SPECS: Readonly<Record<string, readonly OptionSpec[]>> = {
  run: [
    landscapeOpt,
    { name: 'method', kind: 'value', required: true, meta: `<${METHOD_IDS.join('|')}>`, help: 'optimizer' },
    { name: 'start', kind: 'value', required: true, meta: '<x,y>', help: 'start point' },
    { name: 'steps', kind: 'value', meta: '<n>', help: `step budget (default ${DEFAULT_STEPS}, at most ${MAX_STEPS})` },
    ...HYPER_OPTIONS.map((k): OptionSpec => ({ name: k, kind: 'value', meta: '<v>', help: hyperHelp(k) })),
    domainOpt, { ...seedOpt, help: `${seedOpt.help}; recorded only: the optimizers draw no random numbers` }, jsonOpt,
  ],
  critical: [landscapeOpt, domainOpt, { ...seedOpt, help: `${seedOpt.help}: jitter of the start grid` }, jsonOpt],
  list: [jsonOpt],
  help: [],
};

const ABOUT: Readonly<Record<string, string>> = {
  run: 'run one optimizer; prints final point, f, steps, stop reason and the trajectory',
  critical: 'find and classify all critical points (minimum, saddle, maximum, degenerate)',
  list: 'list the built-in landscapes',
  help: 'show this text',
};

function hyperHelp(key: string): string {
  const uses = methodsWith(key);
  const h = methodSpec(uses[0]!)!.hyper.find((x) => x.key === key)!;
  const name = h.label === h.symbol ? h.label : `${h.label} ${h.symbol}`;
  return `${name}, ${h.min} to ${h.max} (${uses.join(', ')})`;
}

function methodsWith(key: string): string[] {
  return METHOD_IDS.filter((m) => methodSpec(m)!.hyper.some((h) => h.key === key));
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** A built-in or a formula; an unknown name or a malformed formula is a UsageError listing the built-ins. */
function landscapeFrom(text: string): ResolvedLandscape {
  try {
    return resolveLandscape(text);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    const ids = LANDSCAPES.map((l) => l.id);
    const word = text.trim();
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(word)) {
      const best = ids.map((id) => ({ id, d: editDistance(word.toLowerCase(), id) })).sort((a, b) => a.d - b.d)[0]!;
      const hint = best.d <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean "${best.id}"? ` : '';
      throw new UsageError(`unknown landscape "${word}": ${hint}built-ins are ${ids.join(', ')}; or give a formula in x and y such as "x^2 + 3*y^2"`);
    }
    throw new UsageError(`bad formula "${word}": ${e.message}; built-ins are ${ids.join(', ')}`);
  }
}

function domainFrom(values: ReadonlyMap<string, string>, fallback: Domain): Domain {
  const text = values.get('domain');
  if (text === undefined) return fallback;
  const [x0, x1, y0, y1] = parseNumberList('domain', text, 4, 'x0,x1,y0,y1') as [number, number, number, number];
  if (!(x1 > x0) || !(y1 > y0)) throw new UsageError(`--domain must have x0 < x1 and y0 < y1, got "${text}"`);
  return { x0, x1, y0, y1 };
}

function seedFrom(values: ReadonlyMap<string, string>): number {
  const text = values.get('seed');
  return text === undefined ? DEFAULT_SEED : parseInteger('seed', text, 0, 2 ** 32 - 1);
}

function commandRun(values: ReadonlyMap<string, string>): string {
  const method = values.get('method')!;
  if (!isMethodId(method)) throw new UsageError(`unknown method "${method}"; use one of ${METHOD_IDS.join(', ')}`);
  const land = landscapeFrom(values.get('landscape')!);
  const [sx, sy] = parseNumberList('start', values.get('start')!, 2, 'x,y') as [number, number];
  const steps = values.has('steps') ? parseInteger('steps', values.get('steps')!, 1, MAX_STEPS) : DEFAULT_STEPS;
  const domain = domainFrom(values, land.def.domain);
  const seed = seedFrom(values);
  const takes = methodSpec(method)!.hyper.map((h) => h.key);
  const hyper: Record<string, number> = {};
  for (const key of HYPER_OPTIONS) {
    const text = values.get(key);
    if (text === undefined) continue;
    if (!takes.includes(key)) throw new UsageError(`--${key} does not apply to ${method}; ${method} takes ${takes.map((k) => `--${k}`).join(', ')}`);
    hyper[key] = parseNumber(key, text);
  }
  let result;
  try {
    result = runOptimizer(method, hyper, new JetEvaluator(land.tape), [sx, sy], { domain, maxSteps: steps });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const fullHyper = Object.fromEntries(methodSpec(method)!.hyper.map((h) => [h.key, hyper[h.key] ?? h.defaultValue]));
  if (values.has('json')) {
    const trajectory: [number, number, number][] = [];
    for (let i = 0; i < result.points.length; i += 3) trajectory.push([result.points[i]!, result.points[i + 1]!, result.points[i + 2]!]);
    return JSON.stringify({
      landscape: land.builtin ? land.def.id : land.def.formula, method, hyper: fullHyper, start: [sx, sy], domain, seed,
      final: result.final, f: result.f, steps: result.steps, stop: result.stop, message: result.message, trajectory,
    });
  }
  const hyperText = Object.entries(fullHyper).map(([k, v]) => `${k}=${v}`).join(' ');
  return [
    `${method} (${hyperText}) on ${land.builtin ? land.def.id : JSON.stringify(land.def.formula)} from (${sx}, ${sy})`,
    `  stop:  ${result.stop} after ${result.steps} step${result.steps === 1 ? '' : 's'}`,
    `  final: (${result.final[0].toPrecision(8)}, ${result.final[1].toPrecision(8)}), f = ${result.f.toPrecision(8)}`,
    `  ${result.message}`,
  ].join('\n');
}

function commandCritical(values: ReadonlyMap<string, string>): string {
  const land = landscapeFrom(values.get('landscape')!);
  const domain = domainFrom(values, land.def.domain);
  const seed = seedFrom(values);
  const points = findCriticalPoints(new JetEvaluator(land.tape), domain, { seed });
  if (values.has('json')) {
    return JSON.stringify({
      landscape: land.builtin ? land.def.id : land.def.formula, domain, seed,
      points: points.map((p) => ({ x: p.x, y: p.y, f: p.f, kind: p.kind, l1: p.l1, l2: p.l2, isolated: p.isolated })),
    });
  }
  const head = `${points.length} critical point${points.length === 1 ? '' : 's'} of ${land.builtin ? land.def.id : JSON.stringify(land.def.formula)} in [${domain.x0}, ${domain.x1}] × [${domain.y0}, ${domain.y1}] (seed ${seed})`;
  const rows = points.map((p) => `  ${p.kind.padEnd(10)} x = ${p.x.toFixed(6).padStart(11)}  y = ${p.y.toFixed(6).padStart(11)}  f = ${fmtNum(p.f).padStart(10)}  λ = (${fmtNum(p.l1)}, ${fmtNum(p.l2)})${p.isolated ? '' : '  (not isolated)'}`);
  return [head, ...rows].join('\n');
}

function commandList(values: ReadonlyMap<string, string>): string {
  if (values.has('json')) {
    return JSON.stringify(LANDSCAPES.map((l) => ({ id: l.id, name: l.name, formula: l.formula, domain: l.domain, minima: l.minima, description: l.description })));
  }
  const w = Math.max(...LANDSCAPES.map((l) => l.id.length));
  return LANDSCAPES.map((l) => `${l.id.padEnd(w)}  [${l.domain.x0}, ${l.domain.x1}] × [${l.domain.y0}, ${l.domain.y1}]  ${l.formula}`).join('\n');
}

/**
 * The CLI without process I/O, for main.ts and tests: `run`, `critical`, `list`, `help`. The engines do the work
 * (optimizers/runOptimizer, math/criticalPoints); this only parses and prints. Bad input is code 2 with a one-line
 * message on stderr and nothing on stdout; an unexpected exception is code 1.
 */
export function runCli(argv: readonly string[]): CliOutcome {
  try {
    const args = argv[0] === '--help' || argv[0] === '-h' ? ['help', ...argv.slice(1)] : argv;
    const { command, values } = parseArgs(args, SPECS);
    let out: string;
    switch (command) {
      case 'run': out = commandRun(values); break;
      case 'critical': out = commandCritical(values); break;
      case 'list': out = commandList(values); break;
      default: out = usageText('npm run cli --', SPECS, ABOUT); break;
    }
    return { code: 0, stdout: out, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `error: ${e.message.replace(/\s*\n\s*/g, ' ')}` };
    return { code: 1, stdout: '', stderr: `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}` };
  }
}

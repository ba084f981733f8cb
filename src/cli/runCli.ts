import { FormulaError } from '../landscapes/expression/compileFormula';
import { JetEvaluator } from '../landscapes/expression/jet';
import type { Domain } from '../landscapes/grid';
import { LANDSCAPES, resolveLandscape, type ResolvedLandscape } from '../landscapes/registry';
import { findCriticalPoints } from '../math/criticalPoints';
import { METHOD_IDS, MAX_STEPS, isMethodId, methodSpec } from '../optimizers/methods';
import { runOptimizer } from '../optimizers/runOptimizer';
import { fmtNum } from '../optimizers/stopCriteria';
import { ARCHIVE_ORDERS } from '../ridge-rider/archive';
import { fingerprintText } from '../ridge-rider/getRidges';
import { objectiveFromTape } from '../ridge-rider/objective';
import { refineToSaddle } from '../ridge-rider/refineToSaddle';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import { defaultStart2D } from '../ridge-rider/startPoint';
import { rngFromSeed } from '../math/rng';
import { UsageError, parseArgs, parseChoice, parseInteger, parseNumber, parseNumberInRange, parseNumberList, usageText, type OptionSpec } from './args';

/** What a CLI invocation produced; main.ts writes it out. On an error stdout is empty. */
export interface CliOutcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const HYPER_OPTIONS = ['lr', 'beta', 'beta1', 'beta2', 'eps', 'damping'] as const;
const DEFAULT_STEPS = 500;
const DEFAULT_SEED = 1;
/** Defaults of the ridge command (the engine's own defaults are in ridge-rider/state.ts and endRide.ts). */
const RIDGE_CLI = { order: 'bfs', alpha: 0.01, delta: 0.95, maxRides: 32, maxSteps: 100_000, gdLr: 0.01, gdSteps: 5000 } as const;

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
  ridge: [
    landscapeOpt,
    { name: 'start', kind: 'value', meta: '<x,y>', help: 'start point (default: the maximum with the most negative λ₁ in the domain, else such a saddle)' },
    { name: 'refine', kind: 'flag', help: 'Newton-refine --start to the nearby critical point first' },
    { name: 'order', kind: 'value', meta: `<${ARCHIVE_ORDERS.join('|')}>`, help: `archive order (default ${RIDGE_CLI.order})` },
    { name: 'alpha', kind: 'value', meta: '<v>', help: `step size α in (0, 10] (α_max with --backtrack; default ${RIDGE_CLI.alpha})` },
    { name: 'backtrack', kind: 'flag', help: 'halve α from --alpha until the overlap and loss checks pass (α_min = α/1024)' },
    { name: 'delta', kind: 'value', meta: '<v>', help: `overlap threshold δ_break in (0, 1] (default ${RIDGE_CLI.delta})` },
    { name: 'max-rides', kind: 'value', meta: '<n>', help: `cap on rides, 1 to 10000 (default ${RIDGE_CLI.maxRides})` },
    { name: 'max-steps', kind: 'value', meta: '<n>', help: `cap on ride steps over all rides, 1 to 10^6 (default ${RIDGE_CLI.maxSteps})` },
    { name: 'gd-finish', kind: 'flag', help: 'run gradient descent from every ride end; "end" is then where GD went' },
    { name: 'gd-lr', kind: 'value', meta: '<v>', help: `GD-finish learning rate, 1e-5 to 10 (default ${RIDGE_CLI.gdLr})` },
    { name: 'gd-steps', kind: 'value', meta: '<n>', help: `GD-finish step budget, 1 to ${MAX_STEPS} (default ${RIDGE_CLI.gdSteps})` },
    { ...domainOpt, help: `${domainOpt.help}; rides leaving it widened by its size on each side end as diverged` },
    { ...seedOpt, help: `${seedOpt.help}: the random order and the critical-point search` }, jsonOpt,
  ],
  list: [jsonOpt],
  help: [],
};

const ABOUT: Readonly<Record<string, string>> = {
  run: 'run one optimizer; prints final point, f, steps, stop reason and the trajectory',
  critical: 'find and classify all critical points (minimum, saddle, maximum, degenerate)',
  ridge: 'Ridge Rider (Algorithm 1): follow Hessian eigenvectors of negative curvature from a saddle or maximum, branching',
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

/**
 * `ridge`: Ridge Rider from --start (as given, or Newton-refined with --refine) or from the default start of
 * ridge-rider/startPoint.ts (a maximum first, else the saddle with the most negative λ₁). Prints the start used and,
 * per ride in search order, its fingerprint (ridge indices r = 2i for +v_i, 2i + 1 for −v_i at each branching),
 * parent, start, end (the GD-finish endpoint with --gd-finish; the ride's own end is then ride_end), f there, the
 * eigenvalue it was chosen for, steps and end_reason.
 */
function commandRidge(values: ReadonlyMap<string, string>): string {
  const land = landscapeFrom(values.get('landscape')!);
  const domain = domainFrom(values, land.def.domain);
  const seed = seedFrom(values);
  const order = parseChoice('order', values.get('order') ?? RIDGE_CLI.order, ARCHIVE_ORDERS);
  const num = (name: string, fallback: number, min: number, max: number, minOpen: boolean): number => {
    const text = values.get(name);
    return text === undefined ? fallback : parseNumberInRange(name, text, min, max, minOpen);
  };
  const int = (name: string, fallback: number, max: number): number => {
    const text = values.get(name);
    return text === undefined ? fallback : parseInteger(name, text, 1, max);
  };
  const alpha = num('alpha', RIDGE_CLI.alpha, 0, 10, true);
  const delta = num('delta', RIDGE_CLI.delta, 0, 1, true);
  const maxRides = int('max-rides', RIDGE_CLI.maxRides, 10_000);
  const maxSteps = int('max-steps', RIDGE_CLI.maxSteps, 1_000_000);
  const gd = values.has('gd-finish');
  for (const k of ['gd-lr', 'gd-steps']) if (values.has(k) && !gd) throw new UsageError(`--${k} needs --gd-finish`);
  const gdLr = num('gd-lr', RIDGE_CLI.gdLr, 1e-5, 10, false);
  const gdSteps = int('gd-steps', RIDGE_CLI.gdSteps, MAX_STEPS);
  if (values.has('refine') && !values.has('start')) throw new UsageError('--refine needs --start');
  const objective = objectiveFromTape(land.tape);
  const name = land.builtin ? land.def.id : JSON.stringify(land.def.formula);
  let start: [number, number];
  let rule: string;
  if (values.has('start')) {
    start = parseNumberList('start', values.get('start')!, 2, 'x,y') as [number, number];
    rule = 'given';
    if (values.has('refine')) {
      const r = refineToSaddle(objective, start, { maxStep: 0.5 * Math.hypot(domain.x1 - domain.x0, domain.y1 - domain.y0) });
      if (!r.converged) throw new UsageError(`--refine: ${r.message}`);
      start = [r.theta[0]!, r.theta[1]!];
      rule = `refined to a ${r.kind}`;
    }
  } else {
    const p = defaultStart2D(objective.surface!, domain, seed);
    if (!p) throw new UsageError(`${name} has no saddle or maximum in [${domain.x0}, ${domain.x1}] × [${domain.y0}, ${domain.y1}]; give --start`);
    start = [p.x, p.y];
    rule = p.kind;
  }
  const w = domain.x1 - domain.x0;
  const h = domain.y1 - domain.y0;
  let result;
  try {
    result = runRidgeRider(objective, start, {
      order, maxRides, maxTotalSteps: maxSteps, gdFinish: gd ? { lr: gdLr, maxSteps: gdSteps } : false,
      step: { mode: values.has('backtrack') ? 'backtracking' : 'fixed', alpha },
      endRide: { deltaBreak: delta, box: { lo: [domain.x0 - w, domain.y0 - h], hi: [domain.x1 + w, domain.y1 + h] } },
      recordPaths: false,
    }, rngFromSeed(seed));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (result.stop.reason === 'bad-start') throw new UsageError(`--start ${start.join(',')}: ${result.stop.note}`);
  const rides = result.rides.map((r) => ({
    id: r.id, fingerprint: r.fingerprint, parent: r.parent, start: r.start, direction: r.direction,
    end: gd ? r.endAfterGd! : r.end, f_end: gd ? r.fAfterGd! : r.f_end, eigenvalue: r.eigenvalue, steps: r.steps, end_reason: r.end_reason,
    ...(gd ? { ride_end: r.end, ride_f_end: r.f_end, gd_steps: r.gdSteps!, gd_stop: r.gdStop! } : {}),
  }));
  if (values.has('json')) {
    return JSON.stringify({
      landscape: land.builtin ? land.def.id : land.def.formula, domain, seed, start, start_rule: rule, f_start: result.fStart,
      options: { order, alpha, backtrack: values.has('backtrack'), delta, max_rides: maxRides, max_steps: maxSteps, gd_finish: gd ? { lr: gdLr, steps: gdSteps } : false },
      rides, search_order: result.order, stop: { reason: result.stop.reason, note: result.stop.note, archive_left: result.stop.archiveLeft },
      total_steps: result.totalSteps,
    });
  }
  const pt = (p: readonly number[]): string => `(${p.map((v) => v.toFixed(4)).join(', ')})`;
  const head = `Ridge Rider on ${name} from ${pt(start)} (${rule}), f = ${fmtNum(result.fStart)}: ${order}, α = ${alpha}${values.has('backtrack') ? ' (backtracking)' : ''}, δ_break = ${delta}${gd ? `, GD finish (lr ${gdLr})` : ''}`;
  const rows = rides.map((r) => `  #${String(r.id).padEnd(4)} ${fingerprintText(r.fingerprint).padEnd(16)} from ${String(r.parent ?? '-').padEnd(4)} ${r.end_reason.padEnd(14)} ${String(r.steps).padStart(5)} steps  end ${pt(r.end)}  f = ${fmtNum(r.f_end)}  λ = ${fmtNum(r.eigenvalue)}`);
  return [head, ...rows, `  ${result.rides.length} ride${result.rides.length === 1 ? '' : 's'}, ${result.totalSteps} steps; stop: ${result.stop.note}`].join('\n');
}

function commandList(values: ReadonlyMap<string, string>): string {
  if (values.has('json')) {
    return JSON.stringify(LANDSCAPES.map((l) => ({ id: l.id, name: l.name, formula: l.formula, domain: l.domain, minima: l.minima, description: l.description })));
  }
  const w = Math.max(...LANDSCAPES.map((l) => l.id.length));
  return LANDSCAPES.map((l) => `${l.id.padEnd(w)}  [${l.domain.x0}, ${l.domain.x1}] × [${l.domain.y0}, ${l.domain.y1}]  ${l.formula}`).join('\n');
}

/**
 * The CLI without process I/O, for main.ts and tests: `run`, `critical`, `ridge`, `list`, `help`. The engines do the work
 * (optimizers/runOptimizer, math/criticalPoints, ridge-rider/ridgeRider); this only parses and prints. Bad input is code 2 with a one-line
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
      case 'ridge': out = commandRidge(values); break;
      case 'list': out = commandList(values); break;
      default: out = usageText('npm run cli --', SPECS, ABOUT); break;
    }
    return { code: 0, stdout: out, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `error: ${e.message.replace(/\s*\n\s*/g, ' ')}` };
    return { code: 1, stdout: '', stderr: `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}` };
  }
}

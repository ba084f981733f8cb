import { fmtNum } from '../math/fmtNum';
import { JetEvaluator } from '../landscapes/expression/jet';
import { LANDSCAPES } from '../landscapes/registry';
import { findCriticalPoints } from '../math/criticalPoints';
import { METHOD_IDS, MAX_STEPS, isMethodId, methodSpec } from '../optimizers/methods';
import { runOptimizer } from '../optimizers/runOptimizer';

import {
  UsageError, domainFrom, domainOpt, jsonOpt, landscapeFrom, landscapeOpt, parseArgs, parseInteger, parseNumber, parseNumberList, seedFrom, seedOpt,
  usageText, type OptionSpec,
} from './args';
import { ES_ABOUT, ES_OPTIONS, commandEs } from './commandEs';
import {
  EXPERIMENT_ABOUT, EXPERIMENT_OPTIONS, EXPERIMENTS_ABOUT, EXPERIMENTS_OPTIONS, commandExperiment, commandExperiments,
} from './commandExperiment';
import { RIDGE_ABOUT, RIDGE_OPTIONS, commandRidge } from './commandRidge';
import { SMOOTH_ABOUT, SMOOTH_OPTIONS, commandSmooth } from './commandSmooth';
import { LEVER_ABOUT, LEVER_OPTIONS, commandLever } from './commandLever';
import { TREE_ABOUT, TREE_OPTIONS, TREE_SWEEP_ABOUT, TREE_SWEEP_OPTIONS, commandTree, commandTreeSweep } from './commandTree';
import { HESSIAN_ABOUT, HESSIAN_OPTIONS, MLP_TRAIN_ABOUT, MLP_TRAIN_OPTIONS, commandHessian, commandMlpTrain } from './commandNn';
import { MNIST_RR_ABOUT, MNIST_RR_OPTIONS, commandMnistRr } from './commandMnistRr';
import { MNIST_RR_SWEEP_ABOUT, MNIST_RR_SWEEP_OPTIONS, commandMnistRrSweep } from './commandMnistRrSweep';
import { COLORED_MNIST_ABOUT, COLORED_MNIST_OPTIONS, commandColoredMnist } from './commandColoredMnist';

/** What a CLI invocation produced; main.ts writes it out. On an error stdout is empty. */
export interface CliOutcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const HYPER_OPTIONS = ['lr', 'beta', 'beta1', 'beta2', 'eps', 'damping'] as const;
const DEFAULT_STEPS = 500;
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
  ridge: RIDGE_OPTIONS,
  es: ES_OPTIONS,
  smooth: SMOOTH_OPTIONS,
  experiments: EXPERIMENTS_OPTIONS,
  experiment: EXPERIMENT_OPTIONS,
  tree: TREE_OPTIONS,
  'tree-sweep': TREE_SWEEP_OPTIONS,
  lever: LEVER_OPTIONS,
  'mlp-train': MLP_TRAIN_OPTIONS,
  hessian: HESSIAN_OPTIONS,
  'mnist-rr': MNIST_RR_OPTIONS,
  'mnist-rr-sweep': MNIST_RR_SWEEP_OPTIONS,
  'colored-mnist': COLORED_MNIST_OPTIONS,
  list: [jsonOpt],
  help: [],
};

const ABOUT: Readonly<Record<string, string>> = {
  run: 'run one optimizer; prints final point, f, steps, stop reason and the trajectory',
  critical: 'find and classify all critical points (minimum, saddle, maximum, degenerate)',
  ridge: RIDGE_ABOUT,
  es: ES_ABOUT,
  smooth: SMOOTH_ABOUT,
  experiments: EXPERIMENTS_ABOUT,
  experiment: EXPERIMENT_ABOUT,
  tree: TREE_ABOUT,
  'tree-sweep': TREE_SWEEP_ABOUT,
  lever: LEVER_ABOUT,
  'mlp-train': MLP_TRAIN_ABOUT,
  hessian: HESSIAN_ABOUT,
  'mnist-rr': MNIST_RR_ABOUT,
  'mnist-rr-sweep': MNIST_RR_SWEEP_ABOUT,
  'colored-mnist': COLORED_MNIST_ABOUT,
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
 * The CLI without process I/O, for main.ts and tests: `run`, `critical`, `ridge`, `es`, `smooth`, `experiments`,
 * `experiment`, `list`, `help`. The engines do the work (optimizers/runOptimizer, math/criticalPoints,
 * runners/ridgeSearch, es/, experiments/); this only parses and prints. Bad input is code 2 with a one-line
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
      case 'es': out = commandEs(values); break;
      case 'smooth': out = commandSmooth(values); break;
      case 'experiments': out = commandExperiments(values); break;
      case 'experiment': out = commandExperiment(values); break;
      case 'tree': out = commandTree(values); break;
      case 'lever': out = commandLever(values); break;
      case 'tree-sweep': case 'mlp-train': case 'hessian': case 'mnist-rr': case 'mnist-rr-sweep': case 'colored-mnist': throw new UsageError(`${command} runs asynchronously: call runCliAsync`);
      case 'list': out = commandList(values); break;
      default: out = usageText('npm run cli --', SPECS, ABOUT); break;
    }
    return { code: 0, stdout: out, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `error: ${e.message.replace(/\s*\n\s*/g, ' ')}` };
    return { code: 1, stdout: '', stderr: `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}` };
  }
}

const ASYNC_COMMANDS = ['tree-sweep', 'mlp-train', 'hessian', 'mnist-rr', 'mnist-rr-sweep', 'colored-mnist'];

/**
 * runCli, with the commands that run asynchronously (`tree-sweep`, which may spread its jobs over child processes;
 * `mlp-train`, `hessian`, `mnist-rr` and `colored-mnist`, on TF.js). main.ts calls this one.
 */
export async function runCliAsync(argv: readonly string[]): Promise<CliOutcome> {
  if (!ASYNC_COMMANDS.includes(argv[0] ?? '')) return runCli(argv);
  try {
    const { command, values } = parseArgs(argv, SPECS);
    const out = command === 'tree-sweep' ? await commandTreeSweep(values, argv.slice(1)) : command === 'mlp-train' ? await commandMlpTrain(values)
      : command === 'mnist-rr' ? await commandMnistRr(values) : command === 'mnist-rr-sweep' ? await commandMnistRrSweep(values) : command === 'colored-mnist' ? await commandColoredMnist(values) : await commandHessian(values);
    return { code: 0, stdout: out, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `error: ${e.message.replace(/\s*\n\s*/g, ' ')}` };
    return { code: 1, stdout: '', stderr: `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}` };
  }
}

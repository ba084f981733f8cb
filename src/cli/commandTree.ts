import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { MAX_TREE_DEPTH, parseTree, positiveLeaves, TREE_DEFAULTS, TreeError, treeToJson, type BinaryTree, type TreeGenOptions } from '../envs/binaryTree';
import { TREE_MIS, type TreeMis } from '../envs/treeMis';
import { SOLUTION_CRITERIA, type SolutionCriterion } from '../envs/treePolicy';
import { runTreeMethods, TREE_METHODS, TREE_RUN_DEFAULTS, type TreeMethod, type TreeRunSettings } from '../runners/treeMethods';
import { mergeSweeps, runSweepJobs, sweepJobs, sweepResult, sweepTree, type SweepResult } from '../runners/treeSweep';
import { UsageError, jsonOpt, parseChoice, parseInteger, parseNumberInRange, parseShard, seedFrom, seedOpt, type OptionSpec } from './args';

export const TREE_ABOUT = 'Ridge Rider and its baselines on one tree MDP (the paper\'s Figs. 2 and 3): the positive leaves each finds';
export const TREE_SWEEP_ABOUT = 'the Fig. 2 sweep: every method on `trees` random trees per depth; mean, std and per-tree shares (--shard k/n for job arrays)';

const common: OptionSpec[] = [
  { name: 'sparsity', kind: 'value', meta: '<p>', help: `probability that a child is not grown, in [0, 1) (default ${TREE_DEFAULTS.sparsity})` },
  { name: 'rewards', kind: 'value', meta: '<paper|level>', help: 'paper: natural leaves +10, siblings −1 (default); level: natural leaves pay their level + 1' },
  { name: 'mis', kind: 'value', meta: `<${TREE_MIS.join('|')}>`, help: `the starting point (default ${TREE_RUN_DEFAULTS.mis})` },
  { name: 'methods', kind: 'value', meta: `<${TREE_METHODS.join(',')}>`, help: 'comma-separated (default: all)' },
  { name: 'budget', kind: 'value', meta: '<T>', help: `Ridge Rider's step budget; the baselines get the steps it used (default ${TREE_RUN_DEFAULTS.budget})` },
  { name: 'criterion', kind: 'value', meta: `<${SOLUTION_CRITERIA.join('|')}>`, help: `the leaf a policy names (default ${TREE_RUN_DEFAULTS.criterion})` },
  { name: 'alpha', kind: 'value', meta: '<α>', help: `α_max of the backtracking step (default ${TREE_RUN_DEFAULTS.alpha})` },
  { name: 'top', kind: 'value', meta: '<N>', help: `GetRidges keeps the top N eigen-directions (default ${TREE_RUN_DEFAULTS.topN})` },
];

export const TREE_OPTIONS: readonly OptionSpec[] = [
  { name: 'depth', kind: 'value', meta: '<d>', help: `tree depth, 1 to ${MAX_TREE_DEPTH} (default ${TREE_DEFAULTS.depth})` },
  { name: 'tree', kind: 'value', meta: '<file.json>', help: 'a tree {"nodes": [...]} instead of a random one' },
  ...common, seedOpt, jsonOpt,
];

export const TREE_SWEEP_OPTIONS: readonly OptionSpec[] = [
  { name: 'depths', kind: 'value', meta: '<4,6,8,10>', help: 'depths (default 4,6,8,10)' },
  { name: 'trees', kind: 'value', meta: '<n>', help: 'trees per depth (default 20)' },
  { name: 'shard', kind: 'value', meta: '<k/n>', help: 'run only the k-th of n disjoint slices of the jobs' },
  { name: 'workers', kind: 'value', meta: '<w>', help: 'processes to spread the sweep over (default: the CPU count, at most 8; ignored with --shard)' },
  ...common, seedOpt, jsonOpt,
];

function genFrom(values: ReadonlyMap<string, string>): Omit<TreeGenOptions, 'depth'> {
  const sparsity = values.has('sparsity') ? parseNumberInRange('sparsity', values.get('sparsity')!, 0, 1) : TREE_DEFAULTS.sparsity;
  if (!(sparsity < 1)) throw new UsageError('--sparsity must be below 1');
  const rewards = values.has('rewards') ? parseChoice('rewards', values.get('rewards')!, ['paper', 'level'] as const) : 'paper';
  return { ...TREE_DEFAULTS, sparsity, reverse: rewards === 'paper' };
}

function settingsFrom(values: ReadonlyMap<string, string>): TreeRunSettings {
  const methods = values.has('methods') ? values.get('methods')!.split(',').map((m) => parseChoice('methods', m.trim(), TREE_METHODS)) : TREE_METHODS;
  if (methods.length === 0) throw new UsageError('--methods lists no method');
  const alpha = values.has('alpha') ? parseNumberInRange('alpha', values.get('alpha')!, 0, 100, true) : TREE_RUN_DEFAULTS.alpha;
  return {
    ...TREE_RUN_DEFAULTS,
    mis: values.has('mis') ? parseChoice('mis', values.get('mis')!, TREE_MIS) as TreeMis : TREE_RUN_DEFAULTS.mis,
    criterion: values.has('criterion') ? parseChoice('criterion', values.get('criterion')!, SOLUTION_CRITERIA) as SolutionCriterion : TREE_RUN_DEFAULTS.criterion,
    budget: values.has('budget') ? parseInteger('budget', values.get('budget')!, 1, 10_000_000) : TREE_RUN_DEFAULTS.budget,
    alpha, alphaMin: alpha / 1024,
    topN: values.has('top') ? parseInteger('top', values.get('top')!, 1, 1000) : TREE_RUN_DEFAULTS.topN,
    methods: [...new Set(methods)],
  };
}

/** A tree from a file, with a one-line reason when it cannot be read or is not a valid tree. */
function treeFromFile(path: string): BinaryTree {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new UsageError(`cannot read ${path}: ${(e as Error).message}`); }
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) { throw new UsageError(`${path} is not JSON: ${(e as Error).message}`); }
  try { return parseTree(json); } catch (e) { if (e instanceof TreeError) throw new UsageError(`${path}: ${e.message}`); throw e; }
}

const round = (v: number) => Number(v.toPrecision(12));

/** `tree`: one tree (random or from a file), every chosen method, the positive leaves each finds. */
export function commandTree(values: ReadonlyMap<string, string>): string {
  const seed = seedFrom(values);
  const settings = settingsFrom(values);
  let tree: BinaryTree;
  if (values.has('tree')) {
    if (values.has('depth') || values.has('sparsity') || values.has('rewards')) throw new UsageError('--tree gives the tree; --depth, --sparsity and --rewards are for random trees');
    tree = treeFromFile(values.get('tree')!);
  } else {
    const depth = values.has('depth') ? parseInteger('depth', values.get('depth')!, 1, MAX_TREE_DEPTH) : TREE_DEFAULTS.depth;
    try { tree = sweepTree(seed, depth, 0, genFrom(values)); } catch (e) { if (e instanceof TreeError) throw new UsageError(e.message); throw e; }
  }
  const r = runTreeMethods(tree, settings, seed);
  if (values.has('json')) {
    return JSON.stringify({
      tree: treeToJson(tree), positive_leaves: positiveLeaves(tree),
      mis: { kind: settings.mis, theta: r.mis.theta, loss: r.mis.loss, grad_norm: r.mis.gradNorm, spectrum: r.mis.spectrum },
      settings: { budget: settings.budget, alpha: settings.alpha, top: settings.topN, delta_break: settings.deltaBreak, criterion: settings.criterion },
      methods: Object.fromEntries(Object.entries(r.methods).map(([m, x]) => [m, { found: x!.found, fraction: x!.fraction, steps: x!.steps, solutions: x!.solutions }])),
    });
  }
  const lines = [
    `tree: ${tree.nodes.length} nodes, ${tree.decisions.length} decision nodes, ${tree.leaves.length} leaves, positive: ${positiveLeaves(tree).join(', ')}`,
    `MIS (${settings.mis}): L = ${round(r.mis.loss)}, |∇L| = ${round(r.mis.gradNorm)}, λ_min = ${round(r.mis.spectrum[0] ?? NaN)}`,
    ...Object.entries(r.methods).map(([m, x]) => `  ${m.padEnd(16)} found ${x!.found.length}/${r.positive.length} (${(100 * x!.fraction).toFixed(0)}%) in ${x!.steps} steps, ${x!.solutions.length} solutions: ${x!.found.join(', ')}`),
  ];
  return lines.join('\n');
}

function sweepText(r: SweepResult, ms: number): string {
  const methods = [...new Set(Object.values(r.results).flatMap((x) => Object.keys(x)))] as TreeMethod[];
  const head = `depth  ${methods.map((m) => m.padStart(16)).join('')}`;
  const rows = r.depths.map((d) => `${String(d).padEnd(5)}  ${methods.map((m) => { const s = r.results[String(d)]?.[m]; return (s ? `${(100 * s.mean).toFixed(0)}% ± ${(100 * s.std).toFixed(0)}` : '—').padStart(16); }).join('')}`);
  return [`share of positive leaves found, ${r.trees} trees per depth (mean ± std over trees); ${(ms / 1000).toFixed(1)} s`, head, ...rows].join('\n');
}

/**
 * `tree-sweep`: the Fig. 2 sweep. With --shard k/n, only that slice (its JSON merges with the others'). Without it
 * the jobs are spread over --workers processes, each running a shard of this same command, and merged.
 */
export async function commandTreeSweep(values: ReadonlyMap<string, string>, argv: readonly string[]): Promise<string> {
  const t0 = performance.now();
  const seed = seedFrom(values);
  const settings = settingsFrom(values);
  const gen = genFrom(values);
  const depths = values.has('depths') ? values.get('depths')!.split(',').map((d) => parseInteger('depths', d.trim(), 1, MAX_TREE_DEPTH)) : [4, 6, 8, 10];
  const trees = values.has('trees') ? parseInteger('trees', values.get('trees')!, 1, 10_000) : 20;
  let result: SweepResult;
  if (values.has('shard')) {
    const rows = runSweepJobs(sweepJobs(depths, trees, parseShard(values.get('shard'))), seed, settings, gen);
    result = sweepResult(depths, trees, rows);
  } else {
    const jobs = depths.length * trees;
    const workers = Math.min(jobs, values.has('workers') ? parseInteger('workers', values.get('workers')!, 1, 64) : Math.min(8, cpus().length));
    if (workers <= 1) result = sweepResult(depths, trees, runSweepJobs(sweepJobs(depths, trees), seed, settings, gen));
    else {
      // The same command, once per shard, in child processes (tsx's loader comes with process.execArgv).
      const run = promisify(execFile);
      const base = argv.filter((a, i) => !/^--(workers|shard|json)(=|$)/.test(a) && !/^--(workers|shard)$/.test(argv[i - 1] ?? ''));
      const parts = await Promise.all(Array.from({ length: workers }, async (_, k) => {
        const { stdout } = await run(process.execPath, [...process.execArgv, process.argv[1]!, 'tree-sweep', ...base, '--shard', `${k + 1}/${workers}`, '--json'], { maxBuffer: 256 << 20 });
        return JSON.parse(stdout) as SweepResult;
      }));
      result = mergeSweeps(parts);
    }
  }
  const ms = performance.now() - t0;
  if (values.has('json')) {
    return JSON.stringify({ ...result, seed, settings: { budget: settings.budget, mis: settings.mis, criterion: settings.criterion, alpha: settings.alpha, top: settings.topN, sparsity: gen.sparsity }, ms });
  }
  return sweepText(result, ms);
}

import { MAX_TREE_DEPTH } from '../envs/binaryTree';
import { MAX_LEVERS, LeverError, checkPayoffs } from '../envs/leverGame';
import { TREE_METHOD_NAMES, TREE_METHODS, type TreeMethod } from '../envs/treeMethodIds';
import { TREE_MIS, type TreeMis } from '../envs/treeMis';
import { SOLUTION_CRITERIA, type SolutionCriterion } from '../envs/treePolicy';
import { choiceField, flagField, idListField, inSection, numberField, numberListField, type ParamField } from './fieldKinds';
import { TREE_SWEEPS, type TreeSweep } from '../envs/treeSweeps';
import type { AppParams } from './params';

const mdp = <K extends keyof AppParams['mdp']>(k: K) => inSection('mdp', k);
const lever = <K extends keyof AppParams['lever']>(k: K) => inSection('lever', k);

const MIS_TEXT: Readonly<Record<TreeMis, { label: string; help: string }>> = {
  'zero': { label: 'θ = 0', help: 'Every decision node picks left and right with probability ½ (maximum entropy at each node)' },
  'trajectory-entropy': { label: 'uniform leaves', help: 'The policy under which every leaf is equally likely (maximum entropy of the whole trajectory)' },
  'paper': { label: 'small gradient, high entropy', help: 'Minimizes |∇J|² − λ·entropy from θ = 0, as the authors describe the MIS' },
};
const CRITERION_TEXT: Readonly<Record<SolutionCriterion, { label: string; help: string }>> = {
  'most-probable': { label: 'most probable leaf', help: 'A policy has found the leaf it reaches with the highest probability' },
  'greedy': { label: 'greedy path', help: 'A policy has found the leaf of the path that turns right wherever p(right) ≥ ½' },
};
const SWEEP_TEXT: Readonly<Record<TreeSweep, { label: string; help: string }>> = {
  fig2: { label: 'Fig. 2: depths 4–10, 20 trees each', help: 'The share of positive leaves each method finds, per depth' },
  fig3: { label: 'Fig. 3: depth 12, 10 trees', help: 'Ridge Rider against its ablations Fixed-EV and Rand-Ridge+ on deep trees' },
};

function checkLeverPayoffs(v: readonly number[]): string | null {
  try { checkPayoffs(v); return null; } catch (e) { if (e instanceof LeverError) return e.message; throw e; }
}

/** The tree MDP view in the link: keys t, td, tsp, trw, tt, tmi, tcr, tb, ta, tn, tm, tsw. */
export const MDP_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 't', label: 'show the tree MDP', group: 'mdp', ...mdp('on') }),
  numberField({ key: 'td', label: 'depth', group: 'mdp', min: 1, max: MAX_TREE_DEPTH, integer: true, log: false, help: 'Levels of the random tree', ...mdp('depth') }),
  numberField({ key: 'tsp', label: 'sparsity', group: 'mdp', min: 0, max: 0.95, integer: false, log: false,
    help: 'Probability that a child is not grown (the paper\'s value is not published; 0.5 is the authors\' generator default)', ...mdp('sparsity') }),
  choiceField({ key: 'trw', label: 'rewards', group: 'mdp', what: 'reward scheme', ...mdp('rewards'),
    options: [{ value: 'paper', label: '+10 / −1 (the paper)' }, { value: 'level', label: 'level + 1 / −1' }] }),
  numberField({ key: 'tt', label: 'tree', group: 'mdp', min: 0, max: 1_000_000, integer: true, log: false, help: 'Which random tree: the generator\'s seed', ...mdp('tree') }),
  choiceField<TreeMis>({ key: 'tmi', label: 'MIS', group: 'mdp', what: 'starting point', options: TREE_MIS.map((v) => ({ value: v, ...MIS_TEXT[v] })), ...mdp('mis') }),
  choiceField<SolutionCriterion>({ key: 'tcr', label: 'solution', group: 'mdp', what: 'solution criterion',
    options: SOLUTION_CRITERIA.map((v) => ({ value: v, ...CRITERION_TEXT[v] })), ...mdp('criterion') }),
  numberField({ key: 'tb', label: 'budget T', group: 'mdp', min: 1, max: 1_000_000, integer: true, log: true,
    help: 'Ridge Rider\'s step budget; the baselines get the steps it used on the tree', ...mdp('budget') }),
  numberField({ key: 'ta', label: 'α', group: 'mdp', min: 1e-4, max: 10, integer: false, log: true, help: 'α_max of the backtracking step', ...mdp('alpha') }),
  numberField({ key: 'tn', label: 'top N', group: 'mdp', min: 1, max: 100, integer: true, log: false, help: 'GetRidges keeps the N most negative eigen-directions (the paper: 6)', ...mdp('topN') }),
  idListField<TreeMethod>({ key: 'tm', label: 'Methods', group: 'mdp', kind: 'ordered-subset', what: 'method',
    options: TREE_METHODS.map((m) => ({ value: m, label: TREE_METHOD_NAMES[m] })), ...mdp('methods') }),
  choiceField<TreeSweep>({ key: 'tsw', label: 'sweep', group: 'mdp', what: 'sweep', options: TREE_SWEEPS.map((v) => ({ value: v, ...SWEEP_TEXT[v] })), ...mdp('sweep') }),
] as readonly ParamField<unknown>[];

/** The lever game view in the link: keys lv, lvp, lvn, lvk, lvct. */
export const LEVER_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 'lv', label: 'show the lever game', group: 'lever', ...lever('on') }),
  numberListField({ key: 'lvp', label: 'payoffs', group: 'lever', maxLength: MAX_LEVERS, check: checkLeverPayoffs,
    help: 'The levers\' payoffs, comma-separated (the paper: seven 1, two 0.8, one 0.6)', ...lever('payoffs') }),
  numberField({ key: 'lvn', label: 'N runs', group: 'lever', min: 2, max: 1000, integer: true, log: false, help: 'Independent replicates per ridge', ...lever('runs') }),
  numberField({ key: 'lvk', label: 'repeats', group: 'lever', min: 1, max: 100, integer: true, log: false, help: 'Batches of N runs, for the error bars', ...lever('repeats') }),
  numberField({ key: 'lvct', label: 'eigenspace tolerance', group: 'lever', min: 1e-9, max: 0.5, integer: false, log: true, ...lever('clusterTol'),
    help: 'Eigenvalues closer than this times max|λ| count as one eigenspace, and a ride follows its direction\'s projection onto it. '
      + 'The MIS has a six-fold eigenvalue that splits as soon as a ride moves: at 10⁻⁶ (exact repeats only) those rides stop at once' }),
] as readonly ParamField<unknown>[];

import { RIDGE_EXPERIMENT_IDS, experimentById } from '../experiments';
import { ARCHIVE_ORDERS, type ArchiveOrder } from '../ridge-rider/archive';
import { RIDGE_END_CRITERIA, RIDGE_STEP_MODES, type RidgeEndCriterion } from '../ridge-rider/settings';
import { checkPoint, choiceField, flagField, idListField, inSection, numberField, pointField, type FieldOption, type ParamField } from './fieldKinds';
import { MAX_COORD } from './limits';
import { NO_PRESET, type RidgeParams } from './params';
import { defaultFinishStepSize } from './stepSizes';

/** Largest rides cap a link may ask for. */
export const MAX_RIDES = 500;

const ORDER_TEXT: Readonly<Record<ArchiveOrder, Omit<FieldOption, 'value'>>> = {
  bfs: { label: 'breadth-first', help: 'The archive is a queue: every ridge of a branching before any of the next' },
  dfs: { label: 'depth-first', help: 'The archive is a stack: follow the newest branching first' },
  best: { label: 'best-first (loss)', help: 'The ridge whose start has the lowest loss first' },
  random: { label: 'random', help: 'Uniformly at random, from the seed' },
};

const END_TEXT: Readonly<Record<RidgeEndCriterion, Omit<FieldOption, 'value'>>> = {
  curvature: { label: 'λ ≥ 0', help: 'The followed eigenvalue is no longer negative: the ridge has ended' },
  overlap: { label: 'overlap < δ_break', help: 'The new direction overlaps the previous one by less than δ_break: the ridge turned too fast' },
  loss: { label: 'loss stops decreasing', help: 'The step would raise the loss' },
};

const ridge = <K extends keyof RidgeParams>(k: K) => inSection('ridge', k);

/** The Ridge Rider settings in the link (keys r*), with the labels, ranges and help of the panel's controls. */
export const RIDGE_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 'rr', label: 'Run Ridge Rider', group: 'ridge', ...ridge('on') }),
  choiceField({
    key: 'rp', label: 'Figure preset', group: 'ridge', what: 'value', ...ridge('preset'),
    options: [{ value: NO_PRESET, label: 'none: the settings below' }, ...RIDGE_EXPERIMENT_IDS.map((id) => ({ value: id, label: experimentById(id)!.title }))],
  }),
  pointField({ key: 'rs', label: 'Ridge Rider start', group: 'ridge', maxAbs: MAX_COORD, what: 'x,y', check: (v) => checkPoint(v, MAX_COORD, 'Ridge Rider start'), ...ridge('start') }),
  choiceField({ key: 'ro', label: 'Archive order', group: 'ridge', what: 'value', options: ARCHIVE_ORDERS.map((o) => ({ value: o, ...ORDER_TEXT[o] })),
    help: 'ChooseFromArchive: which waiting ridge is ridden next', ...ridge('order') }),
  choiceField({ key: 'rm', label: 'Step size', group: 'ridge', what: 'value', ...ridge('stepMode'),
    options: RIDGE_STEP_MODES.map((m) => ({ value: m, label: m === 'fixed' ? 'fixed α' : 'backtracking from α' })),
    help: 'Backtracking (the paper\'s tree experiments) halves α from α_max until the overlap and loss checks pass' }),
  numberField({ key: 'ra', label: 'α', group: 'ridge', min: 1e-6, max: 10, integer: false, log: true,
    help: 'Step size along the ridge: θ ← θ + α d (the largest step, α_max, when backtracking)', ...ridge('alpha') }),
  numberField({ key: 'rd', label: 'δ_break', group: 'ridge', min: 0.01, max: 1, integer: false, log: false,
    help: 'Two directions belong to the same ridge when their overlap |⟨d, d′⟩| is at least δ_break (the paper uses 0.95)', ...ridge('deltaBreak') }),
  idListField<RidgeEndCriterion>({ key: 're', label: 'EndRide when', group: 'ridge', kind: 'toggles', what: 'end criterion',
    options: RIDGE_END_CRITERIA.map((c) => ({ value: c, ...END_TEXT[c] })), ...ridge('end') }),
  numberField({ key: 'rk', label: 'Steps per ride', group: 'ridge', min: 1, max: 100_000, integer: true, log: true,
    help: 'A ride that takes this many steps ends and branches there', ...ridge('maxRideSteps') }),
  numberField({ key: 'rx', label: 'Maximum rides', group: 'ridge', min: 1, max: MAX_RIDES, integer: true, log: true,
    help: 'Cap on the number of rides: the size of the search tree', ...ridge('maxRides') }),
  numberField({ key: 'rt', label: 'Top N (0: all)', group: 'ridge', min: 0, max: 100, integer: true, log: false,
    help: 'Branch only along the N most negative eigenvectors at each point', ...ridge('topN') }),
  flagField({ key: 'rg', label: 'One ridge per group of equal eigenvalues', group: 'ridge',
    help: 'Symmetric problems have repeated eigenvalues; every direction of such an eigenspace leads to an equivalent solution', ...ridge('onePerGroup') }),
  flagField({ key: 'rf', label: 'Gradient-descent finish', group: 'ridge', help: 'Run gradient descent from where each ride ends', ...ridge('gdFinish') }),
  numberField({ key: 'rl', label: 'η', group: 'ridge', min: 1e-5, max: 10, integer: false, log: true, help: 'Step size of the gradient-descent finish',
    ...ridge('gdLr'), fallback: (p) => defaultFinishStepSize(p.landscape) }),
  flagField({ key: 'rc', label: 'Ring of GD runs (Appendix D.1)', group: 'ridge',
    help: 'Gradient descent started close around a saddle leaves along the direction of most negative curvature (the paper\'s Appendix D.1)', ...ridge('ring') }),
  numberField({ key: 'rcr', label: 'radius', group: 'ridge', min: 1e-6, max: 1e3, integer: false, log: true, help: 'Radius of the ring of starts', ...ridge('ringRadius') }),
  numberField({ key: 'rcn', label: 'runs', group: 'ridge', min: 1, max: 64, integer: true, log: false, help: 'Gradient-descent runs on the ring', ...ridge('ringCount') }),
] as readonly ParamField<unknown>[];

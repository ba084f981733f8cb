import { ES_RUN_ALGOS, ES_RUN_SHAPINGS, MAX_ES_ITERS, MAX_ES_POP, type EsRunAlgo } from '../es/esRunSettings';
import { LANDSCAPES_1D } from '../es/landscapes1d';
import type { ShapingId } from '../es/shaping';
import { MAX_SMOOTH_SAMPLES, SMOOTH_VIEW_METHODS, type SmoothViewMethod } from '../es/smoothSettings';
import {
  choiceField, flagField, formulaField, idListField, inSection, numberField, pointField, type FieldOption, type ParamField,
} from './fieldKinds';
import { ES_SPECS } from './runSpecs';
import { ONED_FUNCTIONS, type AppParams } from './params';

const SHAPING_TEXT: Readonly<Record<ShapingId, Omit<FieldOption, 'value'>>> = {
  none: { label: 'none', help: 'The raw losses' },
  ranks: { label: 'centered ranks', help: 'Ranks scaled to [−0.5, 0.5] (Salimans et al. 2017)' },
  nes: { label: 'NES utilities', help: 'Log-rank utilities, the best sample weighted most (Wierstra et al. 2014)' },
  'nes-havtorn': { label: 'NES utilities, reversed', help: 'The same utilities ranked as in Havtorn\'s 2018 code: the worst sample gets the largest utility' },
  zscore: { label: 'z-score', help: 'Losses standardized to mean 0 and standard deviation 1' },
};

const es = <K extends keyof AppParams['es']>(k: K) => inSection('es', k);
const smooth = <K extends keyof AppParams['smooth']>(k: K) => inSection('smooth', k);
const oned = <K extends keyof AppParams['oned']>(k: K) => inSection('oned', k);

/** The evolution-strategy settings in the link: keys e*. */
export const ES_FIELDS: readonly ParamField<unknown>[] = [
  idListField<EsRunAlgo>({ key: 'e', label: 'Evolution strategies', group: 'es', kind: 'ordered-subset', what: 'algorithm',
    options: ES_RUN_ALGOS.map((a) => ({ value: a, label: ES_SPECS[a].name, help: ES_SPECS[a].update })), ...es('algos') }),
  numberField({ key: 'es0', label: 'σ₀', group: 'es', min: 1e-6, max: 1e3, integer: false, log: true, help: 'Initial standard deviation of the search distribution', ...es('sigma0') }),
  numberField({ key: 'en', label: 'N', group: 'es', min: 2, max: MAX_ES_POP, integer: true, log: false, help: 'Population: samples per generation', ...es('pop') }),
  numberField({ key: 'ei', label: 'generations', group: 'es', min: 1, max: MAX_ES_ITERS, integer: true, log: false, help: 'Generation budget', ...es('iters') }),
  flagField({ key: 'ea', label: 'antithetic', group: 'es', help: 'Mirrored samples (ε, −ε): lower variance for the same N', ...es('antithetic') }),
  choiceField<ShapingId>({ key: 'esh', label: 'shaping', group: 'es', what: 'shaping', options: ES_RUN_SHAPINGS.map((v) => ({ value: v, ...SHAPING_TEXT[v] })),
    help: 'Fitness shaping: what each sample\'s loss is replaced by before the gradient estimate', ...es('shaping') }),
  numberField({ key: 'elm', label: 'η_μ (0 auto)', group: 'es', min: 0, max: 1e4, integer: false, log: false, help: 'Learning rate of the mean; 0: the algorithm\'s default', ...es('lrMu') }),
  numberField({ key: 'els', label: 'η_σ (0 auto)', group: 'es', min: 0, max: 1e4, integer: false, log: false,
    help: 'Learning rate of σ (of β = log σ² for VO); 0: the algorithm\'s default', ...es('lrSigma') }),
] as readonly ParamField<unknown>[];

const METHOD_TEXT: Readonly<Record<SmoothViewMethod, string>> = { auto: 'accurate (auto)', quadrature: 'Gauss–Hermite', mc: 'Monte Carlo' };

/** The smoothed-landscape settings in the link: keys sm*. */
export const SMOOTH_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 'sm', label: 'show f_σ(x) = E[f(x + σε)]', group: 'smooth', ...smooth('on') }),
  numberField({ key: 'sms', label: 'σ', group: 'smooth', min: 1e-4, max: 1e3, integer: false, log: true, help: 'Standard deviation of the Gaussian smoothing', ...smooth('sigma') }),
  choiceField<SmoothViewMethod>({ key: 'smm', label: 'method', group: 'smooth', what: 'method', options: SMOOTH_VIEW_METHODS.map((v) => ({ value: v, label: METHOD_TEXT[v] })),
    help: 'Accurate: a closed form where one is known, exact integration between the kinks and jumps of min, max, abs, sign and floor, '
      + 'else Gauss–Hermite quadrature; or Gauss–Hermite throughout; or Monte Carlo with N common random numbers, as an ES population sees it',
    ...smooth('method') }),
  numberField({ key: 'smn', label: 'N', group: 'smooth', min: 1, max: MAX_SMOOTH_SAMPLES, integer: true, log: true, help: 'Monte Carlo samples', ...smooth('samples') }),
  flagField({ key: 'smo', label: 'optimizers descend f_σ', group: 'smooth',
    help: 'Gradient descent and the other optimizers follow ∇f_σ instead of ∇f while f_σ is shown, as evolution strategies effectively do', ...smooth('optimize') }),
] as readonly ParamField<unknown>[];

/** The 1D view in the link: keys o, of, ofx, ost. */
export const ONED_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 'o', label: 'show a 1D function, its smoothings and U(μ, σ)', group: 'oned', ...oned('on') }),
  choiceField({ key: 'of', label: 'function', group: 'oned', what: '1D function', ...oned('fn'),
    options: ONED_FUNCTIONS.map((id) => ({ value: id, label: id === 'custom' ? 'typed formula in x' : LANDSCAPES_1D.find((l) => l.id === id)?.name ?? id })) }),
  formulaField({ key: 'ofx', label: 'f(x) =', group: 'oned', variables: ['x'], ...oned('formula') }),
  pointField({ key: 'ost', label: 'VO start', group: 'oned', maxAbs: 1e6, what: 'μ,σ', check: checkVoStart, ...oned('start') }),
] as readonly ParamField<unknown>[];

function checkVoStart(v: readonly [number, number] | null): string | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 1e6)) return 'VO start must be two finite numbers';
  return v[1] > 0 ? null : `σ = ${v[1]} must be positive`;
}

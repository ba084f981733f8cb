import { MAX_FORMULA_LENGTH, tryCompileFormula } from '../landscapes/expression/compileFormula';
import {
  checkIdList, decodeText, finish, fmt, numberField, readIdList, readNumbers, sameList, show, type ParamField,
} from './fieldKinds';
import {
  ES_SHAPINGS, ES_UI_ALGOS, MAX_ES_ITERS, MAX_ES_POP, MAX_SMOOTH_SAMPLES, ONED_FUNCTIONS, SMOOTH_METHODS, defaultEsParams, defaultOneDParams,
  defaultSmoothParams, type AppParams, type EsUiParams, type OneDParams, type SmoothUiParams,
} from './params';

const setEs = <K extends keyof EsUiParams>(p: AppParams, k: K, v: EsUiParams[K]): AppParams => ({ ...p, es: { ...p.es, [k]: v } });
const fallbackOf = <K extends keyof EsUiParams>(k: K) => () => defaultEsParams()[k];
const ALGO_IDS: ReadonlySet<string> = new Set(ES_UI_ALGOS);
const SHAPING_IDS: ReadonlySet<string> = new Set(ES_SHAPINGS);

function esNumber(key: string, label: string, prop: 'sigma0' | 'pop' | 'iters' | 'lrMu' | 'lrSigma', min: number, max: number, integer: boolean): ParamField<number> {
  return numberField({ key, label, group: 'run', min, max, integer, log: !integer,
    get: (p) => p.es[prop], set: (p, v) => setEs(p, prop, v), fallback: fallbackOf(prop) });
}

/** The evolution-strategy settings in the link: keys e*, decoded field by field like the rest (urlCodec.ts). */
export const ES_FIELDS: readonly ParamField<unknown>[] = [
  {
    key: 'e', label: 'Evolution strategies', group: 'run', control: { kind: 'ordered-subset', options: ES_UI_ALGOS.map((a) => ({ value: a, label: a })) },
    get: (p) => p.es.algos, set: (p, v) => setEs(p, 'algos', [...v] as EsUiParams['algos']), fallback: fallbackOf('algos'),
    equals: sameList, check: (v) => checkIdList(v, ALGO_IDS, 'algorithm'),
    write: (v) => v.map(encodeURIComponent).join(','),
    read: (text) => readIdList(text, ALGO_IDS, 'algorithm'),
  } satisfies ParamField<string[]>,
  esNumber('es0', 'σ₀', 'sigma0', 1e-6, 1e3, false),
  esNumber('en', 'Population', 'pop', 2, MAX_ES_POP, true),
  esNumber('ei', 'Generations', 'iters', 1, MAX_ES_ITERS, true),
  {
    key: 'ea', label: 'Antithetic sampling', group: 'run', control: { kind: 'choice', options: [{ value: '0', label: 'off' }, { value: '1', label: 'on' }] },
    get: (p) => p.es.antithetic, set: (p, v) => setEs(p, 'antithetic', v), fallback: fallbackOf('antithetic'),
    equals: (a, b) => a === b, check: (v) => (typeof v === 'boolean' ? null : `${String(v)} is not 0 or 1`),
    write: (v) => (v ? '1' : '0'),
    read: (text) => (text === '1' || text === '0' ? finish(text === '1', () => null) : { ok: false, reason: `${show(text)} is not 0 or 1` }),
  } satisfies ParamField<boolean>,
  {
    key: 'esh', label: 'Fitness shaping', group: 'run', control: { kind: 'choice', options: ES_SHAPINGS.map((v) => ({ value: v, label: v })) },
    get: (p) => p.es.shaping, set: (p, v) => setEs(p, 'shaping', v as EsUiParams['shaping']), fallback: fallbackOf('shaping'),
    equals: (a, b) => a === b, check: (v) => (SHAPING_IDS.has(v) ? null : `unknown shaping ${show(String(v))}`),
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      return d.ok ? finish(d.value, (v) => (SHAPING_IDS.has(v) ? null : `unknown shaping ${show(v)}`)) : d;
    },
  } satisfies ParamField<string>,
  esNumber('elm', 'η_μ (0: default)', 'lrMu', 0, 1e4, false),
  esNumber('els', 'η_σ (0: default)', 'lrSigma', 0, 1e4, false),
] as readonly ParamField<unknown>[];

const setSmooth = <K extends keyof SmoothUiParams>(p: AppParams, k: K, v: SmoothUiParams[K]): AppParams => ({ ...p, smooth: { ...p.smooth, [k]: v } });
const SMOOTH_METHOD_IDS: ReadonlySet<string> = new Set(SMOOTH_METHODS);

/** The smoothed-landscape settings in the link: keys sm*. */
export const SMOOTH_FIELDS: readonly ParamField<unknown>[] = [
  {
    key: 'sm', label: 'Smoothed landscape', group: 'view', control: { kind: 'choice', options: [{ value: '0', label: 'off' }, { value: '1', label: 'on' }] },
    get: (p) => p.smooth.on, set: (p, v) => setSmooth(p, 'on', v), fallback: () => defaultSmoothParams().on,
    equals: (a, b) => a === b, check: (v) => (typeof v === 'boolean' ? null : `${String(v)} is not 0 or 1`),
    write: (v) => (v ? '1' : '0'),
    read: (text) => (text === '1' || text === '0' ? finish(text === '1', () => null) : { ok: false, reason: `${show(text)} is not 0 or 1` }),
  } satisfies ParamField<boolean>,
  numberField({ key: 'sms', label: 'σ', group: 'view', min: 1e-4, max: 1e3, integer: false, log: true,
    get: (p) => p.smooth.sigma, set: (p, v) => setSmooth(p, 'sigma', v), fallback: () => defaultSmoothParams().sigma }),
  {
    key: 'smm', label: 'Smoothing method', group: 'view', control: { kind: 'choice', options: SMOOTH_METHODS.map((v) => ({ value: v, label: v })) },
    get: (p) => p.smooth.method, set: (p, v) => setSmooth(p, 'method', v as SmoothUiParams['method']), fallback: () => defaultSmoothParams().method,
    equals: (a, b) => a === b, check: (v) => (SMOOTH_METHOD_IDS.has(v) ? null : `unknown method ${show(String(v))}`),
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      return d.ok ? finish(d.value, (v) => (SMOOTH_METHOD_IDS.has(v) ? null : `unknown method ${show(v)}`)) : d;
    },
  } satisfies ParamField<string>,
  numberField({ key: 'smn', label: 'Monte Carlo samples', group: 'view', min: 1, max: MAX_SMOOTH_SAMPLES, integer: true, log: true,
    get: (p) => p.smooth.samples, set: (p, v) => setSmooth(p, 'samples', v), fallback: () => defaultSmoothParams().samples }),
] as readonly ParamField<unknown>[];

const ONED_IDS: ReadonlySet<string> = new Set(ONED_FUNCTIONS);

/** The 1D view in the link: keys o, of. */
export const ONED_FIELDS: readonly ParamField<unknown>[] = [
  {
    key: 'o', label: '1D view', group: 'view', control: { kind: 'choice', options: [{ value: '0', label: 'off' }, { value: '1', label: 'on' }] },
    get: (p) => p.oned.on, set: (p, v) => ({ ...p, oned: { ...p.oned, on: v } }), fallback: () => defaultOneDParams().on,
    equals: (a, b) => a === b, check: (v) => (typeof v === 'boolean' ? null : `${String(v)} is not 0 or 1`),
    write: (v) => (v ? '1' : '0'),
    read: (text) => (text === '1' || text === '0' ? finish(text === '1', () => null) : { ok: false, reason: `${show(text)} is not 0 or 1` }),
  } satisfies ParamField<boolean>,
  {
    key: 'of', label: '1D function', group: 'view', control: { kind: 'choice', options: ONED_FUNCTIONS.map((v) => ({ value: v, label: v })) },
    get: (p) => p.oned.fn, set: (p, v) => ({ ...p, oned: { ...p.oned, fn: v as OneDParams['fn'] } }), fallback: () => defaultOneDParams().fn,
    equals: (a, b) => a === b, check: (v) => (ONED_IDS.has(v) ? null : `unknown 1D function ${show(String(v))}`),
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      return d.ok ? finish(d.value, (v) => (ONED_IDS.has(v) ? null : `unknown 1D function ${show(v)}`)) : d;
    },
  } satisfies ParamField<string>,
  {
    key: 'ofx', label: '1D formula f(x)', group: 'view', control: { kind: 'formula', maxLength: MAX_FORMULA_LENGTH },
    get: (p) => p.oned.formula, set: (p, v) => ({ ...p, oned: { ...p.oned, formula: v } }), fallback: () => defaultOneDParams().formula,
    equals: (a, b) => a === b, check: checkFormula1D, write: (v) => encodeURIComponent(v),
    read: (text) => {
      if (text.length > 3 * MAX_FORMULA_LENGTH) return { ok: false, reason: `formula is longer than ${MAX_FORMULA_LENGTH} characters` };
      const d = decodeText(text);
      return d.ok ? finish(d.value, checkFormula1D) : d;
    },
  } satisfies ParamField<string>,
  {
    key: 'ost', label: '1D VO start μ, σ', group: 'view', control: { kind: 'point', maxAbs: 1e6 },
    get: (p) => p.oned.start, set: (p, v) => ({ ...p, oned: { ...p.oned, start: v === null ? null : [v[0], v[1]] } }), fallback: () => null,
    equals: (a, b) => (a === null || b === null ? a === b : Object.is(a[0], b[0]) && Object.is(a[1], b[1])),
    check: checkVoStart,
    write: (v) => (v === null ? '' : v.map((n) => encodeURIComponent(fmt(n))).join(',')),
    read: (text) => {
      const c = readNumbers(text, 2, 'μ,σ');
      return typeof c === 'string' ? { ok: false, reason: c } : finish<[number, number] | null>([c[0]!, c[1]!], checkVoStart);
    },
  } satisfies ParamField<[number, number] | null>,
] as readonly ParamField<unknown>[];

function checkFormula1D(v: string): string | null {
  if (typeof v !== 'string') return 'formula is not text';
  const r = tryCompileFormula(v, ['x']);
  return r.ok ? null : `formula rejected: ${r.error.message}`;
}

function checkVoStart(v: readonly [number, number] | null): string | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 1e6)) return 'VO start must be two finite numbers';
  return v[1] > 0 ? null : `σ = ${v[1]} must be positive`;
}

import {
  checkIdList, checkNumber, decodeText, finish, fmt, numberField, readIdList, readNumbers, sameList, show,
  type FieldOption, type ParamField,
} from './fieldKinds';
import { MAX_RIDES, RIDGE_END_CRITERIA, RIDGE_ORDERS, RIDGE_PRESETS, defaultRidgeParams, type AppParams, type RidgeParams } from './params';

/** Largest coordinate accepted in a link (as urlCodec's MAX_COORD). */
const MAX_COORD = 1e6;

type RidgeKey = keyof RidgeParams;
const setRidge = <K extends RidgeKey>(p: AppParams, k: K, v: RidgeParams[K]): AppParams => ({ ...p, ridge: { ...p.ridge, [k]: v } });
const fallbackOf = <K extends RidgeKey>(k: K) => () => defaultRidgeParams()[k];

function ridgeNumber(key: string, label: string, prop: 'alpha' | 'deltaBreak' | 'maxRideSteps' | 'maxRides' | 'topN' | 'gdLr' | 'ringRadius' | 'ringCount',
  min: number, max: number, integer: boolean, log: boolean): ParamField<number> {
  return numberField({ key, label, group: 'ridge', min, max, integer, log,
    get: (p) => p.ridge[prop], set: (p, v) => setRidge(p, prop, v), fallback: fallbackOf(prop) });
}

function ridgeFlag(key: string, label: string, prop: 'on' | 'onePerGroup' | 'gdFinish' | 'ring'): ParamField<boolean> {
  const check = (v: boolean) => (typeof v === 'boolean' ? null : `${String(v)} is not 0 or 1`);
  return {
    key, label, group: 'ridge', control: { kind: 'choice', options: [{ value: '0', label: 'off' }, { value: '1', label: 'on' }] },
    get: (p) => p.ridge[prop], set: (p, v) => setRidge(p, prop, v), fallback: fallbackOf(prop),
    equals: (a, b) => a === b, check,
    write: (v) => (v ? '1' : '0'),
    read: (text) => (text === '1' || text === '0' ? finish(text === '1', check) : { ok: false, reason: `${show(text)} is not 0 or 1` }),
  };
}

function ridgeChoice<K extends 'order' | 'stepMode' | 'preset'>(key: string, label: string, prop: K, values: readonly RidgeParams[K][]): ParamField<RidgeParams[K]> {
  const ids: ReadonlySet<string> = new Set(values);
  const options: FieldOption[] = values.map((v) => ({ value: v, label: v }));
  const check = (v: RidgeParams[K]) => (ids.has(v) ? null : `unknown value ${show(String(v))}`);
  return {
    key, label, group: 'ridge', control: { kind: 'choice', options },
    get: (p) => p.ridge[prop], set: (p, v) => setRidge(p, prop, v), fallback: fallbackOf(prop),
    equals: (a, b) => a === b, check, write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      return d.ok ? finish(d.value as RidgeParams[K], check) : d;
    },
  };
}

const END_IDS: ReadonlySet<string> = new Set(RIDGE_END_CRITERIA);

function checkRidgeStart(v: readonly [number, number] | null): string | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => checkNumber(n, -MAX_COORD, MAX_COORD, false) === null)) {
    return `Ridge Rider start must be two numbers within ±${fmt(MAX_COORD)}`;
  }
  return null;
}

/** The Ridge Rider settings in the link: keys r*, decoded field by field like the rest (urlCodec.ts). */
export const RIDGE_FIELDS: readonly ParamField<unknown>[] = [
  ridgeFlag('rr', 'Ridge Rider', 'on'),
  ridgeChoice('rp', 'Preset', 'preset', RIDGE_PRESETS),
  {
    key: 'rs', label: 'Ridge Rider start x, y', group: 'ridge', control: { kind: 'point', maxAbs: MAX_COORD },
    get: (p) => p.ridge.start, set: (p, v) => setRidge(p, 'start', v === null ? null : [v[0], v[1]]), fallback: () => null,
    equals: (a, b) => (a === null || b === null ? a === b : Object.is(a[0], b[0]) && Object.is(a[1], b[1])),
    check: checkRidgeStart,
    write: (v) => (v === null ? '' : v.map((n) => encodeURIComponent(fmt(n))).join(',')),
    read: (text) => {
      const c = readNumbers(text, 2, 'x,y');
      return typeof c === 'string' ? { ok: false, reason: c } : finish<[number, number] | null>([c[0]!, c[1]!], checkRidgeStart);
    },
  } satisfies ParamField<[number, number] | null>,
  ridgeChoice('ro', 'Archive order', 'order', RIDGE_ORDERS),
  ridgeChoice('rm', 'Step size', 'stepMode', ['fixed', 'backtracking']),
  ridgeNumber('ra', 'α', 'alpha', 1e-6, 10, false, true),
  ridgeNumber('rd', 'δ_break', 'deltaBreak', 0.01, 1, false, false),
  {
    key: 're', label: 'EndRide criteria', group: 'ridge', control: { kind: 'toggles', options: RIDGE_END_CRITERIA.map((c) => ({ value: c, label: c })) },
    get: (p) => p.ridge.end, set: (p, v) => setRidge(p, 'end', [...v] as RidgeParams['end']), fallback: fallbackOf('end'),
    equals: (a, b) => sameList([...a].sort(), [...b].sort()),
    check: (v) => checkIdList(v, END_IDS, 'end criterion'),
    write: (v) => v.map(encodeURIComponent).join(','),
    read: (text) => readIdList(text, END_IDS, 'end criterion') as ReturnType<ParamField<RidgeParams['end']>['read']>,
  } satisfies ParamField<RidgeParams['end']>,
  ridgeNumber('rk', 'Steps per ride', 'maxRideSteps', 1, 100_000, true, true),
  ridgeNumber('rx', 'Maximum rides', 'maxRides', 1, MAX_RIDES, true, true),
  ridgeNumber('rt', 'Top N ridges (0: all)', 'topN', 0, 100, true, false),
  ridgeFlag('rg', 'One ridge per eigenvalue group', 'onePerGroup'),
  ridgeFlag('rf', 'Gradient-descent finish', 'gdFinish'),
  ridgeNumber('rl', 'Finish step size', 'gdLr', 1e-5, 10, false, true),
  ridgeFlag('rc', 'Ring of gradient-descent runs', 'ring'),
  ridgeNumber('rcr', 'Ring radius', 'ringRadius', 1e-6, 1e3, false, true),
  ridgeNumber('rcn', 'Ring runs', 'ringCount', 1, 64, true, false),
] as readonly ParamField<unknown>[];

import { MAX_FORMULA_LENGTH, tryCompileFormula } from '../landscapes/expression/compileFormula';
import type { Domain } from '../landscapes/grid';
import { DEFAULT_DOMAIN, LANDSCAPES, landscapeById } from '../landscapes/registry';
import { METHODS, type MethodId } from '../optimizers/methods';
import { COLORMAP_IDS, MAX_CONTOURS, MAX_RUN_STEPS, defaultParams, type AppParams } from './params';

/**
 * The URL codec for user intent (architecture.md, convention 7; after tensorflow/playground's State.PROPS).
 * PARAM_FIELDS declares every field of AppParams once: its URL key, how it is read, written and checked, and
 * the control that edits it. The hash is `key=value` pairs joined by `&`, in table order, e.g.
 *   l=rosenbrock&v=-2,2,-1,3&m=gd,adam&gd.lr=0.002&s=-1.5,2&n=800&ov=contours,critical
 * Only fields that differ from their default are written (the default view is the landscape's own domain).
 * Numbers use String(n), the shortest text that round-trips; values are percent-encoded (encodeURIComponent).
 */

export const MAX_HASH_LENGTH = 4096;
/** Largest |coordinate| of a view corner or a start point. */
export const MAX_COORD = 1e6;
/** Smallest view width/height (the grids are Float32). */
export const MIN_VIEW_SPAN = 1e-6;
export const MIN_CONTOURS = 1;
export const MAX_SEED = 0xffffffff;
export const CUSTOM_LANDSCAPE = 'custom';

export interface FieldOption { readonly value: string; readonly label: string }

/** What kind of control edits a field; the panel renders controls from this. */
export type FieldControl =
  | { readonly kind: 'choice'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer: boolean; readonly log: boolean }
  | { readonly kind: 'toggles'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'ordered-subset'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'formula'; readonly maxLength: number }
  | { readonly kind: 'rect'; readonly maxAbs: number; readonly minSpan: number }
  | { readonly kind: 'point'; readonly maxAbs: number };

export type FieldGroup = 'surface' | 'view' | 'overlays' | 'run' | 'hyper';

type Read<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

export interface ParamField<T> {
  readonly key: string;
  readonly label: string;
  readonly group: FieldGroup;
  readonly control: FieldControl;
  /** For hyper-parameter fields: the method and its hyper-parameter key. */
  readonly hyper?: { readonly method: MethodId; readonly key: string };
  get(p: AppParams): T;
  /** A new AppParams with this field set (values are copied, never shared). */
  set(p: AppParams, v: T): AppParams;
  /** Value when the URL omits the key; may read fields earlier in the table (the view reads the landscape). */
  fallback(p: AppParams): T;
  equals(a: T, b: T): boolean;
  /** Why v is not acceptable, or null. */
  check(v: T): string | null;
  /** URL value, percent-encoded. */
  write(v: T): string;
  /** Parses a URL value (still percent-encoded) and checks it; notes are items dropped from a list. */
  read(text: string): Read<T>;
}

const show = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
const fmt = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function decodeText(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  try {
    return { ok: true, value: decodeURIComponent(text) };
  } catch {
    return { ok: false, reason: `${show(text)} has malformed percent-encoding` };
  }
}

/** A finite decimal number, or the reason it is not one. */
function parseNumber(s: string): number | string {
  if (s.length > 64 || !NUMBER_RE.test(s)) return /^[+-]?(infinity|nan)$/i.test(s) ? `${show(s)} is not a finite number` : `${show(s)} is not a number`;
  const n = Number(s);
  return Number.isFinite(n) ? n : `${show(s)} is not a finite number`;
}

function checkNumber(v: unknown, min: number, max: number, integer: boolean): string | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return `${String(v)} is not a number`;
  if (!Number.isFinite(v)) return `${fmt(v)} is not a finite number`;
  if (integer && !Number.isInteger(v)) return `${fmt(v)} is not an integer`;
  if (v < min) return `${fmt(v)} is below the minimum ${fmt(min)}`;
  if (v > max) return `${fmt(v)} is above the maximum ${fmt(max)}`;
  return null;
}

/** Reads `count` comma-separated numbers. */
function readNumbers(text: string, count: number, what: string): number[] | string {
  const parts = text.split(',');
  if (parts.length !== count) return `needs ${count} numbers ${what}, got ${show(text)}`;
  const out: number[] = [];
  for (const part of parts) {
    const d = decodeText(part);
    if (!d.ok) return d.reason;
    const n = parseNumber(d.value);
    if (typeof n === 'string') return n;
    out.push(n);
  }
  return out;
}

function finish<T>(value: T, check: (v: T) => string | null, notes: string[] = []): Read<T> {
  const reason = check(value);
  return reason === null ? { ok: true, value, notes } : { ok: false, reason };
}

interface NumberSpec { key: string; label: string; group: FieldGroup; min: number; max: number; integer: boolean; log: boolean;
  get(p: AppParams): number; set(p: AppParams, v: number): AppParams; fallback(p: AppParams): number;
  hyper?: { method: MethodId; key: string } }

function numberField(s: NumberSpec): ParamField<number> {
  const check = (v: number) => checkNumber(v, s.min, s.max, s.integer);
  return {
    key: s.key, label: s.label, group: s.group, hyper: s.hyper,
    control: { kind: 'number', min: s.min, max: s.max, integer: s.integer, log: s.log },
    get: s.get, set: s.set, fallback: s.fallback, check,
    equals: (a, b) => Object.is(a, b),
    write: (v) => encodeURIComponent(fmt(v)),
    read: (text) => {
      const d = decodeText(text);
      if (!d.ok) return d;
      const n = parseNumber(d.value);
      return typeof n === 'string' ? { ok: false, reason: n } : finish(n, check);
    },
  };
}

function choiceField<K extends 'landscape' | 'colormap' | 'scale'>(key: string, label: string, group: FieldGroup, prop: K,
  options: readonly FieldOption[], what: string): ParamField<string> {
  const ids = new Set(options.map((o) => o.value));
  const check = (v: string) => (typeof v === 'string' && ids.has(v) ? null : `unknown ${what} ${show(String(v))}`);
  return {
    key, label, group, control: { kind: 'choice', options },
    get: (p) => p[prop],
    set: (p, v) => ({ ...p, [prop]: v }),
    fallback: () => defaultParams()[prop],
    equals: (a, b) => a === b,
    check,
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      if (!d.ok) return d;
      const lower = d.value.toLowerCase();
      return finish(ids.has(d.value) ? d.value : (options.find((o) => o.value === lower)?.value ?? d.value), check);
    },
  };
}

/** Comma-separated list of distinct ids; unknown or repeated items are dropped with a note. */
function readIdList(text: string, ids: ReadonlySet<string>, what: string): Read<string[]> {
  const notes: string[] = [];
  const out: string[] = [];
  if (text === '') return { ok: true, value: out, notes };
  for (const part of text.split(',')) {
    const d = decodeText(part);
    if (!d.ok) { notes.push(`${d.reason} (dropped)`); continue; }
    if (!ids.has(d.value)) notes.push(`unknown ${what} ${show(d.value)} (dropped)`);
    else if (out.includes(d.value)) notes.push(`${what} ${show(d.value)} is listed twice (dropped)`);
    else out.push(d.value);
  }
  return { ok: true, value: out, notes };
}

function checkIdList(v: unknown, ids: ReadonlySet<string>, what: string): string | null {
  if (!Array.isArray(v)) return `${what} list is not a list`;
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string' || !ids.has(v[i] as string)) return `unknown ${what} ${show(String(v[i]))}`;
    if (v.indexOf(v[i]) !== i) return `${what} ${show(String(v[i]))} is listed twice`;
  }
  return null;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function domainOf(landscape: string): Domain {
  return { ...(landscapeById(landscape)?.domain ?? DEFAULT_DOMAIN) };
}

function checkView(v: Domain): string | null {
  if (typeof v !== 'object' || v === null) return 'view is not a rectangle';
  const c = [v.x0, v.x1, v.y0, v.y1];
  if (!c.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'view corners must be finite numbers';
  if (c.some((n) => Math.abs(n) > MAX_COORD)) return `view corners must lie within ±${fmt(MAX_COORD)}`;
  if (!(v.x0 < v.x1)) return `x0 = ${fmt(v.x0)} is not below x1 = ${fmt(v.x1)}`;
  if (!(v.y0 < v.y1)) return `y0 = ${fmt(v.y0)} is not below y1 = ${fmt(v.y1)}`;
  if (v.x1 - v.x0 < MIN_VIEW_SPAN || v.y1 - v.y0 < MIN_VIEW_SPAN) return `view is narrower than ${fmt(MIN_VIEW_SPAN)}`;
  return null;
}

function checkStart(v: readonly [number, number] | null): string | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2) return 'start is not a point';
  if (!v.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'start must be finite numbers';
  if (v.some((n) => Math.abs(n) > MAX_COORD)) return `start must lie within ±${fmt(MAX_COORD)}`;
  return null;
}

function checkFormula(v: string): string | null {
  if (typeof v !== 'string') return 'formula is not text';
  if (v.length > MAX_FORMULA_LENGTH) return `formula is longer than ${MAX_FORMULA_LENGTH} characters`;
  const r = tryCompileFormula(v);
  return r.ok ? null : `formula rejected: ${r.error.message}`;
}

const OVERLAYS = ['contours', 'eigenvectors', 'curvature', 'critical'] as const;
type Overlay = (typeof OVERLAYS)[number];
const OVERLAY_IDS: ReadonlySet<string> = new Set(OVERLAYS);
const OVERLAY_LABELS: Record<Overlay, string> = { contours: 'Contours', eigenvectors: 'Hessian eigenvectors', curvature: 'Curvature type', critical: 'Critical points' };
const METHOD_ID_SET: ReadonlySet<string> = new Set(METHODS.map((m) => m.id));

const landscapeOptions: FieldOption[] = [...LANDSCAPES.map((l) => ({ value: l.id, label: l.name })), { value: CUSTOM_LANDSCAPE, label: 'Custom formula' }];

const hyperFields: ParamField<number>[] = METHODS.flatMap((m) => m.hyper.map((h) => numberField({
  key: `${m.id}.${h.key}`, label: `${m.name}: ${h.label}`, group: 'hyper', min: h.min, max: h.max, integer: false, log: h.log,
  hyper: { method: m.id, key: h.key },
  get: (p) => p.hyper[m.id]?.[h.key] as number,
  set: (p, v) => ({ ...p, hyper: { ...p.hyper, [m.id]: { ...p.hyper[m.id], [h.key]: v } } }),
  fallback: () => h.defaultValue,
})));

/** Every URL field, in the order they are written and decoded (the view after the landscape it defaults from). */
export const PARAM_FIELDS: readonly ParamField<unknown>[] = [
  choiceField('l', 'Landscape', 'surface', 'landscape', landscapeOptions, 'landscape'),
  {
    key: 'f', label: 'Formula f(x, y)', group: 'surface', control: { kind: 'formula', maxLength: MAX_FORMULA_LENGTH },
    get: (p) => p.formula, set: (p, v) => ({ ...p, formula: v }), fallback: () => defaultParams().formula,
    equals: (a, b) => a === b, check: checkFormula, write: (v) => encodeURIComponent(v),
    read: (text) => {
      if (text.length > 3 * MAX_FORMULA_LENGTH) return { ok: false, reason: `formula is longer than ${MAX_FORMULA_LENGTH} characters` };
      const d = decodeText(text);
      return d.ok ? finish(d.value, checkFormula) : d;
    },
  } satisfies ParamField<string>,
  {
    key: 'v', label: 'View x0, x1, y0, y1', group: 'view', control: { kind: 'rect', maxAbs: MAX_COORD, minSpan: MIN_VIEW_SPAN },
    get: (p) => p.view, set: (p, v) => ({ ...p, view: { x0: v.x0, x1: v.x1, y0: v.y0, y1: v.y1 } }),
    fallback: (p) => domainOf(p.landscape),
    equals: (a, b) => Object.is(a.x0, b.x0) && Object.is(a.x1, b.x1) && Object.is(a.y0, b.y0) && Object.is(a.y1, b.y1),
    check: checkView,
    write: (v) => [v.x0, v.x1, v.y0, v.y1].map((n) => encodeURIComponent(fmt(n))).join(','),
    read: (text) => {
      const c = readNumbers(text, 4, 'x0,x1,y0,y1');
      return typeof c === 'string' ? { ok: false, reason: c } : finish({ x0: c[0]!, x1: c[1]!, y0: c[2]!, y1: c[3]! }, checkView);
    },
  } satisfies ParamField<Domain>,
  choiceField('cm', 'Colour map', 'view', 'colormap', COLORMAP_IDS.map((c) => ({ value: c, label: c })), 'colour map'),
  choiceField('sc', 'Colour scale', 'view', 'scale', [{ value: 'auto', label: 'auto' }, { value: 'linear', label: 'linear' }, { value: 'log', label: 'log' }], 'scale'),
  {
    key: 'ov', label: 'Overlays', group: 'overlays', control: { kind: 'toggles', options: OVERLAYS.map((o) => ({ value: o, label: OVERLAY_LABELS[o] })) },
    get: (p) => OVERLAYS.filter((o) => p[o]),
    set: (p, v) => ({ ...p, ...Object.fromEntries(OVERLAYS.map((o) => [o, v.includes(o)])) }),
    fallback: () => { const d = defaultParams(); return OVERLAYS.filter((o) => d[o]); },
    equals: (a, b) => sameList([...a].sort(), [...b].sort()),
    check: (v) => checkIdList(v, OVERLAY_IDS, 'overlay'),
    write: (v) => v.map(encodeURIComponent).join(','),
    read: (text) => readIdList(text, OVERLAY_IDS, 'overlay'),
  } satisfies ParamField<string[]>,
  numberField({ key: 'cc', label: 'Contour lines', group: 'overlays', min: MIN_CONTOURS, max: MAX_CONTOURS, integer: true, log: false,
    get: (p) => p.contourCount, set: (p, v) => ({ ...p, contourCount: v }), fallback: () => defaultParams().contourCount }),
  {
    key: 'm', label: 'Optimizers', group: 'run', control: { kind: 'ordered-subset', options: METHODS.map((m) => ({ value: m.id, label: m.name })) },
    get: (p) => p.methods, set: (p, v) => ({ ...p, methods: [...v] as MethodId[] }), fallback: () => defaultParams().methods,
    equals: sameList, check: (v) => checkIdList(v, METHOD_ID_SET, 'method'),
    write: (v) => v.map(encodeURIComponent).join(','),
    read: (text) => readIdList(text, METHOD_ID_SET, 'method'),
  } satisfies ParamField<string[]>,
  ...hyperFields,
  {
    key: 's', label: 'Start x, y', group: 'run', control: { kind: 'point', maxAbs: MAX_COORD },
    get: (p) => p.start, set: (p, v) => ({ ...p, start: v === null ? null : [v[0], v[1]] }), fallback: () => null,
    equals: (a, b) => (a === null || b === null ? a === b : Object.is(a[0], b[0]) && Object.is(a[1], b[1])),
    check: checkStart,
    write: (v) => (v === null ? '' : v.map((n) => encodeURIComponent(fmt(n))).join(',')),
    read: (text) => {
      const c = readNumbers(text, 2, 'x,y');
      return typeof c === 'string' ? { ok: false, reason: c } : finish<[number, number] | null>([c[0]!, c[1]!], checkStart);
    },
  } satisfies ParamField<[number, number] | null>,
  numberField({ key: 'n', label: 'Steps', group: 'run', min: 1, max: MAX_RUN_STEPS, integer: true, log: true,
    get: (p) => p.steps, set: (p, v) => ({ ...p, steps: v }), fallback: () => defaultParams().steps }),
  numberField({ key: 'seed', label: 'Seed', group: 'run', min: 0, max: MAX_SEED, integer: true, log: false,
    get: (p) => p.seed, set: (p, v) => ({ ...p, seed: v }), fallback: () => defaultParams().seed }),
];

/**
 * The URL key(s) of each AppParams property. `satisfies` makes the type-check fail when AppParams gains a
 * property the URL does not declare.
 */
export const URL_KEYS = {
  landscape: 'l', formula: 'f', view: 'v', colormap: 'cm', scale: 'sc',
  contours: 'ov', eigenvectors: 'ov', curvature: 'ov', critical: 'ov', contourCount: 'cc',
  methods: 'm', hyper: '<method>.<key>', start: 's', steps: 'n', seed: 'seed',
} as const satisfies Record<keyof AppParams, string>;

const FIELD_BY_KEY: ReadonlyMap<string, ParamField<unknown>> = new Map(PARAM_FIELDS.map((f) => [f.key, f]));

export function paramField(key: string): ParamField<unknown> | undefined {
  return FIELD_BY_KEY.get(key);
}

/** The field of a method's hyper-parameter (key `method.hyper`, e.g. `adam.beta1`). */
export function hyperField(method: MethodId, key: string): ParamField<number> | undefined {
  return FIELD_BY_KEY.get(`${method}.${key}`) as ParamField<number> | undefined;
}

export interface IgnoredField { readonly key: string; readonly reason: string }

/** Problems of a params object, one per invalid field (empty when every field is within its declared range). */
export function validateParams(p: AppParams): IgnoredField[] {
  const out: IgnoredField[] = [];
  for (const f of PARAM_FIELDS) {
    let reason: string | null;
    try { reason = f.check(f.get(p)); } catch { reason = 'missing or malformed'; }
    if (reason !== null) out.push({ key: f.key, reason });
  }
  return out;
}

/** The URL hash (without '#') for p: only fields that differ from their default, in table order. */
export function encodeParams(p: AppParams): string {
  const parts: string[] = [];
  for (const f of PARAM_FIELDS) {
    const v = f.get(p);
    if (!f.equals(v, f.fallback(p))) parts.push(`${f.key}=${f.write(v)}`);
  }
  return parts.join('&');
}

/**
 * Params from a URL hash (a leading '#' is allowed). Never throws: each malformed, out-of-range or unknown
 * field is reported in `ignored` and replaced by its value in `previous` when given (a hash edited in place),
 * else by its default. Fields the hash omits take their defaults.
 */
export function decodeParams(hash: string, previous?: AppParams): { params: AppParams; ignored: IgnoredField[] } {
  const ignored: IgnoredField[] = [];
  let out = defaultParams();
  if (typeof hash !== 'string') return { params: out, ignored: [{ key: '#', reason: 'the link hash is not text' }] };
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_HASH_LENGTH) {
    return { params: out, ignored: [{ key: '#', reason: `the link hash is longer than ${MAX_HASH_LENGTH} characters; all settings were reset` }] };
  }
  const given = new Map<string, string | null>();
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawKey = eq < 0 ? segment : segment.slice(0, eq);
    const dk = decodeText(rawKey);
    const key = dk.ok ? dk.value : rawKey;
    const label = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    if (!FIELD_BY_KEY.has(key)) ignored.push({ key: label, reason: 'unknown key' });
    else if (given.has(key)) ignored.push({ key, reason: 'duplicate key; the first value is used' });
    else given.set(key, eq < 0 ? null : segment.slice(eq + 1));
  }
  for (const f of PARAM_FIELDS) {
    const raw = given.get(f.key);
    let value: unknown;
    if (raw === undefined) {
      value = f.fallback(out);
    } else {
      const r: Read<unknown> = raw === null ? { ok: false, reason: `has no value (write ${f.key}=...)` } : f.read(raw);
      if (r.ok) {
        value = r.value;
        for (const note of r.notes) ignored.push({ key: f.key, reason: note });
      } else {
        ignored.push({ key: f.key, reason: r.reason });
        value = f.fallback(out);
        if (previous) {
          try {
            const kept = f.get(previous);
            if (f.check(kept) === null) value = kept;
          } catch { /* keep the default */ }
        }
      }
    }
    out = f.set(out, value);
  }
  return { params: out, ignored };
}

import { MAX_FORMULA_LENGTH, tryCompileFormula } from '../landscapes/expression/compileFormula';
import type { Domain } from '../landscapes/grid';
import { DEFAULT_DOMAIN, LANDSCAPES, landscapeById } from '../landscapes/registry';
import { METHODS, type MethodId } from '../optimizers/methods';
import { COLORMAP_IDS, MAX_CONTOURS, MAX_RUN_STEPS, defaultParams, type AppParams } from './params';
import {
  type FieldOption, type Read, type ParamField, fmt, decodeText, readNumbers, finish, numberField, choiceField, readIdList, checkIdList, sameList,
} from './fieldKinds';
import { ES_FIELDS, ONED_FIELDS, SMOOTH_FIELDS } from './esFields';
import { RIDGE_FIELDS } from './ridgeFields';

export type { FieldControl, FieldGroup, FieldOption, ParamField } from './fieldKinds';

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
  ...RIDGE_FIELDS,
  ...ES_FIELDS,
  ...SMOOTH_FIELDS,
  ...ONED_FIELDS,
];

/**
 * The URL key(s) of each AppParams property. `satisfies` makes the type-check fail when AppParams gains a
 * property the URL does not declare.
 */
export const URL_KEYS = {
  landscape: 'l', formula: 'f', view: 'v', colormap: 'cm', scale: 'sc',
  contours: 'ov', eigenvectors: 'ov', curvature: 'ov', critical: 'ov', contourCount: 'cc',
  methods: 'm', hyper: '<method>.<key>', start: 's', steps: 'n', seed: 'seed', ridge: 'r…', es: 'e…', smooth: 'sm…', oned: 'o, of, ofx, ost',
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

import type { Domain } from '../landscapes/grid';
import { DEFAULT_DOMAIN, LANDSCAPES, landscapeById } from '../landscapes/registry';
import { METHODS, type MethodId } from '../optimizers/methods';
import { COLORMAP_IDS, COLOR_SCALES } from '../surface/colorScale';
import { defaultParams, type AppParams } from './params';
import {
  type FieldOption, type Read, type ParamField, fmt, decodeText, readNumbers, finish, numberField, choiceField, idListField, pointField, formulaField,
  topLevel, checkPoint,
} from './fieldKinds';
import { ES_FIELDS, ONED_FIELDS, SMOOTH_FIELDS } from './esFields';
import { MAX_COORD } from './limits';
import { RIDGE_FIELDS } from './ridgeFields';
import { LEVER_FIELDS, MDP_FIELDS } from './studyFields';
import { NET_FIELDS } from './netFields';
import { defaultStepSize, STEP_SIZE_METHODS } from './stepSizes';

export type { FieldControl, FieldGroup, FieldOption, ParamField } from './fieldKinds';
export { MAX_COORD } from './limits';

/**
 * The URL codec for user intent (architecture.md, convention 7; after tensorflow/playground's State.PROPS).
 * PARAM_FIELDS declares every field of AppParams once: its URL key, how it is read, written and checked, its label,
 * range and help, and the control that edits it (the panels draw their controls from it). The hash is `key=value`
 * pairs joined by `&`, in table order, e.g.
 *   l=rosenbrock&v=-2,2,-1,3&m=gd,adam&gd.lr=0.002&s=-1.5,2&n=800&ov=contours,critical
 * Only fields that differ from their default are written (the default view is the landscape's own domain).
 * Numbers use String(n), the shortest text that round-trips; values are percent-encoded (encodeURIComponent).
 */

export const MAX_HASH_LENGTH = 4096;
/** Smallest view width/height (the grids are Float32). */
export const MIN_VIEW_SPAN = 1e-6;
export const MIN_CONTOURS = 1;
export const MAX_CONTOURS = 60;
export const MAX_RUN_STEPS = 20_000;
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

/** The overlays of the surface, in the View panel's order, with their help. */
export const OVERLAYS = ['contours', 'eigenvectors', 'curvature', 'critical'] as const;
type Overlay = (typeof OVERLAYS)[number];
const OVERLAY_OPTIONS: readonly FieldOption[] = [
  { value: 'contours', label: 'Contours', help: 'Contour lines of f' },
  { value: 'eigenvectors', label: 'Hessian eigenvectors', help: 'Both eigenvectors of ∇²f on a lattice; length ∝ |λ|, colour by the sign of λ' },
  { value: 'curvature', label: 'Curvature regions', help: 'Both eigenvalues positive (convex), mixed (saddle), both negative (concave)' },
  { value: 'critical', label: 'Critical points', help: 'Newton on ∇f from a seeded grid of starts, classified by the Hessian eigenvalues' },
];

const landscapeOptions: FieldOption[] = [...LANDSCAPES.map((l) => ({ value: l.id, label: l.name })), { value: CUSTOM_LANDSCAPE, label: 'Custom formula' }];

const hyperFields: ParamField<number>[] = METHODS.flatMap((m) => m.hyper.map((h) => numberField({
  key: `${m.id}.${h.key}`, label: h.symbol, help: `${m.name}: ${h.label}. ${m.update}`, group: 'hyper', min: h.min, max: h.max, integer: false, log: h.log,
  hyper: { method: m.id, key: h.key },
  get: (p) => p.hyper[m.id]?.[h.key] as number,
  set: (p, v) => ({ ...p, hyper: { ...p.hyper, [m.id]: { ...p.hyper[m.id], [h.key]: v } } }),
  // A surface's safe step size is the default of η there (registry stepSize), so a link need not carry it.
  fallback: (p) => (h.key === 'lr' && (STEP_SIZE_METHODS as readonly string[]).includes(m.id) ? defaultStepSize(p.landscape, m.id as (typeof STEP_SIZE_METHODS)[number]) : h.defaultValue),
})));

/** Every URL field, in the order they are written and decoded (the view after the landscape it defaults from). */
export const PARAM_FIELDS: readonly ParamField<unknown>[] = [
  choiceField({ key: 'l', label: 'Landscape', group: 'surface', options: landscapeOptions, what: 'landscape', ...topLevel('landscape') }),
  formulaField({ key: 'f', label: 'f(x, y) =', group: 'surface', variables: ['x', 'y'], ...topLevel('formula') }),
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
  choiceField({ key: 'cm', label: 'Colours', group: 'view', options: COLORMAP_IDS.map((c) => ({ value: c, label: c })), what: 'colour map',
    help: 'Perceptually uniform colour maps; cividis is colour-blind safe', ...topLevel('colormap') }),
  choiceField({ key: 'sc', label: 'Scale', group: 'view', options: COLOR_SCALES.map((c) => ({ value: c, label: c })), what: 'scale',
    help: 'log colours log₁₀(f − min f + ε); auto lets the landscape choose', ...topLevel('scale') }),
  idListField<Overlay>({
    key: 'ov', label: 'Overlays', group: 'overlays', kind: 'toggles', options: OVERLAY_OPTIONS, what: 'overlay',
    get: (p) => OVERLAYS.filter((o) => p[o]),
    set: (p, v) => ({ ...p, ...Object.fromEntries(OVERLAYS.map((o) => [o, v.includes(o)])) }),
    fallback: () => { const d = defaultParams(); return OVERLAYS.filter((o) => d[o]); },
  }),
  numberField({ key: 'cc', label: 'Contour lines', group: 'overlays', min: MIN_CONTOURS, max: MAX_CONTOURS, integer: true, log: false,
    help: 'Number of contour levels', ...topLevel('contourCount') }),
  idListField<MethodId>({ key: 'm', label: 'Optimizers', group: 'run', kind: 'ordered-subset', options: METHODS.map((m) => ({ value: m.id, label: m.name, help: m.update })),
    what: 'method', ...topLevel('methods') }),
  ...hyperFields,
  pointField({ key: 's', label: 'start', group: 'run', maxAbs: MAX_COORD, what: 'x,y', check: (v) => checkPoint(v, MAX_COORD, 'start'), ...topLevel('start') }),
  numberField({ key: 'n', label: 'Steps', group: 'run', min: 1, max: MAX_RUN_STEPS, integer: true, log: true, help: 'Step budget of each optimizer', ...topLevel('steps') }),
  numberField({ key: 'seed', label: 'Seed', group: 'run', min: 0, max: MAX_SEED, integer: true, log: false,
    help: 'Seeds the critical-point search and every stochastic method', ...topLevel('seed') }),
  ...RIDGE_FIELDS,
  ...ES_FIELDS,
  ...SMOOTH_FIELDS,
  ...ONED_FIELDS,
  ...MDP_FIELDS,
  ...LEVER_FIELDS,
  ...NET_FIELDS,
];

/**
 * The URL key(s) of each AppParams property. `satisfies` makes the type-check fail when AppParams gains a
 * property the URL does not declare.
 */
export const URL_KEYS = {
  landscape: 'l', formula: 'f', view: 'v', colormap: 'cm', scale: 'sc',
  contours: 'ov', eigenvectors: 'ov', curvature: 'ov', critical: 'ov', contourCount: 'cc',
  methods: 'm', hyper: '<method>.<key>', start: 's', steps: 'n', seed: 'seed', ridge: 'r…', es: 'e…', smooth: 'sm…', oned: 'o, of, ofx, ost',
  mdp: 't, td, tsp, trw, tt, tmi, tcr, tb, ta, tn, tm, tsw', lever: 'lv, lvp, lvn, lvk',
  net: 'nn, nbk, nl, na, no, nlr, nb, nst, nts, nee, nes, nde, nhs, nhv, nk, nw, ntol, nmv, nqs, nqd, nsd, nsr, nsg',
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

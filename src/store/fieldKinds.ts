import { MAX_FORMULA_LENGTH, tryCompileFormula } from '../landscapes/expression/compileFormula';
import type { MethodId } from '../optimizers/methods';
import { defaultParams, type AppParams } from './params';

/**
 * The kinds of URL field (numbers, flags, choices, id lists, points, formulas) and their parsing and checks, shared
 * by the field tables (urlCodec.ts, ridgeFields.ts, esFields.ts): one builder per kind. Every reader returns a value
 * or a reason; none throws. The panels draw their controls from the same fields (components/ParamControl.tsx), so a
 * label or a range is declared once.
 */
/** A value of a choice or list field, its label, and what it means (the control's tooltip). */
export interface FieldOption { readonly value: string; readonly label: string; readonly help?: string }

/** What kind of control edits a field; the panels render controls from this. */
export type FieldControl =
  | { readonly kind: 'flag' }
  | { readonly kind: 'choice'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly integer: boolean; readonly log: boolean }
  | { readonly kind: 'toggles'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'ordered-subset'; readonly options: readonly FieldOption[] }
  | { readonly kind: 'formula'; readonly maxLength: number }
  | { readonly kind: 'rect'; readonly maxAbs: number; readonly minSpan: number }
  /** Two numbers named by `axes` (x and y, or μ and σ), or none. */
  | { readonly kind: 'point'; readonly maxAbs: number; readonly axes: readonly [string, string] }
  /** A comma-separated list of numbers (a game's payoffs). */
  | { readonly kind: 'numbers'; readonly maxLength: number };

export type FieldGroup = 'surface' | 'view' | 'overlays' | 'run' | 'hyper' | 'ridge' | 'es' | 'smooth' | 'oned' | 'mdp' | 'lever' | 'net';

export type Read<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

export interface ParamField<T> {
  readonly key: string;
  /** The control's label in the panel (short; the symbol where the paper has one). */
  readonly label: string;
  readonly group: FieldGroup;
  readonly control: FieldControl;
  /** What the setting does, for people: the control's tooltip. */
  readonly help?: string;
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

export const show = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
export const fmt = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));
export const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function decodeText(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  try {
    return { ok: true, value: decodeURIComponent(text) };
  } catch {
    return { ok: false, reason: `${show(text)} has malformed percent-encoding` };
  }
}

/** A finite decimal number, or the reason it is not one. */
export function parseNumber(s: string): number | string {
  if (s.length > 64 || !NUMBER_RE.test(s)) return /^[+-]?(infinity|nan)$/i.test(s) ? `${show(s)} is not a finite number` : `${show(s)} is not a number`;
  const n = Number(s);
  return Number.isFinite(n) ? n : `${show(s)} is not a finite number`;
}

export function checkNumber(v: unknown, min: number, max: number, integer: boolean): string | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return `${String(v)} is not a number`;
  if (!Number.isFinite(v)) return `${fmt(v)} is not a finite number`;
  if (integer && !Number.isInteger(v)) return `${fmt(v)} is not an integer`;
  if (v < min) return `${fmt(v)} is below the minimum ${fmt(min)}`;
  if (v > max) return `${fmt(v)} is above the maximum ${fmt(max)}`;
  return null;
}

/** Reads `count` comma-separated numbers. */
export function readNumbers(text: string, count: number, what: string): number[] | string {
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

export function finish<T>(value: T, check: (v: T) => string | null, notes: string[] = []): Read<T> {
  const reason = check(value);
  return reason === null ? { ok: true, value, notes } : { ok: false, reason };
}

/** How a field reads and writes its value in AppParams, and its default. */
export interface Access<T> {
  get(p: AppParams): T;
  /** A new AppParams with the value set (the builders copy arrays and points). */
  set(p: AppParams, v: T): AppParams;
  fallback(p: AppParams): T;
}

type Section = 'ridge' | 'es' | 'smooth' | 'oned' | 'mdp' | 'lever' | 'net';

/** Access to a top-level property of AppParams, defaulting to defaultParams(). */
export function topLevel<K extends keyof AppParams>(prop: K): Access<AppParams[K]> {
  return { get: (p) => p[prop], set: (p, v) => ({ ...p, [prop]: v }), fallback: () => defaultParams()[prop] };
}

/** Access to p[section][prop] (an engine's settings inside AppParams), defaulting to defaultParams(). */
export function inSection<S extends Section, K extends keyof AppParams[S]>(section: S, prop: K): Access<AppParams[S][K]> {
  return {
    get: (p) => p[section][prop],
    set: (p, v) => ({ ...p, [section]: { ...p[section], [prop]: v } }),
    fallback: () => defaultParams()[section][prop],
  };
}

interface Described { readonly key: string; readonly label: string; readonly group: FieldGroup; readonly help?: string }

const described = (s: Described) => ({ key: s.key, label: s.label, group: s.group, ...(s.help ? { help: s.help } : {}) });

export interface NumberSpec extends Described, Access<number> {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** A log-scaled quantity (a step size, a σ): controls step it multiplicatively. */
  readonly log: boolean;
  readonly hyper?: { readonly method: MethodId; readonly key: string };
}

export function numberField(s: NumberSpec): ParamField<number> {
  const check = (v: number) => checkNumber(v, s.min, s.max, s.integer);
  return {
    ...described(s), ...(s.hyper ? { hyper: s.hyper } : {}),
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

/** On or off, written 1 or 0. */
export function flagField(s: Described & Access<boolean>): ParamField<boolean> {
  const check = (v: boolean) => (typeof v === 'boolean' ? null : `${String(v)} is not 0 or 1`);
  return {
    ...described(s), control: { kind: 'flag' },
    get: s.get, set: s.set, fallback: s.fallback, check,
    equals: (a, b) => a === b,
    write: (v) => (v ? '1' : '0'),
    read: (text) => (text === '1' || text === '0' ? finish(text === '1', check) : { ok: false, reason: `${show(text)} is not 0 or 1` }),
  };
}

/** One of `options` (read case-insensitively when the exact value is unknown); `what` names it in reasons: unknown <what> "x". */
export function choiceField<T extends string>(s: Described & Access<T> & { readonly options: readonly FieldOption[]; readonly what: string }): ParamField<T> {
  const ids = new Set(s.options.map((o) => o.value));
  const check = (v: T) => (typeof v === 'string' && ids.has(v) ? null : `unknown ${s.what} ${show(String(v))}`);
  return {
    ...described(s), control: { kind: 'choice', options: s.options },
    get: s.get, set: s.set, fallback: s.fallback, check,
    equals: (a, b) => a === b,
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      const d = decodeText(text);
      if (!d.ok) return d;
      const lower = d.value.toLowerCase();
      return finish((ids.has(d.value) ? d.value : (s.options.find((o) => o.value === lower)?.value ?? d.value)) as T, check);
    },
  };
}

/**
 * A list of distinct ids from `options`: 'toggles' (a set: order does not matter) or 'ordered-subset' (the order is
 * the display order). Unknown or repeated items in a link are dropped with a note; `what` names an item.
 */
export function idListField<T extends string>(s: Described & Access<T[]> & {
  readonly options: readonly FieldOption[]; readonly what: string; readonly kind: 'toggles' | 'ordered-subset';
}): ParamField<T[]> {
  const ids: ReadonlySet<string> = new Set(s.options.map((o) => o.value));
  return {
    ...described(s), control: { kind: s.kind, options: s.options },
    get: s.get, set: (p, v) => s.set(p, [...v]), fallback: s.fallback,
    equals: s.kind === 'toggles' ? (a, b) => sameList([...a].sort(), [...b].sort()) : sameList,
    check: (v) => checkIdList(v, ids, s.what),
    write: (v) => v.map(encodeURIComponent).join(','),
    read: (text) => readIdList(text, ids, s.what) as Read<T[]>,
  };
}

/** A point (x, y) or none (null, omitted from the link); `check` validates a point. */
export function pointField(s: Described & Access<[number, number] | null> & {
  readonly maxAbs: number; readonly what: string; readonly check: (v: readonly [number, number] | null) => string | null;
}): ParamField<[number, number] | null> {
  return {
    ...described(s), control: { kind: 'point', maxAbs: s.maxAbs, axes: s.what.split(',') as [string, string] },
    get: s.get, set: (p, v) => s.set(p, v === null ? null : [v[0], v[1]]), fallback: s.fallback,
    equals: (a, b) => (a === null || b === null ? a === b : Object.is(a[0], b[0]) && Object.is(a[1], b[1])),
    check: s.check,
    write: (v) => (v === null ? '' : v.map((n) => encodeURIComponent(fmt(n))).join(',')),
    read: (text) => {
      const c = readNumbers(text, 2, s.what);
      return typeof c === 'string' ? { ok: false, reason: c } : finish<[number, number] | null>([c[0]!, c[1]!], s.check);
    },
  };
}

/** A point within ±maxAbs, or null: the check of start points. */
export function checkPoint(v: readonly [number, number] | null, maxAbs: number, what: string): string | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length !== 2) return `${what} is not a point`;
  if (!v.every((n) => typeof n === 'number' && Number.isFinite(n))) return `${what} must be finite numbers`;
  if (v.some((n) => Math.abs(n) > maxAbs)) return `${what} must lie within ±${fmt(maxAbs)}`;
  return null;
}

/** A formula in `variables` that compiles (mathjs parse, whitelist, tape), at most MAX_FORMULA_LENGTH characters. */
export function formulaField(s: Described & Access<string> & { readonly variables: readonly string[] }): ParamField<string> {
  const check = (v: string): string | null => {
    if (typeof v !== 'string') return 'formula is not text';
    if (v.length > MAX_FORMULA_LENGTH) return `formula is longer than ${MAX_FORMULA_LENGTH} characters`;
    const r = tryCompileFormula(v, s.variables);
    return r.ok ? null : `formula rejected: ${r.error.message}`;
  };
  return {
    ...described(s), control: { kind: 'formula', maxLength: MAX_FORMULA_LENGTH },
    get: s.get, set: s.set, fallback: s.fallback, check,
    equals: (a, b) => a === b,
    write: (v) => encodeURIComponent(v),
    read: (text) => {
      if (text.length > 3 * MAX_FORMULA_LENGTH) return { ok: false, reason: `formula is longer than ${MAX_FORMULA_LENGTH} characters` };
      const d = decodeText(text);
      return d.ok ? finish(d.value, check) : d;
    },
  };
}

/**
 * A list of 1 to `maxLength` finite numbers, written comma-separated; `check` adds the list's own rule (payoffs
 * positive, at least two).
 */
export function numberListField(s: Described & Access<number[]> & { readonly maxLength: number; readonly check: (v: readonly number[]) => string | null }): ParamField<number[]> {
  const check = (v: number[]): string | null => {
    if (!Array.isArray(v) || v.length === 0) return 'the list is empty';
    if (v.length > s.maxLength) return `at most ${s.maxLength} numbers, got ${v.length}`;
    if (!v.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'every entry must be a finite number';
    return s.check(v);
  };
  return {
    ...described(s), control: { kind: 'numbers', maxLength: s.maxLength },
    get: s.get, set: (p, v) => s.set(p, [...v]), fallback: s.fallback, check,
    equals: (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i])),
    write: (v) => v.map(fmt).join(','),
    read: (text) => {
      const parts = text.split(',');
      if (parts.length > s.maxLength) return { ok: false, reason: `at most ${s.maxLength} numbers, got ${parts.length}` };
      const bad = parts.find((t) => !NUMBER_RE.test(t));
      if (bad !== undefined) return { ok: false, reason: `${show(bad)} is not a number` };
      return finish(parts.map(Number), check);
    },
  };
}

/** Comma-separated list of distinct ids; unknown or repeated items are dropped with a note. */
export function readIdList(text: string, ids: ReadonlySet<string>, what: string): Read<string[]> {
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

export function checkIdList(v: unknown, ids: ReadonlySet<string>, what: string): string | null {
  if (!Array.isArray(v)) return `${what} list is not a list`;
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string' || !ids.has(v[i] as string)) return `unknown ${what} ${show(String(v[i]))}`;
    if (v.indexOf(v[i]) !== i) return `${what} ${show(String(v[i]))} is listed twice`;
  }
  return null;
}

export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);


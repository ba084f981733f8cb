import type { MethodId } from '../optimizers/methods';
import { defaultParams, type AppParams } from './params';

/**
 * The kinds of URL field (numbers, choices, id lists) and their parsing and checks, shared by the field tables
 * (urlCodec.ts, ridgeFields.ts). Every reader returns a value or a reason; none throws.
 */
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

export type FieldGroup = 'surface' | 'view' | 'overlays' | 'run' | 'hyper' | 'ridge';

export type Read<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

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

export interface NumberSpec { key: string; label: string; group: FieldGroup; min: number; max: number; integer: boolean; log: boolean;
  get(p: AppParams): number; set(p: AppParams, v: number): AppParams; fallback(p: AppParams): number;
  hyper?: { method: MethodId; key: string } }

export function numberField(s: NumberSpec): ParamField<number> {
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

export function choiceField<K extends 'landscape' | 'colormap' | 'scale'>(key: string, label: string, group: FieldGroup, prop: K,
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


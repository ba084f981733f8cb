/**
 * A small command-line parser for `npm run cli` (no dependency): `<command> [--name value | --name=value | --flag]…`.
 * A value is always the next token, so negative numbers need no quoting (`--start -1,2`). Everything wrong with
 * the input is a UsageError, which main.ts prints as one line on stderr with exit code 2. At the end: the options
 * every command shares (--landscape, --domain, --seed, --json) and their readers.
 */
import { FormulaError } from '../landscapes/expression/compileFormula';
import type { Domain } from '../landscapes/grid';
import { LANDSCAPES, resolveLandscape, type ResolvedLandscape } from '../landscapes/registry';
import { WHOLE, type Shard } from '../runners/shard';

/** Bad input from the user (exit code 2), as opposed to a bug (exit code 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  readonly name: string;
  /**
   * 'flag' takes no value; 'value' takes one (validated by the command); 'positional' is the command's one bare
   * argument (`experiment fig1`), stored under `name`.
   */
  readonly kind: 'flag' | 'value' | 'positional';
  readonly required?: boolean;
  /** Shown in the usage text, e.g. '<x,y>'. */
  readonly meta?: string;
  readonly help: string;
}

export interface ParsedArgs {
  readonly command: string;
  /** Option values by name (without the dashes); flags map to 'true'. */
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Splits argv (without node and the script) into the command and its options, checking them against `specs`:
 * unknown options, a missing value, a repeated option and a missing required option are UsageErrors.
 */
export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, readonly OptionSpec[]>>): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '') throw new UsageError(`missing command; use one of: ${Object.keys(specs).join(', ')} (try "help")`);
  const spec = Object.prototype.hasOwnProperty.call(specs, command) ? specs[command] : undefined;
  if (!spec) throw new UsageError(`unknown command "${command}"; use one of: ${Object.keys(specs).join(', ')}`);
  const byName = new Map(spec.filter((o) => o.kind !== 'positional').map((o) => [o.name, o]));
  const positional = spec.find((o) => o.kind === 'positional');
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (positional && !token.startsWith('--') && !values.has(positional.name)) {
      values.set(positional.name, token);
      continue;
    }
    if (!token.startsWith('--') || token === '--') throw new UsageError(`unexpected argument "${token}" (options start with --)`);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const opt = byName.get(name);
    if (!opt) {
      const known = spec.map((o) => `--${o.name}`).join(', ');
      throw new UsageError(`unknown option --${name} for "${command}"${known ? `; it takes ${known}` : '; it takes no options'}`);
    }
    if (values.has(name)) throw new UsageError(`option --${name} given twice`);
    if (opt.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      values.set(name, 'true');
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = token.slice(eq + 1);
    else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value${opt.meta ? ` ${opt.meta}` : ''}`);
    values.set(name, value);
  }
  for (const o of spec) {
    if (o.required && !values.has(o.name)) {
      throw new UsageError(o.kind === 'positional' ? `missing ${o.meta ?? o.name} for "${command}"` : `missing required option --${o.name}${o.meta ? ` ${o.meta}` : ''} for "${command}"`);
    }
  }
  return { command, values };
}

/** Plain decimal numbers only (no hex, no "Infinity", no empty string): 1, -2.5, .5, 1e-3. */
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number, or a UsageError naming the option. */
export function parseNumber(name: string, text: string): number {
  const t = text.trim();
  const v = NUMBER_RE.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return v;
}

/** An integer in [min, max], or a UsageError naming the option and the range. */
export function parseInteger(name: string, text: string, min: number, max: number): number {
  const v = parseNumber(name, text);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return v;
}

/** A number in [min, max] ((min, max] when `minOpen`), or a UsageError naming the option and the range. */
export function parseNumberInRange(name: string, text: string, min: number, max: number, minOpen = false): number {
  const v = parseNumber(name, text);
  if (v > max || (minOpen ? v <= min : v < min)) throw new UsageError(`--${name} must be a number in ${minOpen ? '(' : '['}${min}, ${max}], got "${text}"`);
  return v;
}

/** One of `choices`, or a UsageError listing them. */
export function parseChoice<T extends string>(name: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`unknown --${name} "${text}"; use one of ${choices.join(', ')}`);
  return text as T;
}

/** Exactly `count` comma-separated finite numbers ("x,y"), or a UsageError showing the expected form. */
export function parseNumberList(name: string, text: string, count: number, form: string): number[] {
  const parts = text.split(',');
  if (parts.length !== count) throw new UsageError(`--${name} must be ${form} (${count} comma-separated numbers), got "${text}"`);
  return parts.map((p) => {
    try {
      return parseNumber(name, p);
    } catch {
      throw new UsageError(`--${name} must be ${form} (${count} comma-separated numbers), got "${text}"`);
    }
  });
}

/** Usage text for `help`. */
export function usageText(program: string, specs: Readonly<Record<string, readonly OptionSpec[]>>, about: Readonly<Record<string, string>>): string {
  const lines = [`usage: ${program} <command> [options]`, ''];
  for (const [cmd, opts] of Object.entries(specs)) {
    const bare = opts.find((o) => o.kind === 'positional');
    lines.push(`  ${cmd}${bare ? ` ${bare.meta ?? `<${bare.name}>`}` : ''}${about[cmd] ? `  ${about[cmd]}` : ''}`);
    for (const o of opts) {
      if (o.kind === 'positional') continue;
      const head = `--${o.name}${o.kind === 'value' ? ` ${o.meta ?? '<value>'}` : ''}`;
      lines.push(`      ${head.padEnd(30)} ${o.help}${o.required ? ' (required)' : ''}`);
    }
  }
  return lines.join('\n');
}

export const DEFAULT_SEED = 1;

export const landscapeOpt: OptionSpec = { name: 'landscape', kind: 'value', required: true, meta: '<name|formula>', help: `built-in id (see "list") or a formula in x and y` };
export const domainOpt: OptionSpec = { name: 'domain', kind: 'value', meta: '<x0,x1,y0,y1>', help: 'rectangle (default: the landscape\'s own; [-5,5]² for formulas)' };
export const seedOpt: OptionSpec = { name: 'seed', kind: 'value', meta: '<n>', help: `integer seed, 0 to 2^32 − 1 (default ${DEFAULT_SEED})` };
export const jsonOpt: OptionSpec = { name: 'json', kind: 'flag', help: 'print JSON' };

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** `--shard k/n` (default 1/1: the whole job). */
export function parseShard(text: string | undefined): Shard {
  if (text === undefined) return WHOLE;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : Number.NaN;
  const n = m ? Number(m[2]) : Number.NaN;
  if (!(n >= 1 && k >= 1 && k <= n)) throw new UsageError(`--shard must be k/n with 1 ≤ k ≤ n, got ${text}`);
  return { k, n };
}

/** A built-in or a formula; an unknown name or a malformed formula is a UsageError listing the built-ins. */
export function landscapeFrom(text: string): ResolvedLandscape {
  try {
    return resolveLandscape(text);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    const ids = LANDSCAPES.map((l) => l.id);
    const word = text.trim();
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(word)) {
      const best = ids.map((id) => ({ id, d: editDistance(word.toLowerCase(), id) })).sort((a, b) => a.d - b.d)[0]!;
      const hint = best.d <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean "${best.id}"? ` : '';
      throw new UsageError(`unknown landscape "${word}": ${hint}built-ins are ${ids.join(', ')}; or give a formula in x and y such as "x^2 + 3*y^2"`);
    }
    throw new UsageError(`bad formula "${word}": ${e.message}; built-ins are ${ids.join(', ')}`);
  }
}

export function domainFrom(values: ReadonlyMap<string, string>, fallback: Domain): Domain {
  const text = values.get('domain');
  if (text === undefined) return fallback;
  const [x0, x1, y0, y1] = parseNumberList('domain', text, 4, 'x0,x1,y0,y1') as [number, number, number, number];
  if (!(x1 > x0) || !(y1 > y0)) throw new UsageError(`--domain must have x0 < x1 and y0 < y1, got "${text}"`);
  return { x0, x1, y0, y1 };
}

export function seedFrom(values: ReadonlyMap<string, string>): number {
  const text = values.get('seed');
  return text === undefined ? DEFAULT_SEED : parseInteger('seed', text, 0, 2 ** 32 - 1);
}

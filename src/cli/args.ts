/**
 * A small command-line parser for `npm run cli` (no dependency): `<command> [--name value | --name=value | --flag]…`.
 * A value is always the next token, so negative numbers need no quoting (`--start -1,2`). Everything wrong with
 * the input is a UsageError, which main.ts prints as one line on stderr with exit code 2.
 */

/** Bad input from the user (exit code 2), as opposed to a bug (exit code 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  readonly name: string;
  /** 'flag' takes no value; 'value' takes one (validated by the command). */
  readonly kind: 'flag' | 'value';
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
  const byName = new Map(spec.map((o) => [o.name, o]));
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
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
    if (o.required && !values.has(o.name)) throw new UsageError(`missing required option --${o.name}${o.meta ? ` ${o.meta}` : ''} for "${command}"`);
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
    lines.push(`  ${cmd}${about[cmd] ? `  ${about[cmd]}` : ''}`);
    for (const o of opts) {
      const head = `--${o.name}${o.kind === 'value' ? ` ${o.meta ?? '<value>'}` : ''}`;
      lines.push(`      ${head.padEnd(30)} ${o.help}${o.required ? ' (required)' : ''}`);
    }
  }
  return lines.join('\n');
}

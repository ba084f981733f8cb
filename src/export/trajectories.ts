/**
 * Trajectories and critical points as downloadable text (JSON and CSV). Pure data → string functions: the UI
 * turns the strings into a file. Numbers are written with String(n)/JSON, the shortest text that reads back
 * to the same double, so a Float32 value round-trips exactly too.
 */

/**
 * One trajectory: an optimizer's run, a Ridge Rider ride or its gradient-descent finish, a baseline run. `points`
 * holds (x, y, f) triples, the start point first (step 0).
 */
export interface TrajectoryRun {
  /** The method's id, or the trace's name (a ride's fingerprint, 'ride 0+ 1−'). */
  readonly method: string;
  /** What the trace is (CSV column `kind`): 'optimizer' by default, 'es', 'ride', 'gd-finish', 'baseline', 'ring'. */
  readonly kind?: string;
  readonly color?: string;
  readonly points: Float32Array | Float64Array;
  /** Why the run ended (converged, max-steps, diverged, cancelled, or a ride's end reason). */
  readonly stop: string;
  readonly message?: string;
  /** A ride's eigenvalue λ (CSV column `eigenvalue`). */
  readonly eigenvalue?: number;
}

/** What the runs were computed from; extra properties (view, seed, steps budget, ...) are copied through. */
export interface TrajectoryMeta {
  /** Built-in landscape id, or 'custom'. */
  readonly landscape: string;
  /** The formula that was evaluated. */
  readonly formula?: string;
  readonly start?: readonly [number, number] | null;
  /** Hyper-parameters by method id. */
  readonly hyper?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly [extra: string]: unknown;
}

export const TRAJECTORY_FORMAT = 'ridgelab-trajectories';
export const TRAJECTORY_FORMAT_VERSION = 2;

function pointCount(run: TrajectoryRun): number {
  if (run.points.length % 3 !== 0) throw new RangeError(`run "${run.method}": points length ${run.points.length} is not a multiple of 3`);
  return run.points.length / 3;
}

/** Optimizer steps taken: the number of points after the start. */
function stepCount(run: TrajectoryRun): number {
  return Math.max(0, pointCount(run) - 1);
}

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json | undefined };

/** JSON with two-space indentation, except that arrays of numbers stay on one line. NaN and ±Infinity become null. */
export function prettyJson(value: Json, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const arr = value as readonly Json[];
    if (arr.length === 0) return '[]';
    if (arr.every((v) => typeof v === 'number' || v === null)) return JSON.stringify(arr);
    return `[\n${arr.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter((e): e is [string, Json] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Plain JSON data from an unknown meta value (typed arrays become arrays; functions and symbols are dropped). */
export function toJson(v: unknown, depth = 0): Json | undefined {
  if (depth > 20) return undefined;
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, Number);
  if (Array.isArray(v)) return v.map((x) => toJson(x, depth + 1) ?? null);
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const j = toJson(x, depth + 1);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return undefined;
}

/**
 * The runs and their setting as JSON:
 *   { format, version, landscape, formula, start, hyper, ...other meta,
 *     runs: [{ method, color, stop, message, steps, hyper, points: [[x, y, f], ...] }] }
 * `steps` counts the points after the start; each run's `hyper` is meta.hyper[method] when given.
 * Non-finite coordinates (a diverged run) are written as null, as JSON has no NaN or Infinity.
 */
export function trajectoriesToJson(runs: readonly TrajectoryRun[], meta: TrajectoryMeta): string {
  const { landscape, formula, start, hyper, ...rest } = meta;
  const doc: Record<string, Json | undefined> = {
    format: TRAJECTORY_FORMAT,
    version: TRAJECTORY_FORMAT_VERSION,
    landscape,
    formula,
    start: start === undefined ? undefined : toJson(start),
    hyper: hyper === undefined ? undefined : toJson(hyper),
  };
  for (const [k, v] of Object.entries(rest)) {
    if (k in doc || k === 'runs') continue;
    const j = toJson(v);
    if (j !== undefined) doc[k] = j;
  }
  doc.runs = runs.map((run) => {
    const n = pointCount(run);
    const points: Json[] = [];
    for (let i = 0; i < n; i++) points.push([run.points[3 * i]!, run.points[3 * i + 1]!, run.points[3 * i + 2]!]);
    return {
      method: run.method,
      kind: run.kind,
      color: run.color,
      stop: run.stop,
      message: run.message,
      steps: stepCount(run),
      hyper: hyper?.[run.method] === undefined ? undefined : toJson(hyper[run.method]),
      points,
    };
  });
  return `${prettyJson(doc)}\n`;
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; text that a spreadsheet would run as
 * a formula (leading = + - @, tab or CR) is prefixed with an apostrophe. Numbers are written as String(n).
 */
export function csvCell(v: string | number): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV table: a header row, then the rows (RFC 4180 cells, csvCell). */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export const TRAJECTORY_CSV_HEADER = ['trace', 'kind', 'step', 'x', 'y', 'f', 'end', 'eigenvalue'] as const;

/**
 * Long-format ("tidy") CSV, one row per point: trace,kind,step,x,y,f,end,eigenvalue (step 0 is the start point;
 * `end` is why the trace ended and `eigenvalue` a ride's λ, repeated on each of its rows so that any row stands
 * alone in a spreadsheet or a data frame).
 */
export function trajectoriesToCsv(runs: readonly TrajectoryRun[]): string {
  const rows: (string | number)[][] = [];
  for (const run of runs) {
    const n = pointCount(run);
    const kind = run.kind ?? 'optimizer';
    const lambda = run.eigenvalue ?? '';
    for (let i = 0; i < n; i++) rows.push([run.method, kind, i, run.points[3 * i]!, run.points[3 * i + 1]!, run.points[3 * i + 2]!, run.stop, lambda]);
  }
  return csvTable(TRAJECTORY_CSV_HEADER, rows);
}

/** A critical point to export: position, value and kind (minimum, saddle, maximum, degenerate). */
export interface ExportedCriticalPoint {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly kind: string;
}

/** CSV with columns x,y,f,kind. */
export function criticalPointsToCsv(points: readonly ExportedCriticalPoint[]): string {
  return csvTable(['x', 'y', 'f', 'kind'], points.map((p) => [p.x, p.y, p.f, p.kind]));
}

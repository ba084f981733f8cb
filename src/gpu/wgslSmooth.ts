import { UNARY_FUNCTIONS, WGSL_SINC_HELPERS } from '../landscapes/expression/functions';
import { Op, type Tape } from '../landscapes/expression/tape';
import type { GridSpec } from '../landscapes/grid';
import { wgslF32 } from './wgslFormat';
import { WGSL_GRID_MAIN_PROLOGUE, gridUniformData } from './wgslGrid';

/** How the sample weights are used: 'quadrature' Σ w_k f_k / Σ w_k, 'mc' Σ f_k / (number used) (weights ignored). */
export type SmoothMode = 'quadrature' | 'mc';

/** Fields written per node, field-major: 0 f_σ, 1 and 2 the Stein gradient estimate (x, y). */
export const SMOOTH_FIELD_COUNT = 3;

/** Byte size of the uniform block `Params` (12 scalars of 4 bytes). */
export const SMOOTH_UNIFORM_BYTES = 48;

/** Bytes per sample in the sample buffer: vec4<f32>(w_k, ε_k.x, ε_k.y, 0). */
export const SMOOTH_SAMPLE_BYTES = 16;

/** Integer exponents up to this magnitude are unrolled into multiplications (as wgslJetCodegen.ts). */
const MAX_UNROLLED_EXPONENT = 1024;

/**
 * The uniform block: `struct Params { x0, x1, y0, y1: f32, nx, ny: u32, nan, inf, sigma: f32, count: u32, _a, _b }`.
 * As in gridUniformData (wgslGrid.ts), `nan` and `inf` carry the non-finite bit patterns that WGSL forbids as literals.
 */
export function smoothUniformData(spec: GridSpec, sigma: number, count: number): ArrayBuffer {
  const buf = new ArrayBuffer(SMOOTH_UNIFORM_BYTES);
  // The first eight scalars are the grid kernel's block (x0, x1, y0, y1, nx, ny, nan, inf).
  new Uint8Array(buf).set(new Uint8Array(gridUniformData(spec)));
  const f = new Float32Array(buf);
  const u = new Uint32Array(buf);
  f[8] = sigma;
  u[9] = count;
  return buf;
}

/**
 * The value of a 2-variable tape as WGSL statements (no derivatives): one `let vK` per instruction, with the same
 * f32 conventions as the jet generator (wgslJetCodegen.ts): constants printed exactly by wgslF32 (a negative one is
 * bound to a `let`, a non-finite one read from P.nan / P.inf), integer powers unrolled by binary powering (1/u^m for
 * negative exponents; sign(u)·pow(|u|, c) beyond ±1024), pow(u, c) for non-integer c, and the same domain tracking:
 * every restricted operation (log, sqrt, asin, acos, a divisor, the base of a negative or fractional power) adds a
 * condition to `domain`, and the caller treats the value as NaN where one fails (WGSL leaves those results
 * indeterminate). Where JS gives ±∞ (x/0, 0^−2) the domain also fails: the value is NaN instead of ∞, which the
 * smoothing skips all the same. A NaN constant makes the whole value NaN (as NaN propagates in JetEvaluator.value).
 */
export class ValueCodegen {
  readonly lines: string[] = [];
  readonly domain: string[] = [];
  usesSinc = false;
  private readonly values: string[] = [];

  constructor(tape: Tape) {
    if (tape.vars.length !== 2) throw new Error('a surface grid needs a formula in two variables');
    if (tape.instrs.length === 0) throw new Error('empty tape');
    tape.instrs.forEach((ins, k) => this.values.push(this.instr(ins.op, ins.a, ins.b, ins.c, k)));
  }

  /** The atom (identifier or literal) holding the tape's output. */
  get output(): string {
    return this.values[this.values.length - 1]!;
  }

  private instr(op: number, a: number, b: number, c: number, k: number): string {
    const A = (): string => this.operand(a);
    const B = (): string => this.operand(b);
    switch (op) {
      case Op.Const: {
        if (Number.isNaN(c)) this.require('false');
        const lit = this.number(c);
        return /^[0-9]/.test(lit) ? lit : this.let(`v${k}`, lit);
      }
      case Op.Var:
        if (a === 0) return 'px';
        if (a === 1) return 'py';
        throw new Error(`no variable ${a}`);
      case Op.Add: return this.binary(k, A(), '+', B());
      case Op.Sub: return this.binary(k, A(), '-', B());
      case Op.Mul: return this.binary(k, A(), '*', B());
      case Op.Div: {
        const d = B();
        if (!/^[0-9]/.test(d)) this.require(`${d} != 0.0f`);
        return this.binary(k, A(), '/', d);
      }
      case Op.Neg: return this.let(`v${k}`, `-${A()}`);
      case Op.Min: return this.let(`v${k}`, `min(${this.runtime(k, A())}, ${B()})`);
      case Op.Max: return this.let(`v${k}`, `max(${this.runtime(k, A())}, ${B()})`);
      case Op.PowConst: return this.powConst(k, A(), c);
      case Op.Unary: {
        const fn = UNARY_FUNCTIONS[b];
        if (!fn) throw new Error(`no function ${b}`);
        if (fn.name === 'sinc') this.usesSinc = true;
        const u = this.runtime(k, A());
        if (fn.wgsl.domain) this.require(fn.wgsl.domain(u));
        return this.let(`v${k}`, fn.wgsl.f(u));
      }
      default:
        throw new Error(`bad opcode ${String(op)}`);
    }
  }

  private operand(i: number): string {
    const v = this.values[i];
    if (v === undefined) throw new Error('tape operand out of order');
    return v;
  }

  /** a ∘ b; when both are literals (the tape folds constants, so only by accident) `a` is bound to a `let` first, so no const-expression can overflow. */
  private binary(k: number, a: string, op: string, b: string): string {
    return this.let(`v${k}`, `${this.runtime(k, a)} ${op} ${b}`);
  }

  /** A literal bound to a `let` (a runtime value), anything else unchanged. */
  private runtime(k: number, x: string): string {
    return /^[0-9]/.test(x) ? this.let(`c${k}`, x) : x;
  }

  /** u^c as JetEvaluator's powConst: 1 for c = 0, u for c = 1, multiplications for integers, pow() otherwise. */
  private powConst(k: number, u0: string, c: number): string {
    if (c === 0) return '1.0f';
    if (c === 1) return u0;
    const u = this.runtime(k, u0);
    if (!Number.isInteger(c)) {
      this.require(c > 0 ? `${u} >= 0.0f` : `${u} > 0.0f`);
      return this.let(`v${k}`, `pow(${u}, ${this.number(c)})`);
    }
    if (c < 0) this.require(`${u} != 0.0f`);
    if (Math.abs(c) > MAX_UNROLLED_EXPONENT) {
      const lit = this.number(c);
      return this.let(`v${k}`, Math.abs(c % 2) === 1 ? `sign(${u}) * pow(abs(${u}), ${lit})` : `pow(abs(${u}), ${lit})`);
    }
    let result: string | null = null;
    let base = u;
    let e = Math.abs(c);
    let step = 0;
    while (e > 0) {
      if (e & 1) result = result === null ? base : this.let(`p${k}_${step}r`, `${result} * ${base}`);
      e >>= 1;
      if (e > 0) base = this.let(`p${k}_${++step}`, `${base} * ${base}`);
    }
    return c > 0 ? (result === u ? this.let(`v${k}`, u) : result!) : this.let(`v${k}`, `1.0f / ${result!}`);
  }

  private number(c: number): string {
    const lit = wgslF32(c);
    if (lit !== null) return lit.startsWith('-') ? `(${lit})` : lit;
    if (Number.isNaN(c)) return 'P.nan';
    return c > 0 ? 'P.inf' : '(-P.inf)';
  }

  private require(cond: string): void {
    if (!this.domain.includes(cond)) this.domain.push(cond);
  }

  private let(name: string, expr: string): string {
    this.lines.push(`let ${name} = ${expr};`);
    return name;
  }
}

/**
 * Generates one WGSL compute shader that evaluates the Gaussian smoothing f_σ(x) = E_ε[f(x + σε)] (es-vo.md §2) at
 * every node of a 2D grid from K sample offsets, and the Stein gradient estimate ∇f_σ(x) ≈ E[f(x + σε) ε]/σ from the
 * same samples:
 *   'quadrature':  f̂_σ = Σ_k w_k f_k / Σ_k w_k,   ĝ = Σ_k w_k f_k ε_k / (σ Σ_k w_k)     (smoothQuadratureValue /
 *                  smoothQuadrature with gradient 'stein', smoothingQuadrature.ts, for the tensor Gauss–Hermite set);
 *   'mc':          f̂_σ = Σ_k f_k / N,             ĝ = Σ_k f_k ε_k / (σ N)                (smoothMonteCarloValue /
 *                  smoothMonteCarlo, smoothingMonteCarlo.ts, common random numbers; the weights are ignored),
 * with f_k = f(x + σε_k) and the sums over the samples where f_k is defined and finite (N, Σ w_k count those only):
 * a non-finite sample is skipped and the weights renormalized, exactly as the JS path; a node where every sample is
 * skipped gets NaN in all three fields (JS: 0/0). "Defined" is the domain tracking of ValueCodegen (NaN where the JS
 * value is NaN, or ±∞ at a pole); "finite" is tested on the f32 bits (exponent not all ones), which no fast-math
 * rewrite can drop. The formula is also emitted as `fn f(p: vec2<f32>) -> f32` (NaN outside its domain) for reuse.
 *
 * Bindings: group 0, binding 0 `var<uniform> P: Params` (smoothUniformData), binding 1
 * `var<storage, read> samples: array<vec4<f32>>` of K entries (w_k, ε_k.x, ε_k.y, 0), binding 2
 * `var<storage, read_write> fields: array<f32>` of 3·nx·ny floats, field-major (q·nx·ny + j·nx + i, q = f_σ, ĝ_x, ĝ_y).
 * Node (i, j) and the dispatch are those of generateGridWgsl (8 × 8 workgroups). Accumulation is plain f32 in
 * sample order (JS accumulates in f64), which bounds the agreement: see test/browser/gpuSmooth.test.ts.
 * The output is a pure function of (tape, mode): deterministic text with no formula text interpolated.
 */
export function generateSmoothWgsl(tape: Tape, mode: SmoothMode): string {
  if (mode !== 'quadrature' && mode !== 'mc') throw new Error(`unknown smoothing mode ${String(mode)}`);
  const body = new ValueCodegen(tape);
  const ok = body.domain.length > 0 ? body.domain.map((c) => `(${c})`).join(' && ') : 'true';
  const weighted = mode === 'quadrature';
  return [
    `// RidgeLab smoothing kernel (${weighted ? 'quadrature' : 'Monte Carlo'}): f_sigma and the Stein gradient at every grid node, from a tape of ${tape.instrs.length} instructions.`,
    '// Output layout: field-major, fields[q * nx * ny + j * nx + i] for q = f_sigma, g_x, g_y.',
    'struct Params {',
    '  x0: f32, x1: f32, y0: f32, y1: f32,',
    '  nx: u32, ny: u32,',
    '  nan: f32, inf: f32,',
    '  sigma: f32, count: u32,',
    '  pad0: u32, pad1: u32,',
    '}',
    'struct FVal { v: f32, ok: bool }',
    '@group(0) @binding(0) var<uniform> P: Params;',
    '@group(0) @binding(1) var<storage, read> samples: array<vec4<f32>>;',
    '@group(0) @binding(2) var<storage, read_write> fields: array<f32>;',
    body.usesSinc ? WGSL_SINC_HELPERS : '',
    '// The formula and whether it is defined at p (false where the JS value is NaN or a pole).',
    'fn f_checked(p: vec2<f32>) -> FVal {',
    '  let px = p.x;',
    '  let py = p.y;',
    ...body.lines.map((l) => `  ${l}`),
    `  return FVal(${body.output}, ${ok});`,
    '}',
    '// The formula, NaN outside its domain.',
    'fn f(p: vec2<f32>) -> f32 {',
    '  let r = f_checked(p);',
    '  return select(P.nan, r.v, r.ok);',
    '}',
    'fn is_finite_f32(v: f32) -> bool {',
    '  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;',
    '}',
    ...WGSL_GRID_MAIN_PROLOGUE,
    '  var sum = 0.0f;',
    '  var gsx = 0.0f;',
    '  var gsy = 0.0f;',
    '  var mass = 0.0f;',
    '  for (var s = 0u; s < P.count; s = s + 1u) {',
    '    let e = samples[s];',
    '    let r = f_checked(vec2<f32>(px + P.sigma * e.y, py + P.sigma * e.z));',
    '    if (r.ok && is_finite_f32(r.v)) {',
    weighted ? '      let wf = e.x * r.v;' : '      let wf = r.v;',
    '      sum = sum + wf;',
    '      gsx = gsx + wf * e.y;',
    '      gsy = gsy + wf * e.z;',
    weighted ? '      mass = mass + e.x;' : '      mass = mass + 1.0f;',
    '    }',
    '  }',
    '  let any = mass > 0.0f;',
    '  fields[k] = select(P.nan, sum / mass, any);',
    '  fields[n + k] = select(P.nan, gsx / (P.sigma * mass), any);',
    '  fields[2u * n + k] = select(P.nan, gsy / (P.sigma * mass), any);',
    '}',
    '',
  ].join('\n');
}

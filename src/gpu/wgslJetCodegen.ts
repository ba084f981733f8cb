import { UNARY_FUNCTIONS } from '../landscapes/expression/functions';
import { Op, type Instr } from '../landscapes/expression/tape';
import { wgslF32 } from './wgslFormat';

/** Integer exponents up to this magnitude are unrolled into multiplications; larger ones use |u|^c with the sign. */
const MAX_UNROLLED_EXPONENT = 1024;

/**
 * A jet component in the generated code: a WGSL identifier, a non-negative f32 literal, or null when it is
 * structurally zero (constants, the other variable's partials, products with such zeros). Zero components are
 * not emitted at all, which keeps the shader small.
 */
type Comp = string | null;

/** Generated jet of one instruction: value, gradient (x, y), Hessian (xx, xy, yy). The value is never null. */
export interface WJet {
  readonly v: string;
  readonly g: readonly [Comp, Comp];
  readonly h: readonly [Comp, Comp, Comp];
}

const ONE = '1.0f';
/** Hessian slot → (i, j) for n = 2, the upper triangle row-major as in jet.ts. */
const HESS_IJ: readonly (readonly [0 | 1, 0 | 1])[] = [[0, 0], [0, 1], [1, 1]];
const COMP_NAMES = ['gx', 'gy'] as const;
const HESS_NAMES = ['hxx', 'hxy', 'hyy'] as const;

const isLiteral = (s: string): boolean => /^[0-9]/.test(s);

/**
 * The f32 value of a literal as this generator prints it (`2.0f`, `(-3.0f)`, `-1.0f`), else null. Expressions made
 * only of literals are const-expressions in WGSL, where an f32 overflow or a division by zero is a shader-creation
 * error, so the generator folds them here (in f32, like the GPU would) instead of emitting them.
 */
function literalValue(s: string): number | null {
  const m = /^\(?(-?[0-9][0-9.e-]*)f\)?$/.exec(s);
  return m ? Math.fround(Number(m[1])) : null;
}

/**
 * Emits WGSL `let` statements for the jets of tape instructions, one instruction at a time (the rules are
 * documented at generateGridWgsl in wgslGrid.ts). Helpers return an atom (identifier or literal), a product of
 * atoms, or null for a structurally zero component.
 */
export class JetCodegen {
  readonly lines: string[] = [];
  /**
   * WGSL conditions under which every value computed so far is defined, as in JavaScript (which gives NaN
   * outside them): log/sqrt/asin/acos arguments, non-zero divisors, bases of negative or fractional powers.
   * WGSL leaves results outside these domains indeterminate, so the kernel writes NaN where one fails.
   */
  readonly domain: string[] = [];
  /** Names bound to a negative or non-literal constant expression: finite, so a product with them needs no guard. */
  private readonly finiteNames = new Set<string>();

  instr(ins: Instr, k: number, jets: readonly WJet[]): WJet {
    const A = ins.a >= 0 ? jets[ins.a] : undefined;
    const B = ins.b >= 0 ? jets[ins.b] : undefined;
    switch (ins.op) {
      case Op.Const:
        return { v: this.constant(`v${k}`, ins.c), g: [null, null], h: [null, null, null] };
      case Op.Var:
        if (ins.a === 0) return { v: 'px', g: [ONE, null], h: [null, null, null] };
        if (ins.a === 1) return { v: 'py', g: [null, ONE], h: [null, null, null] };
        throw new Error(`no variable ${ins.a}`);
      case Op.Add:
      case Op.Sub: {
        const s = ins.op === Op.Add ? 1 : -1;
        return this.mapJet(k, (ca, cb) => this.sumExpr([[1, ca], [s, cb]]), need(A), need(B));
      }
      case Op.Neg:
        return this.mapJet(k, (ca) => this.sumExpr([[-1, ca]]), need(A), need(A));
      case Op.Min:
      case Op.Max: {
        const a = need(A);
        const b = need(B);
        const pick = this.let(`s${k}`, `${a.v} ${ins.op === Op.Min ? '<=' : '>='} ${b.v}`);
        return this.mapJet(k, (ca, cb) => (ca === null && cb === null ? null : `select(${cb ?? '0.0f'}, ${ca ?? '0.0f'}, ${pick})`), a, b);
      }
      case Op.Mul:
        return this.product(k, need(A), need(B));
      case Op.Div:
        return this.quotient(k, need(A), need(B));
      case Op.PowConst:
        return this.powConst(k, need(A), ins.c);
      case Op.Unary: {
        const fn = UNARY_FUNCTIONS[ins.b];
        if (!fn) throw new Error(`no function ${ins.b}`);
        const a = need(A);
        if (fn.wgsl.domain) this.require(fn.wgsl.domain(a.v));
        const v = this.bind(`v${k}`, fn.wgsl.f(a.v))!;
        const d1 = fn.wgsl.d1(a.v, v);
        const d2 = fn.wgsl.d2(a.v, v);
        return this.chain(k, a, v, d1 === '0.0' ? null : this.bind(`d${k}`, d1), d2 === '0.0' ? null : this.bind(`e${k}`, d2));
      }
      default:
        throw new Error(`bad opcode ${String(ins.op)}`);
    }
  }

  /** Jet of φ(u) from v = φ(u), d1 = φ'(u), d2 = φ''(u); a zero factor contributes zero even if ∇u is ±∞ (as chainUnary). */
  private chain(k: number, a: WJet, v: string, d1: Comp, d2: Comp): WJet {
    const g = [0, 1].map((i) => this.bind(`${COMP_NAMES[i]!}${k}`, this.guardMul(d1, a.g[i]!))) as [Comp, Comp];
    const h = HESS_IJ.map(([i, j], q) => this.bind(`${HESS_NAMES[q]!}${k}`,
      this.sumExpr([[1, this.guardMul(d2, this.mul(a.g[i]!, a.g[j]!))], [1, this.guardMul(d1, a.h[q]!)]]))) as [Comp, Comp, Comp];
    return { v, g, h };
  }

  private product(k: number, a: WJet, b: WJet): WJet {
    const v = this.bind(`v${k}`, this.mul(a.v, b.v))!;
    const g = [0, 1].map((i) => this.bind(`${COMP_NAMES[i]!}${k}`,
      this.sumExpr([[1, this.mul(b.v, a.g[i]!)], [1, this.mul(a.v, b.g[i]!)]]))) as [Comp, Comp];
    const h = HESS_IJ.map(([i, j], q) => this.bind(`${HESS_NAMES[q]!}${k}`, this.sumExpr([
      [1, this.mul(b.v, a.h[q]!)], [1, this.mul(a.v, b.h[q]!)],
      [1, this.mul(a.g[i]!, b.g[j]!)], [1, this.mul(b.g[i]!, a.g[j]!)],
    ]))) as [Comp, Comp, Comp];
    return { v, g, h };
  }

  private quotient(k: number, a: WJet, b: WJet): WJet {
    const divisor = literalValue(b.v);
    if (divisor === null) this.require(`${b.v} != 0.0f`);
    const v = this.let(`v${k}`, `${a.v} / ${b.v}`);
    const over = (num: string | null): string | null => {
      if (num === null) return null;
      const n = literalValue(num);
      const d = literalValue(b.v);
      return n !== null && d !== null ? this.number(Math.fround(n / d)) : `(${num}) / ${b.v}`;
    };
    const g = [0, 1].map((i) => this.bind(`${COMP_NAMES[i]!}${k}`,
      over(this.sumExpr([[1, a.g[i]!], [-1, this.mul(v, b.g[i]!)]])))) as [Comp, Comp];
    const h = HESS_IJ.map(([i, j], q) => this.bind(`${HESS_NAMES[q]!}${k}`, over(this.sumExpr([
      [1, a.h[q]!], [-1, this.mul(v, b.h[q]!)], [-1, this.mul(g[i]!, b.g[j]!)], [-1, this.mul(b.g[i]!, g[j]!)],
    ])))) as [Comp, Comp, Comp];
    return { v, g, h };
  }

  /** u^c with the same φ, φ', φ'' as jet.ts (powConst): integer c by multiplications, else pow(). */
  private powConst(k: number, a: WJet, c: number): WJet {
    const u = a.v;
    if (literalValue(u) === null) {
      if (!Number.isInteger(c)) this.require(c > 0 ? `${u} >= 0.0f` : `${u} > 0.0f`);
      else if (c < 0) this.require(`${u} != 0.0f`);
    }
    let v: string;
    let p1: string; // u^(c−1)
    let p2: string; // u^(c−2)
    if (Number.isInteger(c) && Math.abs(c) <= MAX_UNROLLED_EXPONENT && c !== 0 && c !== 1) {
      if (c >= 2) {
        p2 = c === 2 ? ONE : this.powInt(k, u, c - 2);
        p1 = c === 2 ? u : this.let(`p${k}_a`, this.mul(p2, u)!);
        v = this.let(`v${k}`, this.mul(p1, u)!);
      } else {
        const r = this.powInt(k, u, -c); // u^|c|
        v = this.let(`v${k}`, `1.0f / ${r}`);
        const r1 = this.let(`p${k}_b`, `${r} * ${u}`);
        p1 = this.let(`p${k}_a`, `1.0f / ${r1}`);
        p2 = this.let(`p${k}_c`, `1.0f / (${r1} * ${u})`);
      }
    } else {
      v = this.let(`v${k}`, this.powReal(u, c));
      p1 = this.let(`p${k}_a`, this.powReal(u, c - 1));
      p2 = this.let(`p${k}_c`, this.powReal(u, c - 2));
    }
    const d1 = this.bind(`d${k}`, this.scaled(c, p1));
    const d2 = this.bind(`e${k}`, this.scaled(c * (c - 1), p2));
    return this.chain(k, a, v, d1, d2);
  }

  /** u^m for an integer 1 ≤ m ≤ MAX_UNROLLED_EXPONENT by binary powering; returns an atom. */
  private powInt(k: number, u: string, m: number): string {
    let result: string | null = null;
    let base = u;
    let e = m;
    let step = 0;
    while (e > 0) {
      if (e & 1) result = result === null ? base : this.let(`p${k}_${step}r`, `${result} * ${base}`);
      e >>= 1;
      if (e > 0) base = this.let(`p${k}_${++step}`, `${base} * ${base}`);
    }
    return result!;
  }

  /** u^c with pow(): for a non-integer c (NaN for u < 0 like Math.pow), or an integer too large to unroll (with its sign). */
  private powReal(u: string, c: number): string {
    const lit = this.number(c);
    if (!Number.isInteger(c)) return `pow(${u}, ${lit})`;
    const odd = Math.abs(c % 2) === 1;
    return odd ? `(sign(${u}) * pow(abs(${u}), ${lit}))` : `pow(abs(${u}), ${lit})`;
  }

  /** c·x as an expression (x an atom), or null when c = 0. */
  private scaled(c: number, x: string): string | null {
    if (c === 0) return null;
    if (c === 1) return x;
    return this.mul(this.number(c), x);
  }

  /** d·x where a runtime d = 0 must give 0 even if x is ±∞ or NaN (x a name); literal x needs no guard. */
  private guardMul(d: Comp, x: Comp): string | null {
    if (d === null || x === null) return null;
    if (this.isFiniteConst(x) || this.isFiniteConst(d)) return this.mul(d, x);
    return `select(0.0f, ${d} * ${x}, ${d} != 0.0f)`;
  }

  /** Product of two atoms, simplified for zero (null) and one. */
  private mul(a: Comp, b: Comp): string | null {
    if (a === null || b === null) return null;
    if (a === ONE) return b;
    if (b === ONE) return a;
    const la = literalValue(a);
    const lb = literalValue(b);
    if (la !== null && lb !== null) return this.number(Math.fround(la * lb));
    return `${a} * ${b}`;
  }

  /** Signed sum of terms (each an atom or a product of atoms), or null when every term is zero. */
  private sumExpr(terms: readonly (readonly [number, string | null])[]): string | null {
    const live = terms.filter(([, t]) => t !== null) as [number, string][];
    if (live.length === 0) return null;
    const values = live.map(([, t]) => literalValue(t));
    if (values.every((v) => v !== null)) {
      // Constant terms only: fold in f32, left to right like the GPU.
      const sum = live.reduce((acc, [sign], i) => Math.fround(acc + sign * values[i]!), 0);
      return sum === 0 ? '0.0f' : this.number(sum);
    }
    let s = '';
    for (const [sign, t] of terms) {
      if (t === null) continue;
      if (s === '') s = sign < 0 ? `-${t}` : t;
      else s += sign < 0 ? ` - ${t}` : ` + ${t}`;
    }
    return s === '' ? null : s;
  }

  /** Adds a domain condition (see `domain`). */
  private require(cond: string): void {
    if (!this.domain.includes(cond)) this.domain.push(cond);
  }

  /** Applies a component rule to every slot of two jets, binding each result to a `let` named after the slot. */
  private mapJet(k: number, rule: (a: Comp, b: Comp) => string | null, a: WJet, b: WJet): WJet {
    const v = this.bind(`v${k}`, rule(a.v, b.v) ?? '0.0f')!;
    const g = [0, 1].map((i) => this.bind(`${COMP_NAMES[i]!}${k}`, rule(a.g[i]!, b.g[i]!))) as [Comp, Comp];
    const h = [0, 1, 2].map((q) => this.bind(`${HESS_NAMES[q]!}${k}`, rule(a.h[q]!, b.h[q]!))) as [Comp, Comp, Comp];
    return { v, g, h };
  }

  /** The value of a constant: a literal when it is a non-negative finite f32, else a `let`. */
  private constant(name: string, c: number): string {
    const lit = this.number(c);
    return isLiteral(lit) ? lit : this.let(name, lit);
  }

  /** A number as f32 source: its exact literal, or P.nan / ±P.inf for what is not a finite f32. */
  private number(c: number): string {
    const lit = wgslF32(c);
    if (lit !== null) return lit.startsWith('-') ? `(${lit})` : lit;
    if (Number.isNaN(c)) return 'P.nan';
    return c > 0 ? 'P.inf' : '(-P.inf)';
  }

  /** Binds an expression to a `let` unless it is null or already an atom (identifier or literal). */
  private bind(name: string, expr: string | null): Comp {
    if (expr === null) return null;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr) || /^[0-9][0-9.e-]*f$/.test(expr)) return expr;
    return this.let(name, expr);
  }

  private let(name: string, expr: string): string {
    this.lines.push(`let ${name} = ${expr};`);
    if (/^\(?-?[0-9][0-9.e-]*f\)?$/.test(expr)) this.finiteNames.add(name);
    return name;
  }

  private isFiniteConst(x: string): boolean {
    return isLiteral(x) || this.finiteNames.has(x);
  }
}

function need(j: WJet | undefined): WJet {
  if (!j) throw new Error('tape operand out of order');
  return j;
}

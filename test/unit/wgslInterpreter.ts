import { UNARY_FUNCTIONS } from '../../src/landscapes/expression/functions';
import { Op, type Tape } from '../../src/landscapes/expression/tape';

/**
 * A small WGSL expression interpreter for the generator tests (no eval): literals with the f suffix, names, P.member
 * (the NaN/∞ uniforms), calls of the WGSL built-ins the generators emit, select, unary −, * /, + −, comparisons, &&,
 * true/false, evaluated in Float64 (f32 literals rounded), so a generated shader body can be compared with the
 * JavaScript evaluator.
 */
export type Value = number | boolean;
const sincFn = UNARY_FUNCTIONS.find((f) => f.name === 'sinc')!;
export const FUNCS: Record<string, (...a: number[]) => Value> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, exp: Math.exp, log: Math.log, log2: Math.log2,
  sqrt: Math.sqrt, inverseSqrt: (u) => 1 / Math.sqrt(u), abs: Math.abs, sign: Math.sign, floor: Math.floor, ceil: Math.ceil,
  pow: Math.pow, f32: (u) => u, min: Math.min, max: Math.max,
  rl_sinc: (u) => sincFn.f(u), rl_sinc_d1: (u) => sincFn.d1(u, sincFn.f(u)), rl_sinc_d2: (u) => sincFn.d2(u, sincFn.f(u)),
};
export const BUILTINS = new Set([...Object.keys(FUNCS), 'select']);

export function identifiers(expr: string): string[] {
  return [...expr.replace(/\b[0-9][0-9.]*(e-?[0-9]+)?f?\b/g, ' ').matchAll(/(?<!\.)\b[A-Za-z_][A-Za-z0-9_]*\b/g)].map((m) => m[0]);
}


const UNIFORMS: Record<string, number> = { nan: NaN, inf: Infinity };

/** Pratt parser + evaluator: literals (with f suffix), names, P.member, calls, unary −, * /, + −, comparisons, &&. */
export function evalExpr(src: string, env: ReadonlyMap<string, Value>): Value {
  const tokens = src.match(/[0-9]+\.[0-9]*(?:e-?[0-9]+)?f?|[0-9]+f?|[A-Za-z_][A-Za-z0-9_]*|&&|<=|>=|!=|==|[-+*/(),.<>]/g) ?? [];
  if (tokens.join('') !== src.replace(/\s+/g, '')) throw new Error(`cannot tokenize: ${src}`);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (t?: string): string => {
    const tok = tokens[i++];
    if (tok === undefined || (t !== undefined && tok !== t)) throw new Error(`expected ${t ?? 'token'} in ${src}`);
    return tok;
  };
  const BIN: Record<string, number> = { '&&': 0, '<=': 1, '>=': 1, '<': 1, '>': 1, '!=': 1, '==': 1, '+': 2, '-': 2, '*': 3, '/': 3 };
  const primary = (): Value => {
    const t = take();
    if (t === '-') return -(unary() as number);
    if (t === '(') { const v = expr(0); take(')'); return v; }
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^[0-9]/.test(t)) return t.endsWith('f') ? Math.fround(Number(t.slice(0, -1))) : Number(t); // f32 or abstract literal
    if (t === 'P') { take('.'); const m = take(); if (!(m in UNIFORMS)) throw new Error(`P.${m}`); return UNIFORMS[m]!; }
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      if (peek() !== ')') { args.push(expr(0)); while (peek() === ',') { take(','); args.push(expr(0)); } }
      take(')');
      if (t === 'select') return args[2] ? args[1]! : args[0]!;
      const f = FUNCS[t];
      if (!f) throw new Error(`unknown function ${t}`);
      return f(...(args as number[]));
    }
    const v = env.get(t);
    if (v === undefined) throw new Error(`unknown name ${t}`);
    return v;
  };
  const unary = (): Value => primary();
  const expr = (minPrec: number): Value => {
    let lhs = unary();
    for (;;) {
      const op = peek();
      const prec = op !== undefined ? BIN[op] : undefined;
      if (prec === undefined || prec < minPrec) break;
      take();
      const rhs = expr(prec + 1);
      const a = lhs as number;
      const b = rhs as number;
      switch (op) {
        case '+': lhs = a + b; break;
        case '-': lhs = a - b; break;
        case '*': lhs = a * b; break;
        case '/': lhs = a / b; break;
        case '<=': lhs = a <= b; break;
        case '>=': lhs = a >= b; break;
        case '<': lhs = a < b; break;
        case '>': lhs = a > b; break;
        case '!=': lhs = a !== b; break;
        case '==': lhs = a === b; break;
        case '&&': lhs = (lhs as boolean) && (rhs as boolean); break;
        default: throw new Error(op);
      }
    }
    return lhs;
  };
  const v = expr(0);
  if (i !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return v;
}

/** The tape with its constants rounded as wgslF32 does (f32 round-to-nearest, subnormals flushed to 0). */
export function withF32Constants(tape: Tape): Tape {
  const f32 = (c: number): number => (Math.abs(Math.fround(c)) < 1.1754943508222875e-38 ? 0 : Math.fround(c));
  return { ...tape, instrs: tape.instrs.map((ins) => (ins.op === Op.Const ? { ...ins, c: f32(ins.c) } : ins)) };
}


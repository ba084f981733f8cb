import { UNARY_FUNCTIONS } from './functions';

/**
 * A formula compiled to a flat, topologically ordered tape (static single assignment): instruction k reads only
 * instructions < k, and the last instruction is the output. Identical sub-expressions are shared (hash-consing)
 * and constant sub-expressions are folded while the tape is built, so both the JavaScript evaluator and the
 * generated WGSL do each piece of work once.
 */
export const Op = {
  Const: 0,
  Var: 1,
  Add: 2,
  Sub: 3,
  Mul: 4,
  Div: 5,
  Neg: 6,
  /** u^c for a constant c. */
  PowConst: 7,
  /** f(u) for f = UNARY_FUNCTIONS[fn]. */
  Unary: 8,
  Min: 9,
  Max: 10,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

export interface Instr {
  readonly op: OpCode;
  /** First operand (instruction index), or the variable index for Var, or -1. */
  readonly a: number;
  /** Second operand, or the function index for Unary, or -1. */
  readonly b: number;
  /** The constant for Const and PowConst, else 0. */
  readonly c: number;
}

export interface Tape {
  /** Variable names, in the order of the point coordinates (x, y for surfaces). */
  readonly vars: readonly string[];
  readonly instrs: readonly Instr[];
  /** True when the formula uses floor/ceil/round/sign: derivatives are zero almost everywhere. */
  readonly piecewiseConstant: boolean;
}

/** Largest tape accepted; a 500-character formula stays far below it. */
export const MAX_TAPE_LENGTH = 4096;

export class TapeBuilder {
  private readonly instrs: Instr[] = [];
  private readonly memo = new Map<string, number>();
  private piecewise = false;

  constructor(private readonly vars: readonly string[]) {}

  build(): Tape {
    if (this.instrs.length === 0) throw new Error('empty tape');
    return { vars: this.vars, instrs: this.instrs.slice(), piecewiseConstant: this.piecewise };
  }

  constant(c: number): number {
    return this.push({ op: Op.Const, a: -1, b: -1, c: Object.is(c, -0) ? 0 : c });
  }

  variable(index: number): number {
    if (!(index >= 0 && index < this.vars.length)) throw new Error(`no variable ${index}`);
    return this.push({ op: Op.Var, a: index, b: -1, c: 0 });
  }

  add(a: number, b: number): number {
    if (this.isConst(a, 0)) return b;
    if (this.isConst(b, 0)) return a;
    return this.binary(Op.Add, a, b, (p, q) => p + q, true);
  }

  sub(a: number, b: number): number {
    if (this.isConst(b, 0)) return a;
    if (a === b) return this.constant(0);
    return this.binary(Op.Sub, a, b, (p, q) => p - q, false);
  }

  mul(a: number, b: number): number {
    if (this.isConst(a, 1)) return b;
    if (this.isConst(b, 1)) return a;
    return this.binary(Op.Mul, a, b, (p, q) => p * q, true);
  }

  div(a: number, b: number): number {
    if (this.isConst(b, 1)) return a;
    return this.binary(Op.Div, a, b, (p, q) => p / q, false);
  }

  neg(a: number): number {
    const ia = this.instrs[a]!;
    if (ia.op === Op.Const) return this.constant(-ia.c);
    if (ia.op === Op.Neg) return ia.a;
    return this.push({ op: Op.Neg, a, b: -1, c: 0 });
  }

  /** u^c with constant c: u^0 = 1 and u^1 = u are simplified; other exponents stay exact (no exp/log rewrite). */
  powConst(a: number, c: number): number {
    const ia = this.instrs[a]!;
    if (ia.op === Op.Const) return this.constant(Math.pow(ia.c, c));
    if (c === 0) return this.constant(1);
    if (c === 1) return a;
    return this.push({ op: Op.PowConst, a, b: -1, c });
  }

  /** u^v with non-constant v: rewritten as exp(v log u), defined for u > 0 as usual. */
  powGeneral(a: number, b: number): number {
    const ib = this.instrs[b]!;
    if (ib.op === Op.Const) return this.powConst(a, ib.c);
    return this.unary(indexOfUnary('exp'), this.mul(b, this.unary(indexOfUnary('log'), a)));
  }

  unary(fn: number, a: number): number {
    const def = UNARY_FUNCTIONS[fn];
    if (!def) throw new Error(`no function ${fn}`);
    if (def.piecewiseConstant) this.piecewise = true;
    const ia = this.instrs[a]!;
    if (ia.op === Op.Const) return this.constant(def.f(ia.c));
    return this.push({ op: Op.Unary, a, b: fn, c: 0 });
  }

  min(a: number, b: number): number {
    return a === b ? a : this.binary(Op.Min, a, b, Math.min, true);
  }

  max(a: number, b: number): number {
    return a === b ? a : this.binary(Op.Max, a, b, Math.max, true);
  }

  private binary(op: OpCode, a: number, b: number, fold: (p: number, q: number) => number, commutative: boolean): number {
    const ia = this.instrs[a]!;
    const ib = this.instrs[b]!;
    if (ia.op === Op.Const && ib.op === Op.Const) return this.constant(fold(ia.c, ib.c));
    if (commutative && b < a) return this.push({ op, a: b, b: a, c: 0 });
    return this.push({ op, a, b, c: 0 });
  }

  private isConst(i: number, value: number): boolean {
    const ins = this.instrs[i]!;
    return ins.op === Op.Const && ins.c === value;
  }

  private push(ins: Instr): number {
    const key = `${ins.op}|${ins.a}|${ins.b}|${ins.op === Op.Const || ins.op === Op.PowConst ? String(ins.c) : ''}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    if (this.instrs.length >= MAX_TAPE_LENGTH) throw new Error(`formula too large (more than ${MAX_TAPE_LENGTH} operations)`);
    this.instrs.push(ins);
    const index = this.instrs.length - 1;
    this.memo.set(key, index);
    return index;
  }
}

export function indexOfUnary(name: string): number {
  const i = UNARY_FUNCTIONS.findIndex((f) => f.name === name);
  if (i < 0) throw new Error(`no function ${name}`);
  return i;
}

/**
 * The output must be the last instruction; a builder may have produced it earlier (CSE), so this returns
 * a tape ending at `out`, keeping only the instructions it depends on, renumbered in order.
 */
export function tapeEndingAt(tape: Tape, out: number): Tape {
  const live = new Uint8Array(tape.instrs.length);
  live[out] = 1;
  for (let k = out; k >= 0; k--) {
    if (!live[k]) continue;
    const ins = tape.instrs[k]!;
    if (ins.op !== Op.Const && ins.op !== Op.Var) {
      live[ins.a] = 1;
      if (ins.op !== Op.Unary && ins.op !== Op.Neg && ins.op !== Op.PowConst) live[ins.b] = 1;
    }
  }
  const renumber = new Int32Array(tape.instrs.length).fill(-1);
  const instrs: Instr[] = [];
  for (let k = 0; k <= out; k++) {
    if (!live[k]) continue;
    const ins = tape.instrs[k]!;
    const usesA = ins.op !== Op.Const && ins.op !== Op.Var;
    const usesB = usesA && ins.op !== Op.Unary && ins.op !== Op.Neg && ins.op !== Op.PowConst;
    renumber[k] = instrs.length;
    instrs.push({ op: ins.op, a: usesA ? renumber[ins.a]! : ins.a, b: usesB ? renumber[ins.b]! : ins.b, c: ins.c });
  }
  return { vars: tape.vars, instrs, piecewiseConstant: tape.piecewiseConstant };
}

import { UNARY_FUNCTIONS } from './functions';
import { Op, type Tape } from './tape';

/**
 * Second-order forward-mode automatic differentiation over a tape ("jets"): each instruction carries
 * (v, ∇v, ∇²v), with the Hessian stored as its upper triangle, row-major: for n = 2 the slot is
 * [v, v_x, v_y, v_xx, v_xy, v_yy]. The rules are exact (no finite differences), so ∇f and ∇²f are exact to
 * rounding:
 *   unary  v = φ(u):  ∇v = φ'(u)∇u,            ∇²v = φ''(u)∇u∇uᵀ + φ'(u)∇²u
 *   product v = ab:   ∇v = b∇a + a∇b,          ∇²v = b∇²a + a∇²b + ∇a∇bᵀ + ∇b∇aᵀ
 *   quotient v = a/b: ∇v = (∇a − v∇b)/b,       ∇²v = (∇²a − v∇²b − ∇v∇bᵀ − ∇b∇vᵀ)/b
 * min/max take the jet of the selected branch; floor/ceil/round/sign have zero derivatives.
 */
export class JetEvaluator {
  readonly n: number;
  /** Slot length: 1 + n + n(n+1)/2. */
  readonly stride: number;
  private readonly work: Float64Array;
  private readonly ops: Uint8Array;
  private readonly as: Int32Array;
  private readonly bs: Int32Array;
  private readonly cs: Float64Array;

  constructor(readonly tape: Tape) {
    this.n = tape.vars.length;
    this.stride = 1 + this.n + (this.n * (this.n + 1)) / 2;
    const m = tape.instrs.length;
    this.work = new Float64Array(m * this.stride);
    this.ops = new Uint8Array(m);
    this.as = new Int32Array(m);
    this.bs = new Int32Array(m);
    this.cs = new Float64Array(m);
    tape.instrs.forEach((ins, k) => {
      this.ops[k] = ins.op;
      this.as[k] = ins.a;
      this.bs[k] = ins.b;
      this.cs[k] = ins.c;
    });
  }

  /** f(p) only: the cheap path for heatmaps and line searches. */
  value(p: ArrayLike<number>): number {
    const { ops, as, bs, cs } = this;
    const w = this.work;
    const m = ops.length;
    for (let k = 0; k < m; k++) {
      const a = as[k]!;
      const b = bs[k]!;
      switch (ops[k]) {
        case Op.Const: w[k] = cs[k]!; break;
        case Op.Var: w[k] = p[a]!; break;
        case Op.Add: w[k] = w[a]! + w[b]!; break;
        case Op.Sub: w[k] = w[a]! - w[b]!; break;
        case Op.Mul: w[k] = w[a]! * w[b]!; break;
        case Op.Div: w[k] = w[a]! / w[b]!; break;
        case Op.Neg: w[k] = -w[a]!; break;
        case Op.PowConst: w[k] = powConst(w[a]!, cs[k]!); break;
        case Op.Unary: w[k] = UNARY_FUNCTIONS[b]!.f(w[a]!); break;
        case Op.Min: w[k] = Math.min(w[a]!, w[b]!); break;
        case Op.Max: w[k] = Math.max(w[a]!, w[b]!); break;
        default: throw new Error('bad opcode');
      }
    }
    return w[m - 1]!;
  }

  /**
   * Value, gradient and Hessian at p, written to `out` (length ≥ stride) in slot layout; returns `out`.
   */
  jet(p: ArrayLike<number>, out: Float64Array = new Float64Array(this.stride)): Float64Array {
    const { ops, as, bs, cs, n, stride: s } = this;
    const w = this.work;
    const m = ops.length;
    const h0 = 1 + n;
    for (let k = 0; k < m; k++) {
      const o = k * s;
      const a = as[k]!;
      const b = bs[k]!;
      const oa = a * s;
      const ob = b * s;
      switch (ops[k]) {
        case Op.Const:
          w.fill(0, o, o + s);
          w[o] = cs[k]!;
          break;
        case Op.Var:
          w.fill(0, o, o + s);
          w[o] = p[a]!;
          w[o + 1 + a] = 1;
          break;
        case Op.Add:
          for (let i = 0; i < s; i++) w[o + i] = w[oa + i]! + w[ob + i]!;
          break;
        case Op.Sub:
          for (let i = 0; i < s; i++) w[o + i] = w[oa + i]! - w[ob + i]!;
          break;
        case Op.Neg:
          for (let i = 0; i < s; i++) w[o + i] = -w[oa + i]!;
          break;
        case Op.Min:
        case Op.Max: {
          if (Number.isNaN(w[oa]!) || Number.isNaN(w[ob]!)) {
            // As Math.min/max (the value path): NaN in, NaN out.
            w.fill(NaN, o, o + s);
            break;
          }
          const pickA = ops[k] === Op.Min ? w[oa]! <= w[ob]! : w[oa]! >= w[ob]!;
          const src = pickA ? oa : ob;
          for (let i = 0; i < s; i++) w[o + i] = w[src + i]!;
          break;
        }
        case Op.Mul: {
          const va = w[oa]!;
          const vb = w[ob]!;
          w[o] = va * vb;
          for (let i = 0; i < n; i++) w[o + 1 + i] = vb * w[oa + 1 + i]! + va * w[ob + 1 + i]!;
          let h = h0;
          for (let i = 0; i < n; i++) {
            const gai = w[oa + 1 + i]!;
            const gbi = w[ob + 1 + i]!;
            for (let j = i; j < n; j++, h++) {
              w[o + h] = vb * w[oa + h]! + va * w[ob + h]! + gai * w[ob + 1 + j]! + gbi * w[oa + 1 + j]!;
            }
          }
          break;
        }
        case Op.Div: {
          const vb = w[ob]!;
          const v = w[oa]! / vb;
          w[o] = v;
          for (let i = 0; i < n; i++) w[o + 1 + i] = (w[oa + 1 + i]! - v * w[ob + 1 + i]!) / vb;
          let h = h0;
          for (let i = 0; i < n; i++) {
            const gvi = w[o + 1 + i]!;
            const gbi = w[ob + 1 + i]!;
            for (let j = i; j < n; j++, h++) {
              w[o + h] = (w[oa + h]! - v * w[ob + h]! - gvi * w[ob + 1 + j]! - gbi * w[o + 1 + j]!) / vb;
            }
          }
          break;
        }
        case Op.PowConst: {
          const u = w[oa]!;
          const c = cs[k]!;
          chainUnary(w, o, oa, n, powConst(u, c), c * powConst(u, c - 1), c * (c - 1) * powConst(u, c - 2));
          break;
        }
        case Op.Unary: {
          const fn = UNARY_FUNCTIONS[b]!;
          const u = w[oa]!;
          const v = fn.f(u);
          chainUnary(w, o, oa, n, v, fn.d1(u, v), fn.d2(u, v));
          break;
        }
        default:
          throw new Error('bad opcode');
      }
    }
    const last = (m - 1) * s;
    for (let i = 0; i < s; i++) out[i] = w[last + i]!;
    return out;
  }
}

/**
 * Writes the jet of φ(u) given φ(u), φ'(u), φ''(u). A zero factor contributes zero even where ∇u is infinite; where
 * φ(u) is NaN the whole jet is NaN.
 */
function chainUnary(w: Float64Array, o: number, oa: number, n: number, v: number, d1: number, d2: number): void {
  if (Number.isNaN(v)) {
    // Outside φ's domain (log of a negative, …) nothing is defined, the derivatives included.
    w.fill(NaN, o, o + 1 + n + (n * (n + 1)) / 2);
    return;
  }
  w[o] = v;
  for (let i = 0; i < n; i++) w[o + 1 + i] = d1 === 0 ? 0 : d1 * w[oa + 1 + i]!;
  let h = 1 + n;
  for (let i = 0; i < n; i++) {
    const gi = w[oa + 1 + i]!;
    for (let j = i; j < n; j++, h++) {
      const curv = d2 === 0 ? 0 : d2 * gi * w[oa + 1 + j]!;
      const lin = d1 === 0 ? 0 : d1 * w[oa + h]!;
      w[o + h] = curv + lin;
    }
  }
}

/** u^c; integer exponents use repeated multiplication semantics (valid for negative u), u^0 = 1 even at u = 0. */
export function powConst(u: number, c: number): number {
  if (c === 0) return 1;
  if (c === 1) return u;
  if (c === 2) return u * u;
  return Math.pow(u, c);
}

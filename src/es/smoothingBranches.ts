import { UNARY_FUNCTIONS } from '../landscapes/expression/functions';
import { powConst } from '../landscapes/expression/jet';
import { Op, type Tape } from '../landscapes/expression/tape';

/** How a piecewise instruction reports its branch: not at all, abs (argument sign), sign (its value), a level (floor, ceil, round). */
const Branch = { None: 0, Abs: 1, Sign: 2, Level: 3 } as const; // value() reads them as literals

/** Unary functions evaluated inline (the same Math functions as functions.ts), so the hot loop makes no indirect call. */
const INLINE: Readonly<Record<string, number>> = { abs: 1, sign: 2, floor: 3, ceil: 4, round: 5, sin: 6, cos: 7, exp: 8, log: 9, sqrt: 10 };

const FNV_OFFSET = 0x811c9dc5 | 0;

/** Internal opcodes, the literals value() switches on: Const, Var, Add, Sub, Mul, Div, Neg, PowConst, Unary, Min, Max. */
const CODE: Readonly<Record<number, number>> = {
  [Op.Const]: 0, [Op.Var]: 1, [Op.Add]: 2, [Op.Sub]: 3, [Op.Mul]: 4, [Op.Div]: 5, [Op.Neg]: 6, [Op.PowConst]: 7, [Op.Unary]: 8,
  [Op.Min]: 9, [Op.Max]: 10,
};
const FNV_PRIME = 16777619;

/**
 * f(p) of a tape together with its *branch signature*: a 32-bit hash (FNV-1a) of the branch every piecewise
 * instruction took — min/max: which operand; abs: the sign of its argument; sign, floor, ceil, round: the value it
 * returned — and of whether f(p) is finite. On a set where the signature is constant, f is one smooth expression (the
 * tape with every min/max/abs resolved and every step function constant), so the kinks and jumps of f, and the edges
 * of the set where it is not finite, lie where the signature changes: the piecewise integrator (smoothingPiecewise.ts)
 * splits its cells there. Values are those of JetEvaluator.value (same functions, same order). Not re-entrant (one
 * work buffer).
 */
export class BranchEvaluator {
  /** The signature of the last value() call. */
  sig = 0;
  /** Number of piecewise instructions. */
  readonly pieces: number;
  /**
   * Per piecewise instruction (tape order), its distance to switching at the last value() call, ≥ 0 and continuous
   * while the branch stays: |u| for abs and sign, |a − b| for min and max, the distance of u to the ends of its level
   * for floor, ceil and round. A local minimum that dips to 0 between two sample points marks a narrow piece (two
   * breakpoints close together, as near a tangency) that the signatures at the points cannot see.
   */
  readonly dist: Float64Array;
  private readonly distKind: Uint8Array;
  readonly dim: number;
  /** True when the tape has any piecewise instruction (else the signature only tells finite from not). */
  readonly piecewise: boolean;
  private readonly work: Float64Array;
  private readonly ops: Uint8Array;
  private readonly as: Int32Array;
  private readonly bs: Int32Array;
  private readonly cs: Float64Array;
  private readonly inline: Uint8Array;
  private readonly branch: Uint8Array;
  private readonly fns: ((u: number) => number)[];

  constructor(readonly tape: Tape) {
    const m = tape.instrs.length;
    this.dim = tape.vars.length;
    this.work = new Float64Array(m);
    this.ops = new Uint8Array(m);
    this.as = new Int32Array(m);
    this.bs = new Int32Array(m);
    this.cs = new Float64Array(m);
    this.inline = new Uint8Array(m);
    this.branch = new Uint8Array(m);
    this.fns = [];
    this.distKind = new Uint8Array(m);
    let piecewise = false;
    let pieces = 0;
    tape.instrs.forEach((ins, k) => {
      this.ops[k] = CODE[ins.op]!;
      this.as[k] = ins.a;
      this.bs[k] = ins.b;
      this.cs[k] = ins.c;
      this.fns.push(Math.abs);
      if (ins.op === Op.Min || ins.op === Op.Max) { piecewise = true; pieces++; }
      if (ins.op !== Op.Unary) return;
      const fn = UNARY_FUNCTIONS[ins.b]!;
      this.fns[k] = fn.f;
      this.inline[k] = INLINE[fn.name] ?? 0;
      this.branch[k] = fn.name === 'abs' ? Branch.Abs : fn.name === 'sign' ? Branch.Sign : fn.piecewiseConstant ? Branch.Level : Branch.None;
      this.distKind[k] = fn.name === 'floor' ? 1 : fn.name === 'ceil' ? 2 : fn.name === 'round' ? 3 : 0;
      if (this.branch[k] !== Branch.None) { piecewise = true; pieces++; }
    });
    this.piecewise = piecewise;
    this.pieces = pieces;
    this.dist = new Float64Array(pieces);
  }

  /** f(p); the branch signature goes to `sig`. */
  value(p: ArrayLike<number>): number {
    // Opcodes are read as the literals of CODE (below): imported constants may be live-binding getters after bundling.
    const { ops, as, bs, cs, inline, branch, fns, dist, distKind } = this;
    const w = this.work;
    const m = ops.length;
    let h = FNV_OFFSET;
    let j = 0;
    for (let k = 0; k < m; k++) {
      const a = as[k]!;
      switch (ops[k]) {
        case 0: w[k] = cs[k]!; break;
        case 1: w[k] = p[a]!; break;
        case 2: w[k] = w[a]! + w[bs[k]!]!; break;
        case 3: w[k] = w[a]! - w[bs[k]!]!; break;
        case 4: w[k] = w[a]! * w[bs[k]!]!; break;
        case 5: w[k] = w[a]! / w[bs[k]!]!; break;
        case 6: w[k] = -w[a]!; break;
        case 7: w[k] = powConst(w[a]!, cs[k]!); break;
        case 8: {
          const u = w[a]!;
          let v: number;
          switch (inline[k]) {
            case 1: v = Math.abs(u); break;
            case 2: v = Math.sign(u); break;
            case 3: v = Math.floor(u); break;
            case 4: v = Math.ceil(u); break;
            case 5: v = Math.round(u); break;
            case 6: v = Math.sin(u); break;
            case 7: v = Math.cos(u); break;
            case 8: v = Math.exp(u); break;
            case 9: v = Math.log(u); break;
            case 10: v = Math.sqrt(u); break;
            default: v = fns[k]!(u);
          }
          w[k] = v;
          const br = branch[k];
          if (br === 1 || br === 2) {
            h = Math.imul(h ^ (br === 1 ? (u < 0 ? 1 : 2) : v + 3), FNV_PRIME);
            dist[j++] = Math.abs(u);
          } else if (br === 3) {
            h = Math.imul(h ^ (v | 0) ^ ((v / 4294967296) | 0), FNV_PRIME);
            // Level v holds on [v, v + 1) (floor), (v − 1, v] (ceil), [v − ½, v + ½) (round).
            const lo = distKind[k] === 1 ? v : distKind[k] === 2 ? v - 1 : v - 0.5;
            dist[j++] = Math.min(u - lo, lo + 1 - u);
          }
          break;
        }
        case 9: {
          const x = w[a]!;
          const y = w[bs[k]!]!;
          w[k] = Math.min(x, y);
          h = Math.imul(h ^ (x <= y ? 1 : 2), FNV_PRIME);
          dist[j++] = Math.abs(x - y);
          break;
        }
        case 10: {
          const x = w[a]!;
          const y = w[bs[k]!]!;
          w[k] = Math.max(x, y);
          h = Math.imul(h ^ (x >= y ? 1 : 2), FNV_PRIME);
          dist[j++] = Math.abs(x - y);
          break;
        }
        default: throw new Error('bad opcode');
      }
    }
    const f = w[m - 1]!;
    this.sig = Math.imul(h ^ (f - f === 0 ? 0x55 : 0xaa), FNV_PRIME);
    return f;
  }
}

import { Op, TapeBuilder, tapeEndingAt, type Tape } from '../landscapes/expression/tape';

/**
 * A 2D formula split, from its tape, into parts that Gaussian smoothing treats separately:
 *   f(x, y) = c + g(x) + h(y) + Σ_k a_k·p_k(x)·q_k(y) + r(x, y).
 * Smoothing is linear, and ε₁, ε₂ are independent, so with (·)_σ the 1D smoothing of each part,
 *   f_σ(x, y) = c + g_σ(x) + h_σ(y) + Σ_k a_k·p_{k,σ}(x)·q_{k,σ}(y) + r_σ(x, y),
 *   ∇f_σ = (g_σ' + Σ a_k p_{k,σ}' q_{k,σ} + ∂_x r_σ,  h_σ' + Σ a_k p_{k,σ} q_{k,σ}' + ∂_y r_σ),
 * and only r needs a 2D integral. 1D parts are tapes in their own variable (['x'] or ['y']), r a tape in both.
 */
export interface SeparableSplit {
  readonly constant: number;
  /** g(x): the terms in x only; null when there are none. */
  readonly x: Tape | null;
  /** h(y): the terms in y only. */
  readonly y: Tape | null;
  /** The products a·p(x)·q(y). */
  readonly products: readonly { readonly coef: number; readonly x: Tape; readonly y: Tape }[];
  /** r(x, y): the terms that depend on both variables and do not factor; null when there are none. */
  readonly rest: Tape | null;
}

/** Term visits allowed before giving up on splitting (a tape is a DAG; the formula-length cap keeps real ones far below). */
const MAX_VISITS = 20_000;

interface Term { readonly k: number; readonly coef: number }
interface Factor { readonly k: number; readonly recip: boolean }

/**
 * Splits a tape in two variables (see SeparableSplit). The sum is read through +, −, unary minus and products or
 * quotients by a constant; a term that depends on both variables is a product when it is a chain of ·, / and unary
 * minus whose every factor depends on one variable only (x·sign(y)/(1 + y²) → p = x, q = sign(y)/(1 + y²)); any other
 * term goes to r. Values can differ from the original tape's in the last bits (a·(u + v) becomes a·u + a·v).
 */
export function splitSeparable(tape: Tape): SeparableSplit {
  if (tape.vars.length !== 2) throw new Error(`splitSeparable needs a tape in 2 variables, got ${tape.vars.length}`);
  const ins = tape.instrs;
  const mask = new Uint8Array(ins.length);
  ins.forEach((it, k) => {
    if (it.op === Op.Const) mask[k] = 0;
    else if (it.op === Op.Var) mask[k] = 1 << it.a;
    else if (it.op === Op.Unary || it.op === Op.Neg || it.op === Op.PowConst) mask[k] = mask[it.a]!;
    else mask[k] = mask[it.a]! | mask[it.b]!;
  });
  const isConst = (k: number) => ins[k]!.op === Op.Const;
  let constant = 0;
  const xs: Term[] = [];
  const ys: Term[] = [];
  const rest: Term[] = [];
  const products: { coef: number; fx: Factor[]; fy: Factor[] }[] = [];
  let visits = 0;

  const factorize = (k: number, coef: number): boolean => {
    const fx: Factor[] = [];
    const fy: Factor[] = [];
    let c = coef;
    const walk = (i: number, recip: boolean): boolean => {
      if (++visits > MAX_VISITS) return false;
      const it = ins[i]!;
      if (it.op === Op.Const) { c = recip ? c / it.c : c * it.c; return true; }
      if (it.op === Op.Neg) { c = -c; return walk(it.a, recip); }
      if (it.op === Op.Mul) return walk(it.a, recip) && walk(it.b, recip);
      if (it.op === Op.Div) return walk(it.a, recip) && walk(it.b, !recip);
      if (mask[i] === 1) { fx.push({ k: i, recip }); return true; }
      if (mask[i] === 2) { fy.push({ k: i, recip }); return true; }
      return false;
    };
    if (!walk(k, false) || fx.length === 0 || fy.length === 0) return false;
    products.push({ coef: c, fx, fy });
    return true;
  };

  const collect = (k: number, coef: number): void => {
    if (++visits > MAX_VISITS) throw new RangeError('too many terms');
    const it = ins[k]!;
    const m = mask[k];
    if (m === 0 && isConst(k)) { constant += coef * it.c; return; }
    if (m === 1) { xs.push({ k, coef }); return; }
    if (m === 2) { ys.push({ k, coef }); return; }
    switch (it.op) {
      case Op.Add: collect(it.a, coef); collect(it.b, coef); return;
      case Op.Sub: collect(it.a, coef); collect(it.b, -coef); return;
      case Op.Neg: collect(it.a, -coef); return;
      case Op.Mul:
        if (isConst(it.a)) { collect(it.b, coef * ins[it.a]!.c); return; }
        if (isConst(it.b)) { collect(it.a, coef * ins[it.b]!.c); return; }
        break;
      case Op.Div:
        if (isConst(it.b)) { collect(it.a, coef / ins[it.b]!.c); return; }
        break;
      default:
        break;
    }
    if (m === 3 && factorize(k, coef)) return;
    rest.push({ k, coef });
  };

  const out = ins.length - 1;
  try {
    collect(out, 1);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { constant: 0, x: null, y: null, products: [], rest: tape };
  }
  const sum = (terms: readonly Term[], vars: readonly string[], varOf: (v: number) => number): Tape | null => {
    if (terms.length === 0) return null;
    return emitTape(tape, vars, varOf, terms.map((t) => t.k), (b, nodes) => {
      let acc = -1;
      terms.forEach((t, i) => {
        const v = t.coef === 1 ? nodes[i]! : t.coef === -1 ? b.neg(nodes[i]!) : b.mul(b.constant(t.coef), nodes[i]!);
        acc = acc < 0 ? v : b.add(acc, v);
      });
      return acc;
    });
  };
  const product = (fs: readonly Factor[], vars: readonly string[]): Tape => emitTape(tape, vars, () => 0, fs.map((f) => f.k), (b, nodes) => {
    let acc = -1;
    fs.forEach((f, i) => {
      const v = f.recip ? b.div(b.constant(1), nodes[i]!) : nodes[i]!;
      acc = acc < 0 ? v : b.mul(acc, v);
    });
    return acc;
  });
  const restIsWhole = rest.length === 1 && rest[0]!.k === out && rest[0]!.coef === 1;
  return {
    constant,
    x: sum(xs, [tape.vars[0]!], () => 0),
    y: sum(ys, [tape.vars[1]!], () => 0),
    products: products.map((p) => ({ coef: p.coef, x: product(p.fx, [tape.vars[0]!]), y: product(p.fy, [tape.vars[1]!]) })),
    rest: restIsWhole ? tape : sum(rest, tape.vars, (v) => v),
  };
}

/**
 * A new tape in `vars` holding the instructions the `roots` of `src` depend on (variables renumbered by varOf), and
 * ending at what `combine` builds from the roots' new indices.
 */
function emitTape(src: Tape, vars: readonly string[], varOf: (v: number) => number, roots: readonly number[],
  combine: (b: TapeBuilder, nodes: readonly number[]) => number): Tape {
  const ins = src.instrs;
  const live = new Uint8Array(ins.length);
  for (const r of roots) live[r] = 1;
  for (let k = ins.length - 1; k >= 0; k--) {
    if (!live[k]) continue;
    const it = ins[k]!;
    if (it.op === Op.Const || it.op === Op.Var) continue;
    live[it.a] = 1;
    if (it.op !== Op.Unary && it.op !== Op.Neg && it.op !== Op.PowConst) live[it.b] = 1;
  }
  const b = new TapeBuilder(vars);
  const at = new Int32Array(ins.length).fill(-1);
  for (let k = 0; k < ins.length; k++) {
    if (!live[k]) continue;
    const it = ins[k]!;
    const a = it.op === Op.Const || it.op === Op.Var ? -1 : at[it.a]!;
    const binary = it.op !== Op.Const && it.op !== Op.Var && it.op !== Op.Unary && it.op !== Op.Neg && it.op !== Op.PowConst;
    const c = binary ? at[it.b]! : -1;
    switch (it.op) {
      case Op.Const: at[k] = b.constant(it.c); break;
      case Op.Var: at[k] = b.variable(varOf(it.a)); break;
      case Op.Add: at[k] = b.add(a, c); break;
      case Op.Sub: at[k] = b.sub(a, c); break;
      case Op.Mul: at[k] = b.mul(a, c); break;
      case Op.Div: at[k] = b.div(a, c); break;
      case Op.Neg: at[k] = b.neg(a); break;
      case Op.PowConst: at[k] = b.powConst(a, it.c); break;
      case Op.Unary: at[k] = b.unary(it.b, a); break;
      case Op.Min: at[k] = b.min(a, c); break;
      case Op.Max: at[k] = b.max(a, c); break;
      default: throw new Error('bad opcode');
    }
  }
  const out = combine(b, roots.map((r) => at[r]!));
  return tapeEndingAt(b.build(), out);
}

/** A short formula of the split's shape: 'g(x) + h(y)', 'g(x)·h(y)', 'g(x)', 'r(x, y)', 'g(x) + r(x, y)', … */
export function describeSplit(split: SeparableSplit): string {
  const parts: string[] = [];
  if (split.x) parts.push('g(x)');
  if (split.y) parts.push('h(y)');
  split.products.forEach((_, i) => parts.push(split.products.length === 1 ? 'p(x)·q(y)' : `p${i + 1}(x)·q${i + 1}(y)`));
  if (split.rest) parts.push('r(x, y)');
  if (parts.length === 0) return 'constant';
  if (split.constant !== 0) parts.unshift('c');
  return parts.join(' + ');
}

import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { JetEvaluator } from '../landscapes/expression/jet';
import { symEig2, type SymEig2 } from '../math/symEig2';

const evaluators = new Map<string, JetEvaluator | null>();

/**
 * f, ∇f, ∇²f (the jet [f, fx, fy, fxx, fxy, fyy]) and the Hessian's eigen-decomposition of a formula at (x, y), on the
 * main thread (a few µs); evaluators are cached per formula. Null when the formula does not compile.
 */
export function jetAt(formula: string, x: number, y: number): { jet: Float64Array; eig: SymEig2 } | null {
  let ev = evaluators.get(formula);
  if (ev === undefined) {
    const r = tryCompileFormula(formula);
    ev = r.ok ? new JetEvaluator(r.tape) : null;
    if (evaluators.size > 8) evaluators.clear();
    evaluators.set(formula, ev);
  }
  if (!ev) return null;
  const jet = ev.jet([x, y]);
  return { jet, eig: symEig2(jet[3]!, jet[4]!, jet[5]!) };
}

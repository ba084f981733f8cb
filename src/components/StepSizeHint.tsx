import type { MethodId } from '../optimizers/methods';
import { stepAdvice } from './runWords';
import { useAppStore } from './StoreContext';

const num = (v: number) => Number(v.toPrecision(2)).toString();

/**
 * Under a first-order method's step size: the stability limit from the curvature at the start (η < 2/λ_max for
 * gradient descent, 2(1 + β)/λ_max with momentum), and, when η is above it, a warning with a one-click fix.
 */
export function StepSizeHint({ method }: { method: MethodId }) {
  const p = useAppStore((s) => s.params);
  const setParams = useAppStore((s) => s.setParams);
  // The limit comes from f's curvature: it does not apply while the optimizers descend f_σ.
  if (!p.start || (p.smooth.on && p.smooth.optimize)) return null;
  const a = stepAdvice(p, method, p.start[0], p.start[1]);
  if (!a) return null;
  const lr = p.hyper[method].lr!;
  const over = lr >= a.limit;
  const rule = method === 'gd' ? '2/λ_max' : method === 'momentum' ? '2(1 + β)/λ_max' : '2(1 + β)/((1 + 2β) λ_max)';
  return (
    <p className={over ? 'hint warn' : 'hint'} data-step-hint={method} data-over={over}>
      At the start λ_max = {num(a.lambdaMax)}: stable for η &lt; {rule} = {num(a.limit)}.
      {over && <> η = {lr} will overshoot. <button className="link" onClick={() => setParams({ hyper: { ...p.hyper, [method]: { ...p.hyper[method], lr: a.suggestion } } })}>Use η = {a.suggestion}</button></>}
    </p>
  );
}

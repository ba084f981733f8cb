import { currentFormula } from '../store/appStore';
import { jetAt } from './jetAt';
import { useAppStore } from './StoreContext';

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4)) : 'not finite');

/** Exact values under the cursor: f, ∇f and the Hessian eigenvalues, from jets on the main thread (a few µs). */
export function Readout() {
  const formula = useAppStore((s) => currentFormula(s.params));
  const hover = useAppStore((s) => s.hover);
  const at = hover ? jetAt(formula, hover.x, hover.y) : null;
  if (!hover || !at) return <div className="readout" data-testid="readout">Hover the surface for f, ∇f and the Hessian eigenvalues.</div>;
  const j = at.jet;
  const e = at.eig;
  return (
    <div className="readout" data-testid="readout" aria-live="off">
      <span>(x, y) = ({fmt(hover.x)}, {fmt(hover.y)})</span>
      <span>f = {fmt(j[0]!)}</span>
      <span>∇f = ({fmt(j[1]!)}, {fmt(j[2]!)})</span>
      <span>λ₁ = {fmt(e.l1)}, λ₂ = {fmt(e.l2)}</span>
    </div>
  );
}

import { gridInterpolant } from '../math/gridInterpolant';
import { symEig2 } from '../math/symEig2';
import { currentFormula, figureKind } from '../store/appStore';
import type { NetSliceResult } from '../store/networkSlice';
import { jetAt } from './jetAt';
import { useAppStore } from './StoreContext';

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4)) : 'not finite');

const interpolants = new WeakMap<NetSliceResult, ReturnType<typeof gridInterpolant>>();

/** The slice's interpolant (math/gridInterpolant.ts) through its evaluated losses, made once per slice. */
function sliceInterpolant(sl: NetSliceResult): ReturnType<typeof gridInterpolant> {
  let g = interpolants.get(sl);
  if (!g) {
    g = gridInterpolant(sl.samples, { domain: sl.grid.spec.domain, nx: sl.side, ny: sl.side });
    interpolants.set(sl, g);
  }
  return g;
}

/** Under the cursor on a network's loss slice: the interpolated loss, its gradient and curvature in the plane. */
function SliceReadout() {
  const sl = useAppStore((s) => s.netSlice);
  const hover = useAppStore((s) => s.hover);
  if (!sl || !hover) {
    return <div className="readout" data-testid="readout">Hover the slice for the loss at {sl?.colored ? 'θ_r = a·u + b·v' : 'θ + a·u + b·v'}, its slope and its curvature in the plane.</div>;
  }
  const j = sliceInterpolant(sl).jet([hover.x, hover.y], new Float64Array(6));
  const e = symEig2(j[3]!, j[4]!, j[5]!);
  return (
    <div className="readout" data-testid="readout" aria-live="off" title="Interpolated between the computed losses (bicubic)">
      <span>(a, b) = ({fmt(hover.x)}, {fmt(hover.y)})</span>
      <span>L ≈ {fmt(j[0]!)}</span>
      <span>slope (∂a, ∂b) ≈ ({fmt(j[1]!)}, {fmt(j[2]!)})</span>
      <span>curvature in the plane: λ₁ ≈ {fmt(e.l1)}, λ₂ ≈ {fmt(e.l2)}</span>
    </div>
  );
}

/** Exact values under the cursor: f, ∇f and the Hessian eigenvalues, from jets on the main thread (a few µs). */
export function Readout() {
  const net = useAppStore((s) => figureKind(s.params) === 'net');
  const formula = useAppStore((s) => currentFormula(s.params));
  const hover = useAppStore((s) => s.hover);
  if (net) return <SliceReadout />;
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

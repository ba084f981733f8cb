import { COLORMAP_IDS, MAX_CONTOURS, type ColormapId } from '../store/params';
import { useAppStore } from './StoreContext';

/** Colour map, scale, contours and the curvature overlays. */
export function ViewPanel() {
  const p = useAppStore((s) => s.params);
  const setParams = useAppStore((s) => s.setParams);
  const resetView = useAppStore((s) => s.resetView);
  const toggle = (key: 'contours' | 'eigenvectors' | 'curvature' | 'critical', label: string, hint: string) => (
    <label className="check" title={hint}>
      <input type="checkbox" data-overlay={key} checked={p[key]} onChange={(e) => setParams({ [key]: e.target.checked })} /> {label}
    </label>
  );
  return (
    <section className="panel" aria-labelledby="view-h">
      <h2 id="view-h">View</h2>
      <div className="row">
        <label>Colours <select value={p.colormap} onChange={(e) => setParams({ colormap: e.target.value as ColormapId })}>
          {COLORMAP_IDS.map((c) => <option key={c} value={c}>{c}</option>)}
        </select></label>
        <label>Scale <select value={p.scale} onChange={(e) => setParams({ scale: e.target.value as 'auto' | 'linear' | 'log' })}>
          <option value="auto">auto</option><option value="linear">linear</option><option value="log">log</option>
        </select></label>
      </div>
      <div className="row">
        {toggle('contours', 'Contours', 'Contour lines of f')}
        <input type="number" aria-label="Number of contour levels" min={2} max={MAX_CONTOURS} value={p.contourCount} disabled={!p.contours}
          onChange={(e) => { const n = Math.round(Number(e.target.value)); if (n >= 2 && n <= MAX_CONTOURS) setParams({ contourCount: n }); }} />
      </div>
      {toggle('eigenvectors', 'Hessian eigenvectors', 'Both eigenvectors of ∇²f on a lattice; length ∝ |λ|, colour by sign of λ')}
      {toggle('curvature', 'Curvature regions', 'Both eigenvalues positive (convex), mixed (saddle), both negative (concave)')}
      {toggle('critical', 'Critical points', 'Newton on ∇f from a seeded grid of starts, classified by the Hessian eigenvalues')}
      <button onClick={resetView}>Reset view</button>
    </section>
  );
}

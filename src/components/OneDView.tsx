import { useEffect, useRef } from 'react';
import { createBoundMap } from '../render/boundMap';
import { createCurves1D } from '../render/curves1d';
import { stackSvgDocuments, svgToPngBlob } from '../render/svgDocument';
import type { AppState } from '../store/appStore';
import type { ViewHandle } from './exporting';
import { useAppStore, useStoreApi } from './StoreContext';

const VO_COLOR = '#117733';
const GD_COLOR = '#E69F00';

function curvesState(s: AppState) {
  const r = s.oned!;
  const sigma = s.params.smooth.sigma;
  return {
    x: r.x, domain: { x0: r.x[0]!, x1: r.x[r.x.length - 1]! }, title: `${r.name}: f and f_σ`,
    curves: r.curves.map((c) => ({ label: c.label, values: c.values, step: c.sigma === 0 && r.piecewise, emphasis: c.sigma === sigma })),
    markers: r.minima.map((m) => ({ x: m.x, y: m.f, label: `${m.global ? 'global' : 'local'} minimum (${m.x.toPrecision(4)}, ${m.f.toPrecision(4)})`, quiet: !m.global, kind: 'minimum' as const })),
    runs: [{ id: 'gd', color: GD_COLOR, label: `gradient descent from x₀ = ${r.start}`, points: r.gd, upTo: Infinity }],
  };
}

function mapState(s: AppState) {
  const r = s.oned!;
  return {
    mus: r.mus, sigmas: r.sigmaGrid, U: r.U, sigmaLine: s.params.smooth.sigma, title: 'U(μ, σ) = E[f(μ + σε)], seen from above',
    runs: [{ id: 'vo', color: VO_COLOR, label: `natural-gradient VO from (μ₀, σ₀) = (${r.start.toPrecision(3)}, ${r.sigma0.toPrecision(3)})`, points: r.vo, upTo: Infinity }],
  };
}

/**
 * The 1D view as the main figure (Havtorn 2018; Huszár 2017): a function of x with its Gaussian-smoothed curves at the
 * source's σ series and the user's σ (highlighted), gradient descent along x, and the variational bound U(μ, σ) as a
 * filled-contour map with a natural-gradient VO run from the same x₀: VO reaches minima that gradient descent cannot
 * (a wall, a plateau, a wide basin rather than a narrow one). Click the map to start VO there.
 */
export function OneDView({ onHandle }: { onHandle: (h: ViewHandle | null) => void }) {
  const store = useStoreApi();
  const computing = useAppStore((s) => s.oned === null);
  const curvesRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!curvesRef.current || !mapRef.current) return;
    const curves = createCurves1D(curvesRef.current, { ariaLabel: 'f and its smoothed curves' });
    const map = createBoundMap(mapRef.current, {
      ariaLabel: 'Variational bound U(μ, σ)', onHover: (p) => curves.update({ cursorX: p ? p.mu : null }),
      onClick: (p) => {
        const o = store.getState().params.oned;
        if (p.sigma > 0) store.getState().setParams({ oned: { ...o, start: [Number(p.mu.toPrecision(4)), Number(p.sigma.toPrecision(3))] } });
      },
    });
    const show = (s: AppState) => { if (s.oned) { curves.update(curvesState(s)); map.update(mapState(s)); } };
    // The export: both plots, one above the other as on screen.
    const toSvg = () => stackSvgDocuments([curves.toSvg(), map.toSvg()]);
    onHandle({ toSvg, toPngBlob: (scale) => svgToPngBlob(toSvg(), scale) });
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => { if (s.oned !== prev.oned || s.params.smooth.sigma !== prev.params.smooth.sigma) show(s); });
    return () => { unsubscribe(); onHandle(null); curves.destroy(); map.destroy(); };
  }, [store, onHandle]);

  return (
    <div className="oned-plots" aria-busy={computing}>
      <div ref={curvesRef} className="oned-plot" data-testid="oned-curves" />
      <div ref={mapRef} className="oned-plot" data-testid="oned-map" />
    </div>
  );
}

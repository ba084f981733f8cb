import { useEffect, useRef, useState } from 'react';
import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { LANDSCAPES_1D } from '../es/landscapes1d';
import { createBoundMap } from '../render/boundMap';
import { createCurves1D } from '../render/curves1d';
import type { AppState } from '../store/appStore';
import { paramField } from '../store/urlCodec';
import { ParamControl } from './ParamControl';
import { useAppStore, useStoreApi } from './StoreContext';

const FORMULA = paramField('ofx')!;
const MAX_FORMULA = FORMULA.control.kind === 'formula' ? FORMULA.control.maxLength : 500;

const VO_COLOR = '#117733';
const GD_COLOR = '#E69F00';

function curvesState(s: AppState) {
  const r = s.oned!;
  const sigma = s.params.smooth.sigma;
  return {
    x: r.x, domain: { x0: r.x[0]!, x1: r.x[r.x.length - 1]! }, title: `${r.name}: f and f_σ`,
    curves: r.curves.map((c) => ({ label: c.label, values: c.values, step: c.sigma === 0 && r.piecewise, emphasis: c.sigma === sigma })),
    markers: r.minima.map((m) => ({ x: m.x, y: m.f, label: `${m.global ? 'global' : 'local'} minimum (${m.x.toPrecision(4)}, ${m.f.toPrecision(4)})`, kind: 'minimum' as const })),
    runs: [{ id: 'gd', color: GD_COLOR, label: `gradient descent from x₀ = ${r.start}`, points: Float32Array.from(r.gd), upTo: Infinity }],
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
 * The 1D view (Havtorn 2018; Huszár 2017): a function of x with its Gaussian-smoothed curves at the source's σ series and the
 * user's σ (highlighted), gradient descent along x, and the variational bound U(μ, σ) as a filled-contour map with a
 * natural-gradient VO run from the same x₀: VO reaches minima that gradient descent cannot (a wall, a plateau, a wide
 * basin rather than a narrow one).
 */
export function OneDPanel() {
  const on = useAppStore((s) => s.params.oned.on);
  const fn = useAppStore((s) => s.params.oned.fn);
  const setParams = useAppStore((s) => s.setParams);
  const oned = useAppStore((s) => s.params.oned);
  const store = useStoreApi();
  const curvesRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<HTMLDivElement>(null);
  const def = LANDSCAPES_1D.find((l) => l.id === fn);
  const [draft, setDraft] = useState(oned.formula);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(oned.formula), [oned.formula]);
  const submit = () => {
    const r = tryCompileFormula(draft, ['x']);
    if (!r.ok) { setProblem(r.error.message); return; }
    setProblem(null);
    setParams({ oned: { ...oned, fn: 'custom', formula: draft.trim() } });
  };

  useEffect(() => {
    if (!on || !curvesRef.current || !mapRef.current) return;
    const curves = createCurves1D(curvesRef.current, { ariaLabel: 'f and its smoothed curves' });
    const map = createBoundMap(mapRef.current, {
      ariaLabel: 'Variational bound U(μ, σ)', onHover: (p) => curves.update({ cursorX: p ? p.mu : null }),
      onClick: (p) => {
        const o = store.getState().params.oned;
        if (p.sigma > 0) store.getState().setParams({ oned: { ...o, start: [Number(p.mu.toPrecision(4)), Number(p.sigma.toPrecision(3))] } });
      },
    });
    const show = (s: AppState) => { if (s.oned) { curves.update(curvesState(s)); map.update(mapState(s)); } };
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => { if (s.oned !== prev.oned) show(s); });
    return () => { unsubscribe(); curves.destroy(); map.destroy(); };
  }, [on, store]);

  return (
    <section className="panel" aria-labelledby="oned-h">
      <h2 id="oned-h">1D view</h2>
      <ParamControl field="o" attrs={{ 'data-oned': 'on' }} />
      {on && (
        <>
          <ParamControl field="of" attrs={{ 'data-oned': 'fn' }} />
          {fn === 'custom' && (
            <form className="formula" onSubmit={(e) => { e.preventDefault(); submit(); }}>
              <div className="formula-row">
                <input data-oned="formula" spellCheck={false} value={draft} maxLength={MAX_FORMULA} aria-label={FORMULA.label} aria-invalid={problem !== null}
                  onChange={(e) => setDraft(e.target.value)} />
                <button type="submit">Plot</button>
              </div>
              {problem && <div className="formula-error" role="alert">{problem}. The previous curve is kept.</div>}
            </form>
          )}
          {def && <p className="hint"><code>{def.formula}</code><br />{def.description}</p>}
          <p className="hint">The σ slider above sets the highlighted curve and the line on the map. Click the map to start VO at (μ, σ) and gradient descent at μ.
            {oned.start && <button className="link" onClick={() => setParams({ oned: { ...oned, start: null } })}>back to x₀ with σ₀ = 1</button>}</p>
          <div className="oned-plots">
            <div ref={curvesRef} className="oned-plot" data-testid="oned-curves" />
            <div ref={mapRef} className="oned-plot" data-testid="oned-map" />
          </div>
        </>
      )}
    </section>
  );
}

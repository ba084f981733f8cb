import { useEffect, useState } from 'react';
import { MAX_SMOOTH_SAMPLES, SMOOTH_METHODS, type SmoothUiParams } from '../store/params';
import { NumberField } from './NumberField';
import { useAppStore } from './StoreContext';

const LOG_MIN = -3;
const LOG_MAX = 1.5;

/**
 * The Gaussian-smoothed landscape f_σ(x) = E[f(x + σε)], ε ~ N(0, I) (seeds 002, 004): what evolution strategies
 * descend. σ on a log slider from 10⁻³ to about 30; exact where a closed form is known, else Gauss–Hermite
 * quadrature, or Monte Carlo with N common random numbers as an ES population sees it.
 */
export function SmoothPanel() {
  const sm = useAppStore((s) => s.params.smooth);
  const setParams = useAppStore((s) => s.setParams);
  const set = (patch: Partial<SmoothUiParams>) => setParams({ smooth: { ...sm, ...patch } });
  // The slider moves a draft; the surface is recomputed when it is released (or on keyboard steps).
  const [draft, setDraft] = useState(Math.log10(sm.sigma));
  useEffect(() => setDraft(Math.log10(sm.sigma)), [sm.sigma]);
  const sigmaOf = (v: number) => Number((10 ** v).toPrecision(3));

  return (
    <section className="panel" aria-labelledby="smooth-h">
      <h2 id="smooth-h">Smoothing</h2>
      <label className="check"><input type="checkbox" data-smooth="on" checked={sm.on} onChange={(e) => set({ on: e.target.checked })} /> show f_σ(x) = E[f(x + σε)]</label>
      <div className="row">
        <label className="sigma">σ = {sigmaOf(draft)}
          <input type="range" data-smooth="sigma" min={LOG_MIN} max={LOG_MAX} step={0.01} value={draft} aria-label="σ (log scale)"
            onChange={(e) => setDraft(Number(e.target.value))}
            onPointerUp={() => set({ sigma: sigmaOf(draft) })} onKeyUp={() => set({ sigma: sigmaOf(draft) })} />
        </label>
      </div>
      <div className="row">
        <label>method <select value={sm.method} onChange={(e) => set({ method: e.target.value as SmoothUiParams['method'] })}>
          {SMOOTH_METHODS.map((m) => <option key={m} value={m}>{m === 'auto' ? 'exact / quadrature' : m === 'mc' ? 'Monte Carlo' : 'quadrature'}</option>)}
        </select></label>
        {sm.method === 'mc' && <NumberField name="smooth.samples" label="N" value={sm.samples} min={1} max={MAX_SMOOTH_SAMPLES} integer onCommit={(v) => set({ samples: v })} />}
      </div>
      {sm.on && <p className="hint">Overlays on f_σ use finite differences of the smoothed grid; critical points are those of f.</p>}
    </section>
  );
}

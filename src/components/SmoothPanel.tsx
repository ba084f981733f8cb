import { useEffect, useState } from 'react';
import type { SmoothSettings } from '../es/smoothSettings';
import { paramField } from '../store/urlCodec';
import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

const SIGMA = paramField('sms')!;

/** The slider spans 10⁻³ to about 30 of σ's declared range (the link accepts all of it). */
const LOG_MIN = -3;
const LOG_MAX = 1.5;

/**
 * The Gaussian-smoothed landscape f_σ(x) = E[f(x + σε)], ε ~ N(0, I) (Huszár 2017; Havtorn 2018): what evolution
 * strategies descend. σ on a log slider from 10⁻³ to about 30; exact where a closed form is known, else Gauss–Hermite
 * quadrature, or Monte Carlo with N common random numbers as an ES population sees it.
 */
export function SmoothPanel() {
  const sm = useAppStore((s) => s.params.smooth);
  const setParams = useAppStore((s) => s.setParams);
  const set = (patch: Partial<SmoothSettings>) => setParams({ smooth: { ...sm, ...patch } });
  // The slider moves a draft; the surface is recomputed when it is released (or on keyboard steps).
  const [draft, setDraft] = useState(Math.log10(sm.sigma));
  useEffect(() => setDraft(Math.log10(sm.sigma)), [sm.sigma]);
  const sigmaOf = (v: number) => Number((10 ** v).toPrecision(3));

  return (
    <Section id="smooth" title="Smoothing" help="sigma" active={sm.on}>
      <ParamControl field="sm" attrs={{ 'data-smooth': 'on' }} />
      <div className="row">
        <label className="sigma" title={SIGMA.help}>{SIGMA.label} = {sigmaOf(draft)}
          <input type="range" data-smooth="sigma" min={LOG_MIN} max={LOG_MAX} step={0.01} value={draft} aria-label="σ (log scale)"
            onChange={(e) => setDraft(Number(e.target.value))}
            onPointerUp={() => set({ sigma: sigmaOf(draft) })} onKeyUp={() => set({ sigma: sigmaOf(draft) })} />
        </label>
      </div>
      <div className="row">
        <ParamControl field="smm" />
        {sm.method === 'mc' && <ParamControl field="smn" />}
      </div>
      {sm.on && <p className="hint">Overlays on f_σ use finite differences of the smoothed grid; critical points are those of f.</p>}
    </Section>
  );
}

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
  // Every change applies at once, while the slider moves and when assistive technology sets its value: the surface
  // worker serves only the latest request, so a drag costs one smoothing per frame at most.
  const sigmaOf = (v: number) => Number((10 ** v).toPrecision(3));
  const position = Math.max(LOG_MIN, Math.min(LOG_MAX, Math.log10(sm.sigma)));

  return (
    <Section id="smooth" title="Smoothing" help="sigma" active={sm.on}>
      <ParamControl field="sm" attrs={{ 'data-smooth': 'on' }} />
      <div className="row">
        <label className="sigma" title={SIGMA.help}>{SIGMA.label} = {sm.sigma}
          <input type="range" data-smooth="sigma" min={LOG_MIN} max={LOG_MAX} step={0.01} value={position} aria-label="σ, the smoothing width (log scale)"
            aria-valuetext={`σ = ${sm.sigma}`} onChange={(e) => { const v = sigmaOf(Number(e.target.value)); if (v !== sm.sigma) set({ sigma: v }); }} />
        </label>
      </div>
      <div className="row">
        <ParamControl field="smm" />
        {sm.method === 'mc' && <ParamControl field="smn" />}
      </div>
      {sm.on && <ParamControl field="smo" attrs={{ 'data-smooth': 'optimize' }} />}
      {sm.on && <p className="hint">The critical points shown are those of f_σ; the other overlays use finite differences of the smoothed grid.</p>}
    </Section>
  );
}

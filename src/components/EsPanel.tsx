import type { EsRunAlgo } from '../es/esRunSettings';
import { ES_SPECS } from '../store/runSpecs';
import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

const swatch = (a: string) => <span className="swatch" style={{ background: ES_SPECS[a as EsRunAlgo].color }} aria-hidden="true" />;

/**
 * Evolution strategies and variational optimization (Havtorn 2018; Huszár 2017): which search-distribution optimizers
 * run from the optimizers' start, with population, σ₀, generations, antithetic sampling, fitness shaping and learning
 * rates, each control drawn from its URL field (store/esFields.ts). On the surface each shows its 1σ ellipse, the
 * generation's samples, and its sampled step direction next to the exact descent direction of the smoothed loss.
 */
export function EsPanel() {
  const on = useAppStore((s) => s.params.es.algos.length > 0);
  return (
    <Section id="es" title="Evolution strategies" help="es" active={on}>
      <p className="hint">From the optimizers' start. Seeded: every algorithm draws the same ε (common random numbers).</p>
      <ParamControl field="e" optionData="es" decorate={swatch} />
      {on && (
        <>
          <div className="row"><ParamControl field="es0" /><ParamControl field="en" /><ParamControl field="ei" /></div>
          <div className="row"><ParamControl field="elm" /><ParamControl field="els" /></div>
          <div className="row"><ParamControl field="esh" /><ParamControl field="ea" /></div>
        </>
      )}
    </Section>
  );
}

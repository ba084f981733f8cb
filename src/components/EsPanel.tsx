import { ES_SHAPINGS, ES_UI_ALGOS, MAX_ES_ITERS, MAX_ES_POP, type EsUiAlgo, type EsUiParams } from '../store/params';
import { ES_SPECS } from '../store/runSpecs';
import { NumberField } from './NumberField';
import { useAppStore } from './StoreContext';

const SHAPING_LABELS: Record<EsUiParams['shaping'], string> = {
  none: 'none', ranks: 'centered ranks', nes: 'NES utilities', 'nes-havtorn': 'NES utilities (Havtorn order)', zscore: 'z-score',
};

/**
 * Evolution strategies and variational optimization (seeds 002 and 004): which search-distribution optimizers run
 * from the optimizers' start, with population, σ₀, generations, antithetic sampling, fitness shaping and learning
 * rates. On the surface each shows its 1σ ellipse, the generation's samples, and its sampled step direction next to
 * the exact descent direction of the Gaussian-smoothed loss.
 */
export function EsPanel() {
  const e = useAppStore((s) => s.params.es);
  const setParams = useAppStore((s) => s.setParams);
  const set = (patch: Partial<EsUiParams>) => setParams({ es: { ...e, ...patch } });
  const toggle = (a: EsUiAlgo, on: boolean) => set({ algos: on ? ES_UI_ALGOS.filter((x) => x === a || e.algos.includes(x)) : e.algos.filter((x) => x !== a) });

  return (
    <section className="panel" aria-labelledby="es-h">
      <h2 id="es-h">Evolution strategies</h2>
      <p className="hint">From the optimizers' start. Seeded: every algorithm draws the same ε (common random numbers).</p>
      {ES_UI_ALGOS.map((a) => (
        <label key={a} className="check" title={ES_SPECS[a].update}>
          <input type="checkbox" data-es={a} checked={e.algos.includes(a)} onChange={(ev) => toggle(a, ev.target.checked)} />
          <span className="swatch" style={{ background: ES_SPECS[a].color }} aria-hidden="true" /> {ES_SPECS[a].name}
        </label>
      ))}
      {e.algos.length > 0 && (
        <>
          <div className="row">
            <NumberField name="es.sigma0" label="σ₀" value={e.sigma0} min={1e-6} max={1e3} onCommit={(v) => set({ sigma0: v })} />
            <NumberField name="es.pop" label="N" value={e.pop} min={2} max={MAX_ES_POP} integer onCommit={(v) => set({ pop: v })} />
            <NumberField name="es.iters" label="generations" value={e.iters} min={1} max={MAX_ES_ITERS} integer onCommit={(v) => set({ iters: v })} />
          </div>
          <div className="row">
            <NumberField name="es.lrMu" label="η_μ (0 auto)" value={e.lrMu} min={0} max={1e4} onCommit={(v) => set({ lrMu: v })} />
            <NumberField name="es.lrSigma" label="η_σ (0 auto)" value={e.lrSigma} min={0} max={1e4} onCommit={(v) => set({ lrSigma: v })} />
          </div>
          <div className="row">
            <label>shaping <select value={e.shaping} onChange={(ev) => set({ shaping: ev.target.value as EsUiParams['shaping'] })}>
              {ES_SHAPINGS.map((v) => <option key={v} value={v}>{SHAPING_LABELS[v]}</option>)}
            </select></label>
            <label className="check"><input type="checkbox" checked={e.antithetic} onChange={(ev) => set({ antithetic: ev.target.checked })} /> antithetic</label>
          </div>
        </>
      )}
    </section>
  );
}

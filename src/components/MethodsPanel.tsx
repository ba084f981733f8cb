import { METHODS, type MethodId } from '../optimizers/methods';
import { MAX_RUN_STEPS } from '../store/params';
import { MAX_SEED } from '../store/urlCodec';
import { NumberField } from './NumberField';
import { useAppStore } from './StoreContext';

/** Which optimizers run from the start point, their hyper-parameters, the step budget, the seed and the start. */
export function MethodsPanel() {
  const p = useAppStore((s) => s.params);
  const setParams = useAppStore((s) => s.setParams);
  const toggleMethod = (id: MethodId, on: boolean) => {
    const methods = on ? METHODS.map((m) => m.id).filter((m) => m === id || p.methods.includes(m)) : p.methods.filter((m) => m !== id);
    setParams({ methods });
  };
  const setHyper = (id: MethodId, key: string, v: number) => setParams({ hyper: { ...p.hyper, [id]: { ...p.hyper[id], [key]: v } } });

  return (
    <section className="panel" aria-labelledby="methods-h">
      <h2 id="methods-h">Optimizers</h2>
      <p className="hint">{p.start ? 'Click the surface to move the start.' : 'Click the surface to set a start point and run.'}</p>
      {METHODS.map((m) => {
        const on = p.methods.includes(m.id);
        return (
          <div key={m.id} className={on ? 'method on' : 'method'}>
            <label className="check" title={m.update}>
              <input type="checkbox" data-method={m.id} checked={on} onChange={(e) => toggleMethod(m.id, e.target.checked)} />
              <span className="swatch" style={{ background: m.color }} aria-hidden="true" /> {m.name}
            </label>
            {on && (
              <div className="hyper">
                {m.hyper.map((h) => (
                  <NumberField key={h.key} name={`${m.id}.${h.key}`} label={h.symbol} title={`${h.label}: ${m.update}`} value={p.hyper[m.id][h.key] ?? h.defaultValue}
                    min={h.min} max={h.max} onCommit={(v) => setHyper(m.id, h.key, v)} />
                ))}
              </div>
            )}
          </div>
        );
      })}
      <div className="row">
        <NumberField label="steps" name="steps" value={p.steps} min={1} max={MAX_RUN_STEPS} integer onCommit={(v) => setParams({ steps: v })} />
        <NumberField label="seed" name="seed" value={p.seed} min={0} max={MAX_SEED} integer onCommit={(v) => setParams({ seed: v })} title="Seeds the critical-point search (and every stochastic method)" />
      </div>
      <div className="row">
        <NumberField label="start x" name="start-x" value={p.start?.[0] ?? 0} min={-1e6} max={1e6} onCommit={(v) => setParams({ start: [v, p.start?.[1] ?? 0] })} />
        <NumberField label="start y" name="start-y" value={p.start?.[1] ?? 0} min={-1e6} max={1e6} onCommit={(v) => setParams({ start: [p.start?.[0] ?? 0, v] })} />
      </div>
      {p.start && <button onClick={() => setParams({ start: null })}>Clear runs</button>}
    </section>
  );
}

import { METHODS, type MethodId } from '../optimizers/methods';
import { paramField } from '../store/urlCodec';
import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';
import { Section } from './Section';
import { StepSizeHint } from './StepSizeHint';
import { STEP_SIZE_METHODS } from '../store/stepSizes';

const METHOD_FIELD = paramField('m')!;

/**
 * Which optimizers run from the start point, each with its hyper-parameters beneath it, the step budget, the seed and
 * the start: every control drawn from its URL field (store/urlCodec.ts).
 */
export function MethodsPanel() {
  const methods = useAppStore((s) => s.params.methods);
  const start = useAppStore((s) => s.params.start);
  const setParams = useAppStore((s) => s.setParams);
  const toggleMethod = (id: MethodId, on: boolean) => setParams({ methods: METHODS.map((m) => m.id).filter((m) => (m === id ? on : methods.includes(m))) });
  const options = METHOD_FIELD.control.kind === 'ordered-subset' ? METHOD_FIELD.control.options : [];

  return (
    <Section id="methods" title="Optimizers" help="optimizers">
      <p className="hint">{start ? 'Click the surface to move the start.' : 'Click the surface to set a start point and run.'}</p>
      {METHODS.map((m) => {
        const on = methods.includes(m.id);
        const o = options.find((x) => x.value === m.id);
        return (
          <div key={m.id} className={on ? 'method on' : 'method'}>
            <label className="check" title={o?.help}>
              <input type="checkbox" data-method={m.id} checked={on} onChange={(e) => toggleMethod(m.id, e.target.checked)} />
              <span className="swatch" style={{ background: m.color }} aria-hidden="true" /> {o?.label ?? m.name}
            </label>
            {on && <div className="hyper">{m.hyper.map((h) => <ParamControl key={h.key} field={`${m.id}.${h.key}`} slider={h.key === 'lr' || h.key === 'beta'} />)}</div>}
            {on && (STEP_SIZE_METHODS as readonly string[]).includes(m.id) && <StepSizeHint method={m.id} />}
          </div>
        );
      })}
      <div className="row"><ParamControl field="n" name="steps" /><ParamControl field="seed" /></div>
      <div className="row"><ParamControl field="s" name="start" /></div>
      {start && <button onClick={() => setParams({ start: null })}>Clear runs</button>}
    </Section>
  );
}

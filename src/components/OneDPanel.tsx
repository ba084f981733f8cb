import { useEffect, useState } from 'react';
import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { LANDSCAPES_1D } from '../es/landscapes1d';
import { paramField } from '../store/urlCodec';
import { ParamControl } from './ParamControl';
import { Section } from './Section';
import { useAppStore } from './StoreContext';

const FORMULA = paramField('ofx')!;
const MAX_FORMULA = FORMULA.control.kind === 'formula' ? FORMULA.control.maxLength : 500;

/**
 * The controls of the 1D view (OneDView.tsx draws it as the main figure): which function of x, a typed formula, and
 * where VO starts on the map.
 */
export function OneDPanel() {
  const on = useAppStore((s) => s.params.oned.on);
  const fn = useAppStore((s) => s.params.oned.fn);
  const setParams = useAppStore((s) => s.setParams);
  const oned = useAppStore((s) => s.params.oned);
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

  return (
    <Section id="oned" title="1D view" help="bound" active={on}>
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
        </>
      )}
    </Section>
  );
}

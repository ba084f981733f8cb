import { useEffect, useState } from 'react';
import { LANDSCAPES, landscapeById } from '../landscapes/registry';
import { paramField } from '../store/urlCodec';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

const FORMULA = paramField('f')!;
const MAX_FORMULA = FORMULA.control.kind === 'formula' ? FORMULA.control.maxLength : 500;

/** The gallery of built-in functions and the formula box. A rejected formula shows why and where; the surface stays. */
export function LandscapePanel() {
  const landscape = useAppStore((s) => s.params.landscape);
  const formula = useAppStore((s) => s.params.formula);
  const problem = useAppStore((s) => s.formulaProblem);
  const selectLandscape = useAppStore((s) => s.selectLandscape);
  const submitFormula = useAppStore((s) => s.submitFormula);
  const def = landscapeById(landscape);
  // The box shows the formula on display, a built-in's too: editing it and pressing Plot draws your own variant.
  const shown = def ? def.formula : formula;
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);

  return (
    <Section id="landscape" title="Landscape" help="surface" openOnPhone>
      <div className="gallery" role="radiogroup" aria-label="Built-in functions">
        {LANDSCAPES.map((l) => (
          <button key={l.id} role="radio" aria-checked={landscape === l.id} className={landscape === l.id ? 'chip active' : 'chip'}
            data-landscape={l.id} onClick={() => selectLandscape(l.id)} title={l.formula}>
            {l.name}
          </button>
        ))}
      </div>
      <form className="formula" onSubmit={(e) => { e.preventDefault(); submitFormula(draft); }}>
        <label htmlFor="formula-input">{FORMULA.label}</label>
        <div className="formula-row">
          <input id="formula-input" spellCheck={false} autoComplete="off" value={draft} maxLength={MAX_FORMULA}
            aria-invalid={problem !== null} aria-describedby="formula-error"
            onChange={(e) => setDraft(e.target.value)} className={landscape === 'custom' ? 'active' : ''} />
          <button type="submit">Plot</button>
        </div>
        {problem && (
          <div id="formula-error" className="formula-error" role="alert">
            <div>{problem.message}</div>
            {problem.position !== null && (
              <pre aria-hidden="true">{problem.text}{'\n'}{' '.repeat(Math.min(problem.position, problem.text.length))}^</pre>
            )}
            <div className="hint">The previous surface is kept. Allowed: numbers, x, y, pi, e, + − * / ^, sin cos tan exp log sqrt abs tanh sinc min max …</div>
          </div>
        )}
      </form>
      <p className="description">
        {def ? <>{def.description} Edit the formula above and press Plot to draw a variant.</> : <>Your formula, on [−5, 5]². Derivatives are exact (forward-mode automatic differentiation of the parsed expression).</>}
      </p>
      {def && def.minima.length > 0 && (
        <details className="minima">
          <summary>Known minima ({def.minima.length})</summary>
          <ul>{def.minima.map((m, i) => <li key={i}>({m.x}, {m.y}) f = {m.f}{m.global ? ' · global' : ''}</li>)}</ul>
        </details>
      )}
    </Section>
  );
}

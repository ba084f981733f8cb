import { useState } from 'react';
import { EXPERIMENTS, experimentById } from '../experiments';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

/**
 * One-click figures from the papers (the experiments registry, src/experiments): choosing one applies its settings
 * over the defaults, as a shared link of it would, and shows its caption and source so the user can check what the
 * source figure shows.
 */
export function FiguresPanel() {
  const applyExperiment = useAppStore((s) => s.applyExperiment);
  const [chosen, setChosen] = useState<string | null>(null);
  const e = chosen ? experimentById(chosen) : undefined;
  return (
    <Section id="figures" title="Figures">
      <div className="gallery">
        {EXPERIMENTS.map((f) => (
          <button key={f.id} className={chosen === f.id ? 'chip active' : 'chip'} data-figure={f.id} title={f.source}
            onClick={() => { setChosen(f.id); applyExperiment(f.id); }}>{f.short}</button>
        ))}
      </div>
      {e && (
        <p className="hint" data-testid="figure-caption"><b>{e.source}.</b> {e.caption}{e.notes ? ` ${e.notes}` : ''}</p>
      )}
    </Section>
  );
}

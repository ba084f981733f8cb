import { useMemo, useState } from 'react';
import { EXPERIMENTS, experimentById } from '../experiments';
import { matchingExperiment } from '../store/experimentParams';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

/**
 * One-click figures from the papers (the experiments registry, src/experiments): choosing one applies its settings
 * over the defaults, as a shared link of it would. Its caption shows beside the figure while the settings are the
 * figure's (FigureArea); once the user changes one, this panel says so and offers the figure back.
 */
export function FiguresPanel() {
  const applyExperiment = useAppStore((s) => s.applyExperiment);
  const [chosen, setChosen] = useState<string | null>(null);
  const e = chosen ? experimentById(chosen) : undefined;
  const params = useAppStore((s) => s.params);
  const onShow = useMemo(() => matchingExperiment(EXPERIMENTS, params), [params]);
  return (
    <Section id="figures" title="Figures">
      <div className="gallery">
        {EXPERIMENTS.map((f) => (
          <button key={f.id} className={chosen === f.id ? 'chip active' : 'chip'} data-figure={f.id} title={f.source}
            onClick={() => { setChosen(f.id); applyExperiment(f.id); }}>{f.short}</button>
        ))}
      </div>
      {e && onShow?.id === e.id && (
        <p className="hint" data-testid="figure-caption">On show: <b>{e.source}</b>. Its caption and what we measure are beside the figure.</p>
      )}
      {e && onShow?.id !== e.id && (
        <p className="hint" data-testid="figure-caption">
          You changed a setting of “{e.short}”, so its caption is hidden. <button className="link" onClick={() => applyExperiment(e.id)}>Show the figure again</button>
        </p>
      )}
    </Section>
  );
}

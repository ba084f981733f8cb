import { useState } from 'react';
import { ES_FIGURES } from '../experiments/esFigures';

/**
 * One-click presets that rebuild the seeds' ES/VO figures (src/experiments/esFigures.ts). A preset is a link state:
 * choosing one sets the URL hash, which the app applies like any shared link; its caption says what the source
 * figure shows.
 */
export function FiguresPanel() {
  const [chosen, setChosen] = useState<string | null>(null);
  const preset = ES_FIGURES.find((f) => f.id === chosen);
  return (
    <section className="panel" aria-labelledby="figures-h">
      <h2 id="figures-h">Figures: ES and VO</h2>
      <div className="gallery">
        {ES_FIGURES.map((f) => (
          <button key={f.id} className={chosen === f.id ? 'chip active' : 'chip'} data-figure={f.id} title={f.source}
            onClick={() => { setChosen(f.id); location.hash = f.hash; }}>{f.title}</button>
        ))}
      </div>
      {preset && <p className="hint" data-testid="figure-caption"><b>{preset.source}.</b> {preset.caption}</p>}
    </section>
  );
}

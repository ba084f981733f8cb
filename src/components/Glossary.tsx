import { useEffect, useRef } from 'react';
import { EXPERIMENTS } from '../experiments';
import { GLOSSARY, PAPERS } from './glossary';
import { useAppStore } from './StoreContext';

/**
 * The glossary: every term the panels use, in plain words, with links to the papers; opened by a panel's "?" at
 * that panel's term, or by Help at the top. A dialog (Escape or the close button closes it).
 */
export function Glossary() {
  const entry = useAppStore((s) => s.help);
  const close = useAppStore((s) => s.closeHelp);
  const openIntro = useAppStore((s) => s.setIntroOpen);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (entry === null) return;
    const target = entry ? ref.current?.querySelector<HTMLElement>(`[data-term="${entry}"]`) : null;
    (target ?? ref.current)?.scrollIntoView({ block: 'start' });
    target?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') close(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entry, close]);
  if (entry === null) return null;
  const papers = Object.values(PAPERS);
  return (
    <div className="overlay" onClick={close}>
      <div className="dialog glossary" role="dialog" aria-modal="true" aria-labelledby="glossary-h" ref={ref} onClick={(e) => e.stopPropagation()}>
        <div className="dialog-head">
          <h2 id="glossary-h">Glossary</h2>
          <button onClick={() => { close(); openIntro(true); }}>Introduction</button>
          <button aria-label="Close" onClick={close}>×</button>
        </div>
        <dl>
          {GLOSSARY.map((g) => (
            <div key={g.id} className={g.id === entry ? 'term current' : 'term'} data-term={g.id} tabIndex={-1}>
              <dt>{g.term}</dt>
              <dd>{g.text.split('\n\n').map((para, i, all) => (
                <p key={i}>{para}{i === all.length - 1 && g.refs && <> Read: {g.refs.map((r, k) => <span key={r.url}>{k > 0 && '; '}<a href={r.url} target="_blank" rel="noreferrer">{r.label}</a></span>)}.</>}</p>
              ))}</dd>
            </div>
          ))}
        </dl>
        <h3>Papers and articles</h3>
        <ul className="papers">{papers.map((p) => <li key={p.url}><a href={p.url} target="_blank" rel="noreferrer">{p.label}</a></li>)}</ul>
        <h3>Figures rebuilt here</h3>
        <ul className="papers">{EXPERIMENTS.map((e) => <li key={e.id}><b>{e.title}</b>: {e.source}</li>)}</ul>
      </div>
    </div>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useAppStore } from './StoreContext';
import { NARROW, useMediaQuery } from './useMediaQuery';

interface Props {
  readonly id: string;
  readonly title: string;
  /** The glossary entry that explains this section (the "?" button opens it). */
  readonly help?: string;
  /** Open at first on a wide screen (on a phone only `openOnPhone` sections are). */
  readonly open?: boolean;
  readonly openOnPhone?: boolean;
  /** Opens the section when this becomes true (e.g. its feature was switched on from a link). */
  readonly active?: boolean;
  readonly children: ReactNode;
}

/**
 * A collapsible section of the controls: a heading that opens and closes it, and a "?" that opens the glossary at
 * the section's terms. On a phone most start closed, so that every heading is reachable at a glance.
 */
export function Section({ id, title, help, open = true, openOnPhone = false, active = false, children }: Props) {
  const narrow = useMediaQuery(NARROW);
  const [isOpen, setOpen] = useState(narrow ? openOnPhone || active : open || active);
  const showHelp = useAppStore((s) => s.showHelp);
  useEffect(() => { if (active) setOpen(true); }, [active]);
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-section={id}>
      <div className="panel-head">
        <h2 id={`${id}-h`}>
          <button className="section-toggle" aria-expanded={isOpen} aria-controls={`${id}-body`} onClick={() => setOpen(!isOpen)}>
            <span className="chevron" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>{title}
          </button>
        </h2>
        {help && <button className="help-button" aria-label={`What is ${title}?`} title={`What is ${title}?`} onClick={() => showHelp(help)}>?</button>}
      </div>
      <div id={`${id}-body`} hidden={!isOpen}>{children}</div>
    </section>
  );
}

import { useEffect, useRef } from 'react';
import { LossPanel } from './LossPanel';
import { RideTreePanel } from './RideTreePanel';
import { RunTable } from './RunTable';
import { SaveSvgButton } from './SaveSvgButton';
import { useAppStore } from './StoreContext';
import type { DockTab } from '../store/viewSlice';

const LABELS: Record<DockTab, string> = { runs: 'Runs', loss: 'Loss vs step', tree: 'Search tree' };
/** The views saved as SVG from the tab bar, and their file-name suffixes. */
const SAVE: Partial<Record<DockTab, { what: string; suffix: string }>> = { loss: { what: 'loss chart', suffix: 'loss' }, tree: { what: 'search tree', suffix: 'search-tree' } };

/**
 * The views below the figure, one at a time behind tabs, in a panel the user resizes or collapses: the runs and
 * rides as tables, the loss along every run and ride, and Ridge Rider's search tree. New views are new tabs, so they
 * never take room from the figure. Switching Ridge Rider on shows its tree.
 */
export function Dock() {
  const tab = useAppStore((s) => s.dockTab);
  const setTab = useAppStore((s) => s.setDockTab);
  const ridgeOn = useAppStore((s) => s.params.ridge.on);
  useEffect(() => { if (ridgeOn) setTab('tree'); }, [ridgeOn, setTab]);
  const tabs: DockTab[] = ridgeOn ? ['runs', 'loss', 'tree'] : ['runs', 'loss'];
  const current = tabs.includes(tab) ? tab : 'runs';
  /** The SVG export of the view on show (the chart and the tree register theirs). */
  const svgOf = useRef<(() => string) | null>(null);
  const save = SAVE[current];
  return (
    <div className="dock">
      <div className="tabs" role="tablist" aria-label="Views below the figure">
        {tabs.map((t) => (
          <button key={t} role="tab" id={`dock-tab-${t}`} aria-selected={t === current} aria-controls="dock-body" data-dock={t}
            className={t === current ? 'tab active' : 'tab'} onClick={() => setTab(t)}>{LABELS[t]}</button>
        ))}
        {save && <SaveSvgButton what={save.what} suffix={save.suffix} toSvg={() => svgOf.current?.() ?? null} />}
      </div>
      <div id="dock-body" className="dock-body" role="tabpanel" aria-labelledby={`dock-tab-${current}`}>
        {current === 'runs' && <RunTable />}
        {current === 'loss' && <LossPanel svgOf={svgOf} />}
        {current === 'tree' && <RideTreePanel svgOf={svgOf} />}
      </div>
    </div>
  );
}

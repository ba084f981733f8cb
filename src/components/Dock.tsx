import { useEffect, useRef } from 'react';
import { LossPanel } from './LossPanel';
import { RideTreePanel } from './RideTreePanel';
import { LeverTable } from './LeverTable';
import { NetConfusion, NetEigsTable, NetSamples, NetWeights } from './NetDockViews';
import { MdpSearchTree } from './MdpSearchTree';
import { RunTable } from './RunTable';
import { SweepTable } from './SweepTable';
import { figureKind } from '../store/appStore';
import { SaveSvgButton } from './SaveSvgButton';
import { useAppStore } from './StoreContext';
import type { DockTab } from '../store/viewSlice';

const LABELS: Record<DockTab, string> = {
  'runs': 'Runs', 'loss': 'Loss vs step', 'tree': 'Search tree', 'mdp-tree': 'Search tree', 'sweep': 'Sweep numbers', 'ridges': 'Ridges',
  'net-samples': 'Sample images', 'net-weights': 'First-layer weights', 'net-confusion': 'Confusion matrix', 'net-eigs': 'Eigenpairs',
};
/** The views saved as SVG from the tab bar, and their file-name suffixes. */
const SAVE: Partial<Record<DockTab, { what: string; suffix: string }>> = {
  'loss': { what: 'loss chart', suffix: 'loss' }, 'tree': { what: 'search tree', suffix: 'search-tree' },
  'mdp-tree': { what: 'search tree', suffix: 'search-tree' },
  'net-samples': { what: 'sample images', suffix: 'samples' }, 'net-weights': { what: 'first-layer weights', suffix: 'first-layer' },
  'net-confusion': { what: 'confusion matrix', suffix: 'confusion' },
};

/**
 * The views below the figure, one at a time behind tabs, in a panel the user resizes or collapses: the runs and
 * rides as tables, the loss along every run and ride, and Ridge Rider's search tree. New views are new tabs, so they
 * never take room from the figure. Switching Ridge Rider on shows its tree. `onPick`: a tab was clicked (a folded dock opens).
 */
export function Dock({ onPick }: { onPick?: () => void } = {}) {
  const tab = useAppStore((s) => s.dockTab);
  const setTab = useAppStore((s) => s.setDockTab);
  const ridgeOn = useAppStore((s) => s.params.ridge.on);
  const kind = useAppStore((s) => figureKind(s.params));
  const mdpPane = useAppStore((s) => s.mdpPane);
  useEffect(() => { if (ridgeOn) setTab('tree'); }, [ridgeOn, setTab]);
  useEffect(() => { if (kind === 'mdp') setTab(mdpPane === 'sweep' ? 'sweep' : 'mdp-tree'); }, [kind, mdpPane, setTab]);
  const tabs: DockTab[] = kind === 'net' ? ['net-samples', 'net-weights', 'net-confusion', 'net-eigs'] : kind === 'mdp' ? ['mdp-tree', 'sweep'] : kind === 'lever' ? ['ridges']
    : ridgeOn ? ['runs', 'loss', 'tree'] : ['runs', 'loss'];
  const current = tabs.includes(tab) ? tab : tabs[0]!;
  /** The SVG export of the view on show (the chart and the tree register theirs). */
  const svgOf = useRef<(() => string) | null>(null);
  const save = SAVE[current];
  return (
    <div className="dock">
      <div className="tabs" role="tablist" aria-label="Views below the figure">
        {tabs.map((t) => (
          <button key={t} role="tab" id={`dock-tab-${t}`} aria-selected={t === current} aria-controls="dock-body" data-dock={t}
            className={t === current ? 'tab active' : 'tab'} onClick={() => { setTab(t); onPick?.(); }}>{LABELS[t]}</button>
        ))}
        {save && <SaveSvgButton what={save.what} suffix={save.suffix} toSvg={() => svgOf.current?.() ?? null} />}
      </div>
      <div id="dock-body" className="dock-body" role="tabpanel" aria-labelledby={`dock-tab-${current}`}>
        {current === 'runs' && <RunTable />}
        {current === 'loss' && <LossPanel svgOf={svgOf} />}
        {current === 'tree' && <RideTreePanel svgOf={svgOf} />}
        {current === 'mdp-tree' && <MdpSearchTree svgOf={svgOf} />}
        {current === 'sweep' && <SweepTable />}
        {current === 'ridges' && <LeverTable />}
        {current === 'net-samples' && <NetSamples svgOf={svgOf} />}
        {current === 'net-weights' && <NetWeights svgOf={svgOf} />}
        {current === 'net-confusion' && <NetConfusion svgOf={svgOf} />}
        {current === 'net-eigs' && <NetEigsTable />}
      </div>
    </div>
  );
}

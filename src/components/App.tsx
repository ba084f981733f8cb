import { useCallback, useEffect, useRef } from 'react';
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import { Dock } from './Dock';
import { EsPanel } from './EsPanel';
import type { ViewHandle } from './exporting';
import { FigureArea } from './FigureArea';
import { FiguresPanel } from './FiguresPanel';
import { Glossary } from './Glossary';
import { Header } from './Header';
import { Intro } from './Intro';
import { LandscapePanel } from './LandscapePanel';
import { MethodsPanel } from './MethodsPanel';
import { Notices } from './Notices';
import { OneDPanel } from './OneDPanel';
import { TreePanel } from './TreePanel';
import { LeverPanel } from './LeverPanel';
import { NetworkPanel } from './NetworkPanel';
import { figureKind } from '../store/appStore';
import { RidgePanel } from './RidgePanel';
import { SmoothPanel } from './SmoothPanel';
import { useAppStore, useStoreApi } from './StoreContext';
import { NARROW, useMediaQuery, useWindowHeight } from './useMediaQuery';
import { ViewPanel } from './ViewPanel';

/** The surface never shrinks below this height (CSS pixels) where the window is tall enough. */
export const SURFACE_MIN_PX = 560;
/** Below the surface: the timeline and the readout, and the gaps between them. */
const UNDER_SURFACE_PX = 66;
/** Above the workspace: the header and the main area's padding; and the dock's own minimum. */
const CHROME_PX = 62;
const DOCK_MIN_PX = 140;

/** The figure panel's minimum: the surface at SURFACE_MIN_PX, unless the window is too short to keep the dock's minimum too. */
function figureMinPx(windowHeight: number): number {
  return Math.max(240, Math.min(SURFACE_MIN_PX + UNDER_SURFACE_PX, windowHeight - CHROME_PX - DOCK_MIN_PX - 10));
}

/**
 * The app: the controls of the figure on show in a column on the left (the surface and the 1D view share theirs), the main figure owning the rest of the screen, and the secondary
 * views (tables, charts, the search tree) in a dock below it that the user resizes by dragging its edge or collapses.
 * On a phone everything stacks: figure, dock, then the controls in collapsible sections.
 */
export function App() {
  const store = useStoreApi();
  const views = useRef<{ surface: ViewHandle | null; other: ViewHandle | null }>({ surface: null, other: null });
  const setSurface = useCallback((h: ViewHandle | null) => { views.current.surface = h; }, []);
  const setOther = useCallback((h: ViewHandle | null) => { views.current.other = h; }, []);
  /** The export handle of the main figure on show: the surface, or the one other figure mounted in its place. */
  const figure = useCallback(() => {
    const s = store.getState();
    const kind = figureKind(s.params);
    return kind === 'surface' || (kind === 'net' && s.params.net.pane === 'slice') ? views.current.surface : views.current.other;
  }, [store]);
  const kind = useAppStore((s) => figureKind(s.params));
  const narrow = useMediaQuery(NARROW);
  const height = useWindowHeight();
  // The network's Ridge Rider and Colored MNIST panes are long pages of their own, and the dock's views (the trained
  // network's images, weights, confusion and eigenpairs) are not theirs: the dock folds to its tabs there, and opens
  // again on the other panes or when a tab is picked. A dock the user folded stays folded.
  const dock = usePanelRef();
  const folded = useRef(false);
  const ownPage = useAppStore((s) => figureKind(s.params) === 'net' && (s.params.net.pane === 'rides' || s.params.net.pane === 'colored'));
  useEffect(() => {
    const panel = dock.current;
    if (narrow || !panel) return;
    if (ownPage && !panel.isCollapsed()) { panel.collapse(); folded.current = true; }
    if (!ownPage && folded.current) { if (panel.isCollapsed()) panel.expand(); folded.current = false; }
  }, [ownPage, narrow, dock]);
  const openDock = useCallback(() => {
    if (dock.current?.isCollapsed()) dock.current.expand();
    folded.current = false;
  }, [dock]);
  return (
    <div className="app">
      <Header view={figure} />
      <aside className="sidebar" aria-label="Controls">
        {kind !== 'net' && <FiguresPanel />}
        {kind === 'net' ? <NetworkPanel /> : kind === 'mdp' ? <TreePanel /> : kind === 'lever' ? <LeverPanel /> : (
          <>
            <LandscapePanel />
            <ViewPanel />
            <MethodsPanel />
            <RidgePanel />
            <SmoothPanel />
            <EsPanel />
            <OneDPanel />
          </>
        )}
      </aside>
      <main className="main">
        {narrow ? (
          <div className="stack">
            <FigureArea onSurface={setSurface} onOther={setOther} />
            <div className="dock-stacked"><Dock /></div>
          </div>
        ) : (
          <Group orientation="vertical" className="workspace" id="workspace">
            <Panel id="figure" minSize={`${figureMinPx(height)}px`} className="workspace-panel">
              <FigureArea onSurface={setSurface} onOther={setOther} />
            </Panel>
            <Separator className="workspace-separator" aria-label="Resize the views below the figure" />
            <Panel id="dock" panelRef={dock} collapsible collapsedSize="36px" minSize={`${DOCK_MIN_PX}px`} defaultSize="200px" className="workspace-panel">
              <Dock onPick={openDock} />
            </Panel>
          </Group>
        )}
      </main>
      <Notices />
      <Glossary />
      <Intro />
    </div>
  );
}

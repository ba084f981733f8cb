import { useCallback, useRef } from 'react';
import { Header } from './Header';
import { LandscapePanel } from './LandscapePanel';
import { EsPanel } from './EsPanel';
import { FiguresPanel } from './FiguresPanel';
import { MethodsPanel } from './MethodsPanel';
import { OneDPanel } from './OneDPanel';
import { RidgePanel } from './RidgePanel';
import { RideTreePanel } from './RideTreePanel';
import { SmoothPanel } from './SmoothPanel';
import { Notices } from './Notices';
import { Readout } from './Readout';
import { RunTable } from './RunTable';
import { SurfacePanel } from './SurfacePanel';
import { Timeline } from './Timeline';
import { ViewPanel } from './ViewPanel';
import type { ViewHandle } from './exporting';

export function App() {
  const view = useRef<ViewHandle | null>(null);
  const setView = useCallback((h: ViewHandle | null) => { view.current = h; }, []);
  return (
    <div className="app">
      <Header view={() => view.current} />
      <aside className="sidebar">
        <LandscapePanel />
        <ViewPanel />
        <SmoothPanel />
        <MethodsPanel />
        <EsPanel />
        <RidgePanel />
        <FiguresPanel />
      </aside>
      <main className="main">
        <SurfacePanel onHandle={setView} />
        <Timeline />
        <Readout />
        <RunTable />
        <RideTreePanel />
        <OneDPanel />
      </main>
      <Notices />
    </div>
  );
}

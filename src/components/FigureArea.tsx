import { useMemo } from 'react';
import { EXPERIMENTS, type Experiment } from '../experiments';
import { matchingExperiment } from '../store/experimentParams';
import type { ViewHandle } from './exporting';
import { ComputingBadge } from './ComputingBadge';
import { LeverFigure } from './LeverFigure';
import { NetworkFigure } from './NetworkFigure';
import { OneDView } from './OneDView';
import { TreeFigure } from './TreeFigure';
import { figureKind } from '../store/appStore';
import { Readout } from './Readout';
import { SurfacePanel } from './SurfacePanel';
import { Timeline } from './Timeline';
import { useAppStore } from './StoreContext';

/** The caption of the figure on show: its title, source, the source's caption and how it is rebuilt here. */
function FigureCaption({ e }: { e: Experiment }) {
  return (
    <aside className="figure-caption" data-testid="figure-caption-aside" aria-label="About this figure">
      <h2>{e.title}</h2>
      <p className="source">{e.source}</p>
      <p>{e.caption}</p>
      {e.notes && <p className="hint">{e.notes}</p>}
    </aside>
  );
}

/**
 * The main figure, which owns the screen: the surface (with its timeline and the readout under the cursor) or the 1D
 * view, and beside it the caption of a paper figure when the settings are that figure's. The surface stays mounted
 * behind the 1D view, so switching back is instant and the export handle lives on.
 */
export function FigureArea({ onSurface, onOther }: { onSurface: (h: ViewHandle | null) => void; onOther: (h: ViewHandle | null) => void }) {
  const kind = useAppStore((s) => figureKind(s.params));
  const mdpPane = useAppStore((s) => s.mdpPane);
  const params = useAppStore((s) => s.params);
  const figure = useMemo(() => matchingExperiment(EXPERIMENTS, params), [params]);
  const netPane = useAppStore((s) => s.params.net.pane);
  const surface = kind === 'surface';
  // The network's loss slice is drawn by the surface view.
  const slice = kind === 'net' && netPane === 'slice';
  return (
    <div className="figure-area">
      <div className="figure-main">
        {kind === 'net' && <NetworkFigure onHandle={onOther} />}
        <div className="surface-wrap" hidden={!surface && !slice}>
          <SurfacePanel onHandle={onSurface} />
          <ComputingBadge />
        </div>
        {kind === 'oned' && <OneDView onHandle={onOther} />}
        {kind === 'mdp' && <TreeFigure onHandle={onOther} />}
        {kind === 'lever' && <LeverFigure onHandle={onOther} />}
        {(surface || (kind === 'mdp' && mdpPane === 'tree')) && <Timeline />}
        {(surface || slice) && <Readout />}
      </div>
      {figure && <FigureCaption e={figure} />}
    </div>
  );
}

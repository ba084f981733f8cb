import { useEffect, useRef } from 'react';
import { createPlotBox, leverHeatmap, leverHeatmapHeight, leverPayoffChart } from '../render/studyCharts';
import { stackSvgDocuments, svgToPngBlob } from '../render/svgDocument';
import type { AppState } from '../store/appStore';
import type { ViewHandle } from './exporting';
import { useAppStore, useStoreApi } from './StoreContext';

/**
 * The lever game view (Parker-Holder et al. 2020, Fig. 6): left, the payoff per ridge over N replicates (cross-play
 * with ±1 standard deviation over the repeats, self-play as dots, the self-play GD baseline's cross-play as a dashed
 * rule); right, three replicates' action probabilities per ridge. Computed in the study worker, with progress.
 */
export function LeverFigure({ onHandle }: { onHandle: (h: ViewHandle | null) => void }) {
  const store = useStoreApi();
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);
  const result = useAppStore((s) => s.leverResult);
  const progress = useAppStore((s) => s.leverProgress);

  useEffect(() => {
    const left = createPlotBox(leftRef.current!);
    const right = createPlotBox(rightRef.current!);
    const show = (s: AppState) => {
      const r = s.leverResult;
      left.draw(r ? (w, h) => leverPayoffChart(r, w, h) : null);
      right.draw(r ? (w, h) => leverHeatmap(r, s.params.lever.payoffs, w, h) : null);
    };
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => { if (s.leverResult !== prev.leverResult) show(s); });
    const toSvg = () => stackSvgDocuments([left.toSvg(), right.toSvg()]);
    onHandle({ toSvg, toPngBlob: (scale) => svgToPngBlob(toSvg(), scale) });
    return () => { unsubscribe(); onHandle(null); left.destroy(); right.destroy(); };
  }, [store, onHandle]);

  const running = progress?.running ?? false;
  return (
    <div className="lever-figure" aria-busy={running}>
      <div className="lever-head">
        {running && progress && (
          <span data-testid="lever-progress">
            Computing: replicate {progress.done} of {progress.total} <progress value={progress.done} max={progress.total} />
          </span>
        )}
        {result && !running && (
          <span data-testid="lever-summary">
            Zero-shot coordination deploys ridge {result.chosen.index}: cross-play {result.chosen.crossPlay.toFixed(3)}
            {' '}(self-play gradient descent: {result.baseline.crossPlay.toFixed(3)}). MIS: J = {result.mis.J.toFixed(4)}, p ∝ 1/r.
          </span>
        )}
      </div>
      <div className="lever-charts">
        <div ref={leftRef} className="plot-box" data-testid="lever-payoff" />
        <div ref={rightRef} className="plot-box" data-testid="lever-heatmap" style={result ? { minHeight: `${leverHeatmapHeight(result)}px` } : undefined} />
      </div>
    </div>
  );
}

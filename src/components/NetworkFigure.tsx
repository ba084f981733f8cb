import { useCallback, useEffect, useRef, useState } from 'react';
import { accuracyChart, densityChart, lossCurvesChart } from '../render/netCharts';
import { createPlotBox, type PlotBox } from '../render/studyCharts';
import { stackSvgDocuments, svgToPngBlob } from '../render/svgDocument';
import type { AppState } from '../store/appStore';
import type { NetPane } from '../store/params';
import type { ViewHandle } from './exporting';
import { ColoredPane } from './ColoredPane';
import { RidesPane } from './RidesPane';
import { useAppStore, useStoreApi } from './StoreContext';
import { NARROW, useMediaQuery } from './useMediaQuery';

const PANES: readonly { pane: NetPane; label: string; title: string }[] = [
  { pane: 'training', label: 'Training', title: 'Loss and accuracy while the network trains' },
  { pane: 'spectrum', label: 'Hessian spectrum', title: 'The density of the Hessian\'s eigenvalues, live while training (Ghorbani et al. 2019)' },
  { pane: 'slice', label: 'Loss slice', title: 'The loss on a plane through the weights, drawn as a surface' },
  { pane: 'rides', label: 'Ridge Rider', title: 'Approximate Ridge Rider on the network: accuracy along the rides and per digit (Parker-Holder et al. 2020, Figs. 4 and 5)' },
  { pane: 'colored', label: 'Colored MNIST', title: 'Out-of-distribution generalization: the environments and Table 1 (Parker-Holder et al. 2020; Arjovsky et al. 2019)' },
];

const BUSY_TEXT = { eigs: 'Finding eigenpairs', density: 'Computing the spectrum density', slice: 'Computing the loss slice', model: 'Preparing the model file' } as const;
const BUSY_UNIT = { eigs: 'Hessian-vector products (at most)', density: 'Hessian-vector products', slice: 'rows', model: '' } as const;

/** The status line: MNIST loading, the run's step and speed, and what is being computed (with a cancel). */
function NetStatus() {
  const data = useAppStore((s) => s.netData);
  const run = useAppStore((s) => s.netRun);
  const model = useAppStore((s) => s.netModel);
  const busy = useAppStore((s) => s.netBusy);
  const backend = useAppStore((s) => s.netBackend);
  const ask = useAppStore((s) => s.netAsk);
  const narrowHint = useMediaQuery(NARROW) ? 'below' : 'on the left';
  if (!data || data.train === 0) {
    const f = data?.fraction ?? 0;
    return <span data-testid="net-status">Loading MNIST (60,000 + 10,000 images, 11 MB): {(100 * f).toFixed(0)}% <progress value={f} max={1} /></span>;
  }
  if (busy) {
    return (
      <span data-testid="net-status">
        {BUSY_TEXT[busy.what]}: {busy.done} of {busy.total} {BUSY_UNIT[busy.what]} <progress value={busy.done} max={Math.max(1, busy.total)} />{' '}
        <button onClick={() => ask('stop')} data-net="stop">Cancel</button>
      </span>
    );
  }
  if (!model) {
    return (
      <span data-testid="net-status">
        MNIST is loaded. <button className="primary" onClick={() => ask('train')} data-net="train-now">Train the network</button> (its settings are {narrowHint}), or load a model.
      </span>
    );
  }
  const where = `${model.spec.layers.join('–')} ${model.spec.activation} network, ${model.n.toLocaleString('en-US')} parameters`;
  const speed = run.stepsPerSecond > 0 ? `, ${run.stepsPerSecond.toFixed(1)} steps/s` : '';
  const on = backend ? ` on ${backend.name}${backend.name === 'webgpu' && backend.adapter ? ` (${backend.adapter})` : ''}` : '';
  const live = run.spectrum ? ` (now the spectrum: ${run.spectrum.done} of ${run.spectrum.total} Hessian-vector products)` : '';
  const state = run.state === 'training' ? `training: step ${run.step} of ${run.total}${speed}${live}`
    : run.state === 'paused' ? `paused at step ${run.step} of ${run.total}`
      : run.state === 'done' ? `trained for ${run.step} steps${run.message === 'cancelled' ? ' (cancelled)' : ''}` : 'loaded from a file';
  return (
    <span data-testid="net-status">
      {where}{on}; {state}
      {run.state === 'training' && <> <progress value={run.step} max={Math.max(1, run.total)} /> <button onClick={() => ask('pause')} data-net="pause-now">Pause</button></>}
      {run.state === 'paused' && <> <button onClick={() => ask('resume')} data-net="resume-now">Resume</button></>}
    </span>
  );
}

/** What the latest spectrum says, in words. */
function spectrumSummary(s: AppState, shown: number): string {
  const x = s.netSpectra[shown];
  if (!x) return '';
  const out = x.outliers.length > 0 ? `${x.outliers.length} outlier${x.outliers.length > 1 ? 's' : ''} (largest λ ≈ ${x.outliers[x.outliers.length - 1]!.toPrecision(3)})` : 'no outliers';
  return `Step ${x.step}: the bulk spans λ from ${x.bulk[0].toPrecision(3)} to ${x.bulk[1].toPrecision(3)}; ${out}; ${(100 * x.negativeMass).toFixed(2)}% of the eigenvalues are clearly negative `
    + `(${x.matvecs} Hessian-vector products, ${(x.ms / 1000).toFixed(1)} s).`;
}

/**
 * The network view: the training curves (loss and accuracy, train and test), the Hessian's spectrum density (its
 * history while training, with a step slider), and for the loss slice the surface view (mounted by FigureArea below
 * this head). Charts redraw from the store by subscription; exports stack the pane's charts.
 */
export function NetworkFigure({ onHandle }: { onHandle: (h: ViewHandle | null) => void }) {
  const store = useStoreApi();
  const pane = useAppStore((s) => s.params.net.pane);
  const setPane = useAppStore((s) => s.setNetPane);
  const ask = useAppStore((s) => s.netAsk);
  const hasModel = useAppStore((s) => s.netModel !== null);
  const spectra = useAppStore((s) => s.netSpectra);
  const evals = useAppStore((s) => s.netCurves.evals);
  const hasCurves = useAppStore((s) => s.netCurves.count > 0 || s.netCurves.evals.length > 0);
  const slice = useAppStore((s) => s.netSlice);
  const busy = useAppStore((s) => s.netBusy);
  const dataReady = useAppStore((s) => (s.netData?.train ?? 0) > 0);
  const [pick, setPick] = useState<number | null>(null);
  const shown = pick !== null && pick < spectra.length ? pick : spectra.length - 1;
  const lossRef = useRef<HTMLDivElement>(null);
  const accRef = useRef<HTMLDivElement>(null);
  const densityRef = useRef<HTMLDivElement>(null);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const densityBox = useRef<PlotBox | null>(null);
  const ridesSvg = useRef<(() => string) | null>(null);
  const onRidesBoxes = useCallback((f: (() => string) | null) => { ridesSvg.current = f; }, []);
  const sliceBox = useRef<PlotBox | null>(null);
  const onSliceBox = useCallback((b: PlotBox | null) => { sliceBox.current = b; }, []);

  useEffect(() => {
    const loss = createPlotBox(lossRef.current!);
    const acc = createPlotBox(accRef.current!);
    const density = createPlotBox(densityRef.current!);
    densityBox.current = density;
    const showCurves = (s: AppState) => {
      loss.draw((w, h) => lossCurvesChart(s.netCurves, w, h));
      acc.draw((w, h) => accuracyChart(s.netCurves, w, h));
    };
    const showDensity = (s: AppState) => density.draw((w, h) => densityChart(s.netSpectra, shownRef.current, s.netEigs, w, h));
    const st = store.getState();
    showCurves(st);
    showDensity(st);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.netCurves !== prev.netCurves) showCurves(s);
      if (s.netSpectra !== prev.netSpectra || s.netEigs !== prev.netEigs) showDensity(s);
    });
    const toSvg = () => {
      const p = store.getState().params.net.pane;
      if (p === 'rides' && ridesSvg.current) return ridesSvg.current();
      if (p === 'colored') {
        // Table 1 is a table (CSV, JSON); the picture is its Ridge Rider run's loss slice, once one is drawn.
        if (sliceBox.current?.drawn()) return sliceBox.current.toSvg();
        throw new Error('Table 1 is a table: export it as CSV or JSON (a Ridge Rider run\'s loss slice exports as a picture once drawn)');
      }
      return p === 'spectrum' ? density.toSvg() : stackSvgDocuments([loss.toSvg(), acc.toSvg()]);
    };
    onHandle({ toSvg, toPngBlob: (scale) => svgToPngBlob(toSvg(), scale) });
    return () => { unsubscribe(); onHandle(null); loss.destroy(); acc.destroy(); density.destroy(); densityBox.current = null; };
  }, [store, onHandle]);

  // A picked step redraws the density.
  useEffect(() => {
    const s = store.getState();
    densityBox.current?.draw((w, h) => densityChart(s.netSpectra, shown, s.netEigs, w, h));
  }, [store, shown]);

  const last = evals[evals.length - 1];
  return (
    <div className="net-figure">
      <div className="net-head">
        <div className="pane-tabs" role="tablist" aria-label="What the network figure shows">
          {PANES.map((p) => (
            <button key={p.pane} role="tab" aria-selected={pane === p.pane} className={pane === p.pane ? 'tab active' : 'tab'} data-net-pane={p.pane}
              onClick={() => setPane(p.pane)} title={p.title}>{p.label}</button>
          ))}
        </div>
        {/* The trained network's status, except on panes that do not use it (a Colored MNIST slice has its own caption). */}
        {(pane !== 'rides' && pane !== 'colored' && !(pane === 'slice' && slice?.colored)) || !dataReady ? <NetStatus /> : null}
      </div>
      <div className="net-pane" hidden={pane !== 'training'}>
        <div className="net-charts" hidden={!hasCurves}>
          <div ref={lossRef} className="plot-box" data-testid="net-loss" />
          <div ref={accRef} className="plot-box" data-testid="net-accuracy" />
        </div>
        {!hasCurves && <p className="hint empty net-empty">The loss and accuracy curves appear here as the network trains.</p>}
        <p className="hint" data-testid="net-summary">
          {last ? `Step ${last.step}: train loss ${last.trainLoss.toFixed(4)}, accuracy ${(100 * last.trainAccuracy).toFixed(2)}%; `
            + `test loss ${last.testLoss.toFixed(4)}, accuracy ${(100 * last.testAccuracy).toFixed(2)}% (the first ${store.getState().params.net.evalSamples.toLocaleString('en-US')} images of each split).`
            : 'The grey line is the loss of each training batch; the coloured points are the loss and accuracy on held-out train and test images.'}
        </p>
      </div>
      <div className="net-pane" hidden={pane !== 'spectrum'}>
        <div ref={densityRef} className="plot-box" data-testid="net-density" />
        {spectra.length === 0 ? (
          <p className="hint empty">
            No spectrum yet. It is computed every few hundred steps while the network trains, or now:{' '}
            <button onClick={() => ask('density')} disabled={!hasModel || busy !== null} data-net="density-now">Compute the spectrum</button>
          </p>
        ) : (
          <>
            {spectra.length > 1 && (
              <label className="row net-step">Spectrum at step {spectra[shown]!.step}
                <input type="range" min={0} max={spectra.length - 1} step={1} value={shown} data-net="spectrum-step"
                  onChange={(e) => { const i = Number(e.target.value); setPick(i === spectra.length - 1 ? null : i); }} />
              </label>
            )}
            <p className="hint" data-testid="net-spectrum-summary">{spectrumSummary(store.getState(), shown)} Earlier spectra are drawn fainter; red lines mark outliers, dashed lines the bulk's edges, black ticks the eigenvalues Lanczos found.</p>
          </>
        )}
      </div>
      <RidesPane hidden={pane !== 'rides'} onBoxes={onRidesBoxes} />
      <ColoredPane hidden={pane !== 'colored'} onSliceBox={onSliceBox} />
      {pane === 'slice' && (
        <p className="hint" data-testid="net-slice-caption">
          {slice?.colored ? `Colored MNIST, Ridge Rider run ${slice.colored.run + 1}: the pooled training loss (L₁ + L₂)/2 at the MIS, with the read-out moved to θ_r = a·u + b·v `
            + `along two of its ridges u and v (${slice.side} × ${slice.side} losses, interpolated between them). Black dot: the MIS, where every ride starts; `
            + 'coloured dots: each ride\'s points, the candidates (green: above 50% on the test environment, orange: below); dashed ring: the one chosen on validation. '
            + 'The rides also change the features, so this is the landscape they set out on.'
            : slice ? `L(θ + a·u + b·v) at step ${slice.step}; u: ${slice.labels[0]}, v: ${slice.labels[1]} (unit vectors for eigenvectors); ${slice.side} × ${slice.side} losses `
            + `(${(slice.ms / 1000).toFixed(1)} s), interpolated between them. θ, the current weights, is the centre.`
            : <>No slice yet. <button onClick={() => ask('slice')} disabled={!hasModel || busy !== null} data-net="slice-now">Compute the slice</button> (the loss on a plane through the weights).</>}
          {slice?.colored && <> <button onClick={() => ask('slice')} disabled={!hasModel || busy !== null} data-net="slice-network" title="The loss on a plane through the trained network's weights">The network's own slice</button></>}
        </p>
      )}
    </div>
  );
}

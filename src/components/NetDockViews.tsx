import { useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { confusionChart } from '../render/netCharts';
import { createPlotBox } from '../render/studyCharts';
import { netEigsToCsv } from '../export/network';
import { canvasToSvg, DigitGrid } from './DigitGrid';
import { baseName, download } from './exporting';
import { useAppStore, useStoreApi } from './StoreContext';
import { useMediaQuery, NARROW } from './useMediaQuery';

/** The first test images with their labels, and once a network is trained its prediction for each. */
export function NetSamples({ svgOf }: { svgOf: MutableRefObject<(() => string) | null> }) {
  const data = useAppStore((s) => s.netData);
  const narrow = useMediaQuery(NARROW);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { svgOf.current = () => canvasToSvg(ref.current?.querySelector('canvas') ?? null) ?? ''; return () => { svgOf.current = null; }; }, [svgOf]);
  const captions = useMemo(() => (data?.galleryLabels ? Array.from(data.galleryLabels, (l) => String(l)) : []), [data]);
  if (!data?.gallery || !data.galleryLabels) return <p className="hint empty">Loading MNIST…</p>;
  return (
    <div ref={ref} className="net-dock" data-testid="net-samples">
      <p className="hint">The first {data.galleryLabels.length} of the {data.test.toLocaleString('en-US')} test images, with their labels. Each is 28 × 28 grey levels; the network sees the 784 values divided by 255.</p>
      <DigitGrid values={data.gallery} count={data.galleryLabels.length} kind="ink" captions={captions} columns={narrow ? 9 : 18} scale={narrow ? 1.3 : 1.6} label="MNIST test images with their labels" testId="net-gallery" />
    </div>
  );
}

/** The first layer's weights as images: what each hidden unit looks for in an image. */
export function NetWeights({ svgOf }: { svgOf: MutableRefObject<(() => string) | null> }) {
  const images = useAppStore((s) => s.netFirstLayer);
  const narrow = useMediaQuery(NARROW);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => { svgOf.current = () => canvasToSvg(ref.current?.querySelector('canvas') ?? null) ?? ''; return () => { svgOf.current = null; }; }, [svgOf]);
  if (!images) return <p className="hint empty">Train the network (or load a model) to see the weights of its first layer.</p>;
  const count = images.length / 784;
  return (
    <div ref={ref} className="net-dock" data-testid="net-weights">
      <p className="hint">The 784 incoming weights of each of the first {count} hidden units, drawn as an image: blue where a dark pixel raises the unit, red where it lowers it (each unit scaled to its largest weight).</p>
      <DigitGrid values={images} count={count} kind="signed" columns={narrow ? 8 : 16} scale={narrow ? 1.3 : 1.6} label="First-layer weights as images" testId="net-weight-grid" />
    </div>
  );
}

/** The confusion matrix on the evaluation's test images. */
export function NetConfusion({ svgOf }: { svgOf: MutableRefObject<(() => string) | null> }) {
  const store = useStoreApi();
  const ref = useRef<HTMLDivElement>(null);
  const has = useAppStore((s) => s.netConfusion !== null);
  useEffect(() => {
    if (!has) return;
    const box = createPlotBox(ref.current!);
    const show = () => { const c = store.getState().netConfusion; box.draw(c ? (w, h) => confusionChart(c, w, h) : null); };
    show();
    const unsubscribe = store.subscribe((s, prev) => { if (s.netConfusion !== prev.netConfusion) show(); });
    svgOf.current = () => box.toSvg();
    return () => { unsubscribe(); svgOf.current = null; box.destroy(); };
  }, [store, svgOf, has]);
  if (!has) return <p className="hint empty">Train the network (or load a model) to see which digits it confuses.</p>;
  return <div ref={ref} className="plot-box net-confusion" data-testid="net-confusion" />;
}

/** The eigenpairs Lanczos found: eigenvalue, residual ‖Hv − λv‖, and the run's products, loss and gradient norm. */
export function NetEigsTable() {
  const store = useStoreApi();
  const e = useAppStore((s) => s.netEigs);
  if (!e) return <p className="hint empty">Press <b>Find eigenpairs</b> (Curvature, on the left) for the Hessian's extreme eigenvalues at the current weights.</p>;
  const scale = Math.max(...e.values.map(Math.abs), 1e-300);
  return (
    <div className="net-dock">
      <p className="hint" data-testid="net-eigs-summary">
        At step {e.step}: the loss on the first {e.samples.toLocaleString('en-US')} training images is {e.loss.toPrecision(5)}, ‖∇L‖ = {e.gradNorm.toPrecision(3)}, {e.n.toLocaleString('en-US')} parameters; {e.matvecs} Hessian-vector products
        on {e.backend} in {(e.ms / 1000).toFixed(1)} s{e.converged ? '' : ' (stopped at the cap before every pair met the tolerance)'}.
      </p>
      <button className="save-svg" data-save="eigs-csv" onClick={() => download(new Blob([netEigsToCsv(e)], { type: 'text/csv' }), `${baseName(store)}-eigenpairs.csv`)}
        title="The eigenpairs as CSV">CSV</button>
      <table className="runs" data-testid="net-eigs">
        <thead><tr><th>#</th><th title="Eigenvalue of the loss Hessian">λ</th><th title="‖H v − λ v‖ of the unit eigenvector v">residual</th><th title="Residual divided by the largest |λ| found">relative</th></tr></thead>
        <tbody>
          {e.values.map((v, i) => (
            <tr key={i}><td>{i + 1}</td><td>{v.toPrecision(6)}</td><td>{e.residuals[i]!.toExponential(2)}</td><td>{(e.residuals[i]! / scale).toExponential(2)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

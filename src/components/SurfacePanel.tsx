import { useEffect, useRef } from 'react';
import { landscapeById } from '../landscapes/registry';
import { esGenerationAt } from '../protocol/messages';
import { runSpec } from '../store/runSpecs';
import { createSurfaceView, type RunTrace, type SurfaceView, type SurfaceViewState, type TraceKeySection, type ViewMarker } from '../render';
import { resolveLogScale } from '../surface/colorScale';
import { surfaceLogScale } from '../surface/gridProducts';
import { currentFormula, figureKind, ridgeTime, type AppState } from '../store/appStore';
import type { ViewHandle } from './exporting';
import { jetAt } from './jetAt';
import { coloredSliceMarkers } from './coloredSliceMarkers';
import { ridgeMarkers, ridgeTraces } from './ridgeTraces';
import { useStoreApi } from './StoreContext';
import { sameKeys, traceKeys } from './traceKeys';

declare global {
  interface Window {
    /** The surface view, for tests and the console (per-layer frame timings: lastFrame()). */
    __ridgelabView?: SurfaceView;
  }
}

/** Rounds a clicked coordinate to about 1/2000 of the view width, so that links stay short and readable. */
export function roundToView(v: number, width: number): number {
  const q = 10 ** Math.floor(Math.log10(width / 2000));
  return Number((Math.round(v / q) * q).toPrecision(12));
}

function runTraces(s: AppState): RunTrace[] {
  const traces: RunTrace[] = ridgeTraces(s.ridge, ridgeTime(s), s.highlightRide);
  for (const r of Object.values(s.runs)) {
    if (!r) continue;
    const spec = runSpec(r.method);
    traces.push({ id: r.method, color: spec.color, label: spec.name, points: r.points, count: r.count, upTo: s.playhead, stop: r.stop, message: r.message });
  }
  return traces;
}

/** The Hessian's eigenvectors at the cursor (shown while Ridge Rider is on: the ridges through that point). */
function cursorEigen(s: AppState): ViewMarker[] {
  if (!s.hover || !s.params.ridge.on) return [];
  const at = jetAt(currentFormula(s.params), s.hover.x, s.hover.y);
  if (!at) return [];
  const e = at.eig;
  return [{
    x: s.hover.x, y: s.hover.y, kind: 'eigen', label: `λ₁ = ${e.l1.toPrecision(4)}, λ₂ = ${e.l2.toPrecision(4)}`,
    axes: [{ dx: e.e1x, dy: e.e1y, lambda: e.l1 }, { dx: -e.e1y, dy: e.e1x, lambda: e.l2 }],
  }];
}

/**
 * For each evolution strategy, the search distribution at the playhead: the 1σ ellipse around μ_k, the samples of the
 * generation drawn there, the sampled step direction −ĝ (solid) and the exact descent direction of the smoothed loss
 * −∇f_σ(μ_k) (dashed black), each drawn with a fixed length.
 */
function esMarkers(s: AppState): ViewMarker[] {
  const out: ViewMarker[] = [];
  for (const r of Object.values(s.runs)) {
    const es = r?.es;
    if (!r || !es || es.genCount === 0) continue;
    const g = Math.min(es.genCount - 1, Math.max(0, Math.floor(s.playhead)));
    const { x, y, sx, sy, gx, gy, ex, ey } = esGenerationAt(es.gens, g);
    const { name, color } = runSpec(r.method);
    out.push({ x, y, kind: 'points', color, points: es.samples.subarray(g * es.pop * 2, (g + 1) * es.pop * 2), label: `${name}: generation ${g + 1} samples` });
    out.push({ x, y, kind: 'ellipse', color, rx: sx, ry: sy, label: `${name}: σ = ${sx === sy ? sx.toPrecision(3) : `(${sx.toPrecision(3)}, ${sy.toPrecision(3)})`}` });
    out.push({ x, y, kind: 'arrow', color, dx: -gx, dy: -gy, label: `${name}: sampled step direction −ĝ` });
    if (Number.isFinite(ex) && Number.isFinite(ey)) out.push({ x, y, kind: 'arrow', color: '#000', dashed: true, dx: -ex, dy: -ey, label: 'exact −∇f_σ(μ) of the smoothed loss' });
  }
  return out;
}

function markersOf(s: AppState): ViewMarker[] {
  const m = [...ridgeMarkers(s.ridge, ridgeTime(s)), ...esMarkers(s)];
  const c = cursorEigen(s);
  return c.length > 0 ? [...m, ...c] : m;
}

const hasEs = (s: AppState) => Object.values(s.runs).some((r) => r?.es);

const NET_AXES = ['a', 'b'] as const;
const XY_AXES = ['x', 'y'] as const;

/** The network's loss slice is on show (the surface view draws it instead of f). */
const netSliceShown = (s: AppState) => figureKind(s.params) === 'net' && s.params.net.pane === 'slice';

/** The plane in a few words: λ of each eigenvector, or random directions. */
function planeWords(labels: readonly [string, string]): string {
  const l = labels.map((x) => /λ = (\S+)/.exec(x)?.[1]);
  return l[0] && l[1] ? `λ(u) = ${l[0]}, λ(v) = ${l[1]}` : 'random u, v';
}

/** The view of the network's loss slice: the interpolated grid, its critical points, the weights θ at the centre. */
function netViewState(s: AppState): Partial<SurfaceViewState> {
  const p = s.params;
  const sl = s.netSlice;
  const domain = s.netSliceView ?? sl?.grid.spec.domain ?? { x0: -1, x1: 1, y0: -1, y1: 1 };
  return {
    grid: sl?.grid ?? null, products: null, domain, colormap: p.colormap, log: resolveLogScale(p.scale === 'auto' ? 'auto' : p.scale === 'log', sl?.grid.f),
    contours: p.contours, contourCount: p.contourCount, eigenvectors: p.eigenvectors, curvature: p.curvature, critical: p.critical,
    criticalPoints: sl?.critical ?? [], runs: [],
    markers: sl?.colored ? coloredSliceMarkers(sl.colored) : sl ? [{ x: 0, y: 0, kind: 'pin', label: 'θ: the current weights' }] : [],
    start: null, axisNames: NET_AXES,
    title: sl?.colored ? `Colored MNIST, run ${sl.colored.run + 1}: loss through two ridges at the MIS`
      : sl ? `L(θ + a·u + b·v), step ${sl.step}; ${planeWords(sl.labels)}` : 'Loss slice: not computed yet',
    valueName: 'L',
  };
}

function viewState(s: AppState): Partial<SurfaceViewState> {
  if (netSliceShown(s)) return netViewState(s);
  const p = s.params;
  const def = landscapeById(p.landscape);
  return {
    grid: s.surface?.grid ?? null,
    products: s.surface?.products ?? null,
    domain: p.view,
    colormap: p.colormap,
    log: resolveLogScale(surfaceLogScale(p), s.surface?.grid.f),
    contours: p.contours,
    contourCount: p.contourCount,
    eigenvectors: p.eigenvectors,
    curvature: p.curvature,
    critical: p.critical,
    criticalPoints: s.critical,
    runs: runTraces(s),
    markers: markersOf(s),
    start: p.start ? { x: p.start[0], y: p.start[1] } : null,
    axisNames: XY_AXES, valueName: 'f',
    title: (def ? def.name : `f(x, y) = ${p.formula}`) + (p.smooth.on ? `, smoothed: f_σ with σ = ${p.smooth.sigma}${p.smooth.method === 'mc' ? ` (Monte Carlo, N = ${p.smooth.samples})` : ''}` : ''),
  };
}

/**
 * The surface: React owns the container, the d3 renderer owns what is inside (architecture.md, convention 8).
 * The store is watched through a transient subscription, so animation frames never re-render React.
 */
export function SurfacePanel({ onHandle }: { onHandle: (h: ViewHandle | null) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    const el = ref.current!;
    let keys: readonly TraceKeySection[] = traceKeys(store.getState());
    const keysOf = (s: AppState) => (keys = sameKeys(keys, traceKeys(s)));
    const view = createSurfaceView(el, {
      onViewChange: (domain) => (netSliceShown(store.getState()) ? store.setState({ netSliceView: domain }) : store.getState().setParams({ view: domain })),
      onHover: (p) => store.setState({ hover: p }),
      onLayout: (layout) => store.getState().setLayout(layout),
      // Dragging the start moves it: the runs follow while it moves (the runs worker serves the latest start).
      onDragStart: (p, phase) => {
        const st = store.getState();
        if (netSliceShown(st)) return;
        const w = st.params.view.x1 - st.params.view.x0;
        store.setState({ draggingStart: true });
        st.setParams({ start: [roundToView(p.x, w), roundToView(p.y, w)] });
        if (phase === 'end') store.setState({ draggingStart: false });
      },
      onClick: (p) => {
        const st = store.getState();
        if (netSliceShown(st)) return;
        const w = st.params.view.x1 - st.params.view.x0;
        const at: [number, number] = [roundToView(p.x, w), roundToView(p.y, w)];
        if (st.clickTarget === 'ridge') st.setParams({ ridge: { ...st.params.ridge, on: true, start: at } });
        else st.setParams({ start: at });
      },
      initial: { ...viewState(store.getState()), traceKeys: keys },
    });
    onHandle(view);
    window.__ridgelabView = view;
    const unsubscribe = store.subscribe((s, prev) => {
      const traceKeys = s.runs !== prev.runs || s.ridge !== prev.ridge ? keysOf(s) : keys;
      if (s.params !== prev.params || s.surface !== prev.surface || s.critical !== prev.critical || s.netSlice !== prev.netSlice || s.netSliceView !== prev.netSliceView
        || s.params.net.pane !== prev.params.net.pane) view.update({ ...viewState(s), traceKeys });
      else if (s.playhead !== prev.playhead || s.runs !== prev.runs || s.highlightRide !== prev.highlightRide || s.ridge !== prev.ridge
        || s.ridgeReplay !== prev.ridgeReplay) {
        view.update(s.ridge || prev.ridge || hasEs(s) || hasEs(prev) ? { runs: runTraces(s), markers: markersOf(s), traceKeys } : { runs: runTraces(s), traceKeys });
      } else if (s.hover !== prev.hover && s.params.ridge.on) view.update({ markers: markersOf(s) });
    });
    return () => {
      unsubscribe();
      onHandle(null);
      view.destroy();
    };
  }, [store, onHandle]);

  return <div ref={ref} className="surface" data-testid="surface" />;
}

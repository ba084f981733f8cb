import { useEffect, useRef } from 'react';
import { landscapeById } from '../landscapes/registry';
import { methodSpec } from '../optimizers/methods';
import { createSurfaceView, type RunTrace, type SurfaceView, type SurfaceViewState, type ViewMarker } from '../render';
import { surfaceLogScale } from '../render/gridProducts';
import { currentFormula, type AppState } from '../store/appStore';
import type { ViewHandle } from './exporting';
import { jetAt } from './jetAt';
import { ridgeMarkers, ridgeTraces } from './ridgeTraces';
import { useStoreApi } from './StoreContext';

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
  const traces: RunTrace[] = ridgeTraces(s.ridge, s.playhead, s.highlightRide);
  for (const r of Object.values(s.runs)) {
    if (!r) continue;
    const spec = methodSpec(r.method)!;
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

function markersOf(s: AppState): ViewMarker[] {
  const m = ridgeMarkers(s.ridge, s.playhead);
  const c = cursorEigen(s);
  return c.length > 0 ? [...m, ...c] : m;
}

function viewState(s: AppState): Partial<SurfaceViewState> {
  const p = s.params;
  const def = landscapeById(p.landscape);
  return {
    grid: s.grid,
    domain: p.view,
    colormap: p.colormap,
    log: surfaceLogScale(p),
    contours: p.contours,
    contourCount: p.contourCount,
    eigenvectors: p.eigenvectors,
    curvature: p.curvature,
    critical: p.critical,
    criticalPoints: s.critical,
    runs: runTraces(s),
    markers: markersOf(s),
    start: p.start ? { x: p.start[0], y: p.start[1] } : null,
    title: def ? def.name : `f(x, y) = ${p.formula}`,
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
    const view = createSurfaceView(el, {
      onViewChange: (domain) => store.getState().setParams({ view: domain }),
      onHover: (p) => store.setState({ hover: p }),
      onClick: (p) => {
        const st = store.getState();
        const w = st.params.view.x1 - st.params.view.x0;
        const at: [number, number] = [roundToView(p.x, w), roundToView(p.y, w)];
        if (st.clickTarget === 'ridge') st.setParams({ ridge: { ...st.params.ridge, on: true, start: at } });
        else st.setParams({ start: at });
      },
      initial: viewState(store.getState()),
    });
    onHandle(view);
    window.__ridgelabView = view;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.params !== prev.params || s.grid !== prev.grid || s.critical !== prev.critical) view.update(viewState(s));
      else if (s.playhead !== prev.playhead || s.runsVersion !== prev.runsVersion || s.runs !== prev.runs || s.ridgeVersion !== prev.ridgeVersion
        || s.highlightRide !== prev.highlightRide || s.ridge !== prev.ridge) {
        view.update(s.ridge || prev.ridge ? { runs: runTraces(s), markers: markersOf(s) } : { runs: runTraces(s) });
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

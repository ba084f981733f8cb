import type { Domain, GridFields } from '../landscapes/grid';
import type { ColormapId } from '../surface/colorScale';
import { drawAxes } from './axes';
import { drawColorbar, drawLegend, legendHeight, NAN_SWATCH_HEIGHT } from './colorbar';
import {
  colormapLut, contourLevels, contourStroke, DEFAULT_LOG_EPS_REL, finiteRange, makeValueTransform,
  type ContourLevel, type ValueRange, type ValueTransform,
} from '../surface/colorScale';
import { subsampleStride } from '../surface/contourPaths';
import {
  DEFAULT_MARGINS, domainsEqual, frameAffine, frameKey, plotRectFor, zoomedDomain, type PlotFrame,
} from '../surface/coords';
import {
  contourLines, contourMaxNodes, contourPathsFor, curvatureRegions, eigenPathsFor, regionMaxNodes, regionPathsFor, sameLayout,
  type ContourProduct, type GridProducts, type ProductLayout, type RegionProduct,
} from '../surface/gridProducts';
import { exportPngBlob, exportSvgString } from './exportView';
import { createFrameScheduler } from './frameScheduler';
import { createHeatmapLayer, heatmapImageFromRgba, renderHeatmapImage, type HeatmapImage } from './heatmapLayer';
import { attachInteraction } from './interaction';
import { drawContourLines, drawCriticalPoints, drawCurvatureRegions, drawEigenGlyphs, drawMarkers } from './overlays';
import { createScaffold, SVG_NS } from './svgScaffold';
import { createTrajectoryLayer } from './trajectoryLayer';
import type { FrameStats, SurfaceView, SurfaceViewOptions, SurfaceViewState } from './types';

/**
 * The surface view: a <canvas> heatmap under an SVG overlay (contours, curvature regions, eigenvector crosses,
 * critical points, trajectories, markers, axes, colour bar, legend), with zoom/pan and pointer events.
 *
 * Redraws: update() merges a patch into the state and asks for one animation frame (any number of updates in a
 * frame cost one draw). The draw computes, per layer, a key of the layer's inputs (references and the frame
 * geometry) and redraws only the layers whose key changed; derived data (value range, heatmap image, isolines,
 * region polygons) is memoized on input references. An animation step that only moves `upTo` thus touches the
 * trajectory layer alone, and there only the tail path and the head (see trajectoryLayer.ts).
 */

const DEFAULT_STATE: SurfaceViewState = {
  grid: null, products: null, domain: { x0: -1, x1: 1, y0: -1, y1: 1 }, colormap: 'viridis', log: false, contours: true, contourCount: 20,
  eigenvectors: false, curvature: false, critical: true, criticalPoints: [], runs: [], traceKeys: [], start: null, markers: [], title: '',
};

/** Memoizes fn on reference equality of its arguments (last call only). */
function memo<A extends unknown[], R>(fn: (...a: A) => R): (...a: A) => R {
  let last: A | null = null;
  let value!: R;
  return (...a: A) => {
    if (last && last.every((v, i) => v === a[i])) return value;
    value = fn(...a);
    last = a;
    return value;
  };
}

const validDomain = (d: Domain) => Number.isFinite(d.x0) && Number.isFinite(d.x1) && Number.isFinite(d.y0) && Number.isFinite(d.y1)
  && d.x1 > d.x0 && d.y1 > d.y0;

let uidCounter = 0;

export function createSurfaceView(container: HTMLElement, opts: SurfaceViewOptions = {}): SurfaceView {
  const uid = `rlsv${++uidCounter}`;
  const textColor = opts.textColor ?? '#333';
  const margins = { ...DEFAULT_MARGINS, ...opts.margins };
  const aspect = opts.aspect ?? 'equal';
  const epsRel = opts.logEpsRel ?? DEFAULT_LOG_EPS_REL;
  let state: SurfaceViewState = { ...DEFAULT_STATE, ...opts.initial };

  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('style', 'position:absolute;left:0;top:0;pointer-events:none');
  const svgEl = document.createElementNS(SVG_NS, 'svg');
  svgEl.setAttribute('style', 'position:absolute;left:0;top:0;touch-action:none;cursor:crosshair;user-select:none;-webkit-user-select:none');
  svgEl.setAttribute('role', 'img');
  svgEl.setAttribute('aria-label', opts.ariaLabel ?? 'Loss surface');
  container.append(canvas, svgEl);
  const sc = createScaffold(svgEl, uid, textColor);
  const heatLayer = createHeatmapLayer(canvas);
  const traj = createTrajectoryLayer(sc.trajectories.node()!);

  const glyphSpacing = opts.glyphSpacing ?? 28;
  // Products the surface worker derived with the grid (state.products, given with it) are used when their inputs
  // match; else computed here.
  const productsOf = (g: GridFields | null): GridProducts | null => (g && g === state.grid ? state.products : null);
  const rangeOf = memo((g: GridFields | null): ValueRange | null => (g ? productsOf(g)?.range ?? finiteRange(g.f) : null));
  const xfOf = memo((r: ValueRange | null, log: boolean): ValueTransform | null => (r ? makeValueTransform(r, log, epsRel) : null));
  const lutOf = memo((id: ColormapId) => colormapLut(id));
  const heatOf = memo((g: GridFields | null, xf: ValueTransform | null, id: ColormapId): HeatmapImage | null => {
    if (!g || !xf) return null;
    const hp = productsOf(g)?.heat;
    if (hp && hp.colormap === id && hp.log === xf.log && hp.epsRel === epsRel) return heatmapImageFromRgba(hp.rgba, g.spec, hp.invalid);
    return renderHeatmapImage(g, xf, lutOf(id));
  });
  const levelsOf = memo((xf: ValueTransform | null, count: number): ContourLevel[] => (xf ? contourLevels(xf, count) : []));
  const linesOf = memo((g: GridFields, xf: ValueTransform, levels: ContourLevel[], count: number, maxNodes: number) => {
    const cp = productsOf(g)?.contours;
    if (cp && cp.log === xf.log && cp.epsRel === epsRel && cp.count === count && cp.stride === subsampleStride(g.spec.nx, g.spec.ny, maxNodes)) {
      return { lines: cp.lines, stride: cp.stride, product: cp as ContourProduct | null };
    }
    return { ...contourLines(g, xf, levels, maxNodes), product: null };
  });
  const regionsOf = memo((g: GridFields, maxNodes: number) => {
    const rp = productsOf(g)?.regions;
    if (rp && rp.stride === subsampleStride(g.spec.nx, g.spec.ny, maxNodes)) return { ...rp, product: rp as RegionProduct | null };
    return { ...curvatureRegions(g, maxNodes), product: null };
  });

  let width = 0;
  let height = 0;
  let frame: PlotFrame | null = null;
  let heat: HeatmapImage | null = null;
  let criticalShown = { shown: 0, total: 0 };
  let lastDomain: Domain | null = null;
  let viewTimer: ReturnType<typeof setTimeout> | null = null;
  let lastLayout: ProductLayout | null = null;
  const drawn = new Map<string, readonly unknown[]>();
  const zeroStats: FrameStats = { total: 0, heatmap: 0, contours: 0, overlays: 0, axes: 0, trajectories: 0 };
  let stats: FrameStats = { ...zeroStats };

  /** Records the layer's input key; true when it differs from the one last drawn. */
  const changed = (layer: string, key: readonly unknown[]): boolean => {
    const prev = drawn.get(layer);
    if (prev && prev.length === key.length && prev.every((v, i) => v === key[i])) return false;
    drawn.set(layer, key);
    return true;
  };

  const draw = () => {
    const t0 = performance.now();
    const st: FrameStats = { ...zeroStats };
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w <= 0 || h <= 0 || !validDomain(state.domain)) return;
    if (w !== width || h !== height) {
      width = w;
      height = h;
      svgEl.setAttribute('width', String(w));
      svgEl.setAttribute('height', String(h));
    }
    if (lastDomain && !domainsEqual(lastDomain, state.domain, 0)) interaction.reset();
    lastDomain = state.domain;
    const rect = plotRectFor(w, h, margins, state.domain, aspect);
    const fr: PlotFrame = { domain: state.domain, rect };
    frame = fr;
    const a = frameAffine(fr);
    const fk = frameKey(fr, w, h);
    const z = interaction.transform();
    const zk = `${z.k},${z.x},${z.y}`;
    const grid = state.grid;
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio : 1;
    const side = Math.max(rect.width, rect.height);
    const layout: ProductLayout = { width: w, height: h, margins, aspect, glyphSpacing, epsRel };
    if (!lastLayout || !sameLayout(lastLayout, layout)) {
      lastLayout = layout;
      opts.onLayout?.(layout);
    }

    let t = performance.now();
    const xf = xfOf(rangeOf(grid), state.log);
    heat = heatOf(grid, xf, state.colormap);
    if (changed('heat', [heat, fk, zk, dpr])) heatLayer.draw(heat, fr, z, w, h);
    st.heatmap = performance.now() - t;
    if (changed('zoom', [zk])) sc.zoom.attr('transform', z.k === 1 && z.x === 0 && z.y === 0 ? null : `translate(${z.x},${z.y}) scale(${z.k})`);
    if (changed('clip', [fk])) sc.clipRect.attr('x', rect.left).attr('y', rect.top).attr('width', rect.width).attr('height', rect.height);

    t = performance.now();
    const levels = state.contours && xf ? levelsOf(xf, state.contourCount) : null;
    if (changed('contours', [levels ? grid : null, xf, levels, state.colormap, fk])) {
      if (grid && xf && levels && levels.length > 0) {
        const c = linesOf(grid, xf, levels, state.contourCount, contourMaxNodes(side));
        const paths = c.product && c.product.frameKey === fk ? c.product.paths : contourPathsFor(grid, c.lines, c.stride, fr);
        drawContourLines(sc.contours, paths, levels.map((l) => contourStroke(state.colormap, l.u)));
      } else drawContourLines(sc.contours, [], []);
    }
    st.contours = performance.now() - t;

    t = performance.now();
    if (changed('curvature', [state.curvature ? grid : null, fk])) {
      if (grid && state.curvature) {
        const r = regionsOf(grid, regionMaxNodes(side));
        const paths = r.product && r.product.frameKey === fk ? r.product.paths : regionPathsFor(grid, r, fr);
        drawCurvatureRegions(sc.curvature, paths, sc.ids.saddleHatch);
      } else drawCurvatureRegions(sc.curvature, null, sc.ids.saddleHatch);
    }
    if (changed('eigen', [state.eigenvectors ? grid : null, fk])) {
      const ep = productsOf(grid)?.eigen;
      drawEigenGlyphs(sc.eigen, !grid || !state.eigenvectors ? null
        : ep && ep.frameKey === fk && ep.spacing === glyphSpacing ? ep : eigenPathsFor(grid, fr, glyphSpacing));
    }
    if (changed('critical', [state.critical ? state.criticalPoints : null, fk])) {
      criticalShown = drawCriticalPoints(sc.critical, state.critical ? state.criticalPoints : null, a);
    }
    if (changed('markers', [state.start?.x, state.start?.y, state.markers, fk])) drawMarkers(sc.markers, state.start, state.markers, a);
    st.overlays = performance.now() - t;

    t = performance.now();
    traj.update(state.runs, a, fk, rect);
    st.trajectories = performance.now() - t;

    t = performance.now();
    if (changed('axes', [fk, zk, state.axisNames])) drawAxes(sc.axes, zoomedDomain(fr, z), rect, textColor, state.axisNames);
    if (changed('title', [state.title, fk])) sc.title.attr('x', rect.left).attr('y', Math.max(14, rect.top - 8)).text(state.title);
    const thinned = criticalShown.shown < criticalShown.total ? criticalShown : undefined;
    const flags = { curvature: state.curvature, eigenvectors: state.eigenvectors, critical: state.critical, traces: state.traceKeys, ...(thinned ? { criticalShown: thinned } : {}) };
    const invalid = !!heat && heat.invalid > 0;
    if (changed('colorbar', [xf, state.colormap, levels, fk, invalid, flags.curvature, flags.eigenvectors, flags.critical, flags.traces, thinned?.shown, thinned?.total])) {
      const lh = legendHeight(flags);
      const nanH = invalid ? NAN_SWATCH_HEIGHT : 0;
      const barH = Math.max(60, rect.height - lh - nanH - (lh > 0 ? 18 : 0));
      const x = rect.left + rect.width + 14;
      // No finite value at all (x/0): no colour bar to show, rather than a made-up 0 to 1.
      const anyFinite = (rangeOf(grid)?.finite ?? 0) > 0;
      drawColorbar(sc.colorbar, sc.gradient, sc.ids,
        xf && anyFinite ? { x, y: rect.top, width: 12, height: barH, colormap: state.colormap, xf, levels, invalid, textColor, ...(state.valueName ? { name: state.valueName } : {}) } : null);
      drawLegend(sc.legend, sc.ids, x, rect.top + barH + nanH + 18, flags, textColor, width - x - 4);
    }
    st.axes = performance.now() - t;
    st.total = performance.now() - t0;
    stats = st;
  };

  const scheduler = createFrameScheduler(draw);
  const interaction = attachInteraction(svgEl, {
    frame: () => frame,
    onTransform: () => scheduler.request(),
    onGestureEnd: (zt) => {
      if (!frame) return;
      const d = zoomedDomain(frame, zt);
      // Adopt the new domain at once (the old grid is drawn where it lies), then tell the app.
      state = { ...state, domain: d };
      scheduler.request();
      if (!opts.onViewChange) return;
      if (viewTimer) clearTimeout(viewTimer);
      const delay = opts.viewChangeDelay ?? 0;
      if (delay <= 0) opts.onViewChange(d);
      else viewTimer = setTimeout(() => { viewTimer = null; opts.onViewChange?.(d); }, delay);
    },
    ...(opts.onHover ? { onHover: opts.onHover } : {}),
    ...(opts.onClick ? { onClick: opts.onClick } : {}),
    ...(opts.onDragStart ? { onDrag: opts.onDragStart, draggable: () => state.start } : {}),
  });
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  scheduler.request();

  const source = () => {
    scheduler.flush();
    if (!frame) throw new Error('surface view has not been drawn yet (is the container sized?)');
    return { svg: svgEl, width, height, frame, zoom: interaction.transform(), heat };
  };

  return {
    update(patch) {
      state = { ...state, ...patch };
      scheduler.request();
    },
    flush: () => scheduler.flush(),
    state: () => state,
    visibleDomain: () => (frame ? zoomedDomain(frame, interaction.transform()) : state.domain),
    plotArea: () => ({
      width: Math.max(1, container.clientWidth - margins.left - margins.right),
      height: Math.max(1, container.clientHeight - margins.top - margins.bottom),
    }),
    lastFrame: () => stats,
    toSvg: () => exportSvgString(source()),
    toPngBlob: (scale = 2) => exportPngBlob(source(), scale),
    destroy() {
      scheduler.cancel();
      if (viewTimer) clearTimeout(viewTimer);
      ro?.disconnect();
      interaction.destroy();
      traj.clear();
      canvas.remove();
      svgEl.remove();
    },
  };
}


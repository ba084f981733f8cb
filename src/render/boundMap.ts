import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { formatReadout } from '../surface/colorScale';
import type { Margins, PlotRect } from '../surface/coords';
import {
  attachPointer, createPlotSvg, drawLineLegend, createRunLayer, drawPlotAxes, drawPlotMarkers, haloed,
  type G, type PlotMarker, type PlotRun,
} from './curves1d';
import { createFrameScheduler } from './frameScheduler';
import { exportSvgDocument } from './svgDocument';
import { HATCH_BG, HATCH_LINE } from './heatmapLayer';
import {
  bandPath, bandThresholds, boundBands, boundColor, cellSpan, finiteExtent, nonFiniteRuns, plotMaps,
  type AxisMap, type BoundBand, type BoundScheme,
} from '../charts/plot1dScales';

/**
 * The variational bound U(μ, σ) = E_{ε~N(0,1)}[f(μ + σε)] "seen from above" (es-vo.md §2, §4 item 4), drawn as
 * the source figures drew it: filled contours (d3-contour, 17–30 bands, default 20) over μ (x axis) and σ (y axis,
 * σ = 0 at the bottom, linear or log), red = high and blue = low (RdBu reversed; cividis/viridis as uniform
 * alternatives), a banded colour bar, VO runs as (μ, σ) paths with a head, markers and a dashed line at the user's
 * σ. Non-finite U cells are left out of the colour range and hatched grey. d3 owns the <svg>, the caller the
 * container (architecture.md, convention 8). One redraw per animation frame; the contour bands are recomputed
 * only when mus/sigmas/U/levels change (by reference) and re-projected only on resize, so an animation frame that
 * moves a run's `upTo` rewrites just that run's path and head.
 */

export type { PlotMarker, PlotRun } from './curves1d';
export type { BoundScheme } from '../charts/plot1dScales';

export interface BoundMapState {
  /** μ grid, ascending (columns). */
  readonly mus: Float64Array;
  /** σ grid, ascending, σ ≥ 0 (rows). */
  readonly sigmas: Float64Array;
  /** U row-major: U[j·mus.length + i] = U(mus[i], sigmas[j]). */
  readonly U: Float32Array | Float64Array;
  /** VO runs as (μ, σ) pairs. */
  readonly runs?: readonly PlotRun[];
  /** Markers at (x = μ, y = σ). */
  readonly markers?: readonly PlotMarker[];
  /** A dashed horizontal line at the user's current σ; null/undefined: none. */
  readonly sigmaLine?: number | null;
  /** Number of filled bands (default 20; the source figures used 17 and 30). */
  readonly levels?: number;
  readonly scheme?: BoundScheme;
  /** Log σ axis (default false: linear, as in the source figures). */
  readonly sigmaLog?: boolean;
  readonly title?: string;
}

export interface BoundMapOptions {
  readonly onHover?: (p: { mu: number; sigma: number } | null) => void;
  /** A click in the plot, e.g. to start a VO run at (μ, σ). */
  readonly onClick?: (p: { mu: number; sigma: number }) => void;
  readonly margins?: Partial<Margins>;
  readonly textColor?: string;
  readonly ariaLabel?: string;
  readonly initial?: Partial<BoundMapState>;
}

export interface BoundMapView {
  update(patch: Partial<BoundMapState>): void;
  flush(): void;
  toSvg(): string;
  destroy(): void;
}

/** Nearest-node value of U at (μ, σ) (for the hover readout); NaN outside the grid. */
export function boundValueAt(s: Pick<BoundMapState, 'mus' | 'sigmas' | 'U'>, mu: number, sigma: number): number {
  const near = (a: Float64Array, v: number) => {
    if (a.length === 0 || v < a[0]! || v > a[a.length - 1]!) return -1;
    let best = 0;
    for (let i = 1; i < a.length; i++) if (Math.abs(a[i]! - v) < Math.abs(a[best]! - v)) best = i;
    return best;
  };
  const i = near(s.mus, mu);
  const j = near(s.sigmas, sigma);
  return i < 0 || j < 0 ? NaN : s.U[j * s.mus.length + i] ?? NaN;
}

let uidCounter = 0;
const MARGINS: Margins = { top: 28, right: 78, bottom: 42, left: 56 };
const DEFAULT: BoundMapState = { mus: new Float64Array(0), sigmas: new Float64Array(0), U: new Float64Array(0), title: '' };

export function createBoundMap(container: HTMLElement, opts: BoundMapOptions = {}): BoundMapView {
  const color = opts.textColor ?? '#333';
  const margins = { ...MARGINS, ...opts.margins };
  let state: BoundMapState = { ...DEFAULT, ...opts.initial };
  const svgEl = createPlotSvg(container, opts.ariaLabel ?? 'Variational bound U(μ, σ)', color);
  const svg = select(svgEl);
  const uid = `rlbm${++uidCounter}`;
  const defs = svg.append('defs');
  defs.append('clipPath').attr('id', `${uid}-clip`).append('rect');
  const hatch = defs.append('pattern').attr('id', `${uid}-nan`).attr('patternUnits', 'userSpaceOnUse').attr('width', 8).attr('height', 8);
  hatch.append('rect').attr('width', 8).attr('height', 8).attr('fill', HATCH_BG);
  hatch.append('path').attr('d', 'M-2,10L10,-2M-2,2L2,-2M6,10L10,6').attr('stroke', HATCH_LINE).attr('stroke-width', 1.5);
  const title = svg.append('text').attr('font-size', 13).attr('font-weight', 600);
  const plot: G = svg.append('g').attr('clip-path', `url(#${uid}-clip)`);
  const bandsG: G = plot.append('g').attr('stroke-width', 0.6).attr('stroke-linejoin', 'round');
  const nanG: G = plot.append('g').attr('fill', `url(#${uid}-nan)`);
  const lineG: G = plot.append('g');
  const runsG: G = plot.append('g');
  const markersG: G = plot.append('g');
  const legendG: G = svg.append('g');
  const axes: G = svg.append('g');
  const barG: G = svg.append('g');
  const readout = haloed(svg.append('text').attr('text-anchor', 'end').attr('pointer-events', 'none'));
  const runs = createRunLayer(runsG.node()!);

  // Derived data, memoized on input references.
  let derivedFor: unknown[] = [];
  let range: [number, number] | null = null;
  let thresholds: number[] = [];
  let bands: BoundBand[] = [];
  let nanRuns: [number, number, number][] = [];
  const derive = () => {
    const key = [state.mus, state.sigmas, state.U, state.levels];
    if (key.every((k, i) => k === derivedFor[i])) return;
    derivedFor = key;
    const { mus, sigmas, U } = state;
    range = finiteExtent([U.subarray(0, mus.length * sigmas.length)]);
    thresholds = range ? bandThresholds(range[0], range[1], state.levels ?? 20) : [];
    bands = range ? boundBands(mus, sigmas, U, thresholds) : [];
    nanRuns = nonFiniteRuns(U, mus.length, sigmas.length);
  };

  const drawn = new Map<string, unknown[]>();
  const changed = (k: string, key: unknown[]) => {
    const p = drawn.get(k);
    if (p && p.length === key.length && p.every((v, i) => v === key[i])) return false;
    drawn.set(k, key);
    return true;
  };
  let rect: PlotRect | null = null;
  let maps: { sx: AxisMap; sy: AxisMap } | null = null;
  let size = [0, 0];
  let hover: { mu: number; sigma: number } | null = null;

  const drawColorbar = (r: PlotRect, colorOf: (u: number) => string) => {
    barG.selectAll('*').remove();
    if (!range) return;
    const x = r.left + r.width + 14;
    const hasNan = nanRuns.length > 0;
    const h = r.height - (hasNan ? 24 : 0);
    const n = thresholds.length;
    const bandH = h / n;
    for (let k = 0; k < n; k++) {
      barG.append('rect').attr('x', x).attr('y', r.top + h - (k + 1) * bandH).attr('width', 12).attr('height', bandH + 0.5)
        .attr('fill', colorOf((k + 0.5) / n));
    }
    barG.append('rect').attr('x', x).attr('y', r.top).attr('width', 12).attr('height', h).attr('fill', 'none').attr('stroke', color).attr('stroke-opacity', 0.5);
    barG.append('text').attr('x', x).attr('y', r.top - 8).attr('font-style', 'italic').attr('font-size', 12).text('U');
    const s = scaleLinear().domain(range[1] > range[0] ? range : [range[0] - 0.5, range[0] + 0.5]).range([r.top + h, r.top]);
    const fmt = s.tickFormat(Math.max(2, Math.floor(h / 35)));
    for (const v of s.ticks(Math.max(2, Math.floor(h / 35)))) {
      barG.append('line').attr('x1', x + 12).attr('x2', x + 16).attr('y1', s(v)).attr('y2', s(v)).attr('stroke', color);
      barG.append('text').attr('x', x + 19).attr('y', s(v)).attr('dy', '0.35em').text(fmt(v));
    }
    if (hasNan) {
      barG.append('rect').attr('x', x).attr('y', r.top + h + 12).attr('width', 12).attr('height', 10).attr('fill', `url(#${uid}-nan)`);
      barG.append('text').attr('x', x + 16).attr('y', r.top + h + 17).attr('dy', '0.35em').text('NaN');
    }
  };

  const draw = () => {
    const w = container.clientWidth;
    const h = container.clientHeight;
    const { mus, sigmas } = state;
    if (w <= 0 || h <= 0 || mus.length < 2 || sigmas.length < 2) return;
    derive();
    size = [w, h];
    svg.attr('width', w).attr('height', h);
    const r: PlotRect = { left: margins.left, top: margins.top, width: Math.max(1, w - margins.left - margins.right), height: Math.max(1, h - margins.top - margins.bottom) };
    rect = r;
    const log = !!state.sigmaLog;
    const s0 = log ? sigmas.find((s) => s > 0) ?? 1e-3 : sigmas[0]!;
    const m = (maps = plotMaps(r, [mus[0]!, mus[mus.length - 1]!], [s0, sigmas[sigmas.length - 1]!], log));
    const geo = `${w},${h},${mus[0]},${mus[mus.length - 1]},${s0},${sigmas[sigmas.length - 1]},${log}`;
    const colorOf = boundColor(state.scheme ?? 'rdbu');
    if (changed('frame', [geo, state.title])) {
      svg.select(`#${uid}-clip rect`).attr('x', r.left).attr('y', r.top).attr('width', r.width).attr('height', r.height);
      drawPlotAxes(axes, m.sx, m.sy, r, 'μ', 'σ', color);
      title.attr('x', r.left).attr('y', r.top - 10).text(state.title ?? '');
    }
    if (changed('bands', [bands, state.scheme, geo])) {
      const n = bands.length;
      bandsG.selectAll('path').data(bands).join('path').attr('d', (b) => bandPath(b, m.sx, m.sy)).attr('fill-rule', 'evenodd')
        .attr('fill', (_, k) => colorOf((k + 0.5) / n)).attr('stroke', (_, k) => colorOf((k + 0.5) / n));
    }
    if (changed('nan', [nanRuns, geo])) {
      nanG.selectAll('rect').data(nanRuns).join('rect').each(function (run) {
        const [j, i0, i1] = run;
        const xa = m.sx.apply(cellSpan(mus, i0)[0]);
        const xb = m.sx.apply(cellSpan(mus, i1)[1]);
        const [ya, yb] = cellSpan(sigmas, j).map((v) => m.sy.apply(v)) as [number, number];
        select(this).attr('x', xa).attr('width', Math.max(1, xb - xa)).attr('y', Math.min(ya, yb)).attr('height', Math.max(1, Math.abs(ya - yb)));
      });
    }
    if (changed('colorbar', [range, thresholds, state.scheme, geo, nanRuns.length > 0])) drawColorbar(r, colorOf);
    if (changed('sigmaLine', [state.sigmaLine, geo])) {
      lineG.selectAll('*').remove();
      const sl = state.sigmaLine;
      if (sl != null && Number.isFinite(sl)) {
        const py = m.sy.apply(sl);
        for (const [stroke, wd, dash] of [['#fff', 3, null], ['#111', 1.4, '6,4']] as const) {
          lineG.append('line').attr('x1', r.left).attr('x2', r.left + r.width).attr('y1', py).attr('y2', py)
            .attr('stroke', stroke).attr('stroke-width', wd).attr('stroke-dasharray', dash);
        }
        haloed(lineG.append('text').attr('x', r.left + r.width - 4).attr('y', py - 5).attr('text-anchor', 'end')).text(`σ = ${formatReadout(sl)}`);
      }
    }
    runs.update(state.runs ?? [], m.sx, m.sy, geo);
    if (changed('legend', [state.runs?.map((q) => `${q.label}|${q.color}`).join(), geo])) {
      drawLineLegend(legendG, (state.runs ?? []).map((q) => ({ label: q.label, color: q.color, width: 2 })), r, 'left');
    }
    if (changed('markers', [state.markers, geo])) drawPlotMarkers(markersG, state.markers ?? [], m.sx, m.sy, '#111');
    if (changed('readout', [hover, state.U, geo])) {
      readout.attr('x', r.left + r.width).attr('y', r.top - 10)
        .text(hover ? `μ = ${formatReadout(hover.mu)}, σ = ${formatReadout(hover.sigma)}, U = ${formatReadout(boundValueAt(state, hover.mu, hover.sigma))}` : '');
    }
  };

  const scheduler = createFrameScheduler(draw);
  const at = (px: number, py: number) => (maps ? { mu: maps.sx.invert(px), sigma: maps.sy.invert(py) } : null);
  const detach = attachPointer(svgEl, () => rect,
    (px, py) => { hover = at(px, py); opts.onHover?.(hover); scheduler.request(); },
    () => { hover = null; opts.onHover?.(null); scheduler.request(); },
    (px, py) => { const p = at(px, py); if (p) opts.onClick?.(p); });
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  scheduler.request();

  return {
    update(patch) { state = { ...state, ...patch }; scheduler.request(); },
    flush: () => scheduler.flush(),
    toSvg() { if (scheduler.pending || size[0] === 0) { scheduler.cancel(); draw(); } return exportSvgDocument(svgEl, size[0]!, size[1]!); },
    destroy() { scheduler.cancel(); ro?.disconnect(); detach(); svgEl.remove(); },
  };
}

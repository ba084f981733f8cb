import { select, type Selection } from 'd3-selection';
import { formatReadout } from '../surface/colorScale';
import type { Margins, PlotRect } from '../surface/coords';
import { createFrameScheduler } from './frameScheduler';
import { exportSvgDocument } from './svgDocument';
import { curvePath, finiteExtent, interpAt, OKABE_ITO, paddedRange, plotMaps, runPath, type AxisMap } from '../charts/plot1dScales';
import { FONT_FAMILY, SVG_NS } from './svgScaffold';

/**
 * The 1D smoothing plot (es-vo.md §1.1, §4): f(x) and its Gaussian smoothings f_σ(x) = E[f(x + σε)] at several σ
 * (the article's 0.35 / 0.2 / 0.1) on one x-domain, the user's σ emphasized, optional GD/VO runs along x, markers
 * (minima, start, current), a legend and a hover rule with each curve's value. d3 owns the <svg>, the caller the
 * container (architecture.md, convention 8). update() merges a patch; one redraw per animation frame, and only
 * layers whose inputs (by reference) or geometry changed are redrawn, so moving a run's `upTo` rewrites one path.
 * The DOM helpers below (axes, runs, markers, pointer, export) are shared with boundMap.ts.
 */

/** One curve on the grid `x`. Default colours: Okabe–Ito in order (black for the first, usually f). */
export interface Curve1D {
  readonly label: string;
  readonly values: Float64Array | Float32Array;
  readonly color?: string;
  /** Drawn thick, on top (the user's current σ). */
  readonly emphasis?: boolean;
  /** Piecewise-constant drawing (the quantized sinc). */
  readonly step?: boolean;
}

/** A marked point in data coordinates (x, y) = (x, f) here, (μ, σ) on the bound map. */
export interface PlotMarker {
  readonly x: number;
  readonly y: number;
  /** The marker's tooltip, and its visible label unless `quiet`. */
  readonly label?: string;
  /** Tooltip only (many markers: the labels would cover each other and the curves). */
  readonly quiet?: boolean;
  readonly kind: 'minimum' | 'start' | 'current';
}

/** A run as (a, b) pairs, drawn to step `upTo` (fractional: interpolated head; Infinity: all); `count` valid pairs. */
export interface PlotRun {
  readonly id: string;
  readonly color: string;
  readonly label: string;
  readonly points: Float32Array | Float64Array;
  readonly upTo: number;
  readonly count?: number;
  /** Why the run stopped; shown in its tooltip, and the head becomes a square once the last point is reached. */
  readonly stop?: string;
}

export interface Curves1DState {
  readonly x: Float64Array;
  readonly curves: readonly Curve1D[];
  readonly domain: { readonly x0: number; readonly x1: number };
  /** Fixed y range; default: the finite range of the curves (non-finite values ignored) padded by 6 %. */
  readonly yRange?: readonly [number, number] | null;
  readonly markers?: readonly PlotMarker[];
  readonly runs?: readonly PlotRun[];
  /** Hover rule position set from outside (e.g. the μ under the pointer on the bound map); null: none. */
  readonly cursorX?: number | null;
  readonly title?: string;
}

export interface Curves1DOptions {
  readonly onHover?: (x: number | null) => void;
  readonly onClick?: (x: number) => void;
  readonly margins?: Partial<Margins>;
  readonly textColor?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly ariaLabel?: string;
  readonly initial?: Partial<Curves1DState>;
}

export interface Curves1DView {
  update(patch: Partial<Curves1DState>): void;
  flush(): void;
  toSvg(): string;
  destroy(): void;
}

export type G = Selection<SVGGElement, unknown, null, undefined>;
const HALO = { stroke: '#ffffff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

function setAttrs(e: Element, a: Record<string, string | number>): void { for (const [k, v] of Object.entries(a)) e.setAttribute(k, String(v)); }

/** The svg element with the shared presentation attributes (every style is an attribute, so toSvg is a clone). */
export function createPlotSvg(container: HTMLElement, aria: string, textColor: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  setAttrs(svg, { xmlns: SVG_NS, 'font-family': FONT_FAMILY, 'font-size': 11, fill: textColor, role: 'img', 'aria-label': aria,
    style: 'display:block;position:absolute;left:0;top:0;cursor:crosshair;user-select:none' });
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  container.append(svg);
  return svg;
}

/** Frame, ticks and the two axis labels of a plot rectangle. */
export function drawPlotAxes(g: G, sx: AxisMap, sy: AxisMap, rect: PlotRect, xLabel: string, yLabel: string, color: string): void {
  g.selectAll('*').remove();
  const bottom = rect.top + rect.height;
  g.append('rect').attr('x', rect.left).attr('y', rect.top).attr('width', rect.width).attr('height', rect.height)
    .attr('fill', 'none').attr('stroke', color).attr('stroke-opacity', 0.6);
  for (const t of sx.ticks(Math.max(2, Math.floor(rect.width / 80)))) {
    const px = sx.apply(t.value);
    g.append('line').attr('x1', px).attr('x2', px).attr('y1', bottom).attr('y2', bottom + 5).attr('stroke', color);
    g.append('text').attr('x', px).attr('y', bottom + 16).attr('text-anchor', 'middle').text(t.label);
  }
  for (const t of sy.ticks(Math.max(2, Math.floor(rect.height / 45)))) {
    const py = sy.apply(t.value);
    g.append('line').attr('x1', rect.left - 5).attr('x2', rect.left).attr('y1', py).attr('y2', py).attr('stroke', color);
    g.append('text').attr('x', rect.left - 8).attr('y', py).attr('dy', '0.35em').attr('text-anchor', 'end').text(t.label);
  }
  g.append('text').attr('x', rect.left + rect.width / 2).attr('y', bottom + 32).attr('text-anchor', 'middle')
    .attr('font-style', 'italic').attr('font-size', 13).text(xLabel);
  g.append('text').attr('transform', `translate(${rect.left - 38},${rect.top + rect.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle').attr('font-style', 'italic').attr('font-size', 13).text(yLabel);
}

/**
 * Runs drawn incrementally: one <g> per run id (halo, line, start ring, head) kept across frames; a frame rewrites
 * a run's path only when its points, count, upTo, colour or the geometry key changed.
 */
export function createRunLayer(layer: SVGGElement): { update(runs: readonly PlotRun[], sx: AxisMap, sy: AxisMap, geo: string): void } {
  const views = new Map<string, { g: SVGGElement; key: unknown[] }>();
  return {
    update(runs, sx, sy, geo) {
      const seen = new Set<string>();
      for (const r of runs) {
        seen.add(r.id);
        let v = views.get(r.id);
        if (!v) {
          const g = document.createElementNS(SVG_NS, 'g');
          g.innerHTML = '<title></title><path fill="none" stroke="#fff" stroke-opacity="0.8" stroke-width="4.5" stroke-linejoin="round"></path>'
            + '<path fill="none" stroke-width="2" stroke-linejoin="round"></path><circle r="4" fill="#fff" stroke-width="1.8"></circle>'
            + '<rect width="9" height="9" stroke="#fff" stroke-width="1.5"></rect>';
          layer.append(g);
          v = { g, key: [] };
          views.set(r.id, v);
        }
        const key = [r.points, r.count, r.upTo, r.color, r.stop, r.label, geo];
        if (key.every((k, i) => k === v.key[i])) continue;
        v.key = key;
        const { d, head, last } = runPath(r.points, r.upTo, sx, sy, r.count);
        const ended = !!r.stop && last >= Math.min(r.count ?? Infinity, r.points.length / 2) - 1;
        const [title, halo, line, start, hd] = Array.from(v.g.children) as SVGElement[];
        title!.textContent = r.stop ? `${r.label} (${r.stop})` : r.label;
        halo!.setAttribute('d', d);
        setAttrs(line!, { d, stroke: r.color });
        const s0 = runPath(r.points, 0, sx, sy, r.count).head;
        setAttrs(start!, s0 ? { cx: s0[0], cy: s0[1], stroke: r.color, visibility: 'visible' } : { visibility: 'hidden' });
        setAttrs(hd!, head ? { x: head[0] - 4.5, y: head[1] - 4.5, fill: r.color, visibility: 'visible', rx: ended ? 0 : 4.5 } : { visibility: 'hidden' });
      }
      for (const [id, v] of views) if (!seen.has(id)) { v.g.remove(); views.delete(id); }
    },
  };
}

/** Markers: minimum = downward triangle, start = ring, current = filled dot; labels with a white halo. */
export function drawPlotMarkers(g: G, markers: readonly PlotMarker[], sx: AxisMap, sy: AxisMap, color: string): void {
  g.selectAll('*').remove();
  for (const m of markers) {
    const px = sx.apply(m.x);
    const py = sy.apply(m.y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const mg = g.append('g').attr('transform', `translate(${px},${py})`);
    if (m.kind === 'minimum') mg.append('path').attr('d', 'M-5.5,-8L5.5,-8L0,0Z').attr('fill', color).attr('stroke', '#fff');
    else if (m.kind === 'start') mg.append('circle').attr('r', 5).attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2);
    else mg.append('circle').attr('r', 4.5).attr('fill', '#D55E00').attr('stroke', '#fff').attr('stroke-width', 1.5);
    if (m.label) mg.append('title').text(m.label);
    if (m.label && !m.quiet) {
      const [a, b] = [sx.apply(sx.domain[0]), sx.apply(sx.domain[1])];
      const right = px > a + 0.7 * (b - a);
      mg.append('text').attr('x', right ? -7 : 7).attr('y', m.kind === 'minimum' ? -8 : -6).attr('text-anchor', right ? 'end' : 'start')
        .attr('fill', color).call(haloed).text(m.label);
    }
  }
}

/**
 * A legend of lines (a short stroke and its label per item) on a white box sized to its longest label, in the plot
 * rectangle's top-left or top-right corner. Presentation attributes only, so it is part of every export.
 */
export function drawLineLegend(g: G, items: readonly { label: string; color: string; width: number }[], r: PlotRect, corner: 'left' | 'right'): void {
  g.selectAll('*').remove();
  if (items.length === 0) return;
  const box = g.append('rect').attr('fill', '#fff').attr('fill-opacity', 0.85).attr('rx', 3);
  const widths = items.map((it, k) => {
    const y = 11 + 16 * k;
    g.append('line').attr('x1', 8).attr('x2', 26).attr('y1', y).attr('y2', y).attr('stroke', it.color).attr('stroke-width', it.width);
    const t = g.append('text').attr('x', 32).attr('y', y).attr('dy', '0.35em').text(it.label).node()!;
    return typeof t.getComputedTextLength === 'function' ? t.getComputedTextLength() : 6.5 * it.label.length;
  });
  const bw = 40 + Math.max(0, ...widths);
  box.attr('width', bw).attr('height', items.length * 16 + 6);
  g.attr('transform', `translate(${corner === 'right' ? r.left + r.width - bw - 4 : r.left + 4},${r.top + 4})`);
}

/** White halo behind text (presentation attributes, so it survives export). */
export function haloed<S extends Selection<SVGTextElement, unknown, null, undefined>>(t: S): S {
  for (const [k, v] of Object.entries(HALO)) t.attr(k, v);
  return t;
}

/** Pointer → data callbacks inside the plot rectangle; returns the detach function. */
export function attachPointer(svg: SVGSVGElement, rect: () => PlotRect | null, move: (px: number, py: number) => void,
  leave: () => void, click: (px: number, py: number) => void): () => void {
  const local = (e: MouseEvent): [number, number] | null => {
    const b = svg.getBoundingClientRect();
    const r = rect();
    const p: [number, number] = [e.clientX - b.left, e.clientY - b.top];
    return r && p[0] >= r.left && p[0] <= r.left + r.width && p[1] >= r.top && p[1] <= r.top + r.height ? p : null;
  };
  let inside = false;
  const onMove = (e: PointerEvent) => { const p = local(e); if (p) { inside = true; move(p[0], p[1]); } else if (inside) { inside = false; leave(); } };
  const onLeave = () => { if (inside) { inside = false; leave(); } };
  const onClick = (e: MouseEvent) => { const p = local(e); if (p) click(p[0], p[1]); };
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerleave', onLeave);
  svg.addEventListener('click', onClick);
  return () => { svg.removeEventListener('pointermove', onMove); svg.removeEventListener('pointerleave', onLeave); svg.removeEventListener('click', onClick); };
}

let uidCounter = 0;
const MARGINS: Margins = { top: 28, right: 16, bottom: 42, left: 56 };
const DEFAULT: Curves1DState = { x: new Float64Array(0), curves: [], domain: { x0: -1, x1: 1 }, title: '' };

export function createCurves1D(container: HTMLElement, opts: Curves1DOptions = {}): Curves1DView {
  const color = opts.textColor ?? '#333';
  const margins = { ...MARGINS, ...opts.margins };
  let state: Curves1DState = { ...DEFAULT, ...opts.initial };
  const svgEl = createPlotSvg(container, opts.ariaLabel ?? 'f and its Gaussian smoothings', color);
  const svg = select(svgEl);
  const uid = `rlc1d${++uidCounter}`;
  svg.append('defs').append('clipPath').attr('id', uid).append('rect');
  const title = svg.append('text').attr('font-size', 13).attr('font-weight', 600);
  const axes: G = svg.append('g');
  const plot: G = svg.append('g').attr('clip-path', `url(#${uid})`);
  const curvesG: G = plot.append('g').attr('fill', 'none').attr('stroke-linejoin', 'round');
  const runsG: G = plot.append('g');
  const markersG: G = svg.append('g');
  const legendG: G = svg.append('g');
  const cursorG: G = svg.append('g').attr('pointer-events', 'none');
  const runs = createRunLayer(runsG.node()!);
  const drawn = new Map<string, unknown[]>();
  const changed = (k: string, key: unknown[]) => {
    const p = drawn.get(k);
    if (p && p.length === key.length && p.every((v, i) => v === key[i])) return false;
    drawn.set(k, key);
    return true;
  };
  let rect: PlotRect | null = null;
  let maps: { sx: AxisMap; sy: AxisMap } | null = null;
  let hoverX: number | null = null;
  let size = [0, 0];
  let yFor: [unknown, unknown, [number, number]] | null = null;
  const colorOf = (c: Curve1D, i: number) => c.color ?? OKABE_ITO[i % OKABE_ITO.length]!;

  const draw = () => {
    const w = container.clientWidth;
    const h = container.clientHeight;
    const { x0, x1 } = state.domain;
    if (w <= 0 || h <= 0 || !(x1 > x0)) return;
    size = [w, h];
    svg.attr('width', w).attr('height', h);
    rect = { left: margins.left, top: margins.top, width: Math.max(1, w - margins.left - margins.right), height: Math.max(1, h - margins.top - margins.bottom) };
    if (!yFor || yFor[0] !== state.curves || yFor[1] !== state.yRange) {
      const yr = state.yRange ? [state.yRange[0], state.yRange[1]] as [number, number] : paddedRange(finiteExtent(state.curves.map((c) => c.values)));
      yFor = [state.curves, state.yRange, yr];
    }
    const yr = yFor[2];
    const geo = `${w},${h},${x0},${x1},${yr[0]},${yr[1]}`;
    const m = (maps = plotMaps(rect, [x0, x1], yr));
    const r = rect;
    if (changed('frame', [geo, state.title])) {
      svg.select(`#${uid} rect`).attr('x', r.left).attr('y', r.top).attr('width', r.width).attr('height', r.height);
      drawPlotAxes(axes, m.sx, m.sy, r, opts.xLabel ?? 'x', opts.yLabel ?? 'f', color);
      title.attr('x', r.left).attr('y', r.top - 10).text(state.title ?? '');
    }
    if (changed('curves', [state.curves, state.x, geo])) {
      const order = state.curves.map((c, i) => ({ c, i })).sort((a, b) => Number(!!a.c.emphasis) - Number(!!b.c.emphasis));
      curvesG.selectAll('path').data(order).join('path')
        .attr('d', ({ c }) => curvePath(state.x, c.values, m.sx, m.sy, c.step))
        .attr('stroke', ({ c, i }) => colorOf(c, i))
        .attr('stroke-width', ({ c }) => (c.emphasis ? 3 : 1.6))
        .attr('stroke-opacity', ({ c }) => (c.emphasis || state.curves.every((q) => !q.emphasis) ? 1 : 0.75));
    }
    runs.update(state.runs ?? [], m.sx, m.sy, geo);
    if (changed('markers', [state.markers, geo])) drawPlotMarkers(markersG, state.markers ?? [], m.sx, m.sy, color);
    if (changed('legend', [state.curves, state.runs?.map((q) => `${q.label}|${q.color}`).join(), geo])) {
      drawLineLegend(legendG, [...state.curves.map((c, i) => ({ label: c.label, color: colorOf(c, i), width: c.emphasis ? 3 : 1.6 })),
        ...(state.runs ?? []).map((q) => ({ label: q.label, color: q.color, width: 2 }))], r, 'right');
    }
    const cx = state.cursorX ?? hoverX;
    if (changed('cursor', [cx, state.curves, geo])) {
      cursorG.selectAll('*').remove();
      if (cx !== null && cx >= x0 && cx <= x1) {
        const px = m.sx.apply(cx);
        cursorG.append('line').attr('x1', px).attr('x2', px).attr('y1', r.top).attr('y2', r.top + r.height).attr('stroke', color).attr('stroke-dasharray', '3,3');
        const lines = [`x = ${formatReadout(cx)}`];
        state.curves.forEach((c, i) => {
          const v = interpAt(state.x, c.values, cx);
          lines.push(`${c.label}: ${formatReadout(v)}`);
          if (Number.isFinite(v)) cursorG.append('circle').attr('cx', px).attr('cy', m.sy.apply(v)).attr('r', 3).attr('fill', colorOf(c, i));
        });
        const right = px > r.left + r.width * 0.6;
        const tg = haloed(cursorG.append('text').attr('x', px + (right ? -6 : 6)).attr('y', r.top + 14).attr('text-anchor', right ? 'end' : 'start'));
        lines.forEach((s, k) => tg.append('tspan').attr('x', px + (right ? -6 : 6)).attr('dy', k === 0 ? 0 : 14).text(s));
      }
    }
  };

  const scheduler = createFrameScheduler(draw);
  const detach = attachPointer(svgEl, () => rect,
    (px) => { if (!maps) return; hoverX = maps.sx.invert(px); opts.onHover?.(hoverX); scheduler.request(); },
    () => { hoverX = null; opts.onHover?.(null); scheduler.request(); },
    (px) => { if (maps) opts.onClick?.(maps.sx.invert(px)); });
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

import * as Plot from '@observablehq/plot';
import { createFrameScheduler } from './frameScheduler';
import { exportSvgDocument } from './svgDocument';

/** One line of the chart: f (or L) per step of a run or a ride. */
export interface LossSeries {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  /** SVG dash pattern (a ride from a branch point is dotted). */
  readonly dash?: string;
  /** Values per step, step k at index k; only the first `count` are valid (default all). */
  readonly values: ArrayLike<number>;
  /** Entries between consecutive values (3 for (x, y, f) triples, whose f is at offset 2). Default 1. */
  readonly stride?: number;
  readonly offset?: number;
  readonly count?: number;
}

/** A line of the legend. */
export interface LossKey {
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
}

export interface LossChartState {
  readonly series: readonly LossSeries[];
  /** The legend, drawn in a column at the right of the chart (and so in its export). */
  readonly keys: readonly LossKey[];
  /** The step of the timeline (a vertical rule), or null. */
  readonly cursor: number | null;
  readonly yLabel: string;
}

export interface LossChartOptions {
  /** A click on the chart: the step under the pointer (the caller moves the timeline there). */
  readonly onPick?: (step: number) => void;
  readonly ariaLabel?: string;
}

export interface LossChart {
  update(patch: Partial<LossChartState>): void;
  /** A standalone SVG document of the chart. */
  toSvg(): string;
  destroy(): void;
}

/** Width of the legend column, in CSS pixels. */
const LEGEND_W = 190;
const LEGEND_ROW = 15;

/** Widens Plot's svg to `width` and draws the keys in the new column from x0 (each a short line and its label). */
function drawLegend(svg: SVGSVGElement, keys: readonly LossKey[], x0: number, width: number, height: number): void {
  svg.setAttribute('width', String(width));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const ns = svg.namespaceURI;
  const g = document.createElementNS(ns, 'g');
  g.setAttribute('data-layer', 'legend');
  g.setAttribute('font-size', '11');
  const rows = Math.max(1, Math.floor((height - 16) / LEGEND_ROW));
  const shown = keys.length > rows ? rows - 1 : keys.length;
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = document.createElementNS(ns, name);
    for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, String(v));
    return e;
  };
  keys.slice(0, shown).forEach((k, i) => {
    const y = 14 + i * LEGEND_ROW;
    const text = el('text', { x: x0 + 32, y, dy: '0.35em', fill: 'currentColor' });
    text.textContent = k.label;
    g.append(el('path', { d: `M${x0 + 8},${y}h18`, stroke: k.color, 'stroke-width': k.dash ? 2.4 : 1.8, 'stroke-linecap': 'round', ...(k.dash ? { 'stroke-dasharray': k.dash } : {}) }), text);
  });
  if (shown < keys.length) {
    const more = el('text', { x: x0 + 8, y: 14 + shown * LEGEND_ROW, dy: '0.35em', fill: '#777' });
    more.textContent = `and ${keys.length - shown} more`;
    g.append(more);
  }
  svg.append(g);
}

/** Points kept per series: longer series are decimated by a stride, keeping the last point. */
const MAX_POINTS = 1500;

/** Finite (step, value) pairs of a series, decimated to at most MAX_POINTS. */
export function seriesPoints(s: LossSeries): { x: number; y: number }[] {
  const stride = s.stride ?? 1;
  const offset = s.offset ?? 0;
  const count = s.count ?? Math.floor((s.values.length - offset + stride - 1) / stride);
  const every = Math.max(1, Math.ceil(count / MAX_POINTS));
  const out: { x: number; y: number }[] = [];
  for (let k = 0; k < count; k += every) {
    const y = s.values[k * stride + offset]!;
    if (Number.isFinite(y)) out.push({ x: k, y });
  }
  const last = count - 1;
  if (last > 0 && last % every !== 0) {
    const y = s.values[last * stride + offset]!;
    if (Number.isFinite(y)) out.push({ x: last, y });
  }
  return out;
}

/**
 * The loss along every run and ride against the step (as in TensorFlow Playground and Distill's momentum article),
 * drawn by Observable Plot: one line per series in its colour, the y axis on a log scale when every value is positive
 * and they span more than two decades, a rule at the timeline's step; a click picks a step. React owns `container`;
 * the chart redraws once per animation frame after an update, and again when the container is resized.
 */
export function createLossChart(container: HTMLElement, opts: LossChartOptions = {}): LossChart {
  let state: LossChartState = { series: [], keys: [], cursor: null, yLabel: 'f' };
  let figure: (SVGSVGElement | HTMLElement) & Plot.Plot | null = null;
  let drawnFor: readonly LossSeries[] | null = null;
  let keysFor: readonly LossKey[] | null = null;
  let size = { w: 0, h: 0 };
  const cursorEl = document.createElement('div');
  cursorEl.className = 'loss-cursor';
  cursorEl.setAttribute('aria-hidden', 'true');
  container.style.position = 'relative';

  const draw = () => {
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w <= 0 || h <= 0) return;
    if (drawnFor !== state.series || keysFor !== state.keys || w !== size.w || h !== size.h) {
      drawnFor = state.series;
      keysFor = state.keys;
      size = { w, h };
      const data = state.series.map((s) => ({ s, pts: seriesPoints(s) })).filter((d) => d.pts.length > 0);
      const ys = data.flatMap((d) => d.pts.map((p) => p.y));
      const lo = ys.length ? Math.min(...ys) : 0;
      const hi = ys.length ? Math.max(...ys) : 1;
      const log = lo > 0 && hi / lo > 100;
      figure?.remove();
      const legendW = state.keys.length > 0 && w > 2 * LEGEND_W ? LEGEND_W : 0;
      figure = Plot.plot({
        width: w - legendW, height: h, marginLeft: 56, marginBottom: 34, marginRight: 12, style: { fontSize: '11px', background: 'transparent' },
        x: { label: 'step', grid: true },
        y: { label: state.yLabel, type: log ? 'log' : 'linear', grid: true },
        marks: [
          ...data.map(({ s, pts }) => Plot.line(pts, {
            x: 'x', y: 'y', stroke: s.color, strokeWidth: s.dash ? 2.4 : 1.6, strokeLinecap: 'round', ...(s.dash ? { strokeDasharray: s.dash } : {}), title: () => s.label,
          })),
          ...(data.length === 0 ? [Plot.text([{ x: 0, y: 0 }], { x: 'x', y: 'y', text: () => 'no runs yet: click the surface to start them', fill: '#777' })] : []),
        ],
      });
      if (legendW > 0 && figure instanceof SVGSVGElement) drawLegend(figure, state.keys, w - legendW, w, h);
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', opts.ariaLabel ?? 'Loss against step');
      container.append(figure);
      container.append(cursorEl);
    }
    placeCursor();
  };

  const placeCursor = () => {
    const x = figure?.scale('x');
    const c = state.cursor;
    if (!figure || !x?.apply || c === null || !Number.isFinite(c)) { cursorEl.style.display = 'none'; return; }
    const px = x.apply(c) as number;
    const [r0, r1] = (x.range ?? [0, 0]) as [number, number];
    if (!(px >= Math.min(r0, r1) && px <= Math.max(r0, r1))) { cursorEl.style.display = 'none'; return; }
    cursorEl.style.display = 'block';
    cursorEl.style.left = `${px}px`;
  };

  const scheduler = createFrameScheduler(draw);
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  const onClick = (e: MouseEvent) => {
    const x = figure?.scale('x');
    if (!figure || !x?.invert || !opts.onPick) return;
    const rect = figure.getBoundingClientRect();
    const step = Math.round(x.invert(e.clientX - rect.left) as number);
    if (Number.isFinite(step)) opts.onPick(Math.max(0, step));
  };
  container.addEventListener('click', onClick);
  scheduler.request();

  return {
    update(patch) {
      const cursorOnly = Object.keys(patch).every((k) => k === 'cursor');
      state = { ...state, ...patch };
      if (cursorOnly && drawnFor === state.series) placeCursor();
      else scheduler.request();
    },
    toSvg: () => {
      scheduler.flush();
      const svg = figure instanceof SVGSVGElement ? figure : figure?.querySelector('svg');
      if (!svg) throw new Error('the loss chart has not been drawn yet');
      return exportSvgDocument(svg as SVGSVGElement);
    },
    destroy() {
      scheduler.cancel();
      ro?.disconnect();
      container.removeEventListener('click', onClick);
      figure?.remove();
      cursorEl.remove();
    },
  };
}

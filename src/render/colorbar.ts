import type { CurvatureKind } from '../math/symEig2';
import type { ColormapId } from '../surface/colorScale';
import { COLORMAPS, colorbarTicks, contourStroke, type ContourLevel, type ValueTransform } from '../surface/colorScale';
import { appendCriticalShape, CURVATURE_NEG, CURVATURE_POS, REGION_OPACITY } from './overlays';
import type { G, ScaffoldIds } from './svgScaffold';
import type { Selection } from 'd3-selection';

/**
 * The colour bar (vertical, f increasing upward, ticks labelled with f also on the log scale, contour levels
 * marked across it, a NaN swatch when the grid has non-finite values) and the overlay legend below it.
 */

export interface ColorbarSpec {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly colormap: ColormapId;
  readonly xf: ValueTransform;
  /** Contour levels to mark on the bar, or null. */
  readonly levels: readonly ContourLevel[] | null;
  /** Whether to show the NaN/∞ swatch under the bar. */
  readonly invalid: boolean;
  /** The value's name on the bar (default f). */
  readonly name?: string;
  readonly textColor: string;
}

/** Height taken by the NaN swatch under the bar. */
export const NAN_SWATCH_HEIGHT = 22;

export function drawColorbar(g: G, gradient: Selection<SVGLinearGradientElement, unknown, null, undefined>, ids: ScaffoldIds,
  spec: ColorbarSpec | null): void {
  g.selectAll('*').remove();
  if (!spec) return;
  const { x, y, width: w, height: h, xf, textColor } = spec;
  const cm = COLORMAPS[spec.colormap];
  const stops = Array.from({ length: 33 }, (_, i) => i / 32);
  gradient.selectAll('stop').data(stops).join('stop')
    .attr('offset', (u) => u)
    .attr('stop-color', (u) => cm(u));
  g.append('text').attr('x', x).attr('y', y - 8).attr('font-style', 'italic').attr('font-size', 12)
    .text(xf.log ? `${spec.name ?? 'f'} (log scale)` : spec.name ?? 'f');
  g.append('rect').attr('x', x).attr('y', y).attr('width', w).attr('height', h)
    .attr('fill', `url(#${ids.gradient})`).attr('stroke', textColor).attr('stroke-opacity', 0.5);
  if (spec.levels) {
    const lv = g.append('g');
    for (const l of spec.levels) {
      const py = y + h * (1 - l.u);
      lv.append('line').attr('x1', x).attr('x2', x + w).attr('y1', py).attr('y2', py)
        .attr('stroke', contourStroke(spec.colormap, l.u)).attr('stroke-width', 1);
    }
  }
  const tg = g.append('g');
  for (const t of colorbarTicks(xf, Math.max(2, Math.floor(h / 30)))) {
    const py = y + h * (1 - t.u);
    tg.append('line').attr('x1', x + w).attr('x2', x + w + 4).attr('y1', py).attr('y2', py).attr('stroke', textColor);
    tg.append('text').attr('x', x + w + 7).attr('y', py).attr('dy', '0.35em').text(t.label);
  }
  if (spec.invalid) {
    g.append('rect').attr('x', x).attr('y', y + h + 8).attr('width', w).attr('height', 10)
      .attr('fill', `url(#${ids.nanHatch})`).attr('stroke', textColor).attr('stroke-opacity', 0.5);
    g.append('text').attr('x', x + w + 7).attr('y', y + h + 13).attr('dy', '0.35em').text('NaN/∞');
  }
}

/** A line in the legend of the traces: a method's run, a family of rides, a baseline. */
export interface TraceKey {
  readonly label: string;
  readonly color: string;
  /** SVG stroke-dasharray (a dashed or dotted trace). */
  readonly dash?: string;
  /** Stroke width (default 2, as the traces are drawn). */
  readonly width?: number;
}

/** A titled group of trace keys ('Optimizers', 'Ridge Rider'). */
export interface TraceKeySection {
  readonly title: string;
  readonly items: readonly TraceKey[];
}

/** Which overlay legends to show, and the traces' keys (in the export too: a picture says what its lines are). */
export interface LegendFlags {
  readonly curvature: boolean;
  readonly eigenvectors: boolean;
  readonly critical: boolean;
  /** When the critical points are thinned: how many are drawn of how many (the minima only). */
  readonly criticalShown?: { readonly shown: number; readonly total: number };
  readonly traces?: readonly TraceKeySection[];
}

const ROW = 15;
const HEAD = 17;

type Item = { readonly label: string; readonly draw: (g: G) => void };

function sections(flags: LegendFlags, ids: ScaffoldIds): { title: string; items: Item[] }[] {
  const out: { title: string; items: Item[] }[] = [];
  const swatch = (fill: string, opacity: number) => (g: G) => {
    g.append('rect').attr('x', -6).attr('y', -5).attr('width', 12).attr('height', 10).attr('fill', fill).attr('fill-opacity', opacity)
      .attr('stroke', '#666').attr('stroke-width', 0.6);
  };
  const line = (color: string) => (g: G) => {
    g.append('path').attr('d', 'M-7,0H7').attr('stroke', 'rgba(255,255,255,0.75)').attr('stroke-width', 3.4);
    g.append('path').attr('d', 'M-7,0H7').attr('stroke', color).attr('stroke-width', 1.8);
  };
  if (flags.curvature) {
    out.push({ title: 'Curvature', items: [
      { label: 'convex', draw: swatch(CURVATURE_POS, REGION_OPACITY + 0.2) },
      { label: 'saddle-like', draw: swatch(`url(#${ids.saddleHatch})`, 1) },
      { label: 'concave', draw: swatch(CURVATURE_NEG, REGION_OPACITY + 0.2) },
    ] });
  }
  if (flags.eigenvectors) {
    out.push({ title: 'Eigenvectors', items: [
      { label: 'λ > 0', draw: line(CURVATURE_POS) },
      { label: 'λ < 0', draw: line(CURVATURE_NEG) },
    ] });
  }
  if (flags.critical) {
    const kinds: CurvatureKind[] = ['minimum', 'saddle', 'maximum', 'degenerate'];
    const note: Item[] = flags.criticalShown ? [{ label: `minima only: ${flags.criticalShown.shown} of ${flags.criticalShown.total}`, draw: () => undefined }] : [];
    out.push({ title: 'Critical points', items: [...note, ...kinds.map((k) => ({ label: k, draw: (g: G) => appendCriticalShape(g.append('g').attr('transform', 'scale(0.8)'), k) }))] });
  }
  for (const sec of flags.traces ?? []) {
    if (sec.items.length === 0) continue;
    out.push({ title: sec.title, items: sec.items.map((k) => ({ label: k.label, draw: (g: G) => {
      g.append('path').attr('d', 'M-7,0H7').attr('stroke', 'rgba(255,255,255,0.75)').attr('stroke-width', (k.width ?? 2) + 1.6);
      g.append('path').attr('d', 'M-7,0H7').attr('stroke', k.color).attr('stroke-width', k.width ?? 2).attr('stroke-dasharray', k.dash ?? null);
    } })) });
  }
  return out;
}

/** Height the legend needs for these flags (0 when nothing is shown). */
export function legendHeight(flags: LegendFlags): number {
  const traces = (flags.traces ?? []).filter((t) => t.items.length > 0);
  const n = (flags.curvature ? 3 : 0) + (flags.eigenvectors ? 2 : 0) + (flags.critical ? 4 + (flags.criticalShown ? 1 : 0) : 0) + traces.reduce((a, t) => a + t.items.length, 0);
  const s = (flags.curvature ? 1 : 0) + (flags.eigenvectors ? 1 : 0) + (flags.critical ? 1 : 0) + traces.length;
  return n * ROW + s * HEAD;
}

/** Shortens a text element's label with "…" until it is at most `width` px wide; the full label becomes its tooltip. */
function fitText(t: SVGTextElement, label: string, width: number): void {
  if (!Number.isFinite(width) || typeof t.getComputedTextLength !== 'function' || t.getComputedTextLength() <= width) return;
  let n = label.length;
  while (n > 1 && t.getComputedTextLength() > width) t.textContent = `${label.slice(0, --n).trimEnd()}…`;
  const title = document.createElementNS(t.namespaceURI, 'title');
  title.textContent = label;
  t.append(title);
}

/** Draws the legend with its top-left corner at (x, y), no wider than maxWidth (longer labels are shortened). */
export function drawLegend(g: G, ids: ScaffoldIds, x: number, y: number, flags: LegendFlags, textColor: string, maxWidth = Infinity): void {
  g.selectAll('*').remove();
  let cy = y;
  for (const s of sections(flags, ids)) {
    const head = g.append('text').attr('x', x).attr('y', cy + 11).attr('font-weight', 600).attr('font-size', 10.5).attr('fill', textColor).text(s.title);
    fitText(head.node()!, s.title, maxWidth);
    cy += HEAD;
    for (const it of s.items) {
      const ig = g.append('g').attr('transform', `translate(${x + 7},${cy + 7})`);
      it.draw(ig);
      const t = g.append('text').attr('x', x + 19).attr('y', cy + 7).attr('dy', '0.35em').attr('font-size', 10.5).attr('fill', textColor).text(it.label);
      fitText(t.node()!, it.label, maxWidth - 19);
      cy += ROW;
    }
  }
}

import { formatReadout } from '../surface/colorScale';
import type { Affine2, PlotRect } from '../surface/coords';
import { CLAMP_PX, lastFiniteIndex, pointAtStep, pointCount, trajectoryPath, type Floats } from '../surface/trajectoryPath';
import { SVG_NS } from './svgScaffold';
import type { RunTrace } from './types';

/**
 * Optimizer trajectories, updated incrementally so that an animation frame costs a few attribute writes:
 * each run's polyline is split into fixed chunks of CHUNK steps that never change once drawn, plus one "tail"
 * path from the last chunk boundary to the head (with the interpolated head point for fractional steps). Moving
 * the head rewrites only the tail (≤ CHUNK points) and the head's position. Everything is rebuilt when the
 * points array, the colour or the frame geometry changes.
 */

export const CHUNK = 256;
export const DIVERGED_COLOR = '#C8102E';

interface RunView {
  readonly g: SVGGElement;
  readonly title: SVGTitleElement;
  readonly chunks: SVGGElement;
  readonly tailHalo: SVGPathElement;
  readonly tailLine: SVGPathElement;
  readonly start: SVGCircleElement;
  readonly end: SVGGElement;
  readonly head: SVGCircleElement;
  nChunks: number;
  points: Floats | null;
  color: string;
  /** Dash pattern and width of the line ('' when solid at the default width). */
  style: string;
  opacity: number;
  frameKey: string;
  label: string;
  tail: string;
  endKey: string;
  headKey: string;
  startKey: string;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const HALO = { stroke: '#ffffff', 'stroke-opacity': 0.7, 'stroke-width': 4.2, 'vector-effect': 'non-scaling-stroke' };
const LINE = { 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke' };

export interface TrajectoryLayer {
  /** `rect`: the plot rectangle; a diverged run's ✕ is kept inside it so that it stays visible. */
  update(runs: readonly RunTrace[], a: Affine2, frameKey: string, rect: PlotRect): void;
  clear(): void;
}

export function createTrajectoryLayer(layer: SVGGElement): TrajectoryLayer {
  const views = new Map<string, RunView>();

  const create = (id: string): RunView => {
    const g = el('g', { 'data-run': id });
    const title = el('title');
    const chunks = el('g');
    const tailHalo = el('path', HALO);
    const tailLine = el('path', LINE);
    const start = el('circle', { r: 3.6, fill: '#fff', 'stroke-width': 1.8 });
    const end = el('g');
    const head = el('circle', { r: 5, stroke: '#fff', 'stroke-width': 1.6 });
    g.append(title, chunks, tailHalo, tailLine, start, end, head);
    return { g, title, chunks, tailHalo, tailLine, start, end, head, nChunks: 0, points: null, color: '', style: '', opacity: 1, frameKey: '', label: '', tail: '', endKey: '', headKey: '', startKey: '' };
  };

  const drawEnd = (v: RunView, run: RunTrace, n: number, a: Affine2, rect: PlotRect) => {
    v.end.replaceChildren();
    const k = lastFiniteIndex(run.points, n);
    if (k < 0) return;
    let x = a.ax * run.points[3 * k]! + a.bx;
    let y = a.ay * run.points[3 * k + 1]! + a.by;
    if (run.stop === 'diverged') { // pin to the plot's edge when it left the view
      x = Math.max(rect.left + 7, Math.min(rect.left + rect.width - 7, x));
      y = Math.max(rect.top + 7, Math.min(rect.top + rect.height - 7, y));
    }
    const c = (v: number) => Math.max(-CLAMP_PX, Math.min(CLAMP_PX, v)).toFixed(1);
    v.end.setAttribute('transform', `translate(${c(x)},${c(y)})`);
    v.end.setAttribute('data-stop', run.stop ?? '');
    const steps = n - 1;
    const msg = run.message ? ` — ${run.message}` : '';
    const title = el('title');
    if (run.stop === 'diverged') {
      title.textContent = `${run.label}: diverged after ${steps} steps${msg}`;
      v.end.append(title,
        el('path', { d: 'M-5.5,-5.5L5.5,5.5M-5.5,5.5L5.5,-5.5', stroke: '#fff', 'stroke-width': 5, 'stroke-linecap': 'round' }),
        el('path', { d: 'M-5.5,-5.5L5.5,5.5M-5.5,5.5L5.5,-5.5', stroke: DIVERGED_COLOR, 'stroke-width': 2.6, 'stroke-linecap': 'round' }));
      return;
    }
    const f = formatReadout(run.points[3 * k + 2]!);
    const what = run.stop === 'converged' ? 'converged' : run.stop === 'max-steps' ? 'used its step budget' : 'was cancelled';
    title.textContent = `${run.label}: ${what} after ${steps} steps, f = ${f}${msg}`;
    const filled = run.stop === 'converged';
    v.end.append(title, el('rect', {
      x: -4.5, y: -4.5, width: 9, height: 9, fill: filled ? run.color : '#fff', stroke: filled ? '#fff' : run.color,
      'stroke-width': filled ? 1.5 : 2, ...(run.stop === 'cancelled' ? { 'stroke-dasharray': '2,1.5' } : {}),
    }));
  };

  /** The line's attributes: colour, and the dash pattern and width when the trace has them. */
  const lineAttrs = (run: RunTrace): Record<string, string | number> => ({
    ...LINE, stroke: run.color, ...(run.width ? { 'stroke-width': run.width } : {}), ...(run.dash ? { 'stroke-dasharray': run.dash } : {}),
  });
  const haloAttrs = (run: RunTrace): Record<string, string | number> => (run.width ? { ...HALO, 'stroke-width': run.width + 2.2 } : HALO);

  const updateRun = (v: RunView, run: RunTrace, a: Affine2, fk: string, rect: PlotRect) => {
    const style = `${run.dash ?? ''}|${run.width ?? ''}`;
    if (v.points !== run.points || v.color !== run.color || v.frameKey !== fk || v.style !== style) {
      v.chunks.replaceChildren();
      v.nChunks = 0;
      v.points = run.points;
      v.color = run.color;
      v.style = style;
      for (const [k, val] of Object.entries(lineAttrs(run))) v.tailLine.setAttribute(k, String(val));
      if (!run.dash) v.tailLine.removeAttribute('stroke-dasharray');
      for (const [k, val] of Object.entries(haloAttrs(run))) v.tailHalo.setAttribute(k, String(val));
      v.frameKey = fk;
      v.tail = '\u0000';
      v.endKey = '\u0000';
      v.headKey = '\u0000';
      v.startKey = '\u0000';
      v.start.setAttribute('stroke', run.color);
      v.head.setAttribute('fill', run.color);
    }
    if (v.label !== run.label) { v.label = run.label; v.title.textContent = run.label; }
    const opacity = run.opacity ?? 1;
    if (v.opacity !== opacity) { v.opacity = opacity; v.g.setAttribute('opacity', String(opacity)); }
    const pts = run.points;
    const n = pointCount(pts, run.count);
    const last = n - 1;
    const s = n === 0 ? 0 : Math.max(0, Math.min(last, Number.isNaN(run.upTo) ? 0 : run.upTo));
    const kf = Math.floor(s);
    const need = n === 0 ? 0 : Math.floor(kf / CHUNK);
    while (v.nChunks > need) { v.chunks.lastChild?.remove(); v.chunks.lastChild?.remove(); v.nChunks--; }
    while (v.nChunks < need) {
      const d = trajectoryPath(pts, v.nChunks * CHUNK, (v.nChunks + 1) * CHUNK, a);
      v.chunks.append(el('path', { ...haloAttrs(run), d }), el('path', { ...lineAttrs(run), d }));
      v.nChunks++;
    }
    const head = n === 0 ? null : pointAtStep(pts, n, s);
    const hx = head ? a.ax * head.x + a.bx : 0;
    const hy = head ? a.ay * head.y + a.by : 0;
    const tail = n === 0 ? '' : trajectoryPath(pts, need * CHUNK, kf, a, s > kf && head ? [hx, hy] : undefined);
    if (tail !== v.tail) {
      v.tail = tail;
      v.tailHalo.setAttribute('d', tail);
      v.tailLine.setAttribute('d', tail);
    }
    const x0 = pts[0]!;
    const y0 = pts[1]!;
    const startKey = n > 0 && Number.isFinite(x0) && Number.isFinite(y0) ? `${(a.ax * x0 + a.bx).toFixed(1)},${(a.ay * y0 + a.by).toFixed(1)}` : '';
    if (startKey !== v.startKey) {
      v.startKey = startKey;
      v.start.setAttribute('visibility', startKey ? 'visible' : 'hidden');
      const [cx, cy] = startKey.split(',');
      if (startKey) { v.start.setAttribute('cx', cx!); v.start.setAttribute('cy', cy!); }
    }
    const ended = n > 0 && !!run.stop && s >= last;
    const endKey = ended ? `${run.stop}|${n}|${run.message ?? ''}|${run.label}` : '';
    if (endKey !== v.endKey) {
      v.endKey = endKey;
      if (ended) drawEnd(v, run, n, a, rect); else v.end.replaceChildren();
    }
    const headKey = !ended && head ? `${hx.toFixed(1)},${hy.toFixed(1)}` : '';
    if (headKey !== v.headKey) {
      v.headKey = headKey;
      v.head.setAttribute('visibility', headKey ? 'visible' : 'hidden');
      if (headKey) {
        v.head.setAttribute('cx', Math.max(-CLAMP_PX, Math.min(CLAMP_PX, hx)).toFixed(1));
        v.head.setAttribute('cy', Math.max(-CLAMP_PX, Math.min(CLAMP_PX, hy)).toFixed(1));
      }
    }
  };

  return {
    update(runs, a, fk, rect) {
      const seen = new Set<string>();
      runs.forEach((run, idx) => {
        let v = views.get(run.id);
        if (!v) { v = create(run.id); views.set(run.id, v); }
        seen.add(run.id);
        if (layer.children[idx] !== v.g) layer.insertBefore(v.g, layer.children[idx] ?? null);
        updateRun(v, run, a, fk, rect);
      });
      for (const [id, v] of views) if (!seen.has(id)) { v.g.remove(); views.delete(id); }
    },
    clear() {
      for (const v of views.values()) v.g.remove();
      views.clear();
    },
  };
}

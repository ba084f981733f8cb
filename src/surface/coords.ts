import type { Domain } from '../landscapes/grid';

/**
 * Pure data ↔ pixel geometry of the surface view. Pixels are CSS pixels of the view's container, origin at the
 * top-left, py growing downward; data y grows upward, so y1 (the top of the domain) maps to the top of the plot.
 */

/** Space around the plot rectangle for the axes, the title and the colour bar, in CSS pixels. */
export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The plot rectangle in container pixels. */
export interface PlotRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * How the domain fills the plot area. 'equal': one data unit is as long in x as in y (the plot rectangle is the
 * largest one of the domain's aspect ratio that fits, centred), so eigenvectors look orthogonal and circles look
 * round. 'fill': the domain is stretched over the whole area.
 */
export type AspectMode = 'equal' | 'fill';

/** A domain drawn into a plot rectangle. */
export interface PlotFrame {
  readonly domain: Domain;
  readonly rect: PlotRect;
}

/** px = ax·x + bx, py = ay·y + by (ay < 0: y up). */
export interface Affine2 {
  readonly ax: number;
  readonly bx: number;
  readonly ay: number;
  readonly by: number;
}

/** A d3-zoom style transform: a content pixel p is shown at k·p + (x, y). */
export interface ZoomXf {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY_ZOOM: ZoomXf = { k: 1, x: 0, y: 0 };

export const DEFAULT_MARGINS: Margins = { top: 24, right: 100, bottom: 34, left: 50 };

/** The plot rectangle for a container of width × height, with margins and the aspect rule. */
export function plotRectFor(width: number, height: number, margins: Margins, domain: Domain, aspect: AspectMode): PlotRect {
  const aw = Math.max(1, width - margins.left - margins.right);
  const ah = Math.max(1, height - margins.top - margins.bottom);
  if (aspect === 'fill') return { left: margins.left, top: margins.top, width: aw, height: ah };
  const dx = Math.abs(domain.x1 - domain.x0);
  const dy = Math.abs(domain.y1 - domain.y0);
  const ratio = dx > 0 && dy > 0 && Number.isFinite(dx / dy) ? dx / dy : 1;
  let w = aw;
  let h = aw / ratio;
  if (h > ah) { h = ah; w = ah * ratio; }
  return { left: margins.left + (aw - w) / 2, top: margins.top + (ah - h) / 2, width: w, height: h };
}

/** The affine map data → pixel of a frame. */
export function frameAffine(frame: PlotFrame): Affine2 {
  const { domain: d, rect: r } = frame;
  const sx = r.width / (d.x1 - d.x0);
  const sy = r.height / (d.y1 - d.y0);
  return { ax: sx, bx: r.left - d.x0 * sx, ay: -sy, by: r.top + d.y1 * sy };
}

/** Data → pixel. */
export function dataToPx(frame: PlotFrame, x: number, y: number): [number, number] {
  const a = frameAffine(frame);
  return [a.ax * x + a.bx, a.ay * y + a.by];
}

/** Pixel → data, the inverse of dataToPx. */
export function pxToData(frame: PlotFrame, px: number, py: number): [number, number] {
  const a = frameAffine(frame);
  return [(px - a.bx) / a.ax, (py - a.by) / a.ay];
}

/** Pixel → data while the content is shown under a zoom transform (during a zoom/pan gesture). */
export function pxToDataZoomed(frame: PlotFrame, t: ZoomXf, px: number, py: number): [number, number] {
  return pxToData(frame, (px - t.x) / t.k, (py - t.y) / t.k);
}

/** Pixel position of a data point under the zoom transform t (the inverse of pxToDataZoomed). */
export function dataToPxZoomed(frame: PlotFrame, t: ZoomXf, x: number, y: number): [number, number] {
  const [px, py] = dataToPx(frame, x, y);
  return [t.x + t.k * px, t.y + t.k * py];
}

/** The domain visible in the plot rectangle when the content is shown under the zoom transform t. */
export function zoomedDomain(frame: PlotFrame, t: ZoomXf): Domain {
  const r = frame.rect;
  const [xa, ya] = pxToDataZoomed(frame, t, r.left, r.top + r.height);
  const [xb, yb] = pxToDataZoomed(frame, t, r.left + r.width, r.top);
  return { x0: Math.min(xa, xb), x1: Math.max(xa, xb), y0: Math.min(ya, yb), y1: Math.max(ya, yb) };
}

/** Whether a pixel lies in the plot rectangle (edges included). */
export function inRect(r: PlotRect, px: number, py: number): boolean {
  return px >= r.left && px <= r.left + r.width && py >= r.top && py <= r.top + r.height;
}

/** Domains equal up to a relative tolerance of their extent. */
export function domainsEqual(a: Domain, b: Domain, relTol = 1e-12): boolean {
  const tx = relTol * Math.max(Math.abs(a.x1 - a.x0), Number.MIN_VALUE);
  const ty = relTol * Math.max(Math.abs(a.y1 - a.y0), Number.MIN_VALUE);
  return Math.abs(a.x0 - b.x0) <= tx && Math.abs(a.x1 - b.x1) <= tx && Math.abs(a.y0 - b.y0) <= ty && Math.abs(a.y1 - b.y1) <= ty;
}

/**
 * The smallest domain around `d` (same centre) whose aspect ratio is width : height, so that with aspect 'equal'
 * the plot fills the whole area. For an integrator that wants no letterbox: call it with the plot area size.
 */
export function fitDomainToAspect(d: Domain, width: number, height: number): Domain {
  const cx = (d.x0 + d.x1) / 2;
  const cy = (d.y0 + d.y1) / 2;
  let hw = Math.abs(d.x1 - d.x0) / 2;
  let hh = Math.abs(d.y1 - d.y0) / 2;
  const target = width / height;
  if (!(target > 0) || !Number.isFinite(target) || !(hw > 0) || !(hh > 0)) return d;
  if (hw / hh < target) hw = hh * target;
  else hh = hw / target;
  return { x0: cx - hw, x1: cx + hw, y0: cy - hh, y1: cy + hh };
}

/** A string that changes whenever the frame geometry changes (a cheap redraw key). */
export function frameKey(frame: PlotFrame, width: number, height: number): string {
  const { domain: d, rect: r } = frame;
  return `${width}x${height}|${r.left},${r.top},${r.width},${r.height}|${d.x0},${d.x1},${d.y0},${d.y1}`;
}

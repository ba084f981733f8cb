import type { GridFields, GridSpec } from '../landscapes/grid';
import type { Affine2, PlotFrame, ZoomXf } from '../surface/coords';
import { frameAffine } from '../surface/coords';
import type { ValueTransform } from '../surface/colorScale';
import { heatmapRgba } from '../surface/gridProducts';

/**
 * The heatmap: f coloured at grid resolution into an offscreen canvas (one pixel per node, via ImageData), then
 * drawn scaled into the plot with image smoothing. Non-finite nodes are transparent over a grey hatch; where no
 * grid covers the plot (e.g. right after a pan, before the new grid arrives) a flat grey shows.
 */

export const NO_DATA_FILL = '#d4d4d4';
export const HATCH_BG = '#bcbcbc';
export const HATCH_LINE = '#8c8c8c';

/** The grid coloured at its own resolution. */
export interface HeatmapImage {
  readonly canvas: HTMLCanvasElement;
  readonly spec: GridSpec;
  /** Number of NaN / ±∞ nodes (drawn as hatch). */
  readonly invalid: number;
}

/** Colours every node through the value transform and an RGBA lookup table; row j = 0 (y0) is the image's bottom row. */
export function renderHeatmapImage(grid: GridFields, xf: ValueTransform, lut: Uint8ClampedArray): HeatmapImage {
  const { rgba, invalid } = heatmapRgba(grid.f, grid.spec.nx, grid.spec.ny, xf, lut);
  return heatmapImageFromRgba(rgba, grid.spec, invalid);
}

/** The heatmap image from already coloured pixels (e.g. coloured by the surface worker with heatmapRgba). */
export function heatmapImageFromRgba(rgba: Uint8ClampedArray, spec: GridSpec, invalid: number): HeatmapImage {
  const { nx, ny } = spec;
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const ctx = canvas.getContext('2d')!;
  ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, nx, ny), 0, 0);
  return { canvas, spec, invalid };
}

/**
 * Pixel rectangle of the heatmap image: half a cell beyond the grid's domain on every side, so that each image
 * pixel's centre lies exactly on its node (and on the contours computed from the same nodes).
 */
export function heatmapImageRect(spec: GridSpec, a: Affine2): { x: number; y: number; w: number; h: number } {
  const d = spec.domain;
  const hx = spec.nx > 1 ? (d.x1 - d.x0) / (spec.nx - 1) / 2 : 0;
  const hy = spec.ny > 1 ? (d.y1 - d.y0) / (spec.ny - 1) / 2 : 0;
  const xa = a.ax * (d.x0 - hx) + a.bx;
  const xb = a.ax * (d.x1 + hx) + a.bx;
  const ya = a.ay * (d.y1 + hy) + a.by;
  const yb = a.ay * (d.y0 - hy) + a.by;
  return { x: Math.min(xa, xb), y: Math.min(ya, yb), w: Math.abs(xb - xa), h: Math.abs(yb - ya) };
}

let hatchTile: HTMLCanvasElement | null = null;

/** An 8×8 tile: grey with a diagonal line, the "no value" hatch (also used in the SVG legend and export). */
function hatch(): HTMLCanvasElement {
  if (hatchTile) return hatchTile;
  const c = document.createElement('canvas');
  c.width = 8;
  c.height = 8;
  const g = c.getContext('2d')!;
  g.fillStyle = HATCH_BG;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = HATCH_LINE;
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(-2, 10); g.lineTo(10, -2);
  g.moveTo(-2, 2); g.lineTo(2, -2);
  g.moveTo(6, 10); g.lineTo(10, 6);
  g.stroke();
  hatchTile = c;
  return c;
}

/** Paints the plot area of `ctx` (in CSS pixels): no-data grey, the hatch under invalid nodes, the image. */
export function paintHeatmap(ctx: CanvasRenderingContext2D, img: HeatmapImage | null, frame: PlotFrame, zoom: ZoomXf): void {
  const r = frame.rect;
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.left, r.top, r.width, r.height);
  ctx.clip();
  ctx.fillStyle = NO_DATA_FILL;
  ctx.fillRect(r.left, r.top, r.width, r.height);
  if (img) {
    ctx.translate(zoom.x, zoom.y);
    ctx.scale(zoom.k, zoom.k);
    const q = heatmapImageRect(img.spec, frameAffine(frame));
    if (img.invalid > 0) {
      const pattern = ctx.createPattern(hatch(), 'repeat');
      if (pattern) { ctx.fillStyle = pattern; ctx.fillRect(q.x, q.y, q.w, q.h); }
    }
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img.canvas, q.x, q.y, q.w, q.h);
  }
  ctx.restore();
}

/** The on-screen heatmap canvas: keeps its backing store at devicePixelRatio and repaints on demand. */
export interface HeatmapLayer {
  draw(img: HeatmapImage | null, frame: PlotFrame, zoom: ZoomXf, width: number, height: number): void;
}

export function createHeatmapLayer(canvas: HTMLCanvasElement): HeatmapLayer {
  const ctx = canvas.getContext('2d')!;
  return {
    draw(img, frame, zoom, width, height) {
      const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
      const bw = Math.max(1, Math.round(width * dpr));
      const bh = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== bw || canvas.height !== bh) { canvas.width = bw; canvas.height = bh; }
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, bw, bh);
      ctx.setTransform(bw / width, 0, 0, bh / height, 0, 0);
      paintHeatmap(ctx, img, frame, zoom);
    },
  };
}

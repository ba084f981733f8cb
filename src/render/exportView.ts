import type { PlotFrame, ZoomXf } from '../surface/coords';
import { frameAffine } from '../surface/coords';
import { heatmapImageRect, NO_DATA_FILL, paintHeatmap, type HeatmapImage } from './heatmapLayer';
import { canvasToPng, drawSvgText } from './svgDocument';
import { SVG_NS } from './svgScaffold';

/**
 * Export of the current view. The live SVG overlay is cloned (all its styling is in attributes, so the clone is
 * complete); for the SVG document the heatmap goes in as a PNG data URL <image> under the contours, for the PNG
 * the heatmap is painted on a canvas and the overlay drawn over it from a serialized SVG blob.
 */

export interface ExportSource {
  readonly svg: SVGSVGElement;
  readonly width: number;
  readonly height: number;
  readonly frame: PlotFrame;
  readonly zoom: ZoomXf;
  readonly heat: HeatmapImage | null;
}

const XLINK = 'http://www.w3.org/1999/xlink';

/** Space kept around the drawn content in an export, in CSS pixels. */
const EXPORT_PAD = 8;

/** A box in the view's CSS pixels. */
interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

/**
 * What an export shows: the plot rectangle, the title, the axes, the colour bar and the legend, with EXPORT_PAD around
 * them, and none of the empty margins that centre the plot in a wide container.
 */
export function exportBox(src: ExportSource): Box {
  const r = src.frame.rect;
  let x0 = r.left;
  let y0 = r.top;
  let x1 = r.left + r.width;
  let y1 = r.top + r.height;
  const parts = src.svg.querySelectorAll<SVGGraphicsElement>(':scope > [data-layer="axes"], :scope > [data-layer="colorbar"], :scope > [data-layer="legend"], :scope > text');
  for (const el of parts) {
    const b = el.getBBox();
    if (b.width === 0 && b.height === 0) continue;
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
  }
  x0 = Math.max(0, Math.floor(x0 - EXPORT_PAD));
  y0 = Math.max(0, Math.floor(y0 - EXPORT_PAD));
  x1 = Math.min(src.width, Math.ceil(x1 + EXPORT_PAD));
  y1 = Math.min(src.height, Math.ceil(y1 + EXPORT_PAD));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/**
 * A standalone SVG document string of the export box (exportBox); includeHeatmap false leaves the plot transparent
 * (for compositing).
 */
export function exportSvgString(src: ExportSource, includeHeatmap = true, box: Box = exportBox(src)): string {
  const clone = src.svg.cloneNode(true) as SVGSVGElement;
  clone.removeAttribute('style');
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', XLINK);
  clone.setAttribute('version', '1.1');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  clone.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
  if (includeHeatmap) {
    const bgRect = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x: box.x, y: box.y, width: box.width, height: box.height, fill: '#ffffff' })) bgRect.setAttribute(k, String(v));
    clone.insertBefore(bgRect, clone.querySelector('defs')?.nextSibling ?? clone.firstChild);
    const r = src.frame.rect;
    const bg = clone.querySelector('[data-layer="bg"]');
    const heat = clone.querySelector('[data-layer="heat"]');
    if (bg) {
      const nd = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x: r.left, y: r.top, width: r.width, height: r.height, fill: NO_DATA_FILL })) nd.setAttribute(k, String(v));
      bg.append(nd);
    }
    if (heat && src.heat) {
      const q = heatmapImageRect(src.heat.spec, frameAffine(src.frame));
      const nanId = clone.querySelector('pattern[data-pattern="nan"]')?.getAttribute('id');
      if (src.heat.invalid > 0 && nanId) {
        const h = document.createElementNS(SVG_NS, 'rect');
        for (const [k, v] of Object.entries({ x: q.x, y: q.y, width: q.w, height: q.h, fill: `url(#${nanId})` })) h.setAttribute(k, String(v));
        heat.append(h);
      }
      const img = document.createElementNS(SVG_NS, 'image');
      const url = src.heat.canvas.toDataURL('image/png');
      img.setAttribute('href', url);
      img.setAttributeNS(XLINK, 'xlink:href', url);
      for (const [k, v] of Object.entries({ x: q.x, y: q.y, width: q.w, height: q.h, preserveAspectRatio: 'none' })) img.setAttribute(k, String(v));
      heat.append(img);
    }
  }
  const text = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${text}`;
}

/** The export box rasterized at `scale` × its CSS size: heatmap painted directly, then the SVG overlay on top. */
export async function exportPngBlob(src: ExportSource, scale = 2): Promise<Blob> {
  const box = exportBox(src);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const ctx = canvas.getContext('2d')!;
  const k = canvas.width / box.width;
  ctx.setTransform(k, 0, 0, canvas.height / box.height, -box.x * k, -box.y * (canvas.height / box.height));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(box.x, box.y, box.width, box.height);
  paintHeatmap(ctx, src.heat, src.frame, src.zoom);
  await drawSvgText(ctx, exportSvgString(src, false, box), box.x, box.y, box.width, box.height);
  return canvasToPng(canvas);
}

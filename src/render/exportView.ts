import type { PlotFrame, ZoomXf } from '../surface/coords';
import { frameAffine } from '../surface/coords';
import { heatmapImageRect, NO_DATA_FILL, paintHeatmap, type HeatmapImage } from './heatmapLayer';
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

/** A standalone SVG document string; includeHeatmap false leaves the plot transparent (for compositing). */
export function exportSvgString(src: ExportSource, includeHeatmap = true): string {
  const clone = src.svg.cloneNode(true) as SVGSVGElement;
  clone.removeAttribute('style');
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', XLINK);
  clone.setAttribute('version', '1.1');
  clone.setAttribute('width', String(src.width));
  clone.setAttribute('height', String(src.height));
  clone.setAttribute('viewBox', `0 0 ${src.width} ${src.height}`);
  if (includeHeatmap) {
    const bgRect = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x: 0, y: 0, width: src.width, height: src.height, fill: '#ffffff' })) bgRect.setAttribute(k, String(v));
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

/** The view rasterized at `scale` × its CSS size: heatmap painted directly, then the SVG overlay on top. */
export async function exportPngBlob(src: ExportSource, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(src.width * scale));
  canvas.height = Math.max(1, Math.round(src.height * scale));
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(canvas.width / src.width, 0, 0, canvas.height / src.height, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, src.width, src.height);
  paintHeatmap(ctx, src.heat, src.frame, src.zoom);
  const svgText = exportSvgString(src, false);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    ctx.drawImage(img, 0, 0, src.width, src.height);
  } finally {
    URL.revokeObjectURL(url);
  }
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob returned null'))), 'image/png');
  });
}

import { SVG_NS } from './svgScaffold';

/** A standalone SVG document of a drawn <svg> on a white background, `width` × `height` (default: its own size). */
export function exportSvgDocument(svg: SVGSVGElement, width = svg.clientWidth || Number(svg.getAttribute('width')), height = svg.clientHeight || Number(svg.getAttribute('height'))): string {
  const c = svg.cloneNode(true) as SVGSVGElement;
  c.removeAttribute('style');
  return svgDocumentText(asDocumentRoot(c, width, height));
}

/**
 * Makes `root` the root of a standalone document `width` × `height`: its namespace, size and viewBox set, and a white
 * background under everything it draws (after its <defs>, if any).
 */
export function asDocumentRoot(root: SVGSVGElement, width: number, height: number): SVGSVGElement {
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, version: '1.1', width, height, viewBox: `0 0 ${width} ${height}` })) root.setAttribute(k, String(v));
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  root.insertBefore(bg, root.querySelector(':scope > defs')?.nextSibling ?? root.firstChild);
  return root;
}

/** The text of a standalone SVG document whose root is `root`, with its XML declaration. */
export function svgDocumentText(root: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${new XMLSerializer().serializeToString(root)}`;
}

/** Width and height of a standalone SVG document (the attributes of its root element). */
export function svgDocumentSize(text: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(root)?.[1] ?? NaN);
  return { width: attr('width'), height: attr('height') };
}

/** Standalone SVG documents stacked top to bottom, `gap` apart, in one document on a white background. */
export function stackSvgDocuments(docs: readonly string[], gap = 8): string {
  const sizes = docs.map(svgDocumentSize);
  const width = Math.max(...sizes.map((s) => s.width));
  const height = sizes.reduce((a, s) => a + s.height, 0) + gap * Math.max(0, docs.length - 1);
  let y = 0;
  const inner = docs.map((d, i) => {
    const body = d.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^<svg\b/, `<svg x="0" y="${y}"`);
    y += sizes[i]!.height + gap;
    return body;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<svg xmlns="${SVG_NS}" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect width="${width}" height="${height}" fill="#ffffff"/>${inner.join('')}</svg>`;
}

/** A standalone SVG document rasterized to PNG at `scale` × its size. */
export async function svgToPngBlob(text: string, scale = 2): Promise<Blob> {
  const { width, height } = svgDocumentSize(text);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await drawSvgText(ctx, text, 0, 0, canvas.width, canvas.height);
  return canvasToPng(canvas);
}

/** Draws an SVG document into the rectangle (x, y, width, height) of a canvas (through an <img>, as the browser renders it). */
export async function drawSvgText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, height: number): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    ctx.drawImage(img, x, y, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob returned null'))), 'image/png'));
}

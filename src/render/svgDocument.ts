import { SVG_NS } from './svgScaffold';

/** A standalone SVG document of a drawn <svg> on a white background, `width` × `height` (default: its own size). */
export function exportSvgDocument(svg: SVGSVGElement, width = svg.clientWidth || Number(svg.getAttribute('width')), height = svg.clientHeight || Number(svg.getAttribute('height'))): string {
  const c = svg.cloneNode(true) as SVGSVGElement;
  c.removeAttribute('style');
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, version: '1.1', width, height, viewBox: `0 0 ${width} ${height}` })) c.setAttribute(k, String(v));
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  c.insertBefore(bg, c.querySelector('defs')?.nextSibling ?? c.firstChild);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${new XMLSerializer().serializeToString(c)}`;
}

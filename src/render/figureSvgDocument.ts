import { asDocumentRoot, exportSvgDocument, svgDocumentText } from './svgDocument';
import { FONT_FAMILY, SVG_NS } from './svgScaffold';

/**
 * One standalone SVG document of a drawn Observable Plot figure as it is laid out on screen: a bare <svg> as it is; a
 * <figure> (a plot with legends or a caption) with every <svg> in it (colour ramps, swatches, the plot) at its place,
 * and every line of its text (swatch labels, the caption) as an SVG <text> in the colour and font it is shown in. The
 * legends and the caption are HTML around the plot's <svg>, so exporting that <svg> alone would drop them.
 */
export function figureSvgDocument(figure: Element): string {
  if (figure instanceof SVGSVGElement) return exportSvgDocument(figure);
  const box = figure.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const root = asDocumentRoot(document.createElementNS(SVG_NS, 'svg'), width, height);
  for (const svg of figure.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue;
    const r = svg.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    const c = svg.cloneNode(true) as SVGSVGElement;
    // A swatch draws in its CSS colour (currentColor) unless it sets its own fill.
    const color = getComputedStyle(svg).color;
    c.removeAttribute('style');
    if (!c.getAttribute('color')) c.setAttribute('color', color);
    if (!c.getAttribute('viewBox')) c.setAttribute('viewBox', `0 0 ${r.width} ${r.height}`);
    for (const [k, v] of Object.entries({ x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height })) c.setAttribute(k, String(v));
    root.append(c);
  }
  for (const line of textLines(figure)) {
    const t = document.createElementNS(SVG_NS, 'text');
    const s = getComputedStyle(line.parent);
    for (const [k, v] of Object.entries({ x: line.x - box.left, y: line.baseline - box.top, fill: s.color, 'font-size': s.fontSize, 'font-weight': s.fontWeight, 'font-family': s.fontFamily || FONT_FAMILY })) t.setAttribute(k, String(v));
    t.textContent = line.text;
    root.append(t);
  }
  return svgDocumentText(root);
}

interface TextLine { readonly text: string; readonly x: number; readonly baseline: number; readonly parent: Element }

/** The text of `el` outside its <svg>s and <style>s, one entry per line as the browser wrapped it. */
function textLines(el: Element): TextLine[] {
  const lines: TextLine[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('svg, style, script') || !n.textContent?.trim() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const range = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const text = node.textContent ?? '';
    const parent = node.parentElement!;
    const descent = 0.22 * parseFloat(getComputedStyle(parent).fontSize || '11');
    // Words (with the spaces after them) grouped by the line box they sit on.
    let cur: { words: string[]; x: number; bottom: number; top: number } | null = null;
    const flush = () => { if (cur) lines.push({ text: cur.words.join('').trimEnd(), x: cur.x, baseline: cur.bottom - descent, parent }); };
    for (const m of text.matchAll(/\S+\s*/g)) {
      range.setStart(node, m.index!);
      range.setEnd(node, m.index! + m[0].trimEnd().length);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (cur && Math.abs(r.top - cur.top) < r.height / 2) cur.words.push(m[0]);
      else { flush(); cur = { words: [m[0]], x: r.left, bottom: r.bottom, top: r.top }; }
    }
    flush();
  }
  return lines;
}

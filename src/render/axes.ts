import { scaleLinear } from 'd3-scale';
import type { Domain } from '../landscapes/grid';
import type { PlotRect } from '../surface/coords';
import type { G } from './svgScaffold';

/** A tick of an axis: value, pixel position, label. */
export interface AxisTick {
  readonly value: number;
  readonly px: number;
  readonly label: string;
}

/**
 * Ticks of the x and y axes of a plot rectangle showing `domain` (y up): d3's nice ticks, about one per 80 px
 * horizontally and 50 px vertically. Pure.
 */
export function axisTicks(domain: Domain, rect: PlotRect): { x: AxisTick[]; y: AxisTick[] } {
  const sx = scaleLinear().domain([domain.x0, domain.x1]).range([rect.left, rect.left + rect.width]);
  const sy = scaleLinear().domain([domain.y0, domain.y1]).range([rect.top + rect.height, rect.top]);
  const nx = Math.max(2, Math.floor(rect.width / 80));
  const ny = Math.max(2, Math.floor(rect.height / 50));
  const fx = sx.tickFormat(nx);
  const fy = sy.tickFormat(ny);
  return {
    x: sx.ticks(nx).map((v) => ({ value: v, px: sx(v), label: fx(v) })),
    y: sy.ticks(ny).map((v) => ({ value: v, px: sy(v), label: fy(v) })),
  };
}

/** Frame, ticks and labels of both axes (named `names`), for the domain currently on screen. */
export function drawAxes(g: G, domain: Domain, rect: PlotRect, color: string, names: readonly [string, string] = ['x', 'y']): void {
  g.selectAll('*').remove();
  const { x, y } = axisTicks(domain, rect);
  const bottom = rect.top + rect.height;
  g.append('rect').attr('x', rect.left).attr('y', rect.top).attr('width', rect.width).attr('height', rect.height)
    .attr('fill', 'none').attr('stroke', color).attr('stroke-opacity', 0.6).attr('stroke-width', 1);
  const xg = g.append('g').attr('text-anchor', 'middle');
  for (const t of x) {
    xg.append('line').attr('x1', t.px).attr('x2', t.px).attr('y1', bottom).attr('y2', bottom + 5).attr('stroke', color);
    xg.append('text').attr('x', t.px).attr('y', bottom + 16).text(t.label);
  }
  const yg = g.append('g').attr('text-anchor', 'end');
  for (const t of y) {
    yg.append('line').attr('x1', rect.left - 5).attr('x2', rect.left).attr('y1', t.px).attr('y2', t.px).attr('stroke', color);
    yg.append('text').attr('x', rect.left - 8).attr('y', t.px).attr('dy', '0.35em').text(t.label);
  }
  g.append('text').attr('x', rect.left + rect.width).attr('y', bottom + 29).attr('text-anchor', 'end')
    .attr('font-style', 'italic').attr('font-size', 12).text(names[0]);
  g.append('text').attr('x', rect.left - 8).attr('y', rect.top - 11).attr('text-anchor', 'end')
    .attr('font-style', 'italic').attr('font-size', 12).text(names[1]);
}

import { select, type Selection } from 'd3-selection';
import { HATCH_BG, HATCH_LINE } from './heatmapLayer';

/**
 * The SVG overlay's fixed structure. Every style is a presentation attribute (no CSS classes), so a clone of the
 * element is a complete standalone figure for export.
 *
 *   svg
 *   ├ defs: plot clip path, NaN hatch, saddle hatch, colour-bar gradient
 *   ├ title
 *   ├ plot (clipped to the plot rectangle)
 *   │  ├ bg: empty on screen (the canvas is below); the export puts the no-data fill here
 *   │  └ zoom (the zoom/pan transform during a gesture)
 *   │     ├ heat: empty on screen; the export puts the heatmap <image> here
 *   │     └ curvature, contours, eigen, critical, trajectories, markers
 *   ├ axes, colorbar, legend
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export type G = Selection<SVGGElement, unknown, null, undefined>;

export interface ScaffoldIds {
  readonly clip: string;
  readonly nanHatch: string;
  readonly saddleHatch: string;
  readonly gradient: string;
}

export interface Scaffold {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  readonly ids: ScaffoldIds;
  readonly clipRect: Selection<SVGRectElement, unknown, null, undefined>;
  readonly gradient: Selection<SVGLinearGradientElement, unknown, null, undefined>;
  readonly title: Selection<SVGTextElement, unknown, null, undefined>;
  readonly plot: G;
  readonly bg: G;
  readonly zoom: G;
  readonly heat: G;
  readonly curvature: G;
  readonly contours: G;
  readonly eigen: G;
  readonly critical: G;
  readonly trajectories: G;
  readonly markers: G;
  readonly axes: G;
  readonly colorbar: G;
  readonly legend: G;
}

/** Builds the structure inside an empty <svg>; ids are prefixed with uid so several views can share a page. */
export function createScaffold(svgEl: SVGSVGElement, uid: string, textColor: string): Scaffold {
  const svg = select(svgEl)
    .attr('xmlns', SVG_NS)
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 11)
    .attr('fill', textColor);
  const ids: ScaffoldIds = { clip: `${uid}-clip`, nanHatch: `${uid}-nan`, saddleHatch: `${uid}-saddle`, gradient: `${uid}-cbar` };
  const defs = svg.append('defs');
  const clipRect = defs.append('clipPath').attr('id', ids.clip).append('rect');

  const nan = defs.append('pattern').attr('id', ids.nanHatch).attr('data-pattern', 'nan').attr('patternUnits', 'userSpaceOnUse').attr('width', 8).attr('height', 8);
  nan.append('rect').attr('width', 8).attr('height', 8).attr('fill', HATCH_BG);
  nan.append('path').attr('d', 'M-2,10L10,-2M-2,2L2,-2M6,10L10,6').attr('stroke', HATCH_LINE).attr('stroke-width', 1.5);

  const saddle = defs.append('pattern').attr('id', ids.saddleHatch).attr('patternUnits', 'userSpaceOnUse').attr('width', 7).attr('height', 7);
  saddle.append('rect').attr('width', 7).attr('height', 7).attr('fill', 'rgba(0,0,0,0.14)');
  saddle.append('path').attr('d', 'M-1,-1L8,8M-1,6L1,8M6,-1L8,1').attr('stroke', 'rgba(255,255,255,0.7)').attr('stroke-width', 1.2);

  const gradient = defs.append('linearGradient').attr('id', ids.gradient).attr('x1', 0).attr('y1', 1).attr('x2', 0).attr('y2', 0);

  const title = svg.append('text').attr('font-size', 13).attr('font-weight', 600).attr('dominant-baseline', 'alphabetic');
  const plot = svg.append('g').attr('clip-path', `url(#${ids.clip})`);
  const bg = plot.append('g').attr('data-layer', 'bg');
  const zoom = plot.append('g').attr('data-layer', 'zoom');
  const layer = (name: string) => zoom.append('g').attr('data-layer', name);
  const heat = layer('heat');
  const curvature = layer('curvature');
  const contours = layer('contours').attr('fill', 'none').attr('stroke-linejoin', 'round').attr('stroke-linecap', 'round');
  const eigen = layer('eigen').attr('fill', 'none').attr('stroke-linecap', 'round');
  const critical = layer('critical');
  const trajectories = layer('trajectories').attr('fill', 'none').attr('stroke-linejoin', 'round').attr('stroke-linecap', 'round');
  const markers = layer('markers');
  return {
    svg, ids, clipRect, gradient, title, plot, bg, zoom, heat, curvature, contours, eigen, critical, trajectories, markers,
    axes: svg.append('g').attr('data-layer', 'axes'), colorbar: svg.append('g').attr('data-layer', 'colorbar'),
    legend: svg.append('g').attr('data-layer', 'legend'),
  };
}

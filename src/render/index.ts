/**
 * The surface renderers (architecture.md, convention 8): d3 owns what is inside the canvas and the svg, the
 * caller owns the container element. createSurfaceView(container, opts) → { update, destroy, toSvg, toPngBlob, … }.
 */
export { createSurfaceView } from './surfaceView';
export type {
  CriticalPointMark, DataPoint, FrameStats, RunTrace, SurfaceView, SurfaceViewOptions, SurfaceViewState, ViewMarker,
} from './types';
export type { TraceKey, TraceKeySection } from './colorbar';
export {
  DEFAULT_MARGINS, dataToPx, domainsEqual, fitDomainToAspect, plotRectFor, pxToData, pxToDataZoomed, zoomedDomain,
  type AspectMode, type Margins, type PlotFrame, type PlotRect, type ZoomXf,
} from '../surface/coords';
export { COLORMAPS, formatReadout } from '../surface/colorScale';
export { CURVATURE_NEG, CURVATURE_POS, CRITICAL_SHAPES } from './overlays';

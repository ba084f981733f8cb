import type { GridFields } from '../landscapes/grid';
import { landscapeById } from '../landscapes/registry';
import {
  colormapLut, type ColormapId, type ColorScaleMode, contourLevels, finiteRange, makeValueTransform, resolveLogScale, type ContourLevel, type ValueRange, type ValueTransform,
} from './colorScale';
import {
  flatPolygonFillPath, flatPolygons, nodeAffine, polylinePath, regionPolygons, subsample, transformedField,
  type FlatPolygons,
} from './contourPaths';
import { frameAffine, frameKey, plotRectFor, type AspectMode, type Margins, type PlotFrame } from './coords';
import { curvatureFields, glyphPath, sampleEigenGlyphs } from './eigenField';
import { isolines as isolinesOf } from './isolines';

/**
 * The per-grid products of the surface view (value range, heatmap pixels, contour lines, curvature regions,
 * eigenvector glyphs), as pure functions with no DOM, so that the surface worker can derive them right after it
 * computes a grid and send them along (architecture: workers compute, the UI draws). They travel through the store
 * with the grid (the surface result) to the view, which uses a product only when every input it depends on matches
 * its own (colormap, scale, counts, strides, the exact frame); otherwise it computes the same thing itself with the
 * same functions, so what is drawn never depends on who computed it.
 */

/** Contours run on the field subsampled to about one node per 1.5 px (a finer grid adds nothing visible). */
export const contourMaxNodes = (side: number): number => 32 * Math.max(2, Math.ceil(side / 1.5 / 32));
/** Region fills on at most ~one node per 3 px (the boundaries are interpolated, fills need no more). */
export const regionMaxNodes = (side: number): number => 32 * Math.min(8, Math.max(2, Math.ceil(side / 3 / 32)));

/**
 * Whether the surface is coloured and contoured on the log scale: the params' choice, with 'auto' resolved by the
 * landscape where it says so, and left 'auto' (decided on the values, resolveLogScale) where it does not.
 */
export function surfaceLogScale(p: { readonly scale: ColorScaleMode; readonly landscape: string }): boolean | 'auto' {
  if (p.scale !== 'auto') return p.scale === 'log';
  return landscapeById(p.landscape)?.logScale ? true : 'auto';
}

/** The view's size and layout options, which fix the plot frame of a grid drawn in its own domain. */
export interface ProductLayout {
  readonly width: number;
  readonly height: number;
  readonly margins: Margins;
  readonly aspect: AspectMode;
  readonly glyphSpacing: number;
  readonly epsRel: number;
}

/** What to derive along with a grid: the view parameters the products depend on. */
export interface GridProductRequest {
  readonly colormap: ColormapId;
  /** The scale, or 'auto': decided on the grid's values (resolveLogScale), as the view decides it. */
  readonly log: boolean | 'auto';
  /** 0: no contours. */
  readonly contourCount: number;
  readonly curvature: boolean;
  readonly eigenvectors: boolean;
  /** Without a layout only the frame-independent products (range, heatmap pixels) are derived. */
  readonly layout: ProductLayout | null;
}

/** Heatmap pixels: RGBA, one pixel per node, row j = 0 (y0) at the bottom (as renderHeatmapImage draws it). */
export interface HeatProduct {
  readonly colormap: ColormapId;
  readonly log: boolean;
  readonly epsRel: number;
  readonly rgba: Uint8ClampedArray;
  readonly invalid: number;
}

export interface ContourProduct {
  readonly log: boolean;
  readonly epsRel: number;
  readonly count: number;
  readonly stride: number;
  /** Polylines per level in subsampled node coordinates (isolines' format). */
  readonly lines: Float64Array[];
  /** The frame key the paths were built for, and the paths (pixels). */
  readonly frameKey: string;
  readonly paths: string[];
}

export interface RegionProduct {
  readonly stride: number;
  readonly convex: FlatPolygons;
  readonly saddle: FlatPolygons;
  readonly concave: FlatPolygons;
  readonly frameKey: string;
  readonly paths: { readonly convex: string; readonly saddle: string; readonly concave: string };
}

export interface EigenProduct {
  readonly spacing: number;
  readonly frameKey: string;
  readonly pos: string;
  readonly neg: string;
}

export interface GridProducts {
  readonly range: ValueRange;
  readonly heat?: HeatProduct;
  readonly contours?: ContourProduct;
  readonly regions?: RegionProduct;
  readonly eigen?: EigenProduct;
}

/** Colours every node through the value transform and an RGBA lookup table (transparent where f is not finite). */
export function heatmapRgba(f: Float32Array, nx: number, ny: number, xf: ValueTransform, lut: Uint8ClampedArray): { rgba: Uint8ClampedArray; invalid: number } {
  const data = new Uint8ClampedArray(4 * nx * ny);
  const top = lut.length / 4 - 1;
  const dt = xf.t1 - xf.t0;
  const inv = dt > 0 ? top / dt : 0;
  const mid = (top / 2) | 0;
  const { min, eps, t0 } = xf;
  let invalid = 0;
  for (let j = 0; j < ny; j++) {
    let o = 4 * (ny - 1 - j) * nx;
    const row = j * nx;
    for (let i = 0; i < nx; i++, o += 4) {
      const v = f[row + i]!;
      if (v - v !== 0) { invalid++; data[o + 3] = 0; continue; }
      let idx: number;
      if (inv === 0) idx = mid;
      else {
        const t = xf.log ? Math.log10(v - min + eps) : v;
        idx = ((t - t0) * inv + 0.5) | 0;
        idx = idx < 0 ? 0 : idx > top ? top : idx;
      }
      const q = 4 * idx;
      data[o] = lut[q]!;
      data[o + 1] = lut[q + 1]!;
      data[o + 2] = lut[q + 2]!;
      data[o + 3] = 255;
    }
  }
  return { rgba: data, invalid };
}

/** Contour lines of every level on f subsampled to at most maxNodes per side. */
export function contourLines(g: GridFields, xf: ValueTransform, levels: readonly ContourLevel[], maxNodes: number): { lines: Float64Array[]; stride: number } {
  const s = subsample(g.f, g.spec.nx, g.spec.ny, maxNodes);
  return { lines: isolinesOf(transformedField(s.values, xf), s.nx, s.ny, levels.map((l) => l.t)), stride: s.stride };
}

/** Convex / saddle / concave regions of the Hessian field subsampled to at most maxNodes per side. */
export function curvatureRegions(g: GridFields, maxNodes: number): { convex: FlatPolygons; saddle: FlatPolygons; concave: FlatPolygons; stride: number } {
  const { nx, ny } = g.spec;
  const sub = (f: Float32Array) => subsample(f, nx, ny, maxNodes);
  const hxx = sub(g.hxx);
  const cf = curvatureFields({ hxx: hxx.values, hxy: sub(g.hxy).values, hyy: sub(g.hyy).values });
  const poly = (f: Float32Array) => flatPolygons(regionPolygons(f, hxx.nx, hxx.ny, cf.tol));
  return { convex: poly(cf.convex), saddle: poly(cf.saddle), concave: poly(cf.concave), stride: hxx.stride };
}

/** Region fill paths (pixels) for regions computed with the given stride, drawn in frame `fr`. */
export function regionPathsFor(g: GridFields, r: { convex: FlatPolygons; saddle: FlatPolygons; concave: FlatPolygons; stride: number }, fr: PlotFrame) {
  const map = nodeAffine(g.spec, frameAffine(fr), r.stride, 0.5);
  return { convex: flatPolygonFillPath(r.convex, map), saddle: flatPolygonFillPath(r.saddle, map), concave: flatPolygonFillPath(r.concave, map) };
}

/** Contour paths (pixels) of lines computed with the given stride, drawn in frame `fr`. */
export function contourPathsFor(g: GridFields, lines: readonly Float64Array[], stride: number, fr: PlotFrame): string[] {
  const map = nodeAffine(g.spec, frameAffine(fr), stride);
  return lines.map((l) => polylinePath(l, map));
}

/** Eigenvector glyph paths (positive, negative eigenvalues) on the pixel lattice of frame `fr`. */
export function eigenPathsFor(g: GridFields, fr: PlotFrame, spacing: number): { pos: string; neg: string } {
  const glyphs = sampleEigenGlyphs(g, fr, { spacing });
  return { pos: glyphPath(glyphs, 1), neg: glyphPath(glyphs, -1) };
}

/** Everything the request asks for, computed exactly as the view would for a grid shown in its own domain. */
export function computeGridProducts(g: GridFields, req: GridProductRequest): GridProducts {
  const range = finiteRange(g.f);
  const epsRel = req.layout?.epsRel;
  if (epsRel === undefined) return { range };
  const log = resolveLogScale(req.log, g.f);
  const xf = makeValueTransform(range, log, epsRel);
  const { nx, ny } = g.spec;
  const hp = heatmapRgba(g.f, nx, ny, xf, colormapLut(req.colormap));
  const heat: HeatProduct = { colormap: req.colormap, log, epsRel, rgba: hp.rgba, invalid: hp.invalid };
  const L = req.layout!;
  const w = L.width;
  const h = L.height;
  if (!(w > 0 && h > 0)) return { range, heat };
  const rect = plotRectFor(w, h, L.margins, g.spec.domain, L.aspect);
  const fr: PlotFrame = { domain: g.spec.domain, rect };
  const fk = frameKey(fr, w, h);
  const side = Math.max(rect.width, rect.height);
  let contours: ContourProduct | undefined;
  const levels = req.contourCount > 0 ? contourLevels(xf, req.contourCount) : [];
  if (levels.length > 0) {
    const c = contourLines(g, xf, levels, contourMaxNodes(side));
    contours = { log, epsRel, count: req.contourCount, stride: c.stride, lines: c.lines, frameKey: fk, paths: contourPathsFor(g, c.lines, c.stride, fr) };
  }
  let regions: RegionProduct | undefined;
  if (req.curvature) {
    const r = curvatureRegions(g, regionMaxNodes(side));
    regions = { ...r, frameKey: fk, paths: regionPathsFor(g, r, fr) };
  }
  let eigen: EigenProduct | undefined;
  if (req.eigenvectors) eigen = { spacing: L.glyphSpacing, frameKey: fk, ...eigenPathsFor(g, fr, L.glyphSpacing) };
  return { range, heat, ...(contours ? { contours } : {}), ...(regions ? { regions } : {}), ...(eigen ? { eigen } : {}) };
}

/** The buffers of a products object, to transfer with it. */
export function productsTransferList(p: GridProducts): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (p.heat) out.push(p.heat.rgba.buffer as ArrayBuffer);
  if (p.contours) for (const l of p.contours.lines) out.push(l.buffer as ArrayBuffer);
  if (p.regions) for (const r of [p.regions.convex, p.regions.saddle, p.regions.concave]) out.push(r.coords.buffer as ArrayBuffer, r.rings.buffer as ArrayBuffer);
  return out.filter((b, i) => b.byteLength > 0 && out.indexOf(b) === i);
}

/** Two layouts give the same plot frame (so products derived for one fit the other). */
export function sameLayout(a: ProductLayout, b: ProductLayout): boolean {
  return a.width === b.width && a.height === b.height && a.aspect === b.aspect && a.glyphSpacing === b.glyphSpacing && a.epsRel === b.epsRel
    && a.margins.top === b.margins.top && a.margins.right === b.margins.right && a.margins.bottom === b.margins.bottom && a.margins.left === b.margins.left;
}

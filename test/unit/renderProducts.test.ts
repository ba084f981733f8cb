import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { evalGridJs, type GridFields, type GridSpec } from '../../src/landscapes/grid';
import { colormapLut, contourLevels, finiteRange, makeValueTransform, type ValueTransform } from '../../src/surface/colorScale';
import {
  flatPolygonFillPath, flatPolygons, multiPolygonFillPath, nodeAffine, polylinePath, regionPolygons, subsample, subsampleStride,
  transformedField,
} from '../../src/surface/contourPaths';
import { DEFAULT_MARGINS, frameAffine, frameKey, plotRectFor, type PlotFrame } from '../../src/surface/coords';
import { curvatureFields, glyphPath, sampleEigenGlyphs } from '../../src/surface/eigenField';
import {
  computeGridProducts, contourMaxNodes, heatmapRgba, productsTransferList, regionMaxNodes, surfaceLogScale, type GridProductRequest,
  type ProductLayout,
} from '../../src/surface/gridProducts';
import { isolines } from '../../src/surface/isolines';

/**
 * The products the surface worker derives with a grid must equal what the view computes on the main thread. The
 * references below restate the view's original main-thread pipeline step by step (before it was shared).
 */

const LAYOUT: ProductLayout = { width: 900, height: 700, margins: DEFAULT_MARGINS, aspect: 'equal', glyphSpacing: 28, epsRel: 1e-4 };

function grid(formula: string, spec: GridSpec): GridFields {
  return evalGridJs(compileFormula(formula), spec);
}

/** The heatmap colouring loop of the original renderHeatmapImage, written independently. */
function referenceRgba(g: GridFields, xf: ValueTransform, lut: Uint8ClampedArray): { rgba: Uint8ClampedArray; invalid: number } {
  const { nx, ny } = g.spec;
  const out = new Uint8ClampedArray(4 * nx * ny);
  const top = lut.length / 4 - 1;
  const dt = xf.t1 - xf.t0;
  let invalid = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = g.f[j * nx + i]!;
      const o = 4 * ((ny - 1 - j) * nx + i);
      if (!Number.isFinite(v)) { invalid++; continue; }
      const idx = dt > 0 ? Math.min(top, Math.max(0, Math.floor((xf.apply(v) - xf.t0) * (top / dt) + 0.5))) : (top / 2) | 0;
      out.set(lut.subarray(4 * idx, 4 * idx + 4), o);
    }
  }
  return { rgba: out, invalid };
}

function viewFrame(g: GridFields, layout = LAYOUT): { fr: PlotFrame; fk: string; side: number } {
  const rect = plotRectFor(layout.width, layout.height, layout.margins, g.spec.domain, layout.aspect);
  const fr = { domain: g.spec.domain, rect };
  return { fr, fk: frameKey(fr, layout.width, layout.height), side: Math.max(rect.width, rect.height) };
}

const CASES: { name: string; formula: string; spec: GridSpec; log: boolean }[] = [
  { name: 'Rosenbrock, log scale', formula: '(1 - x)^2 + 100 * (y - x^2)^2', spec: { domain: { x0: -2, x1: 2, y0: -1, y1: 3 }, nx: 160, ny: 160 }, log: true },
  { name: 'Himmelblau, linear, non-square', formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', spec: { domain: { x0: -5, x1: 5, y0: -4, y1: 4 }, nx: 150, ny: 121 }, log: false },
  { name: 'undefined regions (NaN and ∞)', formula: 'log(x) + sqrt(y) * x * y', spec: { domain: { x0: -1, x1: 2, y0: -1, y1: 2 }, nx: 97, ny: 97 }, log: false },
];

describe('worker-derived drawing products', () => {
  for (const c of CASES) {
    it(`equal the main-thread ones: ${c.name}`, () => {
      const g = grid(c.formula, c.spec);
      const req: GridProductRequest = { colormap: 'magma', log: c.log, contourCount: 12, curvature: true, eigenvectors: true, layout: LAYOUT };
      const p = computeGridProducts(g, req);
      const range = finiteRange(g.f);
      expect(p.range).toEqual(range);
      const xf = makeValueTransform(range, c.log, LAYOUT.epsRel);

      const ref = referenceRgba(g, xf, colormapLut('magma'));
      expect(p.heat!.invalid).toBe(ref.invalid);
      expect(p.heat!.rgba).toEqual(ref.rgba);
      expect(heatmapRgba(g.f, c.spec.nx, c.spec.ny, xf, colormapLut('magma')).rgba).toEqual(ref.rgba);

      const { fr, fk, side } = viewFrame(g);
      const a = frameAffine(fr);
      // Contours: subsample, transform, marching squares, paths.
      const levels = contourLevels(xf, 12);
      const s = subsample(g.f, c.spec.nx, c.spec.ny, contourMaxNodes(side));
      const lines = isolines(transformedField(s.values, xf), s.nx, s.ny, levels.map((l) => l.t));
      const map = nodeAffine(g.spec, a, s.stride);
      expect(p.contours!.stride).toBe(s.stride);
      expect(p.contours!.frameKey).toBe(fk);
      expect(p.contours!.lines).toEqual(lines);
      expect(p.contours!.paths).toEqual(lines.map((l) => polylinePath(l, map)));

      // Curvature regions via d3-contour polygons.
      const maxN = regionMaxNodes(side);
      const sub = (f: Float32Array) => subsample(f, c.spec.nx, c.spec.ny, maxN);
      const hxx = sub(g.hxx);
      const cf = curvatureFields({ hxx: hxx.values, hxy: sub(g.hxy).values, hyy: sub(g.hyy).values });
      const rmap = nodeAffine(g.spec, a, hxx.stride, 0.5);
      const regionPath = (f: Float32Array) => multiPolygonFillPath(regionPolygons(f, hxx.nx, hxx.ny, cf.tol), rmap);
      expect(p.regions!.stride).toBe(hxx.stride);
      expect(p.regions!.paths).toEqual({ convex: regionPath(cf.convex), saddle: regionPath(cf.saddle), concave: regionPath(cf.concave) });

      // Eigenvector glyphs.
      const glyphs = sampleEigenGlyphs(g, fr, { spacing: 28 });
      expect(p.eigen!.frameKey).toBe(fk);
      expect(p.eigen!.pos).toBe(glyphPath(glyphs, 1));
      expect(p.eigen!.neg).toBe(glyphPath(glyphs, -1));
      expect(p.eigen!.pos.length + p.eigen!.neg.length).toBeGreaterThan(0);
    });
  }

  it('derives only what is asked for, and only the range without a layout', () => {
    const g = grid('x^2 - y^2', { domain: { x0: -1, x1: 1, y0: -1, y1: 1 }, nx: 64, ny: 64 });
    const bare = computeGridProducts(g, { colormap: 'viridis', log: false, contourCount: 10, curvature: true, eigenvectors: true, layout: null });
    expect(Object.keys(bare)).toEqual(['range']);
    const some = computeGridProducts(g, { colormap: 'viridis', log: false, contourCount: 0, curvature: false, eigenvectors: false, layout: LAYOUT });
    expect(Object.keys(some).sort()).toEqual(['heat', 'range']);
  });

  it('survive a transfer through structured clone unchanged', () => {
    const g = grid('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { domain: { x0: -5, x1: 5, y0: -5, y1: 5 }, nx: 80, ny: 80 });
    const p = computeGridProducts(g, { colormap: 'viridis', log: true, contourCount: 8, curvature: true, eigenvectors: false, layout: LAYOUT });
    const copy = structuredClone(p);
    const moved = structuredClone(p, { transfer: productsTransferList(p) });
    expect(moved).toEqual(copy);
    expect(p.heat!.rgba.byteLength).toBe(0); // transferred, not cloned
  });

  it('flattened polygons give the same fill path as the multipolygon', () => {
    const g = grid('sin(3 * x) * cos(2 * y)', { domain: { x0: -2, x1: 2, y0: -2, y1: 2 }, nx: 70, ny: 70 });
    const mp = regionPolygons(g.f, 70, 70, 0.2);
    const map = { ax: 3.3, bx: 10.1, ay: -2.7, by: 400.5 };
    expect(mp.coordinates.length).toBeGreaterThan(1);
    expect(flatPolygonFillPath(flatPolygons(mp), map)).toBe(multiPolygonFillPath(mp, map));
  });

  it('uses subsample()’s stride and resolves the auto log scale from the landscape, else leaves it to the values', () => {
    for (const [n, m] of [[384, 480], [384, 256], [100, 64], [7, 2]] as const) expect(subsampleStride(n, n, m)).toBe(subsample(new Float32Array(n * n), n, n, m).stride);
    expect(surfaceLogScale({ scale: 'auto', landscape: 'rosenbrock' })).toBe(true);
    expect(surfaceLogScale({ scale: 'auto', landscape: 'rastrigin' })).toBe('auto');
    expect(surfaceLogScale({ scale: 'log', landscape: 'rastrigin' })).toBe(true);
    expect(surfaceLogScale({ scale: 'linear', landscape: 'rosenbrock' })).toBe(false);
  });
});

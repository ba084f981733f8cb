import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { allocGridFields, evalGridJs, gridX, gridY, type GridSpec } from '../../src/landscapes/grid';
import { symEig2 } from '../../src/math/symEig2';
import { axisTicks } from '../../src/render/axes';
import {
  colorbarTicks, colormapLut, contourLevels, contourStroke, finiteRange, formatReadout, formatTick, makeValueTransform,
  parseCssColor,
} from '../../src/surface/colorScale';
import { nodeAffine, polylinePath, subsample, transformedField } from '../../src/surface/contourPaths';
import {
  dataToPx, fitDomainToAspect, frameAffine, plotRectFor, pxToData, pxToDataZoomed, zoomedDomain, type PlotFrame,
} from '../../src/surface/coords';
import { curvatureFields, glyphPath, sampleEigenGlyphs, sampleGrid } from '../../src/surface/eigenField';
import { createFrameScheduler } from '../../src/render/frameScheduler';
import { heatmapImageRect } from '../../src/render/heatmapLayer';
import { isolines } from '../../src/surface/isolines';
import { lastFiniteIndex, pointAtStep, pointCount, trajectoryPath } from '../../src/surface/trajectoryPath';
import { mulberry32 } from '../../src/math/rng';


const FRAME: PlotFrame = { domain: { x0: -2, x1: 4, y0: -1, y1: 3 }, rect: { left: 50, top: 24, width: 600, height: 400 } };

describe('colour scale', () => {
  it('takes the range of the finite values only and counts NaN/±∞ apart', () => {
    const r = finiteRange(new Float32Array([3, NaN, -2, Infinity, 7, -Infinity, 0]));
    expect(r).toEqual({ min: -2, max: 7, finite: 4, nonFinite: 3 });
    const none = finiteRange([NaN, Infinity]);
    expect(none.finite).toBe(0);
    expect(Number.isFinite(none.min) && Number.isFinite(none.max)).toBe(true);
  });

  it('log transform is monotone, maps the range onto [0, 1] and inverts', () => {
    const xf = makeValueTransform({ min: -3, max: 2500, finite: 2, nonFinite: 0 }, true);
    expect(xf.eps).toBeCloseTo(1e-4 * 2503, 10);
    expect(xf.unit(-3)).toBe(0);
    expect(xf.unit(2500)).toBe(1);
    let prev = -Infinity;
    for (let f = -3; f <= 2500; f += 0.37) {
      const t = xf.apply(f);
      expect(t).toBeGreaterThan(prev);
      prev = t;
      expect(xf.invert(t)).toBeCloseTo(f, 6);
    }
    expect(xf.unit(-10)).toBe(0); // below the range (log of a negative): clamped, not NaN
    expect(xf.unit(1e9)).toBe(1);
  });

  it('a constant field gives the middle colour, not NaN', () => {
    const xf = makeValueTransform(finiteRange([5, 5, 5]), true);
    expect(xf.unit(5)).toBe(0.5);
  });

  it('contour levels lie strictly inside the range, evenly spaced in t', () => {
    for (const log of [false, true]) {
      const xf = makeValueTransform({ min: 0.5, max: 900, finite: 2, nonFinite: 0 }, log);
      const lv = contourLevels(xf, 20);
      expect(lv).toHaveLength(20);
      const dt = (xf.t1 - xf.t0) / 21;
      lv.forEach((l, k) => {
        expect(l.t).toBeCloseTo(xf.t0 + (k + 1) * dt, 9);
        expect(l.f).toBeGreaterThan(0.5);
        expect(l.f).toBeLessThan(900);
        expect(xf.apply(l.f)).toBeCloseTo(l.t, 6);
        expect(l.u).toBeCloseTo(xf.unit(l.f), 6);
      });
      if (log) { // geometric in f − min + ε
        const g = lv.map((l) => l.f - xf.min + xf.eps);
        for (let k = 2; k < g.length; k++) expect(g[k]! / g[k - 1]!).toBeCloseTo(g[1]! / g[0]!, 6);
      }
    }
    expect(contourLevels(makeValueTransform(finiteRange([1, 1]), false), 10)).toEqual([]);
    expect(contourLevels(makeValueTransform(finiteRange([0, 1]), false), 0)).toEqual([]);
  });

  it('colour-bar ticks are labelled with f, sorted, inside the range, also on the log scale', () => {
    for (const [min, max] of [[0, 2500], [-78.33, 250], [1e-3, 1.2e7], [0.25, 0.26]] as const) {
      for (const log of [false, true]) {
        const xf = makeValueTransform({ min, max, finite: 2, nonFinite: 0 }, log);
        const ticks = colorbarTicks(xf, 6);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(7);
        for (let i = 0; i < ticks.length; i++) {
          const t = ticks[i]!;
          expect(t.f).toBeGreaterThanOrEqual(min - 1e-12);
          expect(t.f).toBeLessThanOrEqual(max + 1e-9);
          expect(t.u).toBeCloseTo(xf.unit(t.f), 9);
          if (i > 0) expect(t.u).toBeGreaterThan(ticks[i - 1]!.u);
          const parsed = Number(t.label);
          expect(Number.isFinite(parsed)).toBe(true);
          expect(Math.abs(parsed - t.f)).toBeLessThanOrEqual(Math.max(Math.abs(t.f) * 0.051, (max - min) * 1e-3));
        }
        if (log) expect(ticks[0]!.u).toBe(0);
      }
    }
  });

  it('log ticks of a sum of squares are the nice values themselves', () => {
    const xf = makeValueTransform({ min: 0.023, max: 200, finite: 2, nonFinite: 0 }, true);
    const labels = colorbarTicks(xf, 12).map((t) => t.label);
    expect(labels[0]).toBe('0.023');
    for (const l of ['0.1', '1', '10', '100']) expect(labels).toContain(l);
  });

  it('builds lookup tables from the d3 colormaps and picks contrasting contour strokes', () => {
    const lut = colormapLut('viridis');
    expect(lut.length).toBe(4 * 256);
    expect([lut[0], lut[1], lut[2], lut[3]]).toEqual(parseCssColor('#440154').concat(255));
    expect(colormapLut('cividis').length).toBe(1024);
    expect(parseCssColor('rgb(0, 34, 78)')).toEqual([0, 34, 78]);
    expect(contourStroke('viridis', 0.02)).toMatch(/255/); // light line on dark purple
    expect(contourStroke('viridis', 0.98)).toMatch(/rgba\(0,0,0/); // dark line on yellow
  });

  it('formats numbers', () => {
    expect(formatTick(0.1, 0.01)).toBe('0.1');
    expect(formatTick(20, 10)).toBe('20');
    expect(formatTick(3e-6, 1e-7)).toBe('3e-6');
    expect(formatReadout(3.14159265)).toBe('3.142');
    expect(formatReadout(-1.5e-7)).toBe('-1.5e-7');
    expect(formatReadout(NaN)).toBe('NaN');
  });
});

describe('coordinates', () => {
  it('data ↔ pixel transforms invert each other, y up', () => {
    const rng = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const x = -2 + 6 * rng();
      const y = -1 + 4 * rng();
      const [px, py] = dataToPx(FRAME, x, y);
      const [x2, y2] = pxToData(FRAME, px, py);
      expect(x2).toBeCloseTo(x, 10);
      expect(y2).toBeCloseTo(y, 10);
    }
    expect(dataToPx(FRAME, -2, 3)).toEqual([50, 24]); // top-left corner is (x0, y1)
    expect(dataToPx(FRAME, 4, -1)).toEqual([650, 424]);
  });

  it("aspect 'equal' keeps one data unit equally long in x and y", () => {
    const d = { x0: -3, x1: 3, y0: -2, y1: 2 };
    const r = plotRectFor(800, 500, { top: 20, right: 100, bottom: 30, left: 50 }, d, 'equal');
    expect(r.width / 6).toBeCloseTo(r.height / 4, 9);
    expect(r.width).toBeCloseTo(650, 9); // width-bound, centred vertically
    expect(r.top).toBeCloseTo(20 + (450 - 650 / 1.5) / 2, 9);
    const fill = plotRectFor(800, 500, { top: 20, right: 100, bottom: 30, left: 50 }, d, 'fill');
    expect([fill.width, fill.height]).toEqual([650, 450]);
    const fitted = fitDomainToAspect(d, 650, 450);
    expect((fitted.x1 - fitted.x0) / (fitted.y1 - fitted.y0)).toBeCloseTo(650 / 450, 9);
    expect(fitted.x0 <= d.x0 && fitted.x1 >= d.x1 && fitted.y0 <= d.y0 && fitted.y1 >= d.y1).toBe(true);
  });

  it('the zoomed domain is what the zoom transform shows', () => {
    expect(zoomedDomain(FRAME, { k: 1, x: 0, y: 0 })).toEqual(FRAME.domain);
    const cx = 350;
    const cy = 224; // centre of the rect
    const t = { k: 2, x: cx - 2 * cx, y: cy - 2 * cy }; // zoom ×2 about the centre
    const d = zoomedDomain(FRAME, t);
    expect(d.x0).toBeCloseTo(-0.5, 9);
    expect(d.x1).toBeCloseTo(2.5, 9);
    expect(d.y0).toBeCloseTo(0, 9);
    expect(d.y1).toBeCloseTo(2, 9);
    // A pixel under the transform reads the same data point in the zoomed frame without a transform.
    const after: PlotFrame = { domain: d, rect: FRAME.rect };
    const [xa, ya] = pxToDataZoomed(FRAME, t, 123, 321);
    const [xb, yb] = pxToData(after, 123, 321);
    expect(xa).toBeCloseTo(xb, 9);
    expect(ya).toBeCloseTo(yb, 9);
  });

  it('axis ticks lie in the domain, y pixels grow downward', () => {
    const { x, y } = axisTicks(FRAME.domain, FRAME.rect);
    expect(x.length).toBeGreaterThanOrEqual(3);
    for (const t of x) expect(t.px).toBeCloseTo(dataToPx(FRAME, t.value, 0)[0], 9);
    for (let i = 1; i < y.length; i++) expect(y[i]!.px).toBeLessThan(y[i - 1]!.px);
  });

  it('heatmap image pixel centres sit on their grid nodes', () => {
    const spec: GridSpec = { domain: FRAME.domain, nx: 17, ny: 9 };
    const a = frameAffine(FRAME);
    const q = heatmapImageRect(spec, a);
    for (const i of [0, 5, 16]) expect(q.x + ((i + 0.5) * q.w) / spec.nx).toBeCloseTo(dataToPx(FRAME, gridX(spec, i), 0)[0], 9);
    for (const j of [0, 3, 8]) { // image row 0 is grid row ny − 1 (the top)
      expect(q.y + ((spec.ny - 1 - j + 0.5) * q.h) / spec.ny).toBeCloseTo(dataToPx(FRAME, 0, gridY(spec, j))[1], 9);
    }
  });
});

function quadraticGrid(spec: GridSpec, a: number, b: number, c: number) {
  const g = allocGridFields(spec);
  for (let j = 0; j < spec.ny; j++) for (let i = 0; i < spec.nx; i++) {
    const k = j * spec.nx + i;
    const x = gridX(spec, i);
    const y = gridY(spec, j);
    g.f[k] = 0.5 * (a * x * x + 2 * b * x * y + c * y * y);
    g.hxx[k] = a; g.hxy[k] = b; g.hyy[k] = c;
  }
  return g;
}

describe('Hessian overlays', () => {
  it('bilinear sampling is exact on linear fields and NaN outside', () => {
    const spec: GridSpec = { domain: { x0: -1, x1: 2, y0: 0, y1: 1 }, nx: 7, ny: 5 };
    const field = new Float32Array(35);
    for (let j = 0; j < 5; j++) for (let i = 0; i < 7; i++) field[j * 7 + i] = 2 * gridX(spec, i) - 3 * gridY(spec, j) + 1;
    expect(sampleGrid(spec, field, 0.37, 0.81)).toBeCloseTo(2 * 0.37 - 3 * 0.81 + 1, 5);
    expect(sampleGrid(spec, field, 2, 1)).toBeCloseTo(2, 5);
    expect(sampleGrid(spec, field, 2.1, 0.5)).toBeNaN();
  });

  it('eigen glyphs are the symEig2 eigenvectors, two orthogonal per sample, drawn in the right pixel direction', () => {
    const spec: GridSpec = { domain: FRAME.domain, nx: 61, ny: 41 };
    const grid = quadraticGrid(spec, 3, 1, -2);
    const glyphs = sampleEigenGlyphs(grid, FRAME, { spacing: 40 });
    expect(glyphs.length).toBe(2 * 15 * 10);
    const e = symEig2(3, 1, -2);
    const a = frameAffine(FRAME);
    for (let k = 0; k < glyphs.length; k += 2) {
      const [g1, g2] = [glyphs[k]!, glyphs[k + 1]!];
      expect(g1.lambda).toBeCloseTo(e.l1, 5);
      expect(g2.lambda).toBeCloseTo(e.l2, 5);
      for (const g of [g1, g2]) { // H u = λ u
        expect(3 * g.ux + 1 * g.uy).toBeCloseTo(g.lambda * g.ux, 4);
        expect(1 * g.ux - 2 * g.uy).toBeCloseTo(g.lambda * g.uy, 4);
        // the pixel segment is parallel to the data direction mapped through the affine map
        const cross = (g.x2 - g.x1) * (g.uy * a.ay) - (g.y2 - g.y1) * (g.ux * a.ax);
        expect(Math.abs(cross)).toBeLessThan(1e-6 * Math.max(1, g.len * 100));
        expect(Math.hypot(g.x2 - g.x1, g.y2 - g.y1)).toBeCloseTo(2 * g.len, 6);
        expect(g.len).toBeGreaterThan(0);
        expect(g.len).toBeLessThan(0.45 * 40);
      }
      expect(g1.ux * g2.ux + g1.uy * g2.uy).toBeCloseTo(0, 9);
      expect(g1.x).toBe(g2.x);
    }
    expect(glyphPath(glyphs, 1).split('M').length - 1).toBe(150);
    expect(glyphPath(glyphs, -1).split('M').length - 1).toBe(150);
  });

  it('eigen glyphs on a real landscape match symEig2 of the interpolated Hessian', () => {
    const spec: GridSpec = { domain: { x0: -5, x1: 5, y0: -5, y1: 5 }, nx: 101, ny: 101 };
    const grid = evalGridJs(compileFormula('(x^2 + y - 11)^2 + (x + y^2 - 7)^2'), spec);
    const frame: PlotFrame = { domain: spec.domain, rect: { left: 0, top: 0, width: 500, height: 500 } };
    const glyphs = sampleEigenGlyphs(grid, frame);
    expect(glyphs.length).toBeGreaterThan(400);
    for (const g of glyphs) {
      const h = [sampleGrid(spec, grid.hxx, g.x, g.y), sampleGrid(spec, grid.hxy, g.x, g.y), sampleGrid(spec, grid.hyy, g.x, g.y)] as const;
      const scale = Math.max(1, Math.abs(h[0]) + Math.abs(h[1]) + Math.abs(h[2]));
      expect(Math.abs(h[0] * g.ux + h[1] * g.uy - g.lambda * g.ux) / scale).toBeLessThan(1e-9);
      expect(Math.abs(h[1] * g.ux + h[2] * g.uy - g.lambda * g.uy) / scale).toBeLessThan(1e-9);
    }
    // squash: the median glyph has about half the full length; none exceeds it
    const lens = glyphs.map((g) => g.len).sort((p, q) => p - q);
    expect(lens[lens.length >> 1]!).toBeCloseTo(0.45 * 28 * 0.5, 0);
    expect(lens[lens.length - 1]!).toBeLessThan(0.45 * 28);
  });

  it('curvature region fields classify saddles, bowls and caps', () => {
    const spec: GridSpec = { domain: { x0: -1, x1: 1, y0: -1, y1: 1 }, nx: 5, ny: 5 };
    const saddle = curvatureFields(quadraticGrid(spec, 2, 0, -2));
    expect([...saddle.saddle].every((v) => v >= saddle.tol)).toBe(true);
    expect([...saddle.convex].every((v) => v < saddle.tol) && [...saddle.concave].every((v) => v < saddle.tol)).toBe(true);
    const bowl = curvatureFields(quadraticGrid(spec, 2, 0.5, 1));
    expect([...bowl.convex].every((v) => v >= bowl.tol) && [...bowl.saddle].every((v) => v < bowl.tol)).toBe(true);
    const cap = curvatureFields(quadraticGrid(spec, -1, 0, -3));
    expect([...cap.concave].every((v) => v >= cap.tol)).toBe(true);
    const flat = curvatureFields(quadraticGrid(spec, 0, 0, 0));
    expect([...flat.convex, ...flat.saddle, ...flat.concave].every((v) => v < flat.tol)).toBe(true);
  });
});

describe('contours', () => {
  it('isolines of a linear field are straight lines at the level, in node coordinates', () => {
    const nx = 30;
    const ny = 20;
    const v = new Float32Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) v[j * nx + i] = 0.5 * i + 0.1 * j;
    const [line] = isolines(v, nx, ny, [6.3]);
    expect(line!.length).toBeGreaterThan(10);
    for (let k = 0; k < line!.length; k += 2) expect(0.5 * line![k]! + 0.1 * line![k + 1]!).toBeCloseTo(6.3, 4);
    expect(Array.from(line!).some((c) => Number.isNaN(c))).toBe(false); // one polyline
  });

  it('isolines of a bowl are closed rings on the circle, one per level', () => {
    const n = 81;
    const v = new Float32Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) v[j * n + i] = (i - 40) ** 2 + (j - 40) ** 2;
    const lines = isolines(v, n, n, [100, 400, 900]);
    lines.forEach((line, k) => {
      const r = 10 * (k + 1);
      expect(Array.from(line).some((c) => Number.isNaN(c))).toBe(false);
      for (let q = 0; q < line.length; q += 2) expect(Math.hypot(line[q]! - 40, line[q + 1]! - 40)).toBeCloseTo(r, 0);
      expect(line[0]).toBeCloseTo(line[line.length - 2]!, 9); // closed: first point repeated
      expect(line[1]).toBeCloseTo(line[line.length - 1]!, 9);
    });
  });

  it('every isoline point interpolates the level on a grid edge, and consecutive points share a cell', () => {
    const rng = mulberry32(11);
    const nx = 37;
    const ny = 29;
    const v = new Float32Array(nx * ny);
    const waves = Array.from({ length: 6 }, () => [rng() * 0.6, rng() * 0.6, rng() * 6, rng() - 0.5]);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      v[j * nx + i] = waves.reduce((acc, [a, b, c, w]) => acc + w! * Math.sin(a! * i + b! * j + c!), 0);
    }
    const levels = [-0.6, -0.2, 0, 0.3, 0.7];
    isolines(v, nx, ny, levels).forEach((line, k) => {
      expect(line.length).toBeGreaterThan(0);
      for (let q = 0; q < line.length; q += 2) {
        const x = line[q]!;
        const y = line[q + 1]!;
        if (Number.isNaN(x)) continue;
        const onV = Number.isInteger(x);
        expect(onV || Number.isInteger(y)).toBe(true);
        const [i0, j0] = onV ? [x, Math.floor(y)] : [Math.floor(x), y];
        const [i1, j1] = onV ? [x, j0 + 1] : [i0 + 1, y];
        const s = onV ? y - j0 : x - i0;
        const a = v[j0 * nx + i0]!;
        const b = v[j1 * nx + i1]!;
        expect(a + s * (b - a)).toBeCloseTo(levels[k]!, 5);
        const nx2 = line[q + 2];
        if (nx2 !== undefined && !Number.isNaN(nx2)) {
          expect(Math.abs(nx2 - x)).toBeLessThanOrEqual(1);
          expect(Math.abs(line[q + 3]! - y)).toBeLessThanOrEqual(1);
        }
      }
    });
  });

  it('isolines stop at NaN cells and at the border instead of tracing them', () => {
    const n = 40;
    const v = new Float32Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) v[j * n + i] = i >= 25 ? NaN : j;
    const [line] = isolines(v, n, n, [10.5]);
    const xs = [];
    for (let k = 0; k < line!.length; k += 2) { expect(line![k + 1]).toBeCloseTo(10.5, 9); xs.push(line![k]!); }
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(24); // the last cell column touching NaN (24–25) is left out
    const none = isolines(v, n, n, [-5, 100]);
    expect(none.every((l) => l.length === 0)).toBe(true);
  });

  it('transforms, subsamples and projects', () => {
    const xf = makeValueTransform(finiteRange([1, 10, 100]), true);
    const t = transformedField(new Float32Array([1, NaN, 100, Infinity]), xf);
    expect(t[0]).toBeCloseTo(xf.t0, 5);
    expect(Number.isNaN(t[1]!) && Number.isNaN(t[3]!)).toBe(true);
    const s = subsample(new Float32Array(Array.from({ length: 25 }, (_, k) => k)), 5, 5, 3);
    expect([s.nx, s.ny, s.stride]).toEqual([3, 3, 2]);
    expect(Array.from(s.values)).toEqual([0, 2, 4, 10, 12, 14, 20, 22, 24]);
    const spec: GridSpec = { domain: FRAME.domain, nx: 7, ny: 5 };
    const m = nodeAffine(spec, frameAffine(FRAME));
    expect(m.ax * 6 + m.bx).toBeCloseTo(650, 9); // last node column at the right edge
    expect(m.ay * 0 + m.by).toBeCloseTo(424, 9); // first row at the bottom
    const d = polylinePath(Float64Array.from([0, 0, 0.001, 0, 1, 0, NaN, NaN, 2, 0, 3, 0]), { ax: 10, bx: 0, ay: -10, by: 0 });
    expect(d).toBe('M0,0L10,0M20,0L30,0'); // the 0.01 px step is dropped, NaN starts a new polyline
  });
});

describe('trajectories', () => {
  const pts = new Float32Array([0, 0, 5, 1, 2, 4, 2, 2, 3, NaN, NaN, NaN, 4, 0, 1, 0, 0, 0]);
  const id = { ax: 1, bx: 0, ay: -1, by: 0 };

  it('counts valid points and draws prefixes, breaking at non-finite points', () => {
    expect(pointCount(pts)).toBe(6);
    expect(pointCount(pts, 3)).toBe(3);
    expect(pointCount(pts, 99)).toBe(6);
    expect(trajectoryPath(pts, 0, 2, id)).toBe('M0,0L1,-2L2,-2');
    expect(trajectoryPath(pts, 0, 4, id)).toBe('M0,0L1,-2L2,-2M4,0');
    expect(trajectoryPath(pts, 0, 1, id, [1.5, -2])).toBe('M0,0L1,-2L1.5,-2');
    expect(trajectoryPath(new Float32Array([1e30, 0, 0]), 0, 0, id)).toBe('M100000,0');
  });

  it('interpolates the head at fractional steps and falls back to the last finite point', () => {
    expect(pointAtStep(pts, 6, 0.5)).toEqual({ x: 0.5, y: 1, f: 4.5, index: 0.5 });
    expect(pointAtStep(pts, 6, 99)!.x).toBe(0);
    expect(pointAtStep(pts, 6, 3)).toEqual({ x: 2, y: 2, f: 3, index: 2 });
    expect(pointAtStep(pts, 0, 1)).toBeNull();
    expect(lastFiniteIndex(pts, 4)).toBe(2);
  });
});

describe('frame scheduler', () => {
  it('coalesces any number of requests into one draw per frame', () => {
    const queue: (() => void)[] = [];
    let draws = 0;
    const s = createFrameScheduler(() => { draws++; }, {
      request: (cb) => queue.push(cb),
      cancel: (h) => { queue[h - 1] = () => {}; },
    });
    for (let i = 0; i < 10; i++) s.request();
    expect(queue).toHaveLength(1);
    expect(s.pending).toBe(true);
    queue.shift()!();
    expect(draws).toBe(1);
    s.request();
    s.flush();
    expect(draws).toBe(2);
    expect(s.pending).toBe(false);
    s.flush();
    expect(draws).toBe(2);
  });
});

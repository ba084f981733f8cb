import { contours, type ContourMultiPolygon } from 'd3-contour';
import type { GridSpec } from '../landscapes/grid';
import type { Affine2 } from './coords';
import type { ValueTransform } from './colorScale';

/**
 * Pure contour geometry turned into SVG path strings in pixels: the lines come from isolines.ts (node
 * coordinates), the region fills from d3-contour, which places node (i, j) at (i + ½, j + ½), so nx × ny nodes
 * span [0, nx] × [0, ny]. Row j = 0 is y0, the bottom of the plot.
 */

/** t(f) at every node, NaN where f is NaN or ±∞ (d3-contour treats NaN as below every level). */
export function transformedField(f: Float32Array, xf: ValueTransform): Float32Array {
  const out = new Float32Array(f.length);
  for (let k = 0; k < f.length; k++) {
    const v = f[k]!;
    out[k] = v - v === 0 ? xf.apply(v) : NaN;
  }
  return out;
}

/**
 * Node coordinates (i, j) → pixels for a grid drawn in a frame with affine `a`, for a field subsampled with
 * stride s (node i of the subsampled field is node s·i of the grid): x = x0 + s·i·Δx, y = y0 + s·j·Δy.
 * `offset` ½ gives d3-contour's convention, where node i sits at u = i + ½.
 */
export function nodeAffine(spec: GridSpec, a: Affine2, stride = 1, offset = 0): Affine2 {
  const d = spec.domain;
  const dx = (spec.nx > 1 ? (d.x1 - d.x0) / (spec.nx - 1) : 0) * stride;
  const dy = (spec.ny > 1 ? (d.y1 - d.y0) / (spec.ny - 1) : 0) * stride;
  return { ax: a.ax * dx, bx: a.ax * (d.x0 - offset * dx) + a.bx, ay: a.ay * dy, by: a.ay * (d.y0 - offset * dy) + a.by };
}

/** A field subsampled with one stride in both directions so that neither side exceeds maxN nodes. */
export interface Subsampled {
  readonly values: Float32Array;
  readonly nx: number;
  readonly ny: number;
  readonly stride: number;
}

/** The stride subsample() uses for an nx × ny field and at most maxN nodes per side. */
export function subsampleStride(nx: number, ny: number, maxN: number): number {
  return Math.max(1, Math.ceil((Math.max(nx, ny) - 1) / Math.max(1, maxN - 1)));
}

export function subsample(values: Float32Array, nx: number, ny: number, maxN: number): Subsampled {
  const stride = subsampleStride(nx, ny, maxN);
  if (stride === 1) return { values, nx, ny, stride };
  const mx = Math.floor((nx - 1) / stride) + 1;
  const my = Math.floor((ny - 1) / stride) + 1;
  const out = new Float32Array(mx * my);
  for (let j = 0; j < my; j++) for (let i = 0; i < mx; i++) out[j * mx + i] = values[j * stride * nx + i * stride]!;
  return { values: out, nx: mx, ny: my, stride };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The region where values ≥ threshold, as closed polygons in contour coordinates (d3's linear smoothing). */
export function regionPolygons(values: Float32Array, nx: number, ny: number, threshold: number): ContourMultiPolygon {
  return contours().size([nx, ny]).contour(values as unknown as number[], threshold);
}

/** Closed polygons mapped to an SVG path string (fill with fill-rule evenodd or nonzero: holes are reversed). */
export function multiPolygonFillPath(mp: ContourMultiPolygon, map: Affine2): string {
  const parts: string[] = [];
  for (const poly of mp.coordinates) {
    for (const ring of poly) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i]!;
        parts.push(`${i === 0 ? 'M' : 'L'}${r1(map.ax * p[0]! + map.bx)},${r1(map.ay * p[1]! + map.by)}`);
      }
      parts.push('Z');
    }
  }
  return parts.join('');
}

/**
 * The rings of a multipolygon, flattened for transfer: all points as (x, y) pairs in `coords`, and in `rings`
 * the point index where each ring ends (exclusive). Ring order is that of multiPolygonFillPath.
 */
export interface FlatPolygons {
  readonly coords: Float64Array;
  readonly rings: Int32Array;
}

export function flatPolygons(mp: ContourMultiPolygon): FlatPolygons {
  let nPts = 0;
  let nRings = 0;
  for (const poly of mp.coordinates) for (const ring of poly) { nPts += ring.length; nRings++; }
  const coords = new Float64Array(2 * nPts);
  const rings = new Int32Array(nRings);
  let k = 0;
  let r = 0;
  for (const poly of mp.coordinates) {
    for (const ring of poly) {
      for (const p of ring) { coords[2 * k] = p[0]!; coords[2 * k + 1] = p[1]!; k++; }
      rings[r++] = k;
    }
  }
  return { coords, rings };
}

/** The same path string as multiPolygonFillPath, from flattened rings. */
export function flatPolygonFillPath(fp: FlatPolygons, map: Affine2): string {
  const parts: string[] = [];
  const { coords, rings } = fp;
  let k = 0;
  for (let r = 0; r < rings.length; r++) {
    const end = rings[r]!;
    for (let i = 0; k < end; k++, i++) {
      parts.push(`${i === 0 ? 'M' : 'L'}${r1(map.ax * coords[2 * k]! + map.bx)},${r1(map.ay * coords[2 * k + 1]! + map.by)}`);
    }
    parts.push('Z');
  }
  return parts.join('');
}

/**
 * A flat polyline array (NaN pairs break it) mapped through `map` to an SVG path string, rounded to 0.1 px.
 * Points closer than minStep pixels to the last one kept are dropped (the last point of each polyline is
 * always kept), so a grid finer than the screen does not produce longer strings than the screen can show.
 */
export function polylinePath(flat: Float64Array, map: Affine2, minStep = 0.75): string {
  let d = '';
  let pen = false;
  let lx = 0;
  let ly = 0;
  const min2 = minStep * minStep;
  const n = flat.length;
  for (let k = 0; k + 1 < n; k += 2) {
    const u = flat[k]!;
    if (u !== u) { pen = false; continue; }
    const px = map.ax * u + map.bx;
    const py = map.ay * flat[k + 1]! + map.by;
    if (pen) {
      const lastOfRun = k + 3 >= n || flat[k + 2] !== flat[k + 2];
      if (!lastOfRun && (px - lx) * (px - lx) + (py - ly) * (py - ly) < min2) continue;
      d += `L${r1(px)},${r1(py)}`;
    } else {
      d += `M${r1(px)},${r1(py)}`;
      pen = true;
    }
    lx = px;
    ly = py;
  }
  return d;
}

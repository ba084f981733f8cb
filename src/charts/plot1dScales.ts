import { contours } from 'd3-contour';
import { scaleLinear, scaleLog } from 'd3-scale';
import { interpolateCividis, interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import type { PlotRect } from '../surface/coords';

/**
 * Pure geometry of the 1D smoothing plot (curves1d.ts) and of the variational-bound map (boundMap.ts): robust
 * value ranges, data ↔ pixel maps (linear or log), NaN-broken curve paths, run paths up to a fractional step,
 * band thresholds and filled-contour polygons of U(μ, σ) in data coordinates (es-vo.md §2). No DOM.
 */

/** Okabe–Ito, colour-blind-safe; black first (for f itself), then the seven hues. */
export const OKABE_ITO = ['#000000', '#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442'] as const;

/**
 * [lo, hi] of the finite values of all arrays (NaN and ±∞ ignored), or null when there is none. With quantile
 * q > 0 the q and 1 − q quantiles of the finite values are used instead of min and max (clips outliers).
 */
export function finiteExtent(arrays: readonly ArrayLike<number>[], quantile = 0): [number, number] | null {
  const q = Math.min(0.49, Math.max(0, quantile));
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v - v !== 0) continue;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (n === 0) return null;
  if (q === 0) return [lo, hi];
  const all = new Float64Array(n);
  let k = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) { const v = a[i]!; if (v - v === 0) all[k++] = v; }
  all.sort();
  const at = (p: number) => all[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))]!;
  return [at(q), at(1 - q)];
}

/** The extent widened by `pad` × its span on both sides; an empty span becomes ±0.5 (or ±5 % of |v|). */
export function paddedRange(ext: readonly [number, number] | null, pad = 0.06): [number, number] {
  if (!ext) return [0, 1];
  const [lo, hi] = ext;
  const span = hi - lo;
  if (!(span > 0)) { const h = lo === 0 ? 0.5 : Math.abs(lo) * 0.05; return [lo - h, hi + h]; }
  return [lo - pad * span, hi + pad * span];
}

/** A data ↔ pixel map of one axis; invert(apply(v)) = v inside the domain. ticks() are nice values with labels. */
export interface AxisMap {
  readonly log: boolean;
  readonly domain: readonly [number, number];
  apply(v: number): number;
  invert(px: number): number;
  ticks(count: number): { value: number; label: string }[];
}

/**
 * Maps [d0, d1] onto pixels [p0, p1] (p0 > p1 for a y axis growing upward). Log: d0 must be > 0; values ≤ 0 map
 * to p0 (e.g. the σ = 0 row of a bound grid drawn on a log σ axis sits on the bottom edge).
 */
export function axisMap(d0: number, d1: number, p0: number, p1: number, log = false): AxisMap {
  if (log) {
    const s = scaleLog().domain([d0, d1]).range([p0, p1]);
    const fmt = s.tickFormat(6, '~g');
    return {
      log, domain: [d0, d1], apply: (v) => (v > 0 ? s(v) : p0), invert: (px) => s.invert(px),
      ticks: (n) => s.ticks(n).map((v) => ({ value: v, label: fmt(v) })).filter((t) => t.label !== ''),
    };
  }
  const s = scaleLinear().domain([d0, d1]).range([p0, p1]);
  return {
    log, domain: [d0, d1], apply: (v) => s(v), invert: (px) => s.invert(px),
    ticks: (n) => { const f = s.tickFormat(n); return s.ticks(n).map((v) => ({ value: v, label: f(v) })); },
  };
}

/** x and y maps of a plot rectangle (y up: y0 at the bottom edge). */
export function plotMaps(rect: PlotRect, x: readonly [number, number], y: readonly [number, number], yLog = false): { sx: AxisMap; sy: AxisMap } {
  return {
    sx: axisMap(x[0], x[1], rect.left, rect.left + rect.width),
    sy: axisMap(y[0], y[1], rect.top + rect.height, rect.top, yLog),
  };
}

const r1 = (v: number) => Math.round((v > 1e5 ? 1e5 : v < -1e5 ? -1e5 : v) * 10) / 10;

/**
 * SVG path of y(x) over the grid x; a non-finite value breaks the line. `step`: piecewise-constant drawing, each
 * value held from the midpoint before its sample to the midpoint after it (the jump of a sampled step function is
 * placed halfway between the samples that straddle it).
 */
export function curvePath(x: ArrayLike<number>, y: ArrayLike<number>, sx: AxisMap, sy: AxisMap, step = false): string {
  let d = '';
  let pen = false;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi - xi !== 0 || yi - yi !== 0) { pen = false; continue; }
    const py = r1(sy.apply(yi));
    if (!step) { d += `${pen ? 'L' : 'M'}${r1(sx.apply(xi))},${py}`; pen = true; continue; }
    const xa = i > 0 ? (x[i - 1]! + xi) / 2 : xi;
    const xb = i + 1 < n ? (xi + x[i + 1]!) / 2 : xi;
    d += `${pen ? 'L' : 'M'}${r1(sx.apply(xa))},${py}H${r1(sx.apply(xb))}`;
    pen = true;
  }
  return d;
}

/** Linear interpolation of values(x) at xq on an ascending grid x; NaN outside it or next to a non-finite value. */
export function interpAt(x: ArrayLike<number>, values: ArrayLike<number>, xq: number): number {
  const n = Math.min(x.length, values.length);
  if (n === 0 || !(xq >= x[0]! && xq <= x[n - 1]!)) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (x[m]! <= xq) lo = m; else hi = m; }
  const dx = x[hi]! - x[lo]!;
  const w = dx > 0 ? (xq - x[lo]!) / dx : 0;
  return values[lo]! + w * (values[hi]! - values[lo]!);
}

/**
 * A run stored as (a, b) pairs (x and f for the 1D plot, μ and σ for the bound map), drawn up to step `upTo`
 * (fractional: the head is interpolated between ⌊upTo⌋ and ⌊upTo⌋ + 1; Infinity: all). Only the first `count`
 * pairs are valid (default: all). A non-finite pair breaks the line. head: the pixel point of the head or null.
 */
export function runPath(points: ArrayLike<number>, upTo: number, sx: AxisMap, sy: AxisMap, count?: number): { d: string; head: [number, number] | null; last: number } {
  const cap = Math.floor(points.length / 2);
  const n = count === undefined ? cap : Math.max(0, Math.min(cap, Math.floor(count)));
  if (n === 0 || !(upTo >= 0)) return { d: '', head: null, last: -1 };
  const s = Math.min(n - 1, upTo);
  const i1 = Math.floor(s);
  let d = '';
  let pen = false;
  let head: [number, number] | null = null;
  for (let i = 0; i <= i1; i++) {
    const a = points[2 * i]!;
    const b = points[2 * i + 1]!;
    if (a - a !== 0 || b - b !== 0) { pen = false; continue; }
    head = [r1(sx.apply(a)), r1(sy.apply(b))];
    d += `${pen ? 'L' : 'M'}${head[0]},${head[1]}`;
    pen = true;
  }
  const w = s - i1;
  if (w > 0 && pen) {
    const a = points[2 * i1]! + w * (points[2 * i1 + 2]! - points[2 * i1]!);
    const b = points[2 * i1 + 1]! + w * (points[2 * i1 + 3]! - points[2 * i1 + 1]!);
    if (a - a === 0 && b - b === 0) { head = [r1(sx.apply(a)), r1(sy.apply(b))]; d += `L${head[0]},${head[1]}`; }
  }
  return { d, head, last: i1 };
}

/** Diverging or uniform colour schemes of the bound map, u ∈ [0, 1] (0 = low U) → CSS colour. */
export type BoundScheme = 'rdbu' | 'cividis' | 'viridis';

/** 'rdbu': RdBu reversed, red high and blue low, like matplotlib's coolwarm in the source figures (es-vo.md §2.1). */
export function boundColor(scheme: BoundScheme): (u: number) => string {
  if (scheme === 'cividis') return interpolateCividis;
  if (scheme === 'viridis') return interpolateViridis;
  return (u) => interpolateRdBu(1 - u);
}

/**
 * Lower edges of `count` bands evenly spanning [min, max] (count clamped to 2..64): t_k = min + k(max − min)/count,
 * k = 0..count − 1. Band k is [t_k, t_{k+1}) with t_count = max; its colour coordinate is (k + ½)/count.
 */
export function bandThresholds(min: number, max: number, count: number): number[] {
  const n = Math.max(2, Math.min(64, Math.round(count) || 2));
  if (!(max > min) || !Number.isFinite(max - min)) return [Number.isFinite(min) ? min : 0];
  return Array.from({ length: n }, (_, k) => min + (k * (max - min)) / n);
}

/** Node index → data along one grid axis in d3-contour coordinates (node i sits at u = i + ½), clamped to the grid. */
export function gridCoord(axis: ArrayLike<number>): (u: number) => number {
  const n = axis.length;
  return (u) => {
    const t = Math.min(n - 1, Math.max(0, u - 0.5));
    const i = Math.min(n - 2, Math.floor(t));
    return n < 2 ? axis[0]! : axis[i]! + (t - i) * (axis[i + 1]! - axis[i]!);
  };
}

/** One filled band: the region where U ≥ threshold, as closed rings of (μ, σ) pairs (holes included). */
export interface BoundBand {
  readonly threshold: number;
  readonly rings: Float64Array[];
}

/**
 * Filled contours of U on the grid mus × sigmas (row-major, row j = sigmas[j]) by d3-contour, mapped to data
 * coordinates (any monotone grid spacing). Non-finite cells are set to the lowest threshold first, so they never
 * cut holes into the bands; the caller hatches them (nonFiniteRuns).
 */
export function boundBands(mus: ArrayLike<number>, sigmas: ArrayLike<number>, U: ArrayLike<number>, thresholds: readonly number[]): BoundBand[] {
  const nx = mus.length;
  const ny = sigmas.length;
  if (nx < 2 || ny < 2 || U.length < nx * ny || thresholds.length === 0) return [];
  const low = thresholds[0]!;
  const v = new Float64Array(nx * ny);
  for (let k = 0; k < v.length; k++) { const u = U[k]!; v[k] = u - u === 0 ? u : low; }
  const gen = contours().size([nx, ny]).smooth(true);
  const fx = gridCoord(mus);
  const fy = gridCoord(sigmas);
  return thresholds.map((t) => {
    const rings: Float64Array[] = [];
    for (const poly of gen.contour(v as unknown as number[], t).coordinates) for (const ring of poly) {
      const r = new Float64Array(2 * ring.length);
      ring.forEach((p, i) => { r[2 * i] = fx(p[0]!); r[2 * i + 1] = fy(p[1]!); });
      rings.push(r);
    }
    return { threshold: t, rings };
  });
}

/** A band's rings as one SVG path (fill-rule evenodd). */
export function bandPath(band: BoundBand, sx: AxisMap, sy: AxisMap): string {
  let d = '';
  for (const r of band.rings) {
    for (let i = 0; i < r.length; i += 2) d += `${i === 0 ? 'M' : 'L'}${r1(sx.apply(r[i]!))},${r1(sy.apply(r[i + 1]!))}`;
    d += 'Z';
  }
  return d;
}

/** Horizontal runs of non-finite cells [j, i0, i1] (inclusive), for hatching; U row-major with nx columns. */
export function nonFiniteRuns(U: ArrayLike<number>, nx: number, ny: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let j = 0; j < ny; j++) {
    let start = -1;
    for (let i = 0; i <= nx; i++) {
      const v = i < nx ? U[j * nx + i]! : 0;
      const bad = i < nx && v - v !== 0;
      if (bad && start < 0) start = i;
      else if (!bad && start >= 0) { out.push([j, start, i - 1]); start = -1; }
    }
  }
  return out;
}

/** The data extent of node i's cell along an axis: from the midpoint to its left neighbour to the one on its right. */
export function cellSpan(axis: ArrayLike<number>, i: number): [number, number] {
  const n = axis.length;
  const a = i > 0 ? (axis[i - 1]! + axis[i]!) / 2 : axis[i]!;
  const b = i + 1 < n ? (axis[i]! + axis[i + 1]!) / 2 : axis[i]!;
  return [a, b];
}

import type { Affine2 } from './coords';

/**
 * Pure helpers for trajectories stored as (x, y, f) triples in a float array (possibly a growable buffer with
 * only the first `count` points valid). No DOM.
 */

/** Trajectory storage: Float64 as computed (runs, rides), or Float32 where precision does not matter. */
export type Floats = Float32Array | Float64Array;

/** Pixel coordinates are clamped to ±CLAMP_PX so that a diverging run cannot produce absurd SVG numbers. */
export const CLAMP_PX = 1e5;

/** Number of valid points: `count` when given, never more than the buffer holds. */
export function pointCount(points: Floats, count?: number): number {
  const cap = Math.floor(points.length / 3);
  return count === undefined ? cap : Math.max(0, Math.min(cap, Math.floor(count)));
}

const clampPx = (v: number) => Math.round((v > CLAMP_PX ? CLAMP_PX : v < -CLAMP_PX ? -CLAMP_PX : v) * 10) / 10;

/**
 * The polyline through points i0..i1 (inclusive) in pixels, as an SVG path; a non-finite point breaks the line.
 * `tail`, when given, is one more pixel point appended after i1 (the interpolated head while animating).
 */
export function trajectoryPath(points: Floats, i0: number, i1: number, a: Affine2, tail?: readonly [number, number]): string {
  let d = '';
  let pen = false;
  for (let i = Math.max(0, i0); i <= i1; i++) {
    const x = points[3 * i]!;
    const y = points[3 * i + 1]!;
    if (x - x !== 0 || y - y !== 0) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${clampPx(a.ax * x + a.bx)},${clampPx(a.ay * y + a.by)}`;
    pen = true;
  }
  if (tail && pen) d += `L${clampPx(tail[0])},${clampPx(tail[1])}`;
  return d;
}

/** Index of the last point with finite x and y among the first n, or −1. */
export function lastFiniteIndex(points: Floats, n: number): number {
  for (let i = n - 1; i >= 0; i--) {
    const x = points[3 * i]!;
    const y = points[3 * i + 1]!;
    if (x - x === 0 && y - y === 0) return i;
  }
  return -1;
}

/**
 * The point at a fractional step s (linear interpolation between steps ⌊s⌋ and ⌊s⌋ + 1), clamped to the n
 * valid points; falls back to the last finite point at or before ⌊s⌋ when the interpolation is not finite.
 */
export function pointAtStep(points: Floats, n: number, s: number): { x: number; y: number; f: number; index: number } | null {
  if (n <= 0) return null;
  const c = Math.max(0, Math.min(n - 1, Number.isFinite(s) ? s : n - 1));
  const i = Math.floor(c);
  const w = c - i;
  const j = Math.min(n - 1, i + 1);
  const at = (k: number) => ({ x: points[3 * k]!, y: points[3 * k + 1]!, f: points[3 * k + 2]! });
  const p = at(i);
  const q = at(j);
  const x = p.x + w * (q.x - p.x);
  const y = p.y + w * (q.y - p.y);
  if (x - x === 0 && y - y === 0) return { x, y, f: p.f + w * (q.f - p.f), index: c };
  const k = lastFiniteIndex(points, i + 1);
  return k < 0 ? null : { ...at(k), index: k };
}

import type { GridFields, GridSpec } from '../landscapes/grid';
import { symEig2 } from '../math/symEig2';
import { frameAffine, type PlotFrame } from './coords';

/**
 * Pure sampling of the Hessian field H = [[f_xx, f_xy], [f_xy, f_yy]] for the overlays: eigenvector glyphs on a
 * pixel lattice and the curvature-region indicator fields. No DOM.
 */

/** Bilinear interpolation of a node field at the data point (x, y); NaN outside the grid's domain. */
export function sampleGrid(spec: GridSpec, field: ArrayLike<number>, x: number, y: number): number {
  const { domain: d, nx, ny } = spec;
  const fx = ((x - d.x0) / (d.x1 - d.x0)) * (nx - 1);
  const fy = ((y - d.y0) / (d.y1 - d.y0)) * (ny - 1);
  if (!(fx >= -1e-9 && fx <= nx - 1 + 1e-9 && fy >= -1e-9 && fy <= ny - 1 + 1e-9)) return NaN;
  const i = Math.max(0, Math.min(nx - 2, Math.floor(fx)));
  const j = Math.max(0, Math.min(ny - 2, Math.floor(fy)));
  const s = Math.min(1, Math.max(0, fx - i));
  const t = Math.min(1, Math.max(0, fy - j));
  const k = j * nx + i;
  const v00 = field[k]!;
  const v10 = field[k + 1]!;
  const v01 = field[k + nx]!;
  const v11 = field[k + nx + 1]!;
  return (1 - t) * ((1 - s) * v00 + s * v10) + t * ((1 - s) * v01 + s * v11);
}

/** One eigenvector glyph: a line through the sample point along an eigenvector, in pixels. */
export interface EigenGlyph {
  /** Sample point, data coordinates. */
  readonly x: number;
  readonly y: number;
  /** Unit eigenvector in data coordinates (the sign is arbitrary: the glyph is a line, not an arrow). */
  readonly ux: number;
  readonly uy: number;
  readonly lambda: number;
  /** Half length in pixels: halfLength · |λ| / (|λ| + s), s the median |λ| of all glyphs. */
  readonly len: number;
  /** Pixel end points. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface EigenGlyphOptions {
  /** Lattice spacing in pixels (default 28). */
  readonly spacing?: number;
  /** Largest half length in pixels (default 0.45·spacing, so neighbouring crosses do not touch). */
  readonly halfLength?: number;
}

/**
 * Both eigenvectors of the (bilinearly interpolated) Hessian at every point of a pixel lattice centred in the
 * plot, as line glyphs ("crosses"). Lengths are |λ| squashed by u/(1 + u), u = |λ|/median|λ|, so the median
 * glyph has half its full length and no glyph outgrows its cell. Points outside the grid or with a non-finite
 * Hessian get no glyph. Directions are drawn through the frame's affine map, so in 'fill' aspect they stay true
 * data-space directions (and then may look non-orthogonal).
 */
export function sampleEigenGlyphs(grid: GridFields, frame: PlotFrame, opts: EigenGlyphOptions = {}): EigenGlyph[] {
  const spacing = Math.max(4, opts.spacing ?? 28);
  const half = opts.halfLength ?? 0.45 * spacing;
  const r = frame.rect;
  const a = frameAffine(frame);
  const cols = Math.max(1, Math.floor(r.width / spacing));
  const rows = Math.max(1, Math.floor(r.height / spacing));
  const px0 = r.left + (r.width - (cols - 1) * spacing) / 2;
  const py0 = r.top + (r.height - (rows - 1) * spacing) / 2;
  const raw: { x: number; y: number; px: number; py: number; ux: number; uy: number; lambda: number }[] = [];
  for (let row = 0; row < rows; row++) {
    const py = py0 + row * spacing;
    const y = (py - a.by) / a.ay;
    for (let col = 0; col < cols; col++) {
      const px = px0 + col * spacing;
      const x = (px - a.bx) / a.ax;
      const hxx = sampleGrid(grid.spec, grid.hxx, x, y);
      const hxy = sampleGrid(grid.spec, grid.hxy, x, y);
      const hyy = sampleGrid(grid.spec, grid.hyy, x, y);
      if (!Number.isFinite(hxx) || !Number.isFinite(hxy) || !Number.isFinite(hyy)) continue;
      const e = symEig2(hxx, hxy, hyy);
      raw.push({ x, y, px, py, ux: e.e1x, uy: e.e1y, lambda: e.l1 });
      raw.push({ x, y, px, py, ux: -e.e1y, uy: e.e1x, lambda: e.l2 });
    }
  }
  const mags = raw.map((g) => Math.abs(g.lambda)).filter((m) => m > 0).sort((p, q) => p - q);
  const s = mags.length > 0 ? mags[mags.length >> 1]! : 1;
  return raw.map((g) => {
    const m = Math.abs(g.lambda);
    const len = half * (m / (m + s));
    const vx = g.ux * a.ax;
    const vy = g.uy * a.ay;
    const n = Math.hypot(vx, vy) || 1;
    const dx = (len * vx) / n;
    const dy = (len * vy) / n;
    return { x: g.x, y: g.y, ux: g.ux, uy: g.uy, lambda: g.lambda, len, x1: g.px - dx, y1: g.py - dy, x2: g.px + dx, y2: g.py + dy };
  });
}

/** The glyphs of one eigenvalue sign as a single SVG path of segments. */
export function glyphPath(glyphs: readonly EigenGlyph[], sign: 1 | -1): string {
  const r1 = (v: number) => Math.round(v * 10) / 10;
  let d = '';
  for (const g of glyphs) {
    if (g.len < 0.25 || Math.sign(g.lambda) !== sign) continue;
    d += `M${r1(g.x1)},${r1(g.y1)}L${r1(g.x2)},${r1(g.y2)}`;
  }
  return d;
}

/** Curvature-region indicator fields, each ≥ tol exactly inside its region (NaN where H is not finite). */
export interface CurvatureFields {
  /** λ₁: both eigenvalues > tol (locally convex). */
  readonly convex: Float32Array;
  /** −λ₂: both eigenvalues < −tol (locally concave). */
  readonly concave: Float32Array;
  /** min(−λ₁, λ₂): eigenvalues of opposite signs (saddle-like). */
  readonly saddle: Float32Array;
  /** 10⁻⁶·max|λ| over the grid, so exactly flat regions (λ = 0) belong to none. */
  readonly tol: number;
}

/** The Hessian entries at every node (a GridFields, or subsampled copies of its hxx, hxy, hyy). */
export interface HessianFields {
  readonly hxx: ArrayLike<number>;
  readonly hxy: ArrayLike<number>;
  readonly hyy: ArrayLike<number>;
}

export function curvatureFields(grid: HessianFields): CurvatureFields {
  const n = grid.hxx.length;
  const convex = new Float32Array(n);
  const concave = new Float32Array(n);
  const saddle = new Float32Array(n);
  let maxAbs = 0;
  for (let k = 0; k < n; k++) {
    const a = grid.hxx[k]!;
    const b = grid.hxy[k]!;
    const c = grid.hyy[k]!;
    const mean = 0.5 * (a + c);
    const rad = Math.hypot(0.5 * (a - c), b);
    const l1 = mean - rad;
    const l2 = mean + rad;
    if (!Number.isFinite(l1) || !Number.isFinite(l2)) {
      convex[k] = NaN; concave[k] = NaN; saddle[k] = NaN;
      continue;
    }
    convex[k] = l1;
    concave[k] = -l2;
    saddle[k] = Math.min(-l1, l2);
    const m = Math.max(Math.abs(l1), Math.abs(l2));
    if (m > maxAbs) maxAbs = m;
  }
  return { convex, concave, saddle, tol: Math.max(Number.MIN_VALUE, 1e-6 * maxAbs) };
}

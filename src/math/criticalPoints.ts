import type { Domain } from '../landscapes/grid';
import { rngFromSeed, type Rng } from './rng';
import { curvatureKind, symEig2, type CurvatureKind, type SymEig2 } from './symEig2';

/** What the finder needs: the second-order jet [f, f_x, f_y, f_xx, f_xy, f_yy] at p (JetEvaluator satisfies it). */
export interface JetObjective {
  jet(p: ArrayLike<number>, out: Float64Array): Float64Array;
}

/** A critical point ∇f(x, y) = 0 with the Hessian eigenvalues l1 ≤ l2 and its curvature kind. */
export interface CriticalPoint {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly kind: CurvatureKind;
  readonly l1: number;
  readonly l2: number;
  /** ‖∇f‖ where it was found. */
  readonly gradNorm: number;
  /**
   * False when ∇f also vanishes 0.1 % of the domain diagonal away along a null direction of the Hessian: the point
   * lies on a curve or patch of critical points (the valley floor of x², a plateau of floor(x)). Such points are
   * merged within 1/8 of the diagonal, so a continuum shows as a few representatives, not one per start.
   */
  readonly isolated: boolean;
}

/** What is shown and sent of a critical point: where, f there, its kind and the Hessian eigenvalues. */
export type CriticalPointSummary = Pick<CriticalPoint, 'x' | 'y' | 'f' | 'kind' | 'l1' | 'l2'>;

export interface CriticalPointOptions {
  /** Seed of the jitter of the start grids. Default 1 (the app default, store/params.ts). */
  seed?: number;
  /** Starts of the first pass: a gridSize × gridSize jittered grid. Default 12. */
  gridSize?: number;
  /** Largest grid of the refinement passes (see findCriticalPoints); gridSize or less disables them. Default 48. */
  maxGridSize?: number;
  /** Newton iterations per start. Default 100. */
  maxIter?: number;
  /**
   * Side of the sample grid of f whose discrete critical nodes are added to the first pass's starts (see
   * `sampledCriticalStarts`); 0 disables it. Default min(8·gridSize, 192) (96 for the default grid), so features
   * ~8× narrower than a cell of the start grid are still seen.
   */
  sampleSize?: number;
}

/** Relative tolerances, against the scales g_ref, h_ref, diag measured at the first starts (see findCriticalPoints). */
const TOL = {
  /** Stop iterating when ‖∇f‖ ≤ tight·g_ref. */
  tight: 1e-13,
  /** Report a point when ‖∇f‖ ≤ accept·g_ref. */
  accept: 1e-8,
  /** An eigenvalue with |λ| ≤ degenerate·h_ref counts as zero. */
  degenerate: 1e-5,
  /** Armijo constant of the Levenberg–Marquardt fallback's line search on φ = ½‖∇f‖². */
  armijo: 1e-4,
  /** H is treated as singular when |det H| ≤ singular·s², s = max(|a|, |c|) + |b| ≥ max|λᵢ|. */
  singular: 1e-14,
} as const;

/** ‖∇f‖ must at least halve every STALL_WINDOW iterations (it falls ≥ 2× per step even at degenerate points like x⁶). */
const STALL_WINDOW = 10;

function allFinite(j: Float64Array): boolean {
  for (let i = 0; i < 6; i++) if (!Number.isFinite(j[i]!)) return false;
  return true;
}

function median(v: readonly number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

interface Candidate { x: number; y: number; jet: Float64Array; gradNorm: number }

/**
 * Newton's method on the gradient system ∇f(x) = 0 from one start: d = −H⁻¹g, damped by Deuflhard's natural
 * monotonicity test, accept x + λd (λ = 1, ½, …) when the simplified correction d̄ = −H(x)⁻¹∇f(x + λd) satisfies
 * ‖d̄‖ ≤ (1 − λ/4)‖d‖ (Deuflhard 2004, "Newton Methods for Nonlinear Problems", §3.3). The test is affine invariant,
 * so it follows curved valleys such as Rosenbrock's, where an Armijo test on ‖∇f‖² forces tiny steps. Where H is
 * singular or the test fails: Levenberg–Marquardt on the residual g, (H² + μI) d = −Hg, μ ∈ {10⁻⁶, …, 10³}·‖H‖²_F,
 * with Armijo backtracking on φ = ½‖∇f‖² (Nocedal & Wright 2006, §11.2). Steps are capped at half the domain
 * diagonal. No candidate when the jet at the start is not finite, the iterate wanders half a domain outside, or
 * ‖∇f‖ stalls. Unlike the optimizers this converges to saddles and maxima as readily as to minima (Dauphin et al.
 * 2014, §3), which is the point here.
 */
function newtonOnGradient(obj: JetObjective, x0: number, y0: number, d: Domain, diag: number, gRef: number, maxIter: number): Candidate | null {
  const p = Float64Array.of(x0, y0);
  const q = new Float64Array(2);
  let J: Float64Array = obj.jet(p, new Float64Array(6));
  let T: Float64Array = new Float64Array(6);
  if (!allFinite(J)) return null;
  const maxStep = 0.5 * diag;
  const accept = (): void => {
    p.set(q);
    [J, T] = [T, J];
  };
  // Newton with the natural monotonicity test; 'done' when the correction is at rounding level.
  const newtonStep = (): 'moved' | 'failed' | 'done' => {
    const gx = J[1]!, gy = J[2]!, a = J[3]!, b = J[4]!, c = J[5]!;
    const det = a * c - b * b;
    const s = Math.max(Math.abs(a), Math.abs(c)) + Math.abs(b);
    if (!(s > 0) || !(Math.abs(det) > TOL.singular * s * s)) return 'failed';
    const dx = -(c * gx - b * gy) / det;
    const dy = -(a * gy - b * gx) / det;
    const len = Math.hypot(dx, dy);
    if (!Number.isFinite(len)) return 'failed';
    if (len <= 1e-15 * (diag + Math.hypot(p[0]!, p[1]!))) return 'done';
    let lambda = Math.min(1, maxStep / len);
    for (let i = 0; i < 12; i++, lambda *= 0.5) {
      q[0] = p[0]! + lambda * dx;
      q[1] = p[1]! + lambda * dy;
      obj.jet(q, T);
      if (allFinite(T) && Math.hypot(c * T[1]! - b * T[2]!, a * T[2]! - b * T[1]!) / Math.abs(det) <= (1 - lambda / 4) * len) {
        accept();
        return 'moved';
      }
    }
    return 'failed';
  };
  // Levenberg–Marquardt: H² = [[a² + b², b(a + c)], [b(a + c), b² + c²]], right-hand side −Hg = −∇φ.
  const lmStep = (): boolean => {
    const gx = J[1]!, gy = J[2]!, a = J[3]!, b = J[4]!, c = J[5]!;
    const h11 = a * a + b * b;
    const h12 = b * (a + c);
    const h22 = b * b + c * c;
    const r1 = -(a * gx + b * gy);
    const r2 = -(b * gx + c * gy);
    const phi = 0.5 * (gx * gx + gy * gy);
    for (const mu of [1e-6, 1e-3, 1, 1e3]) {
      const m11 = h11 + mu * (h11 + h22);
      const m22 = h22 + mu * (h11 + h22);
      const dm = m11 * m22 - h12 * h12;
      if (!(dm > 0)) continue;
      let dx = (m22 * r1 - h12 * r2) / dm;
      let dy = (m11 * r2 - h12 * r1) / dm;
      const len = Math.hypot(dx, dy);
      if (!(len > 0) || !Number.isFinite(len)) continue;
      if (len > maxStep) { dx *= maxStep / len; dy *= maxStep / len; }
      const slope = -(r1 * dx + r2 * dy);
      for (let i = 0, alpha = 1; i < 5 && slope < 0; i++, alpha *= 0.5) {
        q[0] = p[0]! + alpha * dx;
        q[1] = p[1]! + alpha * dy;
        obj.jet(q, T);
        if (allFinite(T) && 0.5 * (T[1]! * T[1]! + T[2]! * T[2]!) <= phi + TOL.armijo * alpha * slope) {
          accept();
          return true;
        }
      }
    }
    return false;
  };
  const history: number[] = [];
  for (let it = 0; it < maxIter; it++) {
    const gn = Math.hypot(J[1]!, J[2]!);
    if (gn <= TOL.tight * gRef) break;
    history.push(gn);
    if (history.length > STALL_WINDOW && gn > 0.5 * history[history.length - 1 - STALL_WINDOW]!) break;
    const newton = newtonStep();
    if (newton === 'done' || (newton === 'failed' && !lmStep())) break;
    const padX = 0.5 * (d.x1 - d.x0);
    const padY = 0.5 * (d.y1 - d.y0);
    if (p[0]! < d.x0 - padX || p[0]! > d.x1 + padX || p[1]! < d.y0 - padY || p[1]! > d.y1 + padY) return null;
  }
  return { x: p[0]!, y: p[1]!, jet: J, gradNorm: Math.hypot(J[1]!, J[2]!) };
}

/** n × n starts, one per cell, each at the cell centre ± 40 % of the cell (uniform), row by row. */
function jitteredGrid(d: Domain, n: number, rng: Rng): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      out.push([d.x0 + ((i + 0.5 + 0.8 * (rng() - 0.5)) * (d.x1 - d.x0)) / n, d.y0 + ((j + 0.5 + 0.8 * (rng() - 0.5)) * (d.y1 - d.y0)) / n]);
    }
  }
  return out;
}

/** Cyclic order of the 8 neighbours of a node, (di, dj). */
const RING: readonly (readonly [number, number])[] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];

/**
 * Extra Newton starts: the discrete critical nodes of f sampled on an m × m grid of cell centres. At an interior
 * node with value f₀, walk its 8 neighbours in cyclic order and count the sign changes of f_k − f₀: none (all of
 * one sign) marks a discrete minimum or maximum, four or more a discrete saddle (Banchoff 1970's critical-point
 * test for piecewise-linear surfaces; the lower-link count of discrete Morse theory). Ties f_k = f₀ (a symmetric
 * f on a symmetric grid, a plateau) are broken by node index (Edelsbrunner & Mücke 1990, simulation of simplicity),
 * so a plateau has no discrete critical nodes and a symmetric pair of nodes still yields one. A smooth critical point whose basin is wider than
 * two sample spacings shows up as such a node next to it, so features narrower than a cell of the start grid (a
 * bump of width 0.2 in a domain of width 8) are no longer missed. At most m²/16 nodes, the lowest |∇f|-ranked by
 * position order, are returned (a lattice such as Rastrigin's has about m²/20 of them). Values only: m² evaluations.
 */
function sampledCriticalStarts(obj: JetObjective, d: Domain, m: number): [number, number][] {
  const f = new Float64Array(m * m);
  const jet = new Float64Array(6);
  const hx = (d.x1 - d.x0) / m;
  const hy = (d.y1 - d.y0) / m;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) f[j * m + i] = obj.jet([d.x0 + (i + 0.5) * hx, d.y0 + (j + 0.5) * hy], jet)[0]!;
  }
  const out: [number, number][] = [];
  const cap = Math.max(1, Math.floor((m * m) / 16));
  for (let j = 1; j < m - 1 && out.length < cap; j++) {
    for (let i = 1; i < m - 1 && out.length < cap; i++) {
      const f0 = f[j * m + i]!;
      if (!Number.isFinite(f0)) continue;
      let changes = 0;
      let prev = 0;
      let first = 0;
      let ok = true;
      for (const [di, dj] of RING) {
        const v = f[(j + dj) * m + i + di]! - f0;
        if (!Number.isFinite(v)) { ok = false; break; }
        // Ties (a symmetric f sampled on a symmetric grid) broken by node index: simulation of simplicity.
        const sgn = v > 0 || (v === 0 && dj * m + di > 0) ? 1 : -1;
        if (prev !== 0 && sgn !== prev) changes += 1;
        if (first === 0) first = sgn;
        prev = sgn;
      }
      if (!ok) continue;
      if (prev !== first) changes += 1;
      if (changes === 0 || changes >= 4) out.push([d.x0 + (i + 0.5) * hx, d.y0 + (j + 0.5) * hy]);
    }
  }
  return out;
}

/**
 * All critical points of a 2D objective in a domain. Newton's method on ∇f = 0 (`newtonOnGradient`) runs from a
 * seeded gridSize² jittered grid of starts; a point with ‖∇f‖ ≤ 10⁻⁸·g_ref inside the domain (margin 10⁻⁹ of the
 * diagonal) is kept; duplicates merge within 10⁻⁶ of the diagonal (10⁻³ when either is degenerate, since those are
 * located only to about the square or cube root of the gradient tolerance). Each point is classified by the Hessian
 * eigenvalues (symEig2): minimum, saddle, maximum, or degenerate when min |λᵢ| ≤ 10⁻⁵·h_ref (the monkey saddle
 * x³ − 3xy² at the origin, where ∇²f = 0). g_ref = median ‖∇f‖ and h_ref = median max|λᵢ| over the first starts, so
 * the tolerances do not change when f or the axes are rescaled.
 * Points of a flat patch (both |λᵢ| ≤ 10⁻⁵ of the 90th percentile of max|λᵢ| over the first starts, and ∇f = 0 a step
 * away too) are not reported; a curve of critical points with one
 * non-zero eigenvalue (the valley floor of x²) is, by a few representatives that are not `isolated`.
 * Refinement: when the isolated points found number at least n²/8 (a lattice as fine as the starts, as in
 * Rastrigin or Ackley, likely has more), a pass with 2n × 2n starts follows, up to maxGridSize.
 * Sorted by f (values within 10⁻⁹ of the range of f at the starts tie, then x, then y): deterministic for a seed.
 * Non-differentiable points are not critical points: at Ackley's cone tip (0, 0) the jet is NaN and ‖∇f‖ stays
 * near 2.8 close by, so the origin is not reported; NaN starts and trial points are skipped, never fatal.
 */
export function findCriticalPoints(obj: JetObjective, domain: Domain, opts: CriticalPointOptions = {}): CriticalPoint[] {
  const { x0, x1, y0, y1 } = domain;
  if (![x0, x1, y0, y1].every(Number.isFinite) || !(x1 > x0) || !(y1 > y0)) throw new Error('domain must have finite bounds with x0 < x1 and y0 < y1');
  const n0 = opts.gridSize ?? 12;
  const maxGrid = opts.maxGridSize ?? 48;
  const maxIter = opts.maxIter ?? 100;
  const sampleSize = opts.sampleSize ?? Math.min(8 * n0, 192);
  if (!Number.isInteger(n0) || n0 < 1 || n0 > 200) throw new Error(`gridSize must be an integer in [1, 200], got ${String(n0)}`);
  if (!Number.isInteger(maxGrid) || maxGrid > 400) throw new Error(`maxGridSize must be an integer ≤ 400, got ${String(maxGrid)}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new Error(`maxIter must be a positive integer, got ${String(maxIter)}`);
  if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > 1000) throw new Error(`sampleSize must be an integer in [0, 1000], got ${String(sampleSize)}`);
  const rng = rngFromSeed(opts.seed ?? 1);
  const diag = Math.hypot(x1 - x0, y1 - y0);
  const margin = 1e-9 * diag;

  // Scales from the jets at the first starts.
  let starts = jitteredGrid(domain, n0, rng);
  const fs: number[] = [];
  const gNorms: number[] = [];
  const hNorms: number[] = [];
  const jet = new Float64Array(6);
  for (const s of starts) {
    if (!allFinite(obj.jet(s, jet))) continue;
    fs.push(jet[0]!);
    gNorms.push(Math.hypot(jet[1]!, jet[2]!));
    const e = symEig2(jet[3]!, jet[4]!, jet[5]!);
    hNorms.push(Math.max(Math.abs(e.l1), Math.abs(e.l2)));
  }
  if (fs.length === 0) return [];
  const fScale = Math.max(...fs) - Math.min(...fs) || Math.max(1, Math.abs(fs[0]!));
  const gRef = median(gNorms) || fScale / diag;
  const degTol = TOL.degenerate * median(hNorms);
  // Flatness against the surface's strong curvature (the 90th percentile): most starts may lie in flat tails.
  const flatTol = Math.max(degTol, TOL.degenerate * quantile(hNorms, 0.9));

  const kept = new PointSet(diag);
  if (sampleSize >= 3) starts = starts.concat(sampledCriticalStarts(obj, domain, sampleSize));
  for (let n = n0; ; n *= 2) {
    const candidates: Candidate[] = [];
    for (const [sx, sy] of starts) {
      const c = newtonOnGradient(obj, sx, sy, domain, diag, gRef, maxIter);
      if (!c || !(c.gradNorm <= TOL.accept * gRef)) continue;
      if (c.x < x0 - margin || c.x > x1 + margin || c.y < y0 - margin || c.y > y1 + margin) continue;
      candidates.push(c);
    }
    candidates.sort((a, b) => a.gradNorm - b.gradNorm || a.x - b.x || a.y - b.y);
    let added = 0;
    for (const c of candidates) {
      const e = symEig2(c.jet[3]!, c.jet[4]!, c.jet[5]!);
      const kind = curvatureKind(e.l1, e.l2, degTol);
      const isolated = kind !== 'degenerate' || isIsolated(obj, c, e, degTol, 1e-3 * diag, TOL.accept * gRef);
      // A flat patch (both eigenvalues zero, and ∇f = 0 a step away too: the plateau of min(x² + y², 1) up to its
      // rim, the far tails of a sum of Gaussian bumps) is not marked: every point of it is critical, none stands for it.
      if (Math.abs(e.l1) <= flatTol && Math.abs(e.l2) <= flatTol && (!isolated || criticalNearby(obj, c, 1e-3 * diag, TOL.accept * gRef))) continue;
      if (kept.add({ x: c.x, y: c.y, f: c.jet[0]!, kind, l1: e.l1, l2: e.l2, gradNorm: c.gradNorm, isolated })) added += 1;
    }
    if (added === 0 || 2 * n > maxGrid || 8 * kept.isolatedCount < n * n) break;
    starts = jitteredGrid(domain, 2 * n, rng);
  }
  const fq = 1e-9 * fScale;
  return kept.points.sort((a, b) => Math.round(a.f / fq) - Math.round(b.f / fq) || a.x - b.x || a.y - b.y);
}

/**
 * The points kept so far, merging a new point into an old one within 10⁻⁶·diag, 10⁻³·diag if either is degenerate,
 * diag/8 if either is not isolated. Isolated points are bucketed in cells of 10⁻³·diag, so a lookup scans 3 × 3
 * cells instead of every point (Rastrigin has 441 critical points and ~3000 candidates).
 */
class PointSet {
  readonly points: CriticalPoint[] = [];
  isolatedCount = 0;
  private readonly cells = new Map<number, CriticalPoint[]>();
  private readonly cell: number;

  constructor(private readonly diag: number) {
    this.cell = 1e-3 * diag;
  }

  private key(i: number, j: number): number {
    return (i + 2 ** 20) * 2 ** 21 + (j + 2 ** 20);
  }

  /** Adds p unless it merges into a kept point; returns whether it was added. */
  add(p: CriticalPoint): boolean {
    const far = this.diag / 8;
    const near = (k: CriticalPoint): boolean => {
      const r = !k.isolated || !p.isolated ? far : k.kind === 'degenerate' || p.kind === 'degenerate' ? this.cell : 1e-6 * this.diag;
      return Math.hypot(k.x - p.x, k.y - p.y) <= r;
    };
    // Non-isolated points are few: compare them with everything.
    if (this.points.length > this.isolatedCount && this.points.some((k) => !k.isolated && near(k))) return false;
    if (!p.isolated && this.points.some(near)) return false;
    const ci = Math.floor(p.x / this.cell);
    const cj = Math.floor(p.y / this.cell);
    if (p.isolated) {
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) if (this.cells.get(this.key(ci + di, cj + dj))?.some(near)) return false;
      }
      const k = this.key(ci, cj);
      const bucket = this.cells.get(k);
      if (bucket) bucket.push(p);
      else this.cells.set(k, [p]);
      this.isolatedCount += 1;
    }
    this.points.push(p);
    return true;
  }
}

/** False when ‖∇f‖ ≤ gTol at both c ± h·u for a null eigenvector u of the Hessian (|λ| ≤ degTol): see CriticalPoint.isolated. */
/** The q-quantile of the values (nearest rank). */
function quantile(v: readonly number[], q: number): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Whether ∇f also vanishes (‖∇f‖ ≤ gTol) a step h from the point along +x, −x, +y or −y. */
function criticalNearby(obj: JetObjective, c: Candidate, h: number, gTol: number): boolean {
  const jet = new Float64Array(6);
  return ([[h, 0], [-h, 0], [0, h], [0, -h]] as const).some(([dx, dy]) => {
    obj.jet([c.x + dx, c.y + dy], jet);
    return Math.hypot(jet[1]!, jet[2]!) <= gTol;
  });
}

function isIsolated(obj: JetObjective, c: Candidate, e: SymEig2, degTol: number, h: number, gTol: number): boolean {
  const dirs: [number, number][] = [];
  if (Math.abs(e.l1) <= degTol) dirs.push([e.e1x, e.e1y]);
  if (Math.abs(e.l2) <= degTol) dirs.push([-e.e1y, e.e1x]);
  const jet = new Float64Array(6);
  return !dirs.some(([ux, uy]) => [1, -1].every((sgn) => {
    obj.jet([c.x + sgn * h * ux, c.y + sgn * h * uy], jet);
    return Math.hypot(jet[1]!, jet[2]!) <= gTol;
  }));
}

import { gridX, gridY, type GridSpec } from '../landscapes/grid';
import { gaussHermite } from './gaussHermite';
import { GK_POINTS as GK_N, WG as WG_, WK as WK_, XK as XK_ } from './gaussKronrod';
import { BranchEvaluator } from './smoothingBranches';
import { describeSplit, splitSeparable } from './smoothingSeparable';
import type { SmoothingTarget } from './smoothingTarget';

/**
 * Gaussian smoothing f_σ(x) = E_{ε~N(0,I)}[f(x + σε)] of piecewise formulas (min, max, abs, sign, floor, ceil, round)
 * to ~1e-10 typically, with the Stein gradient ∇f_σ(x) = E[f(x + σε) ε]/σ (es-vo.md §2.2), exact here because it is
 * the derivative of the same exact integral (the pathwise E[∇f] misses the jumps). Why not Gauss–Hermite: it
 * integrates polynomials exactly and ripples at a kink or jump (20 × 20 nodes: 1e-2 relative, 1e-1 in the gradient).
 * Why not a dense 2D convolution: a jump inside a grid cell costs O(h/σ) unless located, and locating breaklines is
 * what this does, along lines, where it is exact and cheap.
 *
 * Line integrals. On a line, f(u) is one smooth expression wherever the branch signature of the tape
 * (smoothingBranches.ts: which branch every min/max/abs took, which level every step function returned, whether f is
 * finite) is constant. The window [x − 8σ, x + 8σ] (Gaussian mass outside 2Φ(−8) ≈ 1e-15) is cut into cells of 4σ,
 * each with the 15-point Gauss–Kronrod rule (gaussKronrod.ts), accurate to ~1e-14 for the Gaussian factor on 4σ.
 * Where the signature differs between two of a cell's points (ends and nodes) the change is located by bisection to
 * 1e-11σ and the cell split there (halved first while two or more changes show, down to σ/8); where a distance to
 * switching (BranchEvaluator.dist) dips towards 0 between nodes (two breakpoints close together, as near a tangency)
 * the cell is split at the dip; so every cell integrated holds one smooth piece, and kinks and jumps cost nothing.
 * A clean cell is accepted when |K15 − G7| ≤ 1e-6·K15(|f|) for f itself, else halved (QUADPACK-style adaptivity,
 * Piessens et al. 1983). The sums ∫ f φ_σ(u − x) du, ∫ 1{f finite} φ_σ(u − x) du, ∫ |f| φ_σ(u − x) du and the
 * Stein moments (factor (u − x)/σ²) come from the accepted nodes for every query point x at once: a grid row shares
 * one set of nodes (and on a uniform grid no exp per node pair, see accumulateUniform).
 *
 * 2D (the part r(x, y) that does not separate, smoothingSeparable.ts): r_σ(x, y) = ∫ R(v; x) φ_σ(v − y) dv with the
 * row integral R(v; x) = ∫ r(u, v) φ_σ(u − x) du exact as above. R is smooth in v except where the structure of the
 * rows changes (a breakline parallel to them, as floor(y), or tangent to them, as y = x² at its vertex, where R goes
 * like |v − v*|^{3/2}); the outer integral runs adaptive Gauss–Kronrod over v (cells of 8σ/3) on the vector of row
 * integrals, and a cell is accepted only when the check passes for every query point and every sum, and the rows'
 * structure hash (their signatures within reach of the query points) is the same at its ends and nodes. Else it is
 * split at the change, located by bisection, and both halves are integrated in τ with v = v* ± wτ² there, which makes
 * |v − v*|^{1/2} and |v − v*|^{3/2} polynomial; or, with no change, at its midpoint. Cells farther than 6.5σ from
 * every query point (weight < 2e-10) are taken unchecked and their rows unsplit.
 *
 * Non-finite values of f are left out and the mass renormalized, as in the other methods; the Stein gradient is then
 * the conditional covariance Cov(f, ε)/σ.
 *
 * Work cap and limitations: the outer refinement stops after a budget of evaluations (PIECEWISE_SETTINGS, scaled by
 * tape length: ≈ 20 ms a point, ≈ 1 s a grid) and the result is flagged `capped`. It is reached by breaklines dense
 * on the scale of σ (floor(x² + y²) at σ ≥ 0.2, sign(sin(3x) + cos(2y)) at σ ≥ 0.5: errors ~1e-3 to 1e-2, still below
 * Gauss–Hermite's) or very fine smooth detail against σ. A piece narrower than the node spacing whose breakpoints
 * give no dip in a distance to switching can be missed; a near-pole (tan, 1/x) is no better than Gauss–Hermite.
 */
export const PIECEWISE_SETTINGS = {
  /** Half-width of the window, in σ: the Gaussian mass outside is 2Φ(−8) ≈ 1.2e-15. */
  halfWidth: 8,
  /** Beyond this distance from every query point, in σ, cells are not split (weight < φ(6.5) ≈ 2.3e-10 of the peak). */
  tail: 6.5,
  /** Width of the base cells, in σ. */
  cell: 4,
  /**
   * Width of the outer integral's base cells, in σ: narrower, because a row integral R(v) varies like Φ((v − c)/σ)
   * across a breakline, for which G7 on 4σ falls short of the 1e-6 check while K15 would not.
   */
  outerCell: 8 / 3,
  /** Acceptance of a clean cell: |K15 − G7| ≤ rtol·K15(|g|). */
  rtol: 1e-6,
  /** A cell with two or more signature changes is halved (before locating them) while wider than this, in σ. */
  dense: 0.125,
  /** Outer cells narrower than this, in σ, are taken whatever their rows' structure. */
  narrow: 1e-6,
  /** Breakpoints are located to this width, in σ. */
  locate: 1e-11,
  maxDepth: 30,
  maxLineSplits: 4096,
  /** Splits of the outer integral's cells allowed (at least 16 per base cell on a grid). */
  maxOuterSplits: 256,
  /**
   * Evaluations of f (of a tape of 8 instructions; fewer for longer tapes, in proportion to their cost) after which
   * the outer integral stops refining: a point query (≈ 20 ms); a grid (5 times the base cost of its shared rows, at
   * least a quarter of gridBudget, at most gridBudget ≈ 1 s).
   */
  pointBudget: 200_000,
  gridBudget: 12_000_000,
} as const;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Module-local copies of the rule (an imported binding may be a getter once bundled, which hot loops should not pay). */
const GK_POINTS = 15;
/** Index of the middle node (x = 0). */
const MID = 7;
const XK = Float64Array.from(XK_);
const WK = Float64Array.from(WK_);
const WG = Float64Array.from(WG_);
if (GK_N !== GK_POINTS) throw new Error('Gauss–Kronrod rule size mismatch');

/** Growable Float64Array / Int32Array helpers. */
function growF(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
function growI(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * One line of the piecewise integrator: u runs over [lo, hi] along coordinate 0 of `p` (the other coordinate, if any,
 * is set by the caller). scan() evaluates the base cells, complete() splits and refines them into accepted nodes,
 * accumulate() forms the Gaussian-weighted sums for query points.
 */
class Line {
  skipped = 0;
  splits = 0;
  /** Evaluations of f so far. */
  evals = 0;
  /** Past this many evaluations complete() stops splitting (the work cap of the caller). */
  evalLimit = Infinity;
  /** Cells farther than `tail`·σ from every query point ([coreLo, coreHi] is the query points' span) are not split. */
  private coreLo = 0;
  private coreHi = 0;
  private lo = 0;
  private width = 1;
  private cells = 0;
  private sigma = 1;
  /** Base scan: f and signature at the cell ends (cells + 1) and at the 15 nodes of each cell. */
  private ef = new Float64Array(0);
  private es = new Int32Array(0);
  private nf = new Float64Array(0);
  private ns = new Int32Array(0);
  /** Distances to switching (BranchEvaluator.dist) at the base nodes, `pieces` per node. */
  private nd = new Float64Array(0);
  private readonly pieces: number;
  private readonly td: Float64Array;
  /** Accepted nodes, ascending in u: position, weight (du), value. */
  private su = new Float64Array(256);
  private sw = new Float64Array(256);
  private sf = new Float64Array(256);
  private count = 0;
  /** Work stack of cells: ends, end signatures, depth, base index (−1: not scanned). */
  private stA = new Float64Array(64);
  private stB = new Float64Array(64);
  private stSA = new Int32Array(64);
  private stSB = new Int32Array(64);
  private stD = new Int32Array(64);
  private stPre = new Int32Array(64);
  private sp = 0;
  private readonly tf = new Float64Array(GK_POINTS);
  private readonly ts = new Int32Array(GK_POINTS);
  /** Result of bisect(). */
  private bLo = 0;
  private bHi = 0;
  private bSLo = 0;
  private bSHi = 0;

  constructor(private readonly ev: BranchEvaluator, readonly p: Float64Array) {
    this.pieces = ev.pieces;
    this.td = new Float64Array(GK_POINTS * ev.pieces);
  }

  /** The line [lo, hi] for smoothing scale σ: base cells of width ≤ 4σ (PIECEWISE_SETTINGS.cell). */
  setup(lo: number, hi: number, sigma: number): void {
    this.sigma = sigma;
    this.lo = lo;
    const tail = (PIECEWISE_SETTINGS.halfWidth - PIECEWISE_SETTINGS.tail) * sigma;
    this.coreLo = lo + tail;
    this.coreHi = hi - tail;
    this.cells = Math.max(1, Math.ceil((hi - lo) / (PIECEWISE_SETTINGS.cell * sigma) - 1e-9));
    this.width = (hi - lo) / this.cells;
    if (this.ef.length < this.cells + 1) {
      this.ef = new Float64Array(this.cells + 1);
      this.es = new Int32Array(this.cells + 1);
      this.nf = new Float64Array(this.cells * GK_POINTS);
      this.ns = new Int32Array(this.cells * GK_POINTS);
      this.nd = new Float64Array(this.cells * GK_POINTS * this.pieces);
    }
  }

  private f(u: number): number {
    this.evals++;
    this.p[0] = u;
    return this.ev.value(this.p);
  }

  /**
   * Evaluates the base cells; returns the structure hash: the signatures along the line within the query points'
   * reach (the tails do not count), repeats collapsed.
   */
  scan(): number {
    const { cells, width, lo, ev, coreLo, coreHi } = this;
    let hash = 0x811c9dc5 | 0;
    let prev = 0;
    let first = true;
    for (let c = 0; c <= cells; c++) {
      const a = c === cells ? lo + cells * width : lo + c * width;
      this.ef[c] = this.f(a);
      this.es[c] = ev.sig;
      if (a >= coreLo && a <= coreHi && (first || ev.sig !== prev)) { hash = Math.imul(hash ^ ev.sig, 16777619); prev = ev.sig; first = false; }
      if (c === cells) break;
      const h = 0.5 * width;
      const m = a + h;
      for (let q = 0; q < GK_POINTS; q++) {
        const u = m + h * XK[q]!;
        this.nf[c * GK_POINTS + q] = this.f(u);
        const sg = ev.sig;
        this.ns[c * GK_POINTS + q] = sg;
        if (this.pieces > 0) this.nd.set(ev.dist, (c * GK_POINTS + q) * this.pieces);
        if (u >= coreLo && u <= coreHi && (first || sg !== prev)) { hash = Math.imul(hash ^ sg, 16777619); prev = sg; first = false; }
      }
    }
    return hash;
  }

  private push(a: number, b: number, sA: number, sB: number, depth: number, pre: number): void {
    if (this.sp >= this.stA.length) {
      const n = this.sp + 1;
      this.stA = growF(this.stA, n); this.stB = growF(this.stB, n);
      this.stSA = growI(this.stSA, n); this.stSB = growI(this.stSB, n);
      this.stD = growI(this.stD, n); this.stPre = growI(this.stPre, n);
    }
    const i = this.sp++;
    this.stA[i] = a; this.stB[i] = b; this.stSA[i] = sA; this.stSB[i] = sB; this.stD[i] = depth; this.stPre[i] = pre;
  }

  /** Bisects [ua, ub] (signatures sa ≠ sb) to a change of signature; result in bLo/bHi/bSLo/bSHi. */
  private bisect(ua: number, sa: number, ub: number, sb: number): void {
    const tol = PIECEWISE_SETTINGS.locate * this.sigma;
    for (let it = 0; it < 200 && ub - ua > tol; it++) {
      const mid = 0.5 * (ua + ub);
      if (mid <= ua || mid >= ub) break;
      this.f(mid);
      const s = this.ev.sig;
      if (s === sa) ua = mid;
      else { ub = mid; sb = s; }
    }
    this.bLo = ua; this.bHi = ub; this.bSLo = sa; this.bSHi = sb;
  }

  /**
   * Where some distance to switching has a local minimum at a node whose parabola through it and its neighbours comes
   * within a quarter of its rise of 0 (a crossing may hide there), the parabola's lowest point; else NaN.
   */
  private nearMiss(dists: Float64Array, off: number, m: number, h: number): number {
    const P = this.pieces;
    for (let k = 0; k < P; k++) {
      for (let q = 1; q + 1 < GK_POINTS; q++) {
        const d0 = dists[(off + q - 1) * P + k]!, d1 = dists[(off + q) * P + k]!, d2 = dists[(off + q + 1) * P + k]!;
        if (!(d1 < d0 && d1 <= d2)) continue;
        const x0 = m + h * XK[q - 1]!, x1 = m + h * XK[q]!, x2 = m + h * XK[q + 1]!;
        const s1 = (d1 - d0) / (x1 - x0), s2 = (d2 - d1) / (x2 - x1);
        const c = (s2 - s1) / (x2 - x0);
        if (!(c > 0)) continue;
        const xs = 0.5 * (x0 + x1) - s1 / (2 * c);
        const low = d0 + s1 * (xs - x0) + c * (xs - x0) * (xs - x1);
        const span = 0.5 * (x2 - x0);
        if (low < 0.25 * c * span * span && xs > x0 && xs < x2) return xs;
      }
    }
    return NaN;
  }

  private accept(m: number, h: number, vals: Float64Array, off: number): void {
    const n = this.count + GK_POINTS;
    if (n > this.su.length) { this.su = growF(this.su, n); this.sw = growF(this.sw, n); this.sf = growF(this.sf, n); }
    for (let q = 0; q < GK_POINTS; q++) {
      const v = vals[off + q]!;
      if (v - v !== 0) this.skipped++;
      this.su[this.count] = m + h * XK[q]!;
      this.sw[this.count] = h * WK[q]!;
      this.sf[this.count] = v;
      this.count++;
    }
  }

  /** Splits the scanned base cells at signature changes, refines them until K15 and G7 agree, and keeps the nodes. */
  complete(coarse = false): void {
    const S = PIECEWISE_SETTINGS;
    this.count = 0;
    this.skipped = 0;
    this.splits = 0;
    const tiny = 4 * S.locate * this.sigma;
    for (let c = 0; c < this.cells; c++) {
      const a = this.lo + c * this.width;
      const b = c === this.cells - 1 ? this.lo + this.cells * this.width : a + this.width;
      // In the tails (Gaussian weight below φ(6.5) ≈ 2e-10 of the peak), past the work cap, or for a row the caller
      // marks coarse, the base cell is taken as it is.
      const maxSplits = coarse || b < this.coreLo || a > this.coreHi || this.evals >= this.evalLimit ? this.splits : S.maxLineSplits;
      this.sp = 0;
      this.push(a, b, this.es[c]!, this.es[c + 1]!, 0, c);
      while (this.sp > 0) {
        const i = --this.sp;
        const a0 = this.stA[i]!, b0 = this.stB[i]!, sA = this.stSA[i]!, sB = this.stSB[i]!, depth = this.stD[i]!, pre = this.stPre[i]!;
        const h = 0.5 * (b0 - a0);
        const m = a0 + h;
        let vals: Float64Array, sigs: Int32Array, dists: Float64Array, off: number;
        if (pre >= 0) { vals = this.nf; sigs = this.ns; dists = this.nd; off = pre * GK_POINTS; }
        else {
          for (let q = 0; q < GK_POINTS; q++) {
            this.tf[q] = this.f(m + h * XK[q]!);
            this.ts[q] = this.ev.sig;
            if (this.pieces > 0) this.td.set(this.ev.dist, q * this.pieces);
          }
          vals = this.tf; sigs = this.ts; dists = this.td; off = 0;
        }
        let k = -1, changes = 0, prev = sA;
        for (let q = 0; q < GK_POINTS; q++) {
          const sq = sigs[off + q]!;
          if (sq !== prev) { if (k < 0) k = q; changes++; prev = sq; }
        }
        if (sB !== prev) { if (k < 0) k = GK_POINTS; changes++; }
        // Two or more changes: breaklines are dense here and a narrow piece may hide between nodes, so look closer
        // first (halve the cell; its midpoint is node 7) down to σ/8, then locate the changes one by one.
        if (changes >= 2 && b0 - a0 > S.dense * this.sigma && this.splits < maxSplits) {
          const sm = sigs[off + MID]!;
          this.splits++;
          this.push(m, b0, sm, sB, depth + 1, -1);
          this.push(a0, m, sA, sm, depth + 1, -1);
          continue;
        }
        // A cell as narrow as the location tolerance is taken as it is: its end may sit on a point with a signature of
        // its own (sign(0) = 0), which no split can remove.
        if (k >= 0 && this.splits < maxSplits && b0 - a0 > tiny) {
          const ua = k === 0 ? a0 : m + h * XK[k - 1]!;
          const sa = k === 0 ? sA : sigs[off + k - 1]!;
          const ub = k === GK_POINTS ? b0 : m + h * XK[k]!;
          const sb = k === GK_POINTS ? sB : sigs[off + k]!;
          this.bisect(ua, sa, ub, sb);
          const cut = 0.5 * (this.bLo + this.bHi);
          const sLo = this.bSLo, sHi = this.bSHi;
          this.splits++;
          this.push(cut, b0, sHi, sB, depth, -1);
          this.push(a0, cut, sA, sLo, depth, -1);
          continue;
        }
        // A clean cell may still hide a narrow piece between two nodes; look closer where a distance to switching dips.
        const dip = this.pieces > 0 && this.splits < maxSplits && depth < S.maxDepth && b0 - a0 > tiny ? this.nearMiss(dists, off, m, h) : NaN;
        if (dip === dip) {
          this.f(dip);
          const sd = this.ev.sig;
          this.splits++;
          this.push(dip, b0, sd, sB, depth + 1, -1);
          this.push(a0, dip, sA, sd, depth + 1, -1);
          continue;
        }
        let kr = 0, ga = 0, kabs = 0;
        for (let q = 0; q < GK_POINTS; q++) {
          const v = vals[off + q]!;
          if (v - v !== 0) continue;
          kr += WK[q]! * v;
          ga += WG[q]! * v;
          kabs += WK[q]! * Math.abs(v);
        }
        if (Math.abs(kr - ga) > S.rtol * kabs && depth < S.maxDepth && this.splits < maxSplits && b0 - a0 > tiny) {
          this.f(m);
          const sm = this.ev.sig;
          this.splits++;
          this.push(m, b0, sm, sB, depth + 1, -1);
          this.push(a0, m, sA, sm, depth + 1, -1);
          continue;
        }
        this.accept(m, h, vals, off);
      }
    }
  }

  /**
   * For each query point x_i, at out[offset + i·stride]: ∫ f φ_σ(u − x_i) du, the mass ∫ 1{f finite} φ_σ(u − x_i) du,
   * ∫ |f| φ_σ(u − x_i) du (the size the outer integral's tolerance is measured against), and with stride 5 the
   * Stein moments ∫ f φ_σ(u − x_i) (u − x_i)/σ² du and ∫ 1{f finite} φ_σ(u − x_i) (u − x_i)/σ² du.
   */
  accumulate(xs: ArrayLike<number>, out: Float64Array, offset: number, stride: 3 | 5): void {
    const { su, sw, sf, count } = this;
    const sigma = this.sigma;
    const inv = 1 / sigma;
    const reach = PIECEWISE_SETTINGS.halfWidth * sigma * (1 + 1e-12);
    const scale = INV_SQRT_2PI * inv;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let lo = 0, hi = count;
      const left = x - reach;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (su[mid]! < left) lo = mid + 1; else hi = mid; }
      let A = 0, B = 0, Aabs = 0, C = 0, D = 0;
      const right = x + reach;
      for (let s = lo; s < count; s++) {
        const u = su[s]!;
        if (u > right) break;
        const v = sf[s]!;
        if (v - v !== 0) continue;
        const z = (u - x) * inv;
        const g = sw[s]! * Math.exp(-0.5 * z * z);
        A += g * v;
        B += g;
        Aabs += g * Math.abs(v);
        if (stride === 5) { C += g * v * z; D += g * z; }
      }
      const o = offset + i * stride;
      out[o] = A * scale;
      out[o + 1] = B * scale;
      out[o + 2] = Aabs * scale;
      if (stride === 5) { out[o + 3] = C * scale * inv; out[o + 4] = D * scale * inv; }
    }
  }

  /**
   * accumulate() with stride 3 for the uniform nodes x_i = x0 + i·hx, i < n, without one exp per (node, sample): the
   * Gaussian weights of one sample u at consecutive nodes follow e^{−(z−δ)²/2} = e^{−z²/2}·ρ, ρ_{next} = ρ·e^{−δ²}
   * (z = (u − x_i)/σ, δ = hx/σ), so each sample costs three exps and two products per node (from its nearest node
   * outwards, where the factors stay ≤ 1).
   */
  accumulateUniform(x0: number, hx: number, n: number, out: Float64Array, offset: number): void {
    const { su, sw, sf, count } = this;
    const sigma = this.sigma;
    const inv = 1 / sigma;
    const reach = PIECEWISE_SETTINGS.halfWidth * sigma * (1 + 1e-12);
    const scale = INV_SQRT_2PI * inv;
    const delta = hx * inv;
    const q2 = Math.exp(-delta * delta);
    const half = 0.5 * delta * delta;
    for (let s = 0; s < count; s++) {
      const v = sf[s]!;
      if (v - v !== 0) continue;
      const u = su[s]!;
      const iLo = Math.max(0, Math.ceil((u - reach - x0) / hx));
      const iHi = Math.min(n - 1, Math.floor((u + reach - x0) / hx));
      if (iLo > iHi) continue;
      const c = Math.min(iHi, Math.max(iLo, Math.round((u - x0) / hx)));
      const z = (u - (x0 + c * hx)) * inv;
      const w = sw[s]! * scale;
      const va = Math.abs(v);
      let g = w * Math.exp(-0.5 * z * z);
      let o = offset + 3 * c;
      out[o] = out[o]! + g * v; out[o + 1] = out[o + 1]! + g; out[o + 2] = out[o + 2]! + g * va;
      const g0 = g;
      let rho = Math.exp(z * delta - half);
      for (let i = c + 1; i <= iHi && g > 0; i++) {
        g *= rho; rho *= q2; o += 3;
        out[o] = out[o]! + g * v; out[o + 1] = out[o + 1]! + g; out[o + 2] = out[o + 2]! + g * va;
      }
      g = g0;
      rho = Math.exp(-z * delta - half);
      o = offset + 3 * c;
      for (let i = c - 1; i >= iLo && g > 0; i--) {
        g *= rho; rho *= q2; o -= 3;
        out[o] = out[o]! + g * v; out[o + 1] = out[o + 1]! + g; out[o + 2] = out[o + 2]! + g * va;
      }
    }
  }
}

/** Smoothed values (and Stein derivatives) of a 1D part at query points, and the nodes left out. */
interface Smoothed1D { readonly value: Float64Array; readonly slope: Float64Array; readonly skipped: number }

/** g_σ(x_i) = E[g(x_i + σε)] and g_σ'(x_i) = Cov(g(x_i + σε), ε)/σ for a tape in one variable, all from one line. */
function smoothLine(ev: BranchEvaluator, xs: ArrayLike<number>, sigma: number): Smoothed1D {
  const line = new Line(ev, new Float64Array(1));
  const { lo, hi } = span(xs, sigma);
  line.setup(lo, hi, sigma);
  line.scan();
  line.complete();
  const sums = new Float64Array(xs.length * 5);
  line.accumulate(xs, sums, 0, 5);
  const value = new Float64Array(xs.length);
  const slope = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const o = 5 * i;
    const v = sums[o]! / sums[o + 1]!;
    value[i] = v;
    slope[i] = (sums[o + 3]! - v * sums[o + 4]!) / sums[o + 1]!;
  }
  return { value, slope, skipped: line.skipped };
}

function span(xs: ArrayLike<number>, sigma: number): { lo: number; hi: number } {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < xs.length; i++) { lo = Math.min(lo, xs[i]!); hi = Math.max(hi, xs[i]!); }
  const w = PIECEWISE_SETTINGS.halfWidth * sigma;
  return { lo: lo - w, hi: hi + w };
}

/** Nested 2D smoothing of a tape in (x, y) on the grid xs × ys (row-major j·nx + i): sums, see smooth2d. */
interface Smoothed2D {
  /** True when a cell was taken without passing its check (split or work cap reached): accuracy not controlled. */
  readonly capped: boolean;
  /** Evaluations of f spent. */
  readonly evals: number;
  readonly value: Float64Array;
  /** ∂_x and ∂_y (Stein), only when asked for. */
  readonly gx: Float64Array | null;
  readonly gy: Float64Array | null;
  readonly skipped: number;
}

/**
 * r_σ on xs × ys by the nested scheme (see the file comment): rows v of the outer adaptive Gauss–Kronrod rule, each
 * integrated exactly along u for every x_i at once, then weighted by φ_σ(v − y_j) for every y_j.
 */
function smooth2d(ev: BranchEvaluator, xs: ArrayLike<number>, ys: ArrayLike<number>, sigma: number, gradient: boolean, budget: number): Smoothed2D {
  const S = PIECEWISE_SETTINGS;
  const nx = xs.length, ny = ys.length;
  const stride = gradient ? 5 : 3;
  const hx = nx > 1 ? (xs[nx - 1]! - xs[0]!) / (nx - 1) : 0;
  let uniform = !gradient && nx > 2 && hx > 0;
  for (let i = 0; i < nx && uniform; i++) if (Math.abs(xs[i]! - (xs[0]! + i * hx)) > 1e-9 * hx) uniform = false;
  const p = new Float64Array(2);
  const line = new Line(ev, p);
  const { lo: ulo, hi: uhi } = span(xs, sigma);
  line.setup(ulo, uhi, sigma);
  line.evalLimit = budget;
  const { lo: vlo, hi: vhi } = span(ys, sigma);
  const vCoreLo = vlo + (S.halfWidth - S.tail) * sigma, vCoreHi = vhi - (S.halfWidth - S.tail) * sigma;
  const L = nx * stride;
  const rows = new Float64Array(GK_POINTS * L);
  const hashes = new Int32Array(GK_POINTS);
  const gkDiff = new Float64Array(4);
  const gkAbs = new Float64Array(4);
  const sums = new Float64Array(nx * ny * (gradient ? 6 : 2));
  const ns = gradient ? 6 : 2;
  const inv = 1 / sigma;
  const reach = S.halfWidth * sigma * (1 + 1e-12);
  let skipped = 0;
  let outerSplits = 0;
  let capped = false;
  const scanAt = (v: number): number => { p[1] = v; return line.scan(); };

  const cells = Math.max(1, Math.ceil((vhi - vlo) / (S.outerCell * sigma) - 1e-9));
  const width = (vhi - vlo) / cells;
  const maxOuterSplits = Math.max(S.maxOuterSplits, 16 * cells);
  // Cells [a, b, depth, ends]: `ends` marks an end at a located change of the rows' structure (1: a, 2: b), where R
  // may behave like |v − v*|^{1/2} or |v − v*|^{3/2} (a breakline tangent to the rows); such a cell is integrated in
  // τ with v = v* ± (b − a)τ², dv = 2(b − a)τ dτ, which turns those terms into polynomials in τ.
  const stack: [number, number, number, number][] = [];
  const vq = new Float64Array(GK_POINTS);
  const jq = new Float64Array(GK_POINTS);
  for (let c = cells - 1; c >= 0; c--) stack.push([vlo + c * width, c === cells - 1 ? vhi : vlo + (c + 1) * width, 0, 0]);
  while (stack.length > 0) {
    const [a, b, depth, ends] = stack.pop()!;
    const h = 0.5 * (b - a);
    const m = a + h;
    if (ends === 3) { stack.push([m, b, depth + 1, 2], [a, m, depth + 1, 1]); continue; }
    for (let q = 0; q < GK_POINTS; q++) {
      if (ends === 0) { vq[q] = m + h * XK[q]!; jq[q] = h; continue; }
      const tau = 0.5 * (1 + XK[q]!);
      vq[q] = ends === 1 ? a + (b - a) * tau * tau : b - (b - a) * tau * tau;
      jq[q] = (b - a) * tau;
    }
    // A cell wholly in the tails (weight < φ(6.5) ≈ 2e-10 of the peak) is taken unchecked, its rows unsplit; whether
    // a row is coarse is decided per cell, so that no checked cell mixes coarse and exact rows.
    const tailCell = b < vCoreLo || a > vCoreHi;
    let rowSkips = 0;
    for (let q = 0; q < GK_POINTS; q++) {
      hashes[q] = scanAt(vq[q]!);
      line.complete(tailCell);
      rowSkips += line.skipped;
      if (uniform) { rows.fill(0, q * L, (q + 1) * L); line.accumulateUniform(xs[0]!, hx, nx, rows, q * L); }
      else line.accumulate(xs, rows, q * L, stride);
    }
    // Each cell passes when, for every query x_i and every sum, |K15 − G7| ≤ rtol × K15 of its size: ∫|f|φ for the
    // values and σ⁻¹∫|f|φ for the Stein moments, the mass for the mass and σ⁻¹·mass for its moment (a sum that
    // vanishes by symmetry, as ∫ u φ_σ(u) du, is measured against what it cancels, not against its rounding noise).
    let ok = true;
    for (let i = 0; i < nx && ok; i++) {
      for (let t = 0; t < stride; t++) {
        let kr = 0, ga = 0, kabs = 0;
        for (let q = 0; q < GK_POINTS; q++) {
          const v = rows[q * L + i * stride + t]! * jq[q]!;
          kr += WK[q]! * v;
          ga += WG[q]! * v;
          kabs += WK[q]! * Math.abs(v);
        }
        gkDiff[t] = Math.abs(kr - ga);
        gkAbs[t] = kabs;
      }
      const tolF = S.rtol * gkAbs[2]!, tolB = S.rtol * gkAbs[1]!;
      if (gkDiff[0]! > tolF || gkDiff[1]! > tolB) ok = false;
      else if (stride === 5 && (gkDiff[3]! > tolF * inv || gkDiff[4]! > tolB * inv)) ok = false;
    }
    // A cell is also split where the rows' structure changes inside it (a breakline along the rows makes R jump or
    // kink there, which K15 − G7 can miss by accident), unless it is narrower than 1e-6σ (a jump there moves the
    // integral by < 1e-6 of its size) or lies in the tails.
    let sameRows = true;
    for (let q = 1; q < GK_POINTS; q++) if (hashes[q] !== hashes[0]) sameRows = false;
    // The ends too (a change between an end and the outermost node, 0.4% of the cell, would otherwise go unseen),
    // except an end at a located change, whose rows belong to either side.
    if (sameRows && !tailCell && b - a >= S.narrow * sigma) {
      if ((ends & 1) === 0 && scanAt(a) !== hashes[0]) sameRows = false;
      else if ((ends & 2) === 0 && scanAt(b) !== hashes[0]) sameRows = false;
    }
    if (tailCell || b - a < S.narrow * sigma) ok = true;
    else if (!sameRows) ok = false;
    if (!ok && (outerSplits >= maxOuterSplits || depth >= S.maxDepth || line.evals >= budget)) capped = true;
    else if (!ok) {
      outerSplits++;
      // Rows in ascending v: the substitution at b runs the nodes backwards.
      let cut = m, located = false;
      // Rows in ascending v with their hashes: the ends (as scanned) and the nodes.
      const asc = vq[0]! <= vq[GK_POINTS - 1]!;
      const pv: number[] = [a], ph: number[] = [(ends & 1) === 0 ? scanAt(a) : NaN];
      for (let q = 0; q < GK_POINTS; q++) { const r = asc ? q : GK_POINTS - 1 - q; pv.push(vq[r]!); ph.push(hashes[r]!); }
      pv.push(b); ph.push((ends & 2) === 0 ? scanAt(b) : NaN);
      for (let q = 0; q + 1 < pv.length; q++) {
        if (ph[q] !== ph[q] || ph[q + 1] !== ph[q + 1] || ph[q] === ph[q + 1]) continue;
        let va = pv[q]!, vb = pv[q + 1]!;
        const ha = ph[q]!;
        const tol = S.locate * sigma;
        for (let it = 0; it < 200 && vb - va > tol; it++) {
          const mid = 0.5 * (va + vb);
          if (mid <= va || mid >= vb) break;
          if (scanAt(mid) === ha) va = mid; else vb = mid;
        }
        cut = 0.5 * (va + vb);
        located = cut > a && cut < b;
        break;
      }
      if (!located) cut = m;
      stack.push([cut, b, depth + 1, located ? (ends & 2) | 1 : ends & 2], [a, cut, depth + 1, located ? (ends & 1) | 2 : ends & 1]);
      continue;
    }
    skipped += rowSkips;
    for (let q = 0; q < GK_POINTS; q++) {
      const v = vq[q]!;
      const wq = jq[q]! * WK[q]! * INV_SQRT_2PI * inv;
      for (let j = 0; j < ny; j++) {
        const dz = v - ys[j]!;
        if (Math.abs(dz) > reach) continue;
        const z = dz * inv;
        const gy = wq * Math.exp(-0.5 * z * z);
        const zs = z * inv;
        for (let i = 0; i < nx; i++) {
          const r = q * L + i * stride;
          const o = (j * nx + i) * ns;
          sums[o] = sums[o]! + gy * rows[r]!;
          sums[o + 1] = sums[o + 1]! + gy * rows[r + 1]!;
          if (gradient) {
            sums[o + 2] = sums[o + 2]! + gy * rows[r + 3]!;
            sums[o + 3] = sums[o + 3]! + gy * rows[r + 4]!;
            sums[o + 4] = sums[o + 4]! + gy * zs * rows[r]!;
            sums[o + 5] = sums[o + 5]! + gy * zs * rows[r + 1]!;
          }
        }
      }
    }
  }
  const n = nx * ny;
  const value = new Float64Array(n);
  const gx = gradient ? new Float64Array(n) : null;
  const gy = gradient ? new Float64Array(n) : null;
  for (let k = 0; k < n; k++) {
    const o = k * ns;
    const mass = sums[o + 1]!;
    const v = sums[o]! / mass;
    value[k] = v;
    if (gx && gy) {
      gx[k] = (sums[o + 2]! - v * sums[o + 3]!) / mass;
      gy[k] = (sums[o + 4]! - v * sums[o + 5]!) / mass;
    }
  }
  return { value, gx, gy, skipped, capped, evals: line.evals };
}

/** The parts of a target, each with its evaluator (built once per target). */
interface Plan {
  readonly dim: 1 | 2;
  readonly constant: number;
  readonly x: BranchEvaluator | null;
  readonly y: BranchEvaluator | null;
  readonly products: readonly { readonly coef: number; readonly x: BranchEvaluator; readonly y: BranchEvaluator }[];
  readonly rest: BranchEvaluator | null;
  readonly detail: string;
}

const plans = new WeakMap<SmoothingTarget, Plan>();

function planOf(target: SmoothingTarget): Plan {
  let plan = plans.get(target);
  if (plan) return plan;
  const head = 'Gauss–Kronrod between located kinks and jumps';
  if (target.dim === 1) {
    plan = { dim: 1, constant: 0, x: new BranchEvaluator(target.tape), y: null, products: [], rest: null, detail: head };
  } else {
    const split = splitSeparable(target.tape);
    const shape = describeSplit(split);
    const how = split.rest === target.tape ? 'non-separable: exact along x, adaptive along y'
      : split.rest ? `f = ${shape}: 1D parts exactly, r exact along x, adaptive along y`
        : `separable, f = ${shape}: 1D integrals`;
    plan = {
      dim: 2, constant: split.constant,
      x: split.x ? new BranchEvaluator(split.x) : null,
      y: split.y ? new BranchEvaluator(split.y) : null,
      products: split.products.map((pr) => ({ coef: pr.coef, x: new BranchEvaluator(pr.x), y: new BranchEvaluator(pr.y) })),
      rest: split.rest ? new BranchEvaluator(split.rest) : null,
      detail: `${head}; ${how}`,
    };
  }
  plans.set(target, plan);
  return plan;
}

/** True when the piecewise method needs no 2D integral for this target (1D, or a 2D formula that separates). */
export function piecewiseIsSeparable(target: SmoothingTarget): boolean {
  return planOf(target).rest === null;
}

/** What the piecewise method does for this target (SmoothResult.detail). */
export function piecewiseDetail(target: SmoothingTarget): string {
  return planOf(target).detail;
}

/**
 * f_σ(point) and the Stein gradient by the piecewise method: 1D targets and separable 2D parts by exact line
 * integrals (g_σ + h_σ, p_σ·q_σ by independence of ε₁, ε₂), the rest r(x, y) by the nested 2D scheme. `capped`: the
 * 2D scheme hit its work cap (very dense breaklines) and took some cells unchecked.
 */
export function smoothPiecewisePoint(target: SmoothingTarget, point: readonly number[], sigma: number): { value: number; gradient: number[]; skipped: number; capped: boolean } {
  const plan = planOf(target);
  const x = [point[0]!];
  if (plan.dim === 1) {
    const r = smoothLine(plan.x!, x, sigma);
    return { value: r.value[0]!, gradient: [r.slope[0]!], skipped: r.skipped, capped: false };
  }
  const y = [point[1]!];
  let value = plan.constant, gx = 0, gy = 0, skipped = 0, capped = false;
  if (plan.x) { const r = smoothLine(plan.x, x, sigma); value += r.value[0]!; gx += r.slope[0]!; skipped += r.skipped; }
  if (plan.y) { const r = smoothLine(plan.y, y, sigma); value += r.value[0]!; gy += r.slope[0]!; skipped += r.skipped; }
  for (const pr of plan.products) {
    const p = smoothLine(pr.x, x, sigma);
    const q = smoothLine(pr.y, y, sigma);
    value += pr.coef * p.value[0]! * q.value[0]!;
    gx += pr.coef * p.slope[0]! * q.value[0]!;
    gy += pr.coef * p.value[0]! * q.slope[0]!;
    skipped += p.skipped + q.skipped;
  }
  if (plan.rest) {
    const r = smooth2d(plan.rest, x, y, sigma, true, scaledBudget(PIECEWISE_SETTINGS.pointBudget, plan.rest));
    value += r.value[0]!;
    gx += r.gx![0]!;
    gy += r.gy![0]!;
    skipped += r.skipped;
    capped = r.capped;
  }
  return { value, gradient: [gx, gy], skipped, capped };
}

/** A budget in evaluations of a tape of 8 instructions, for this evaluator's tape (an evaluation costs ∝ its length + 4). */
function scaledBudget(budget: number, ev: BranchEvaluator): number {
  return (budget * 12) / (ev.tape.instrs.length + 4);
}

/** Evaluations of the shared-rows scheme on xs × ys at its base lattice (15 rows per outer cell, 16 values per cell of a row). */
export function sharedRowsCost(xs: ArrayLike<number>, ys: ArrayLike<number>, sigma: number): number {
  const cells = (v: ArrayLike<number>, w: number) => { const { lo, hi } = span(v, sigma); return Math.ceil((hi - lo) / (w * sigma)); };
  return GK_POINTS * cells(ys, PIECEWISE_SETTINGS.outerCell) * (GK_POINTS + 1) * cells(xs, PIECEWISE_SETTINGS.cell);
}

/** Base cost of one nested point (6 outer cells × 15 rows × 4 inner cells × 16 values), for the grid's choice of scheme. */
const POINT_COST = sharedRowsCost([0], [0], 1);

/**
 * r_σ on the grid when σ is small against the grid's extent (the shared rows would cost more than GRID_SHARED_MAX):
 * 20 × 20 Gauss–Hermite at every node, as accurate as for smooth formulas (it is the quadrature method) where all
 * 400 nodes have one branch signature, i.e. r is one smooth expression over the window (a straight breakline can only
 * hide outside the nodes' hull, |t| > 7.6, mass < 1e-13); the other nodes, near a breakline, by the nested point
 * scheme, visited in a scattered order. Gives up (value null) when that projects past `limit` evaluations; with no
 * limit (the shared rows are out of reach) nodes left when `budget` is spent keep their Gauss–Hermite value.
 */
function smoothHybrid(ev: BranchEvaluator, xs: Float64Array, ys: Float64Array, sigma: number, limit: number, budget: number): { value: Float64Array | null; spent: number } {
  const rule = gaussHermite(SMOOTH_GH_NODES);
  const nx = xs.length, ny = ys.length;
  const out = new Float64Array(nx * ny);
  const dirty: number[] = [];
  const p = new Float64Array(2);
  let spent = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let sum = 0, mass = 0, sig0 = 0, clean = true;
      for (let l = 0; l < rule.n; l++) {
        p[1] = ys[j]! + sigma * rule.nodes[l]!;
        for (let k = 0; k < rule.n; k++) {
          p[0] = xs[i]! + sigma * rule.nodes[k]!;
          const f = ev.value(p);
          if (l === 0 && k === 0) sig0 = ev.sig;
          else if (ev.sig !== sig0) clean = false;
          if (f - f !== 0) continue;
          const w = rule.weights[k]! * rule.weights[l]!;
          sum += w * f;
          mass += w;
        }
      }
      spent += rule.n * rule.n;
      out[j * nx + i] = sum / mass;
      if (!clean) dirty.push(j * nx + i);
    }
  }
  if (spent + dirty.length * POINT_COST > limit) return { value: null, spent };
  // Dense breaklines make a nested point cost several POINT_COST: give up once the points done project past the limit.
  const base = spent;
  const L = dirty.length;
  let stride = 7919;
  while (L > 1 && gcd(stride, L) !== 1) stride += 2;
  for (let n = 0; n < L; n++) {
    if (!Number.isFinite(limit) && spent >= budget) break;
    const k = dirty[(n * stride) % L]!;
    const i = k % nx, j = (k - i) / nx;
    const r = smooth2d(ev, [xs[i]!], [ys[j]!], sigma, false, scaledBudget(PIECEWISE_SETTINGS.pointBudget, ev));
    out[k] = r.value[0]!;
    spent += r.evals;
    if (n >= 8 && base + ((spent - base) / (n + 1)) * L > limit) return { value: null, spent };
  }
  return { value: out, spent };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Above this many base evaluations (sharedRowsCost) the grid tries the hybrid scheme (smoothHybrid) first. */
export const GRID_SHARED_MAX = 2_000_000;
const SMOOTH_GH_NODES = 20;

/**
 * f_σ on every node of a 2D grid (row-major j·nx + i) by the piecewise method: each 1D part by one line integral for
 * all nodes of its axis, r(x, y) by the nested scheme on rows shared by all nodes (their cost grows as 1/σ²; when σ
 * is small against the grid's extent, by smoothHybrid).
 */
export function smoothPiecewiseGrid(target: SmoothingTarget, spec: GridSpec, sigma: number): Float64Array {
  const plan = planOf(target);
  if (plan.dim !== 2) throw new Error(`smoothPiecewiseGrid needs a 2D target; ${target.name} is 1D`);
  const { nx, ny } = spec;
  const xs = Float64Array.from({ length: nx }, (_, i) => gridX(spec, i));
  const ys = Float64Array.from({ length: ny }, (_, j) => gridY(spec, j));
  const out = new Float64Array(nx * ny).fill(plan.constant);
  const add = (f: (i: number, j: number) => number) => {
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[j * nx + i] = out[j * nx + i]! + f(i, j);
  };
  if (plan.x) { const g = smoothLine(plan.x, xs, sigma).value; add((i) => g[i]!); }
  if (plan.y) { const h = smoothLine(plan.y, ys, sigma).value; add((_i, j) => h[j]!); }
  for (const pr of plan.products) {
    const p = smoothLine(pr.x, xs, sigma).value;
    const q = smoothLine(pr.y, ys, sigma).value;
    add((i, j) => pr.coef * p[i]! * q[j]!);
  }
  if (plan.rest) {
    // Work cap: 5 times the shared rows' base cost, at least a quarter of gridBudget, at most gridBudget, for both tries.
    const shared = sharedRowsCost(xs, ys, sigma);
    const cap = scaledBudget(PIECEWISE_SETTINGS.gridBudget, plan.rest);
    const budget = Math.min(cap, Math.max(cap / 4, 5 * shared));
    // Where the shared rows' base cost alone passes the budget, the hybrid runs until the budget is spent.
    const limit = shared > budget ? Infinity : Math.min(budget, 2 * shared);
    const hybrid = shared > GRID_SHARED_MAX ? smoothHybrid(plan.rest, xs, ys, sigma, limit, budget) : { value: null, spent: 0 };
    const r = hybrid.value ?? smooth2d(plan.rest, xs, ys, sigma, false, Math.max(budget - hybrid.spent, budget / 4)).value;
    add((i, j) => r[j * nx + i]!);
  }
  return out;
}

import { smoothStepFunction, type SmoothedValue, type StepFunction } from './smoothingExact';
import { checkInteger, checkNumber } from './smoothingTarget';

/** Options of the dense 1D convolution. */
export interface ConvolutionOptions {
  /** Grid step h (default 5e-4, es-vo.md §2.2). */
  readonly h?: number;
  /** Half-width of the window in σ (default 6: the tails beyond carry 2e-9 of the mass). */
  readonly halfWidth?: number;
  /** Cap on grid points; past it h grows to 2·halfWidth·σ/(maxPoints − 1) (default 24001, so h = 5e-4 up to σ = 1). */
  readonly maxPoints?: number;
}

export const CONVOLUTION_DEFAULTS = { h: 5e-4, halfWidth: 6, maxPoints: 24_001 } as const;

interface Kernel { key: string; t: Float64Array; w: Float64Array; wt: Float64Array }
let lastKernel: Kernel | null = null;

/** Midpoint weights w_i ∝ φ(t_i/σ) on t_i = (i − m)h, normalized to Σ w = 1, and Stein weights w_i t_i / Σ w t². */
function kernel(sigma: number, opts: ConvolutionOptions): Kernel {
  const halfWidth = opts.halfWidth ?? CONVOLUTION_DEFAULTS.halfWidth;
  const maxPoints = opts.maxPoints ?? CONVOLUTION_DEFAULTS.maxPoints;
  checkNumber(halfWidth, 'halfWidth', 1, 40);
  checkInteger(maxPoints, 'maxPoints', 3, 10_000_001);
  let h = opts.h ?? CONVOLUTION_DEFAULTS.h;
  checkNumber(h, 'h', 0, 1, true);
  let m = Math.ceil((halfWidth * sigma) / h);
  if (2 * m + 1 > maxPoints) { m = (maxPoints - 1) >> 1; h = (halfWidth * sigma) / m; }
  const key = `${sigma}|${h}|${m}`;
  if (lastKernel?.key === key) return lastKernel;
  const n = 2 * m + 1;
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  let sw = 0;
  let stt = 0;
  for (let i = 0; i < n; i++) {
    t[i] = (i - m) * h;
    const z = t[i]! / sigma;
    w[i] = Math.exp(-0.5 * z * z);
    sw += w[i]!;
  }
  for (let i = 0; i < n; i++) { w[i] = w[i]! / sw; stt += w[i]! * t[i]! * t[i]!; }
  const wt = new Float64Array(n);
  for (let i = 0; i < n; i++) wt[i] = (w[i]! * t[i]!) / stt;
  lastKernel = { key, t, w, wt };
  return lastKernel;
}

/**
 * Dense convolution for piecewise 1D f (es-vo.md §2.2): on the grid t_i = (i − m)h, |t_i| ≤ 6σ,
 *   f_σ(x) ≈ Σ_i w_i f(x + t_i),  w_i ∝ φ(t_i/σ), Σ w_i = 1;
 *   f_σ'(x) ≈ Σ_i f(x + t_i) t_i w_i / Σ_i t_i² w_i   (Stein's identity E[f(x + σε)ε]/σ, normalized to be exact for
 *   linear f), which stays right across jumps where E[f'] does not. Error O(h/σ·|Δ|) per jump Δ (the jump's
 * position inside a grid cell is not resolved), O(h²) for smooth parts. Non-finite f values are skipped and counted.
 */
export function smoothConvolution(f: (x: number) => number, x: number, sigma: number, opts: ConvolutionOptions = {}): SmoothedValue & { skipped: number } {
  const { t, w, wt } = kernel(sigma, opts);
  let value = 0;
  let slope = 0;
  let mass = 0;
  let skipped = 0;
  for (let i = 0; i < t.length; i++) {
    const v = f(x + t[i]!);
    if (!Number.isFinite(v)) { skipped++; continue; }
    value += w[i]! * v;
    slope += wt[i]! * v;
    mass += w[i]!;
  }
  return { value: value / mass, gradient: [slope], skipped };
}

/**
 * Locates the jumps of a piecewise-constant f on [lo, hi]: scans the grid y_i = i·h (anchored at 0), and where
 * f(y_{i−1}) ≠ f(y_i) bisects the cell to ~1e-13 relative width; the jump is Δ = f(y_i) − f(y_{i−1}) at the bisected point.
 * Limitation: two jumps inside one cell are merged (or, when they cancel, missed): h must be below the
 * smallest plateau width (1e-3 resolves the quantized sinc on |x| ≤ 50).
 */
export function findJumps(f: (x: number) => number, lo: number, hi: number, h = 1e-3): StepFunction {
  checkNumber(h, 'h', 0, 1, true);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new Error(`findJumps needs finite lo < hi, got [${lo}, ${hi}]`);
  const i0 = Math.floor(lo / h);
  const i1 = Math.ceil(hi / h);
  const jumps: { at: number; delta: number }[] = [];
  let prevY = i0 * h;
  let prevV = f(prevY);
  const base = prevV;
  for (let i = i0 + 1; i <= i1; i++) {
    const y = i * h;
    const v = f(y);
    if (v !== prevV && !(Number.isNaN(v) && Number.isNaN(prevV))) {
      let a = prevY;
      let b = y;
      for (let it = 0; it < 80 && b - a > 1e-13 * Math.max(1, Math.abs(a)); it++) {
        const mid = 0.5 * (a + b);
        if (f(mid) === prevV) a = mid; else b = mid;
      }
      jumps.push({ at: 0.5 * (a + b), delta: v - prevV });
    }
    prevY = y;
    prevV = v;
  }
  return { base, jumps };
}

/**
 * Exact smoothing of a piecewise-constant 1D f by its jumps (smoothStepFunction), for f that need not be constant at
 * ±∞ (the quantized sinc steps forever): the jumps are found on demand over a window [x − 12σ, x + 12σ] ∪ what is
 * already known, cached, and f_σ(x) = f(L) + Σ_{x_k ∈ [L, R]} Δ_k Φ((x − x_k)/σ) with L, R the window ends — exact up
 * to Φ(−12) ≈ 2e-33 per jump outside the window.
 */
export class StepSmoother {
  private lo = 0;
  private hi = 0;
  private scanned = false;
  private step: StepFunction = { base: 0, jumps: [] };

  constructor(private readonly f: (x: number) => number, private readonly h = 1e-3) {}

  smooth(x: number, sigma: number): SmoothedValue {
    const L = x - 12 * sigma;
    const R = x + 12 * sigma;
    if (!this.scanned || L < this.lo || R > this.hi) {
      const margin = R - L;
      this.lo = Math.min(L - margin, this.scanned ? this.lo : Infinity);
      this.hi = Math.max(R + margin, this.scanned ? this.hi : -Infinity);
      this.step = findJumps(this.f, this.lo, this.hi, this.h);
      this.scanned = true;
    }
    const inWindow = this.step.jumps.filter((j) => j.at >= L && j.at <= R);
    return smoothStepFunction({ base: this.f(L), jumps: inWindow }, x, sigma);
  }

  /** The jumps found so far (for tests and drawing). */
  get jumps(): StepFunction {
    return this.step;
  }
}

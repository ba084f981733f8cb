import { scaleLinear } from 'd3-scale';
import { interpolateCividis, interpolateMagma, interpolatePlasma, interpolateViridis } from 'd3-scale-chromatic';

/**
 * Pure colour-scale logic of the surface view: the finite value range, the linear or log value transform,
 * colormap lookup tables, contour levels and colour-bar ticks. No DOM.
 */

/** Perceptually uniform, colour-blind-safe colormaps, u ∈ [0, 1] → CSS colour. */
/** The colour maps the surface offers (d3-scale-chromatic; all perceptually uniform, cividis colour-blind safe). */
export const COLORMAP_IDS = ['viridis', 'cividis', 'magma', 'plasma'] as const;
export type ColormapId = (typeof COLORMAP_IDS)[number];

/**
 * How f is mapped to colour: 'log' is log₁₀(f − min f + ε); 'auto' lets the landscape choose (LandscapeDef.logScale),
 * else the values: log when most of the surface would fall in the lowest colours (prefersLogScale).
 */
export const COLOR_SCALES = ['auto', 'linear', 'log'] as const;
export type ColorScaleMode = (typeof COLOR_SCALES)[number];

export const COLORMAPS: Readonly<Record<ColormapId, (u: number) => string>> = {
  viridis: interpolateViridis,
  cividis: interpolateCividis,
  magma: interpolateMagma,
  plasma: interpolatePlasma,
};

/** Range of the finite values; NaN and ±∞ are counted apart and never widen the range. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
  readonly finite: number;
  readonly nonFinite: number;
}

/**
 * Whether a linear colour scale would leave the surface nearly one colour: the median of the finite values lies in
 * the lowest 10 % of their range (a pole such as 1/(x² + y²), the steep walls of the six-hump camel). Decided on at
 * most ~4,096 evenly strided samples, so it is cheap and the same wherever the grid is.
 */
export function prefersLogScale(values: ArrayLike<number>): boolean {
  const stride = Math.max(1, Math.floor(values.length / 4096));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) { const v = values[i]!; if (v - v === 0) sample.push(v); }
  if (sample.length < 3) return false;
  sample.sort((a, b) => a - b);
  const lo = sample[0]!;
  const hi = sample[sample.length - 1]!;
  const med = sample[sample.length >> 1]!;
  return hi > lo && med - lo < 0.1 * (hi - lo);
}

/** The scale of a surface: true/false as given, or 'auto' decided from its values. */
export function resolveLogScale(mode: boolean | 'auto', values: ArrayLike<number> | null | undefined): boolean {
  return mode === 'auto' ? (values ? prefersLogScale(values) : false) : mode;
}

export function finiteRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) { nonFinite++; continue; } // NaN or ±∞
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const finite = values.length - nonFinite;
  return finite > 0 ? { min, max, finite, nonFinite } : { min: 0, max: 1, finite: 0, nonFinite };
}

/**
 * The value transform t(f) that colours and contours use. Linear: t = f. Log: t = log₁₀(f − min + ε) with
 * ε = epsRel·(max − min) (epsRel when the range is empty), so the minimum maps to log₁₀ ε and the scale spans
 * about −log₁₀(epsRel) decades. unit(f) ∈ [0, 1] is the colormap coordinate.
 */
export interface ValueTransform {
  readonly log: boolean;
  readonly min: number;
  readonly max: number;
  readonly eps: number;
  readonly t0: number;
  readonly t1: number;
  apply(f: number): number;
  invert(t: number): number;
  unit(f: number): number;
}

export const DEFAULT_LOG_EPS_REL = 1e-4;

export function makeValueTransform(range: ValueRange, log: boolean, epsRel = DEFAULT_LOG_EPS_REL): ValueTransform {
  const { min, max } = range;
  const span = max - min;
  const eps = span > 0 ? epsRel * span : epsRel;
  const apply = log ? (f: number) => Math.log10(f - min + eps) : (f: number) => f;
  const invert = log ? (t: number) => 10 ** t + min - eps : (t: number) => t;
  const t0 = apply(min);
  const t1 = apply(max);
  const dt = t1 - t0;
  const unit = (f: number) => {
    if (!(dt > 0)) return 0.5;
    const u = (apply(f) - t0) / dt;
    return u > 1 ? 1 : u > 0 ? u : 0; // NaN (log of f below the range) and −∞ give 0
  };
  return { log, min, max, eps, t0, t1, apply, invert, unit };
}

/** Parses '#rrggbb', '#rgb' and 'rgb(r, g, b)' (the forms d3-scale-chromatic returns) to [r, g, b] in 0..255. */
export function parseCssColor(s: string): [number, number, number] {
  const t = s.trim();
  if (t.startsWith('#')) {
    const h = t.length === 4 ? t.slice(1).split('').map((c) => c + c).join('') : t.slice(1, 7);
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const m = t.match(/rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/);
  if (m) return [Math.round(+m[1]!), Math.round(+m[2]!), Math.round(+m[3]!)];
  return [128, 128, 128];
}

/** WCAG relative luminance of an sRGB colour, in [0, 1]. */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** RGBA lookup table of n colours sampled at u = i/(n − 1). */
export function colormapLut(id: ColormapId, n = 256): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(4 * n);
  const cm = COLORMAPS[id];
  for (let i = 0; i < n; i++) {
    const [r, g, b] = parseCssColor(cm(i / (n - 1)));
    lut[4 * i] = r; lut[4 * i + 1] = g; lut[4 * i + 2] = b; lut[4 * i + 3] = 255;
  }
  return lut;
}

/** A contour level: its transformed value t, the f it stands for, and its colormap coordinate u. */
export interface ContourLevel {
  readonly t: number;
  readonly f: number;
  readonly u: number;
}

/**
 * `count` levels evenly spaced in t strictly inside [t0, t1]: t_k = t0 + k(t1 − t0)/(count + 1), k = 1..count.
 * Evenly spaced in f for the linear scale, geometrically spaced in f − min + ε for the log scale.
 */
export function contourLevels(xf: ValueTransform, count: number): ContourLevel[] {
  const n = Math.max(0, Math.floor(count));
  const dt = xf.t1 - xf.t0;
  if (!(dt > 0) || !Number.isFinite(dt) || n === 0) return [];
  const out: ContourLevel[] = [];
  for (let k = 1; k <= n; k++) {
    const t = xf.t0 + (k * dt) / (n + 1);
    out.push({ t, f: xf.invert(t), u: k / (n + 1) });
  }
  return out;
}

/** Contour stroke for a level of colormap coordinate u: dark on light colours, light on dark ones. */
export function contourStroke(id: ColormapId, u: number): string {
  return relativeLuminance(parseCssColor(COLORMAPS[id](u))) > 0.3 ? 'rgba(0,0,0,0.38)' : 'rgba(255,255,255,0.5)';
}

/** A colour-bar tick: the f value, its position u ∈ [0, 1] along the bar (0 = min), and its label. */
export interface BarTick {
  readonly f: number;
  readonly u: number;
  readonly label: string;
}

/** Formats a tick value rounded to `step`: fixed notation for ordinary magnitudes, else 2-significant exponent. */
export function formatTick(v: number, step: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  const s = v.toFixed(decimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * Ticks of the colour bar, labelled with f even on the log scale. Linear: d3's nice ticks. Log: values spaced by
 * {1, 2, 5}·10^k, fewer mantissas and then every other decade when there would be more than maxTicks; each is
 * placed at its exact position. When the minimum is ≥ 0 and within 10ε of 0 (sums of squares), the ticks are the
 * nice values f = m·10^k themselves; otherwise they are min + m·10^k rounded to a tenth of their decade.
 * The minimum itself is always tick 0.
 */
export function colorbarTicks(xf: ValueTransform, maxTicks = 6): BarTick[] {
  const span = xf.max - xf.min;
  if (!(span > 0) || !Number.isFinite(span)) return [{ f: xf.min, u: 0.5, label: formatReadout(xf.min) }];
  if (!xf.log) {
    const ticks = scaleLinear().domain([xf.min, xf.max]).ticks(maxTicks);
    const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : span;
    return ticks.map((f) => ({ f, u: xf.unit(f), label: formatTick(f, step) }));
  }
  const direct = xf.min >= 0 && xf.min < 10 * xf.eps;
  const kLo = Math.floor(Math.log10(xf.eps));
  const kHi = Math.ceil(Math.log10(direct ? xf.max : span));
  const minGap = 0.5 / Math.max(2, maxTicks);
  const make = (mantissas: readonly number[], stride: number): BarTick[] => {
    const out: BarTick[] = [{ f: xf.min, u: 0, label: formatReadout(xf.min) }];
    for (let k = kHi; k >= kLo; k--) {
      if ((kHi - k) % stride !== 0) continue;
      for (const m of mantissas) {
        const d = m * 10 ** k;
        const step = 10 ** (k - 1);
        const f = direct ? d : Math.round((xf.min + d) / step) * step;
        if (!(f > xf.min) || f > xf.max) continue;
        out.push({ f, u: xf.unit(f), label: formatTick(f, step) });
      }
    }
    out.sort((a, b) => a.u - b.u);
    const kept: BarTick[] = [];
    for (const t of out) if (kept.length === 0 || t.u - kept[kept.length - 1]!.u >= minGap) kept.push(t);
    return kept;
  };
  for (const [m, stride] of [[[1, 2, 5], 1], [[1, 3], 1], [[1], 1], [[1], 2], [[1], 3], [[1], 5]] as const) {
    const ticks = make(m, stride);
    if (ticks.length <= maxTicks + 1) return ticks;
  }
  return make([1], Math.max(1, Math.ceil((kHi - kLo) / maxTicks)));
}

/** A number for tooltips and readouts: 4 significant digits, exponent form for very large or small values. */
export function formatReadout(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(parseFloat(v.toPrecision(4)));
}

import { describe, expect, it } from 'vitest';
import { boundValueAt } from '../../src/render/boundMap';
import { parseCssColor as parseColor } from '../../src/surface/colorScale';
import {
  bandPath, bandThresholds, boundBands, boundColor, cellSpan, finiteExtent, gridCoord, nonFiniteRuns, plotMaps,
} from '../../src/charts/plot1dScales';

/** Pure parts of the variational-bound map (src/render/boundMap.ts via plot1dScales.ts). */

const linspace = (a: number, b: number, n: number) => Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** U = μ² + σ² on μ ∈ [−2, 2], σ ∈ [0, 2]: the level sets are circles about the origin. */
function circleField(nx = 121, ny = 61) {
  const mus = linspace(-2, 2, nx);
  const sigmas = linspace(0, 2, ny);
  const U = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) U[j * nx + i] = mus[i]! ** 2 + sigmas[j]! ** 2;
  return { mus, sigmas, U };
}

describe('band thresholds', () => {
  it('splits [min, max] into count even bands, the first at min', () => {
    const t = bandThresholds(-1, 1, 20);
    expect(t.length).toBe(20);
    expect(t[0]).toBe(-1);
    expect(t[19]).toBeCloseTo(0.9, 12);
    for (let k = 1; k < t.length; k++) expect(t[k]! - t[k - 1]!).toBeCloseTo(0.1, 12);
    expect(bandThresholds(0, 1, 17).length).toBe(17);
    expect(bandThresholds(0, 1, 1000).length).toBe(64);
    expect(bandThresholds(2, 2, 20)).toEqual([2]);
  });
  it('takes the range from the finite values only', () => {
    const { U } = circleField(11, 11);
    U[3] = NaN;
    U[40] = Infinity;
    U[41] = -Infinity;
    const [lo, hi] = finiteExtent([U])!;
    expect(lo).toBe(0);
    expect(hi).toBe(8);
  });
});

describe('filled contours of U = μ² + σ²', () => {
  const { mus, sigmas, U } = circleField();
  it('the U ≥ 1 band is bounded by the unit circle', () => {
    const [band] = boundBands(mus, sigmas, U, [1]);
    let onCircle = 0;
    for (const r of band!.rings) for (let k = 0; k < r.length; k += 2) {
      const mu = r[k]!;
      const s = r[k + 1]!;
      const border = Math.abs(Math.abs(mu) - 2) < 1e-9 || s < 1e-9 || Math.abs(s - 2) < 1e-9;
      if (border) continue;
      expect(Math.hypot(mu, s)).toBeCloseTo(1, 2);
      onCircle++;
    }
    expect(onCircle).toBeGreaterThan(50);
  });
  it('radii grow as √t across bands, and the lowest band covers the whole grid', () => {
    const t = bandThresholds(0, 8, 20);
    const bands = boundBands(mus, sigmas, U, t);
    expect(bands.length).toBe(20);
    const rings0 = bands[0]!.rings;
    const xs = rings0.flatMap((r) => Array.from(r.filter((_, k) => k % 2 === 0)));
    const ys = rings0.flatMap((r) => Array.from(r.filter((_, k) => k % 2 === 1)));
    expect(Math.min(...xs)).toBeCloseTo(-2, 9);
    expect(Math.max(...xs)).toBeCloseTo(2, 9);
    expect(Math.min(...ys)).toBeCloseTo(0, 9);
    expect(Math.max(...ys)).toBeCloseTo(2, 9);
    const b = bands[5]!; // t = 2: radius √2 (crosses μ = ±√2 at σ = 0)
    const bottom = b.rings.flatMap((r) => { const o: number[] = []; for (let k = 0; k < r.length; k += 2) if (r[k + 1]! < 1e-9) o.push(Math.abs(r[k]!)); return o; });
    expect(bottom.length).toBeGreaterThan(0);
    expect(Math.min(...bottom)).toBeCloseTo(Math.SQRT2, 2); // the band leaves the σ = 0 edge at |μ| = √2
  });
  it('maps contour coordinates through a non-uniform (log-spaced) σ grid', () => {
    const sig = Float64Array.from({ length: 80 }, (_, j) => 0.01 * 200 ** (j / 79));
    const nx = 101;
    const m = linspace(-2, 2, nx);
    const V = new Float64Array(nx * sig.length);
    for (let j = 0; j < sig.length; j++) for (let i = 0; i < nx; i++) V[j * nx + i] = m[i]! ** 2 + sig[j]! ** 2;
    const [band] = boundBands(m, sig, V, [1]);
    let n = 0;
    for (const r of band!.rings) for (let k = 0; k < r.length; k += 2) {
      if (Math.abs(Math.abs(r[k]!) - 2) < 1e-9 || r[k + 1]! <= 0.01 + 1e-9 || r[k + 1]! >= 2 - 1e-9) continue;
      expect(Math.hypot(r[k]!, r[k + 1]!)).toBeCloseTo(1, 2);
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });
  it('band paths are closed pixel polygons inside the plot rectangle', () => {
    const rect = { left: 50, top: 20, width: 400, height: 200 };
    const { sx, sy } = plotMaps(rect, [-2, 2], [0, 2]);
    const d = bandPath(boundBands(mus, sigmas, U, [1])[0]!, sx, sy);
    expect(d.startsWith('M')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    for (const m of d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)) {
      expect(+m[1]!).toBeGreaterThanOrEqual(50 - 0.05);
      expect(+m[1]!).toBeLessThanOrEqual(450 + 0.05);
      expect(+m[2]!).toBeGreaterThanOrEqual(20 - 0.05);
      expect(+m[2]!).toBeLessThanOrEqual(220 + 0.05);
    }
  });
});

describe('grid helpers', () => {
  it('maps d3-contour coordinates (node i at i + ½) to data, clamped to the grid', () => {
    const f = gridCoord([0, 1, 4]);
    expect(f(0.5)).toBe(0);
    expect(f(1.5)).toBe(1);
    expect(f(2)).toBe(2.5);
    expect(f(0)).toBe(0);
    expect(f(3)).toBe(4);
  });
  it('finds runs of non-finite cells and their data extent', () => {
    const U = new Float32Array([1, NaN, NaN, 2, Infinity, 0, 0, 0, NaN]);
    expect(nonFiniteRuns(U, 3, 3)).toEqual([[0, 1, 2], [1, 1, 1], [2, 2, 2]]);
    expect(cellSpan([0, 1, 2], 1)).toEqual([0.5, 1.5]);
    expect(cellSpan([0, 1, 2], 0)).toEqual([0, 0.5]);
  });
  it('non-finite cells do not cut holes into the bands', () => {
    const { mus, sigmas, U } = circleField(21, 21);
    U[10 * 21 + 15] = NaN;
    const [band] = boundBands(mus, sigmas, U, [0]);
    expect(band!.rings.length).toBe(1);
  });
  it('reads the nearest grid value for the hover readout', () => {
    const { mus, sigmas, U } = circleField(41, 21);
    expect(boundValueAt({ mus, sigmas, U }, 1.02, 0.49)).toBeCloseTo(1 + 0.25, 9);
    expect(boundValueAt({ mus, sigmas, U }, 3, 0.5)).toBeNaN();
  });
});

describe('colour schemes', () => {
  it('rdbu runs blue (low) to red (high)', () => {
    const c = boundColor('rdbu');
    const [r0, , b0] = parseColor(c(0));
    const [r1, , b1] = parseColor(c(1));
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
  });
  it('cividis and viridis go dark to light', () => {
    for (const s of ['cividis', 'viridis'] as const) {
      const lum = (u: number) => parseColor(boundColor(s)(u)).reduce((a, b) => a + b, 0);
      expect(lum(1)).toBeGreaterThan(lum(0));
    }
  });
});

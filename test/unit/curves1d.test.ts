import { describe, expect, it } from 'vitest';
import { createFrameScheduler } from '../../src/render/frameScheduler';
import {
  axisMap, curvePath, finiteExtent, interpAt, OKABE_ITO, paddedRange, plotMaps, runPath,
} from '../../src/charts/plot1dScales';

/** Pure parts of the 1D smoothing plot (src/render/curves1d.ts via plot1dScales.ts). */

const RECT = { left: 56, top: 28, width: 600, height: 300 };

/** Parses an SVG path of M/L/H commands into its vertices (H repeats the last y). */
function vertices(d: string): { cmd: string; x: number; y: number }[] {
  const out: { cmd: string; x: number; y: number }[] = [];
  for (const m of d.matchAll(/([MLH])([-\d.]+)(?:,([-\d.]+))?/g)) {
    const y = m[1] === 'H' ? out[out.length - 1]!.y : +m[3]!;
    out.push({ cmd: m[1]!, x: +m[2]!, y });
  }
  return out;
}

describe('ranges ignoring non-finite values', () => {
  it('takes min and max over several arrays, skipping NaN and ±∞', () => {
    expect(finiteExtent([new Float32Array([1, NaN, -3]), new Float64Array([Infinity, 7, -Infinity])])).toEqual([-3, 7]);
    expect(finiteExtent([new Float64Array([NaN, Infinity])])).toBeNull();
    expect(finiteExtent([])).toBeNull();
  });
  it('clips outliers with a quantile, but keeps the exact extent by default', () => {
    const a = new Float64Array(1001).map((_, i) => i / 1000);
    a[500] = 1e9;
    expect(finiteExtent([a])![1]).toBe(1e9);
    const [lo, hi] = finiteExtent([a], 0.01)!;
    expect(lo).toBeCloseTo(0.01, 2);
    expect(hi).toBeLessThan(1.01);
  });
  it('pads the range, and widens an empty one', () => {
    expect(paddedRange([-1, 1], 0.1)).toEqual([-1.2, 1.2]);
    expect(paddedRange([0, 0])).toEqual([-0.5, 0.5]);
    const [a, b] = paddedRange([2, 2]);
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
    expect(paddedRange(null)).toEqual([0, 1]);
  });
});

describe('data ↔ pixel maps', () => {
  it('linear x and upward y invert each other and hit the rectangle edges', () => {
    const { sx, sy } = plotMaps(RECT, [-5, 5], [-1.2, 0.4]);
    expect(sx.apply(-5)).toBeCloseTo(56, 9);
    expect(sx.apply(5)).toBeCloseTo(656, 9);
    expect(sy.apply(-1.2)).toBeCloseTo(328, 9); // bottom
    expect(sy.apply(0.4)).toBeCloseTo(28, 9); // top
    for (const v of [-4.3, 0, 1.7, 4.99]) expect(sx.invert(sx.apply(v))).toBeCloseTo(v, 12);
    for (const v of [-1.1, -0.2, 0.35]) expect(sy.invert(sy.apply(v))).toBeCloseTo(v, 12);
  });
  it('log axis inverts, puts decades evenly and sends v ≤ 0 to the bottom', () => {
    const s = axisMap(0.01, 10, 400, 0, true);
    expect(s.apply(0.1) - s.apply(0.01)).toBeCloseTo(s.apply(1) - s.apply(0.1), 9);
    for (const v of [0.02, 0.35, 3]) expect(s.invert(s.apply(v))).toBeCloseTo(v, 10);
    expect(s.apply(0)).toBe(400);
    expect(s.ticks(5).map((t) => t.value)).toEqual(expect.arrayContaining([0.01, 0.1, 1, 10]));
  });
});

describe('curve paths', () => {
  const x = Float64Array.from({ length: 11 }, (_, i) => -5 + i);
  const { sx, sy } = plotMaps(RECT, [-5, 5], [-1, 1]);
  it('draws one vertex per finite sample, and a NaN breaks the line', () => {
    const y = x.map((v) => Math.sin(v) / 2);
    expect(vertices(curvePath(x, y, sx, sy)).length).toBe(11);
    y[4] = NaN;
    y[7] = Infinity;
    const v = vertices(curvePath(x, y, sx, sy));
    expect(v.length).toBe(9);
    expect(v.filter((p) => p.cmd === 'M').length).toBe(3);
    expect(v[4]!.cmd).toBe('M'); // sample 5 starts a new piece
    expect(v[4]!.x).toBeCloseTo(sx.apply(x[5]!), 0);
  });
  it('step mode holds each value between the midpoints around its sample', () => {
    const y = Float64Array.from(x, (v) => (v < 0 ? -0.5 : 0.5));
    const v = vertices(curvePath(x, y, sx, sy, true));
    const jumps = v.filter((p, k) => k > 0 && p.x === v[k - 1]!.x && p.y !== v[k - 1]!.y);
    expect(jumps.length).toBe(1);
    expect(jumps[0]!.x).toBeCloseTo(sx.apply(-0.5), 0); // halfway between x = −1 and x = 0
    expect(v.every((p) => p.y === Math.round(sy.apply(0.5) * 10) / 10 || p.y === Math.round(sy.apply(-0.5) * 10) / 10)).toBe(true);
  });
  it('interpolates a curve value for the hover readout, NaN outside the grid', () => {
    const y = x.map((v) => 2 * v + 1);
    expect(interpAt(x, y, 0.25)).toBeCloseTo(1.5, 12);
    expect(interpAt(x, y, -5)).toBe(-9);
    expect(interpAt(x, y, 5.01)).toBeNaN();
  });
});

describe('run paths up to a fractional step', () => {
  const pts = new Float32Array([0, 0, 1, 1, 2, 0, 3, 1, 4, 0]);
  const { sx, sy } = plotMaps({ left: 0, top: 0, width: 400, height: 100 }, [0, 4], [0, 1]);
  it('draws up to ⌊upTo⌋ and interpolates the head', () => {
    expect(vertices(runPath(pts, 2, sx, sy).d).length).toBe(3);
    const r = runPath(pts, 2.5, sx, sy);
    expect(vertices(r.d).length).toBe(4);
    expect(r.head).toEqual([250, 50]);
    expect(r.last).toBe(2);
    expect(runPath(pts, Infinity, sx, sy).head).toEqual([400, 100]);
    expect(runPath(pts, 0, sx, sy).head).toEqual([0, 100]);
  });
  it('respects count, breaks at non-finite points and draws nothing before step 0', () => {
    expect(runPath(pts, Infinity, sx, sy, 2).head).toEqual([100, 0]);
    expect(runPath(pts, -1, sx, sy).d).toBe('');
    const bad = pts.slice();
    bad[4] = NaN;
    const v = vertices(runPath(bad, Infinity, sx, sy).d);
    expect(v.length).toBe(4);
    expect(v[2]!.cmd).toBe('M');
  });
});

describe('colours and redraw coalescing', () => {
  it('uses the eight Okabe–Ito colours, black first', () => {
    expect(OKABE_ITO.length).toBe(8);
    expect(OKABE_ITO[0]).toBe('#000000');
    expect(new Set(OKABE_ITO).size).toBe(8);
  });
  it('draws once per frame however many updates come in', () => {
    let pending: (() => void) | null = null;
    let draws = 0;
    const s = createFrameScheduler(() => { draws++; }, { request: (cb) => { pending = cb; return 1; }, cancel: () => { pending = null; } });
    for (let k = 0; k < 50; k++) s.request();
    (pending as (() => void) | null)?.();
    expect(draws).toBe(1);
  });
});

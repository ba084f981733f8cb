import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { LANDSCAPES, builtinTape, landscapeById, resolveLandscape } from '../../src/landscapes/registry';
import { symEig2 } from '../../src/math/symEig2';

/** Coordinates of the listed minima are given to 6 decimals: |δ| ≤ 5e-7 per coordinate, so ‖δ‖ ≤ 1e-6. */
const COORD_PRECISION = 1e-6;

function jetAt(formula: string, x: number, y: number): { f: number; g: [number, number]; h: [number, number, number] } {
  const j = new JetEvaluator(compileFormula(formula)).jet([x, y]);
  return { f: j[0]!, g: [j[1]!, j[2]!], h: [j[3]!, j[4]!, j[5]!] };
}

describe('built-in landscapes: registry', () => {
  it('has unique ids and names, each resolvable by id and by name', () => {
    expect(new Set(LANDSCAPES.map((l) => l.id)).size).toBe(LANDSCAPES.length);
    expect(new Set(LANDSCAPES.map((l) => l.name.toLowerCase())).size).toBe(LANDSCAPES.length);
    for (const l of LANDSCAPES) {
      expect(landscapeById(l.id)).toBe(l);
      expect(resolveLandscape(l.id).def).toBe(l);
      expect(resolveLandscape(` ${l.name.toUpperCase()} `).def).toBe(l);
      expect(resolveLandscape(l.id).builtin).toBe(true);
      expect(l.id).toMatch(/^[a-z0-9-]+$/);
    }
    expect(landscapeById('custom')).toBeUndefined();
    const custom = resolveLandscape('x^2 + y');
    expect(custom.builtin).toBe(false);
    expect(custom.def.id).toBe('custom');
  });

  for (const l of LANDSCAPES) {
    it(`${l.id}: formula compiles to a finite surface and the domain is valid`, () => {
      const tape = compileFormula(l.formula);
      expect(tape.vars).toEqual(['x', 'y']);
      expect(tape.piecewiseConstant).toBe(false);
      expect(builtinTape(l).instrs).toEqual(tape.instrs);
      const d = l.domain;
      for (const c of [d.x0, d.x1, d.y0, d.y1]) expect(Number.isFinite(c)).toBe(true);
      expect(d.x0).toBeLessThan(d.x1);
      expect(d.y0).toBeLessThan(d.y1);
      const ev = new JetEvaluator(tape);
      for (let i = 0; i <= 20; i++) {
        for (let j = 0; j <= 20; j++) {
          const p = [d.x0 + ((d.x1 - d.x0) * i) / 20, d.y0 + ((d.y1 - d.y0) * j) / 20];
          expect(Number.isFinite(ev.value(p)), `${l.id} at (${p})`).toBe(true);
        }
      }
      for (const m of l.minima) {
        expect(m.x).toBeGreaterThanOrEqual(d.x0);
        expect(m.x).toBeLessThanOrEqual(d.x1);
        expect(m.y).toBeGreaterThanOrEqual(d.y0);
        expect(m.y).toBeLessThanOrEqual(d.y1);
      }
      expect(l.minima.filter((m) => m.global).length > 0 || l.minima.length === 0).toBe(true);
    });
  }
});

describe('built-in landscapes: every listed minimum', () => {
  for (const l of LANDSCAPES) {
    for (const m of l.minima) {
      if (!m.smooth) {
        it(`${l.id} (${m.x}, ${m.y}): non-smooth minimum with f = ${m.f}, larger on a ring around it`, () => {
          const ev = new JetEvaluator(compileFormula(l.formula));
          const f0 = ev.value([m.x, m.y]);
          expect(Math.abs(f0 - m.f)).toBeLessThan(1e-12);
          for (const r of [1e-6, 1e-4, 1e-2]) {
            for (let k = 0; k < 16; k++) {
              const a = (2 * Math.PI * k) / 16;
              expect(ev.value([m.x + r * Math.cos(a), m.y + r * Math.sin(a)]), `r = ${r}, angle ${k}/16`).toBeGreaterThan(f0);
            }
          }
        });
        continue;
      }
      it(`${l.id} (${m.x}, ${m.y}): stationary, positive-definite Hessian, f = ${m.f}`, () => {
        const { f, g, h } = jetAt(l.formula, m.x, m.y);
        const eig = symEig2(h[0], h[1], h[2]);
        // ‖∇f(x*+δ)‖ ≈ ‖H δ‖ ≤ ‖H‖₂ ‖δ‖ with ‖δ‖ ≤ COORD_PRECISION; a factor 2 for the rounding of the listed digits.
        const hNorm = Math.max(Math.abs(eig.l1), Math.abs(eig.l2));
        expect(Math.hypot(g[0], g[1]), `‖∇f‖ with ‖H‖ = ${hNorm}`).toBeLessThanOrEqual(2 * hNorm * COORD_PRECISION);
        expect(eig.l1, `smaller Hessian eigenvalue (H = ${h})`).toBeGreaterThan(0);
        expect(Math.abs(f - m.f), `f = ${f}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(m.f)));
      });
    }
  }

  it('the global minima are the smallest listed values and no grid node is lower', () => {
    for (const l of LANDSCAPES) {
      if (l.minima.length === 0) continue;
      const fGlobal = Math.min(...l.minima.filter((m) => m.global).map((m) => m.f));
      for (const m of l.minima) expect(m.f).toBeGreaterThanOrEqual(fGlobal - 1e-6);
      const ev = new JetEvaluator(compileFormula(l.formula));
      const d = l.domain;
      let lowest = Infinity;
      for (let i = 0; i <= 200; i++) {
        for (let j = 0; j <= 200; j++) lowest = Math.min(lowest, ev.value([d.x0 + ((d.x1 - d.x0) * i) / 200, d.y0 + ((d.y1 - d.y0) * j) / 200]));
      }
      expect(lowest, l.id).toBeGreaterThanOrEqual(fGlobal - 1e-5 * Math.max(1, Math.abs(fGlobal)));
    }
  });
});

describe('built-in landscapes: documented critical points', () => {
  it('Himmelblau has a local maximum near (−0.2708, −0.9230)', () => {
    const { g, h } = jetAt(landscapeById('himmelblau')!.formula, -0.270845, -0.923039);
    const e = symEig2(h[0], h[1], h[2]);
    expect(e.l2).toBeLessThan(0);
    expect(Math.hypot(g[0], g[1])).toBeLessThanOrEqual(2 * Math.abs(e.l1) * COORD_PRECISION);
  });

  it('the quadratic saddle has curvature +2 along x and −2 along y', () => {
    const { g, h } = jetAt(landscapeById('quadratic-saddle')!.formula, 0.3, -0.7);
    expect(h).toEqual([2, 0, -2]);
    expect(g).toEqual([0.6, 1.4]);
  });

  it('the monkey saddle has a vanishing gradient and Hessian at the origin', () => {
    const { f, g, h } = jetAt(landscapeById('monkey-saddle')!.formula, 0, 0);
    expect([f, ...g, ...h].map(Math.abs)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

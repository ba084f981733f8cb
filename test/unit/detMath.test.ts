import { describe, expect, it } from 'vitest';
import { detCos, detExp, detLn, detSin } from '../../src/math/detMath';
import { rngFromSeed } from '../../src/math/rng';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a);
  v.setFloat64(8, b);
  return Number(v.getBigInt64(0) - v.getBigInt64(8) < 0n ? v.getBigInt64(8) - v.getBigInt64(0) : v.getBigInt64(0) - v.getBigInt64(8));
}

describe('engine-independent elementary functions', () => {
  it('agree with the built-ins within 1 ulp over the ranges the engines use', () => {
    const rng = rngFromSeed(7);
    let worst = { exp: 0, ln: 0, sin: 0, cos: 0 };
    for (let i = 0; i < 20000; i++) {
      const x = (rng() - 0.5) * 60;
      const u = rng() * 1e3 + 1e-300;
      const t = (rng() - 0.5) * 20;
      worst = {
        exp: Math.max(worst.exp, ulps(detExp(x), Math.exp(x))),
        ln: Math.max(worst.ln, ulps(detLn(u), Math.log(u))),
        sin: Math.max(worst.sin, Math.abs(Math.sin(t)) > 1e-3 ? ulps(detSin(t), Math.sin(t)) : 0),
        cos: Math.max(worst.cos, Math.abs(Math.cos(t)) > 1e-3 ? ulps(detCos(t), Math.cos(t)) : 0),
      };
    }
    expect(worst.exp).toBeLessThanOrEqual(1);
    expect(worst.ln).toBeLessThanOrEqual(1);
    expect(worst.sin).toBeLessThanOrEqual(1);
    expect(worst.cos).toBeLessThanOrEqual(1);
  });

  it('keep the special values', () => {
    expect(detExp(0)).toBe(1);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(800)).toBe(Infinity);
    expect(detLn(1)).toBe(0);
    expect(detLn(0)).toBe(-Infinity);
    expect(detLn(-1)).toBeNaN();
    expect(detSin(0)).toBe(0);
    expect(detCos(0)).toBe(1);
  });
});

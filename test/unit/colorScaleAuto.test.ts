import { describe, expect, it } from 'vitest';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { resolveLandscape } from '../../src/landscapes/registry';
import { makeValueTransform, finiteRange, prefersLogScale, resolveLogScale } from '../../src/surface/colorScale';

/** f on an n × n grid of the landscape's domain (or ±2 for a typed formula). */
function grid(name: string, n = 96): Float64Array {
  const r = resolveLandscape(name);
  const d = r.def.domain;
  const ev = new JetEvaluator(r.tape);
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[j * n + i] = ev.jet([d.x0 + ((i + 0.5) / n) * (d.x1 - d.x0), d.y0 + ((j + 0.5) / n) * (d.y1 - d.y0)])[0]!;
  return out;
}

/** Share of the grid whose colour coordinate falls in the lowest tenth of the colour map. */
function lowestTenth(values: Float64Array, log: boolean): number {
  const xf = makeValueTransform(finiteRange(values), log);
  let k = 0;
  for (const v of values) if (xf.unit(v) < 0.1) k++;
  return k / values.length;
}

describe('the automatic colour scale', () => {
  it('chooses log where a linear scale would paint most of the surface one colour: a pole, the six-hump camel', () => {
    for (const name of ['1/(x^2 + y^2)', 'six-hump-camel']) {
      const v = grid(name);
      expect(prefersLogScale(v), name).toBe(true);
      // Linear: most of the picture in the lowest tenth of the colours; log spreads it out.
      const [lin, log] = [lowestTenth(v, false), lowestTenth(v, true)];
      expect(lin, name).toBeGreaterThan(0.5);
      expect(log, name).toBeLessThan(0.4);
      console.log(`${name}: lowest tenth of the colours holds ${(100 * lin).toFixed(0)} % of the surface on the linear scale, ${(100 * log).toFixed(0)} % on the log scale`);
      expect(log, name).toBeLessThan(lin / 2);
    }
  });

  it('keeps linear where the values spread over the range (Rastrigin, Ackley, Styblinski–Tang), and honours an explicit choice', () => {
    for (const name of ['rastrigin', 'ackley', 'styblinski-tang']) expect(prefersLogScale(grid(name)), name).toBe(false);
    const pole = grid('1/(x^2 + y^2)');
    expect(resolveLogScale(false, pole)).toBe(false);
    expect(resolveLogScale('auto', pole)).toBe(true);
    expect(resolveLogScale('auto', null)).toBe(false);
    expect(prefersLogScale(new Float64Array([NaN, Infinity, 1]))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { computeOneD } from '../../src/runners/oneD';
import { streamEs } from '../../src/runners/esStream';
import { ES_FIGURES } from '../../src/experiments/esFigures';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { decodeParams } from '../../src/store/urlCodec';

const last = (a: Float32Array, stride: number) => Array.from(a.slice(a.length - stride));

describe('ES/VO figure presets', () => {
  it('every preset is a valid link state (nothing ignored)', () => {
    for (const f of ES_FIGURES) expect(decodeParams(f.hash).ignored, f.id).toEqual([]);
  });

  it('Havtorn\'s Himmelblau figure: VO natural converges to a minimum, ES jitters, VO regular is kicked away (seed 1)', async () => {
    const { params } = decodeParams(ES_FIGURES.find((f) => f.id === 'havtorn-himmelblau')!.hash);
    const def = landscapeById('himmelblau')!;
    const tape = compileFormula(def.formula);
    const dist = (x: number, y: number) => Math.min(...def.minima.map((m) => Math.hypot(x - m.x, y - m.y)));
    const finals: Record<string, number> = {};
    for (const algo of params.es.algos) {
      const pts: number[] = [];
      await streamEs(algo, params.es, tape, 'himmelblau', params.start!, def.domain, params.seed, async (b) => { pts.push(...b.points); return true; });
      finals[algo] = dist(pts[pts.length - 3]!, pts[pts.length - 2]!);
    }
    expect(finals['vo-natural']!).toBeLessThan(0.05);
    expect(finals.es!).toBeGreaterThan(0.2);
    expect(finals.vo!).toBeGreaterThan(0.2);
  });

  it('the 1D figures show what their captions say', () => {
    const run = (id: string) => {
      const { params } = decodeParams(ES_FIGURES.find((f) => f.id === id)!.hash);
      const r = computeOneD(params.oned.fn, params.smooth.sigma, params.seed);
      const [mu, sigma] = last(r.vo, 2);
      const [gdX] = last(r.gd, 2);
      return { mu: mu!, sigma: sigma!, gdX: gdX!, start: r.start };
    };
    const sinc = run('sinc-map');
    expect(sinc.gdX).toBeCloseTo(2.459, 2);
    expect(Math.abs(sinc.mu)).toBeLessThan(0.05);
    const q = run('quantized-sinc-map');
    expect(q.gdX).toBe(q.start);
    expect(Math.abs(q.mu)).toBeLessThan(0.2);
    expect(run('narrow-wide').mu).toBeCloseTo(-2, 1);
    const wall = run('wall');
    expect(wall.gdX).toBeLessThan(0);
    expect(wall.mu).toBeCloseTo(2, 1);
    const plateau = run('plateau');
    expect(plateau.gdX).toBe(3);
    expect(Math.abs(plateau.mu)).toBeLessThan(0.05);
  });
});

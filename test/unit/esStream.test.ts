import { describe, expect, it } from 'vitest';
import { ENSEMBLE_EXPLORERS, ENSEMBLE_STEPS_PER_GENERATION, streamEs } from '../../src/runners/esStream';
import { ES_GEN_STRIDE } from '../../src/protocol/messages';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { defaultEsRunSettings } from '../../src/es/esRunSettings';

const def = landscapeById('himmelblau')!;
const tape = compileFormula(def.formula);
const dist = (x: number, y: number) => Math.min(...def.minima.map((m) => Math.hypot(x - m.x, y - m.y)));

describe('streamed evolution strategies (what the runs worker posts)', () => {
  it('streams every generation with its samples, σ and both gradients, in batches that add up', async () => {
    const ui = { ...defaultEsRunSettings(), algos: ['vo-natural' as const], iters: 40, pop: 50 };
    let points = 0, gens = 0, samples = 0, batches = 0;
    const r = await streamEs('vo-natural', ui, tape, 'himmelblau', [0, 0], def.domain, 3, async (b) => {
      batches++; points += b.points.length / 3; gens += b.gens.length / ES_GEN_STRIDE; samples += b.samples.length / 2;
      expect(b.pop).toBe(50);
      for (let g = 0; g < b.gens.length / ES_GEN_STRIDE; g++) {
        const row = b.gens.subarray(g * ES_GEN_STRIDE, (g + 1) * ES_GEN_STRIDE);
        expect(row[2]).toBeGreaterThan(0);
        expect(Number.isFinite(row[6]!) && Number.isFinite(row[7]!)).toBe(true);
      }
      return true;
    }, 0);
    expect(r.generations).toBe(40);
    expect(points).toBe(41);
    expect(gens).toBe(40);
    expect(samples).toBe(40 * 50);
    expect(batches).toBeGreaterThan(1);
  });

  it('a cancelled stream stops at once', async () => {
    let calls = 0;
    const r = await streamEs('es', { ...defaultEsRunSettings(), algos: ['es'], iters: 100 }, tape, 'himmelblau', [0, 0], def.domain, 1, async () => ++calls < 2, 0);
    expect(r.stop).toBe('cancelled');
    expect(calls).toBe(2);
  });

  it('the exploration ensemble streams its explorers and its best explorer reaches a Himmelblau minimum', async () => {
    const ui = { ...defaultEsRunSettings(), algos: ['ensemble' as const] };
    const pts: number[] = [];
    let pop = 0;
    const r = await streamEs('ensemble', ui, tape, 'himmelblau', [0, 0], def.domain, 1, async (b) => { pts.push(...b.points); pop = b.pop; return true; });
    expect(r.generations).toBe(ui.iters * ENSEMBLE_STEPS_PER_GENERATION);
    expect(pop).toBe(ENSEMBLE_EXPLORERS);
    expect(dist(pts[pts.length - 3]!, pts[pts.length - 2]!)).toBeLessThan(0.05);
  });
});

import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, RIDGE_EXPERIMENT_IDS, checkMeasured, experimentById } from '../../src/experiments';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { streamEs } from '../../src/runners/esStream';
import { experimentParams } from '../../src/store/experimentParams';
import { decodeParams, encodeParams, validateParams } from '../../src/store/urlCodec';

/** The experiments registry (src/experiments): every figure the app rebuilds, read by the Figures panel, the CLI and these tests. */
describe('experiments registry', () => {
  it('lists each figure once, with a title, a short name, a source a reader can find and a caption', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of EXPERIMENTS) {
      expect(experimentById(e.id)).toBe(e);
      for (const text of [e.title, e.short, e.source, e.caption]) expect(text.length, e.id).toBeGreaterThan(3);
      // No internal references in what users read.
      for (const text of [e.title, e.source, e.caption, e.notes ?? '']) expect(text, e.id).not.toMatch(/seed 00\d|\.md\b|§/);
      expect(e.expected.length, e.id).toBeGreaterThan(0);
      expect(new Set(e.expected.map((x) => x.name)).size, e.id).toBe(e.expected.length);
    }
    expect(RIDGE_EXPERIMENT_IDS).toEqual(['fig1']);
    expect(EXPERIMENTS.filter((e) => e.ridgeRider).every((e) => e.view === 'surface' && e.settings.ridge?.preset === e.id)).toBe(true);
  });

  it('applies every figure as params that pass every field\'s check and survive a link round trip', () => {
    for (const e of EXPERIMENTS) {
      const p = experimentParams(e.settings);
      expect(validateParams(p), e.id).toEqual([]);
      const back = decodeParams(encodeParams(p));
      expect(back.ignored, e.id).toEqual([]);
      expect(back.params, e.id).toEqual(p);
      if (e.view === 'oned') expect(p.oned.on, e.id).toBe(true);
      if (e.settings.landscape) expect(p.view, e.id).toEqual(landscapeById(e.settings.landscape)!.domain);
    }
  });

  for (const e of EXPERIMENTS) {
    it(`${e.id}: a headless run measures every number its caption claims`, () => {
      const rows = checkMeasured(e.expected, e.measure());
      for (const r of rows) expect({ name: r.name, measured: r.measured, matches: r.matches }, `${r.label}: ${JSON.stringify(r.expected)}`).toEqual({ name: r.name, measured: r.measured, matches: true });
    });
  }

  it('the Himmelblau figure measures what the app streams: the runs worker\'s ES ends where the experiment\'s run ends', async () => {
    const e = experimentById('havtorn-himmelblau')!;
    const p = experimentParams(e.settings);
    const def = landscapeById('himmelblau')!;
    const measured = e.measure();
    for (const algo of p.es.algos) {
      const pts: number[] = [];
      await streamEs(algo, p.es, compileFormula(def.formula), 'himmelblau', p.start!, def.domain, p.seed, async (b) => { pts.push(...b.points); return true; });
      const [x, y] = [pts[pts.length - 3]!, pts[pts.length - 2]!];
      const d = Math.min(...def.minima.map((m) => Math.hypot(x - m.x, y - m.y)));
      expect(d, algo).toBeCloseTo(measured[`${algo}.distance`] as number, 5);
    }
  });

  it('a check says which numbers do not match, and a missing number never matches', () => {
    const rows = checkMeasured([
      { name: 'a', label: 'a', is: 'near', value: 1, tolerance: 0.1 },
      { name: 'b', label: 'b', is: 'below', value: 0 },
      { name: 'c', label: 'c', is: 'equal', value: 'x' },
      { name: 'd', label: 'd', is: 'above', value: 0 },
    ], { a: 1.05, b: 0.5, c: 'x' });
    expect(rows.map((r) => [r.name, r.matches])).toEqual([['a', true], ['b', false], ['c', true], ['d', false]]);
    expect(rows[3]!.measured).toBeNull();
  });
});

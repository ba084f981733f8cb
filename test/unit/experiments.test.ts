import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, RIDGE_EXPERIMENT_IDS, checkMeasured, experimentById } from '../../src/experiments';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { landscapeById } from '../../src/landscapes/registry';
import { streamEs } from '../../src/runners/esStream';
import { experimentParams } from '../../src/store/experimentParams';
import { figureKind } from '../../src/store/appStore';
import { mdpSettings } from '../../src/compute/treeClient';
import { TREE_DEFAULTS } from '../../src/envs/binaryTree';
import { LEVER_DEFAULTS, LEVER_PAYOFFS_PAPER } from '../../src/envs/leverGame';
import { TREE_RUN_DEFAULTS } from '../../src/envs/treeRunSettings';
import { TREE_FIGURE_SEED } from '../../src/experiments/treeSweepFigure';
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
      if (e.view === 'mdp' || e.view === 'lever') expect(figureKind(p), e.id).toBe(e.view);
      if (e.settings.landscape) expect(p.view, e.id).toEqual(landscapeById(e.settings.landscape)!.domain);
    }
  });

  for (const e of EXPERIMENTS) {
    it(`${e.id}: a headless run measures every number its caption claims`, () => {
      const rows = checkMeasured(e.expected, e.measure());
      for (const r of rows) expect({ name: r.name, measured: r.measured, matches: r.matches }, `${r.label}: ${JSON.stringify(r.expected)}`).toEqual({ name: r.name, measured: r.measured, matches: true });
    }, 300_000); // the tree sweeps run their whole figure: 30 to 45 s each on one core
  }

  it('the tree and lever figures measure what the app runs for their presets: the same settings, tree generator and seed', () => {
    for (const id of ['tree-fig2', 'tree-fig3']) {
      const e = experimentById(id)!;
      const p = experimentParams(e.settings);
      expect(mdpSettings(p.mdp), id).toEqual({ ...TREE_RUN_DEFAULTS, methods: [...e.settings.mdp!.methods!] });
      expect([p.seed, p.mdp.sparsity, p.mdp.rewards], id).toEqual([TREE_FIGURE_SEED, TREE_DEFAULTS.sparsity, 'paper']);
      expect(TREE_DEFAULTS.reverse, id).toBe(true);
    }
    const p = experimentParams(experimentById('lever-fig6')!.settings);
    expect([p.seed, p.lever.payoffs, p.lever.runs, p.lever.repeats, p.lever.clusterTol]).toEqual([1, [...LEVER_PAYOFFS_PAPER], LEVER_DEFAULTS.runs, LEVER_DEFAULTS.repeats, LEVER_DEFAULTS.clusterTol]);
  });

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

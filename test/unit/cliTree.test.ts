import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../src/cli/runCli';
import { parseTree } from '../../src/envs/binaryTree';
import { solutionLeaf, treeObjective } from '../../src/envs/treePolicy';
import { cli } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'ridgelab-tree-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const FIG2 = JSON.stringify({
  nodes: [
    { children: [1, 2] }, { children: [3, 4] }, { children: [5, 6] }, { reward: 10 }, { reward: -1 }, { reward: -1 }, { children: [7, 8] },
    { children: [9, 10] }, { reward: -1 }, { children: [11, 12] }, { reward: 10 }, { reward: 10 }, { reward: -1 },
  ],
});

describe('tree CLI', { timeout: 120_000 }, () => {
  it('prints the tree, its positive leaves, the MIS and, per method, what it found, with every solution\'s leaf recomputable', () => {
    const r = runCli(['tree', '--tree', file('fig2.json', FIG2), '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.tree).toEqual(JSON.parse(FIG2));
    expect(out.positive_leaves).toEqual([3, 10, 11]);
    expect(Object.keys(out.mis).sort()).toEqual(['grad_norm', 'kind', 'loss', 'spectrum', 'theta']);
    expect(out.mis.spectrum).toHaveLength(6);
    expect(Object.keys(out.methods).sort()).toEqual(['fixed-ev', 'gd-mis', 'gd-random', 'rand-ridge-plus', 'random-mis', 'rr']);
    expect(out.methods.rr.found).toEqual([3, 10, 11]);
    expect(out.methods.rr.fraction).toBe(1);
    const tree = parseTree(out.tree);
    const obj = treeObjective(tree);
    for (const m of Object.values(out.methods) as { solutions: { theta: number[]; leaf: number }[] }[]) {
      for (const s of m.solutions) expect(solutionLeaf(tree, obj.paths, s.theta, 'most-probable')).toBe(s.leaf);
    }
    const random = JSON.parse(runCli(['tree', '--depth', '5', '--seed', '9', '--methods', 'rr,gd-random', '--mis', 'zero', '--json']).stdout);
    expect(Object.keys(random.methods)).toEqual(['rr', 'gd-random']);
    expect(random.mis.kind).toBe('zero');
  });

  it('refuses bad trees and options with exit code 2 and one line', async () => {
    const bad = [
      [file('bad.json', '{"nodes": [}'), /is not JSON/],
      [file('cycle.json', '{"nodes": [{"children": [1, 2]}, {"children": [0, 2]}, {"reward": 1}]}'), /reached twice/],
      [file('one.json', '{"nodes": [{"children": [1]}, {"reward": 1}]}'), /exactly two children/],
      [file('inf.json', '{"nodes": [{"children": [1, 2]}, {"reward": 1}, {"reward": "Infinity"}]}'), /finite number/],
      [file('big.json', JSON.stringify({ nodes: Array.from({ length: 5000 }, () => ({ reward: 1 })) })), /limit is 4095/],
      [join(dir, 'missing.json'), /cannot read/],
    ] as const;
    for (const [path, re] of bad) {
      const r = runCli(['tree', '--tree', path]);
      expect(r.code, path).toBe(2);
      expect(r.stderr, path).toMatch(re);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
    expect(runCli(['tree', '--depth', '0']).code).toBe(2);
    expect(runCli(['tree', '--methods', 'rr,nope']).stderr).toMatch(/methods/);
    expect((await runCliAsync(['tree-sweep', '--shard', '3/2'])).code).toBe(2);
    // Through the process: exit status 2, one line on stderr.
    const p = await cli('tree', '--tree', join(dir, 'one.json'));
    expect(p.code).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('tree-sweep: two shards merge into the result of one run', async () => {
    const args = ['tree-sweep', '--depths', '3,4', '--trees', '3', '--budget', '300', '--methods', 'rr,gd-random', '--json'];
    const whole = JSON.parse((await runCliAsync([...args, '--workers', '1'])).stdout);
    const a = JSON.parse((await runCliAsync([...args, '--shard', '1/2'])).stdout);
    const b = JSON.parse((await runCliAsync([...args, '--shard', '2/2'])).stdout);
    expect(a.per_tree.length + b.per_tree.length).toBe(6);
    const { mergeSweeps } = await import('../../src/runners/treeSweep');
    expect(mergeSweeps([a, b]).results).toEqual(whole.results);
    expect(Object.keys(whole.results)).toEqual(['3', '4']);
    expect(whole.results['4'].rr.per_tree).toHaveLength(3);
    // Through child processes (the default spreads the jobs over two), the same numbers.
    const spread = await cli(...args, '--workers', '2');
    expect(spread.code).toBe(0);
    expect(JSON.parse(spread.stdout).results).toEqual(whole.results);
  });
});

import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments';
import { runCli } from '../../src/cli/runCli';
import { cli } from './spawnCli';

interface NumberRow { name: string; label: string; value: number | string | null; expected: { is: string; value: number | string; tolerance?: number }; matches: boolean }

describe('experiments on the command line (the registry)', () => {
  it('experiments --json lists every registered figure with its id, title and source', () => {
    const r = runCli(['experiments', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXPERIMENTS.map((e) => ({ id: e.id, title: e.title, source: e.source })));
  });

  it('experiment <id> --json runs a figure and prints each number beside the expected one', () => {
    const r = runCli(['experiment', 'narrow-wide', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; matches: boolean; numbers: NumberRow[] };
    expect(out.id).toBe('narrow-wide');
    expect(out.matches).toBe(true);
    expect(out.numbers).toHaveLength(1);
    const [row] = out.numbers;
    expect(row!.expected).toEqual({ is: 'near', value: -2, tolerance: 0.05 });
    expect(Math.abs((row!.value as number) + 2)).toBeLessThanOrEqual(0.05);
    expect(runCli(['experiment', 'narrow-wide']).stdout).toMatch(/✓ VO ends in the wide minimum at −2 .*\n {2}1 of 1 numbers match$/);
  });

  it('experiment fig1 --json in a child process reproduces the golden record', async () => {
    const r = await cli('experiment', 'fig1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { matches: boolean; numbers: NumberRow[] };
    expect(out.numbers.filter((n) => !n.matches)).toEqual([]);
    expect(out.matches).toBe(true);
    expect(out.numbers.find((n) => n.name === 'fingerprints')!.value).toBe('[0] [1] [2] [3] [2,0] [3,1]');
  }, 120_000);

  it('an unknown id or none exits 2 with one line naming the figures', () => {
    const r = runCli(['experiment', 'fig9']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown experiment "fig9"; use one of fig1, havtorn-himmelblau/);
    expect(runCli(['experiment']).stderr).toBe('error: missing <id> for "experiment"');
    expect(runCli(['experiment', 'fig1', 'extra']).stderr).toMatch(/unexpected argument "extra"/);
  });
});

import { describe, expect, it } from 'vitest';
import { cli } from './spawnCli';
import { runCli } from '../../src/cli/runCli';
import { parseArgs, parseNumber, UsageError } from '../../src/cli/args';
import { LANDSCAPES } from '../../src/landscapes/registry';


const BAD_INPUT: [string, string[], RegExp][] = [
  ['an unknown landscape', ['run', '--landscape', 'himmelbla', '--method', 'gd', '--start', '0,0'], /unknown landscape "himmelbla": did you mean "himmelblau"\?.*built-ins are himmelblau, rosenbrock/],
  ['a malformed formula', ['critical', '--landscape', 'x^2 +'], /bad formula "x\^2 \+"/],
  ['a missing required option', ['run', '--landscape', 'himmelblau', '--method', 'gd'], /missing required option --start/],
  ['a bad number', ['run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0,0', '--lr', 'fast'], /--lr must be a number, got "fast"/],
  ['an unknown option', ['run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0,0', '--speed', '2'], /unknown option --speed/],
  ['an out-of-range hyper-parameter', ['run', '--landscape', 'himmelblau', '--method', 'adam', '--start', '0,0', '--beta2', '1.5'], /beta2 = 1\.5 is out of range; allowed 0\.5 ≤ beta2 ≤ 0\.99999/],
  ['an unknown method', ['run', '--landscape', 'himmelblau', '--method', 'sgd', '--start', '0,0'], /unknown method "sgd"/],
];

/** Spawned tests get a generous limit: a loaded 2-core machine can take 10 s per start-up. */
const SPAWN_TIMEOUT = 120_000;

describe('CLI (child process)', { timeout: SPAWN_TIMEOUT }, () => {
  it('run --json prints the final point, f, steps, stop and trajectory', async () => {
    const r = await cli('run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0,0', '--lr', '0.01', '--steps', '2000', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.stop).toBe('converged');
    expect(out.final[0]).toBeCloseTo(3, 5);
    expect(out.final[1]).toBeCloseTo(2, 5);
    expect(out.trajectory).toHaveLength(out.steps + 1);
    expect(out.trajectory[0]).toEqual([0, 0, 170]);
    expect(out.trajectory.at(-1)).toEqual([...out.final, out.f]);
    expect(out.hyper).toEqual({ lr: 0.01 });
  });

  it('critical --json lists the nine critical points of Himmelblau', async () => {
    const crit = await cli('critical', '--landscape', 'himmelblau', '--json');
    expect(crit.code).toBe(0);
    const { points } = JSON.parse(crit.stdout) as { points: { x: number; y: number; f: number; kind: string }[] };
    expect(points).toHaveLength(9);
    expect(points.filter((p) => p.kind === 'maximum').map((p) => [p.x, p.y])).toEqual([[expect.closeTo(-0.270845, 5), expect.closeTo(-0.923039, 5)]]);
    expect(points.filter((p) => p.kind === 'minimum')).toHaveLength(4);
    expect(points.filter((p) => p.kind === 'saddle')).toHaveLength(4);
  });

  // Each spawn costs ~2 s (tsx + mathjs start-up), so only three bad inputs go through a real process; the rest
  // are checked in process below, through the same runCli that main.ts calls.
  it('exits with 2 and one line on stderr, nothing on stdout, for bad input', async () => {
    for (const [what, args, message] of BAD_INPUT.slice(0, 3)) {
      const r = await cli(...args);
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe('');
      expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(message);
    }
  });
});

describe('CLI (in process)', () => {
  it('prints a human-readable summary without --json', () => {
    const r = runCli(['run', '--landscape', 'quadratic-saddle', '--method', 'newton', '--start=0.5,-0.25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^newton \(lr=1 damping=0\.01\) on quadratic-saddle from \(0\.5, -0\.25\)/);
    expect(r.stdout).toMatch(/stop: {2}converged after \d+ steps/);
    expect(r.stdout).toMatch(/saddle point/);
  });

  it('accepts formulas, negative values and a domain; reports divergence in the JSON', () => {
    const r = runCli(['run', '--landscape', 'x^2 + 3*y^2', '--method', 'gd', '--start', '-1,-2', '--lr', '0.5', '--domain', '-2,2,-2,2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.landscape).toBe('x^2 + 3*y^2');
    expect(out.stop).toBe('diverged');
    expect(out.message).toMatch(/left the domain/);
    expect(out.trajectory.flat().every(Number.isFinite)).toBe(true);
    const c = JSON.parse(runCli(['critical', '--landscape', 'monkey-saddle', '--json']).stdout);
    expect(c.points.map((p: { kind: string }) => p.kind)).toEqual(['degenerate']);
  });

  it('rejects more bad input with code 2', () => {
    const cases: [string[], RegExp][] = [
      ...BAD_INPUT.map(([, args, message]): [string[], RegExp] => [args, message]),
      [['critical', '--landscape', 'himmelblau', '--domain', '1,0,0,1'], /x0 < x1/],
      [['critical', '--landscape', 'himmelblau', '--domain', '0,1,0'], /--domain must be x0,x1,y0,y1/],
      [['run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0,0', '--beta', '0.9'], /--beta does not apply to gd; gd takes --lr/],
      [['run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0,0', '--steps', '0'], /--steps must be an integer from 1 to 100000/],
      [['run', '--landscape', 'himmelblau', '--method', 'gd', '--start', '0x1,0'], /--start must be x,y/],
      [['critical', '--landscape', 'himmelblau', '--seed', '-1'], /--seed must be an integer/],
      [['critical', '--landscape'], /--landscape needs a value/],
      [['critical', '--landscape', 'x', '--landscape', 'y'], /given twice/],
      [['list', 'extra'], /unexpected argument "extra"/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /missing command/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect([r.code, r.stdout], args.join(' ')).toEqual([2, '']);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(runCli(['help']).stdout).toMatch(/usage: npm run cli -- <command>/);
    const list = runCli(['list']);
    for (const l of LANDSCAPES) expect(list.stdout).toContain(l.id);
  });

  it('parses numbers strictly', () => {
    expect(parseNumber('x', '-1.5e-3')).toBe(-0.0015);
    expect(parseNumber('x', '.5')).toBe(0.5);
    for (const bad of ['', '0x10', 'Infinity', '1e999', '1,2', 'NaN']) expect(() => parseNumber('x', bad)).toThrow(UsageError);
    expect(parseArgs(['run', '--a=-1', '--b', '-2'], { run: [{ name: 'a', kind: 'value', help: '' }, { name: 'b', kind: 'value', help: '' }] }).values)
      .toEqual(new Map([['a', '-1'], ['b', '-2']]));
  });
});

import { describe, expect, it } from 'vitest';
import { cli } from './spawnCli';
import { runCli } from '../../src/cli/runCli';
import { RIDGE_RIDER_FIG1 } from '../../src/experiments/ridgeRiderFig1';
import { landscapeById } from '../../src/landscapes/registry';


interface RideJson {
  id: number; fingerprint: number[]; parent: number | null; parent_id: number | null; start: number[]; direction: number[]; end: number[]; f_end: number;
  eigenvalue: number; steps: number; end_reason: string; ride_end?: number[]; ride_f_end?: number;
}
interface RidgeJson {
  landscape: string; preset: string | null; options: { order: string; alpha: number; backtrack: boolean; alpha_min?: number; delta: number; end_ride: Record<string, boolean>; max_rides: number; gd_finish: unknown };
  start: number[]; start_rule: string; f_start: number; rides: RideJson[]; search_order: number[];
  stop: { reason: string; note: string; archive_left: number }; total_steps: number;
}

const json = (args: string[]): RidgeJson => {
  const r = runCli(['ridge', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RidgeJson;
};

const SPAWN_TIMEOUT = 120_000;

describe('ridge CLI (child process)', { timeout: SPAWN_TIMEOUT }, () => {
  it('--landscape himmelblau --gd-finish --json starts at the maximum and reaches three minima', async () => {
    const r = await cli('ridge', '--landscape', 'himmelblau', '--gd-finish', '--max-rides', '8', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as RidgeJson;
    expect(out.start_rule).toBe('maximum');
    expect(out.start[0]).toBeCloseTo(-0.270845, 5);
    expect(out.start[1]).toBeCloseTo(-0.923039, 5);
    expect(out.rides).toHaveLength(8);
    expect(out.rides.slice(0, 4).map((x) => [x.fingerprint, x.parent])).toEqual([[[0], null], [[1], null], [[2], null], [[3], null]]);
    const minima = landscapeById('himmelblau')!.minima;
    const hit = new Set(out.rides.map((x) => minima.findIndex((m) => Math.hypot(x.end[0]! - m.x, x.end[1]! - m.y) < 1e-4)));
    expect(hit).toEqual(new Set([1, 2, 3]));
    for (const x of out.rides) {
      expect(x.f_end).toBeLessThan(1e-10);
      expect(x.ride_end).toHaveLength(2);
      expect(x.ride_f_end!).toBeGreaterThan(x.f_end);
    }
    expect(out.stop.reason).toBe('max-rides');
  });

  it('--landscape "x^2 - y^2" --start 0,0: two straight rides along ±y', async () => {
    const r = await cli('ridge', '--landscape', 'x^2 - y^2', '--start', '0,0', '--alpha', '0.05', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as RidgeJson;
    expect(out.start_rule).toBe('given');
    expect(out.rides.map((x) => x.direction)).toEqual([[0, 1], [0, -1]]);
    expect(out.rides.map((x) => x.end[0])).toEqual([0, 0]);
    expect(out.rides.map((x) => x.end_reason)).toEqual(['diverged', 'diverged']);
    expect(out.stop.reason).toBe('exhausted');
  });

  it('--preset fig1 --json: the Figure 1 preset, its landscape, options and golden endpoints', async () => {
    const r = await cli('ridge', '--preset', 'fig1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as RidgeJson;
    const E = RIDGE_RIDER_FIG1.expected;
    expect([out.landscape, out.preset, out.start_rule]).toEqual(['ridge-rider-fig1', 'fig1', 'preset fig1: refined to a maximum']);
    expect(out.options).toMatchObject({ order: 'bfs', alpha: 0.05, backtrack: true, alpha_min: 1e-4, delta: 0.95, max_rides: 12, gd_finish: { lr: 0.02, steps: 5000 } });
    expect(out.options.end_ride).toEqual({ curvature: false, overlap: true, loss: true });
    out.start.forEach((v, i) => expect(v).toBeCloseTo(E.start[i]!, 9));
    expect(out.rides.map((x) => x.fingerprint)).toEqual(E.fingerprints);
    expect(out.rides.map((x) => x.parent)).toEqual([null, null, null, null, 2, 3]);
    const named = RIDGE_RIDER_FIG1.paths.map((p) => [p.name, out.rides.find((x) => x.fingerprint.join() === p.fingerprint.join())!] as const);
    for (const [name, ride] of named) {
      const want = E.paths[name as keyof typeof E.paths];
      ride.end.forEach((v, i) => expect(Math.abs(v - want.endAfterGd[i]!)).toBeLessThan(1e-5));
      ride.ride_end!.forEach((v, i) => expect(Math.abs(v - want.end[i]!)).toBeLessThan(1e-5));
      expect([ride.steps, ride.end_reason]).toEqual([want.steps, want.endReason]);
    }
    expect(out.stop.reason).toBe('exhausted');
  });

  it('bad input exits 2 with one line on stderr and nothing on stdout', async () => {
    const r = await cli('ridge', '--landscape', 'himmelblau', '--order', 'sideways');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown --order "sideways"; use one of bfs, dfs, best, random/);
  });
});

describe('ridge CLI (in process)', () => {
  it('is deterministic for a seed; random order depends on the seed; bfs and dfs differ', () => {
    const a = json(['--landscape', 'himmelblau', '--order', 'random', '--seed', '5', '--max-rides', '10']);
    const b = json(['--landscape', 'himmelblau', '--order', 'random', '--seed', '5', '--max-rides', '10']);
    const c = json(['--landscape', 'himmelblau', '--order', 'random', '--seed', '6', '--max-rides', '10']);
    expect(b).toEqual(a);
    expect(c.search_order).not.toEqual(a.search_order);
    const bfs = json(['--landscape', 'himmelblau', '--max-rides', '6']);
    const dfs = json(['--landscape', 'himmelblau', '--order', 'dfs', '--max-rides', '6']);
    expect(bfs.search_order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(dfs.search_order.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(dfs.rides.map((x) => x.fingerprint)).toContainEqual([2, 1]);
  });

  it('--refine moves a click to the nearby saddle; a start without negative curvature gives no rides and says why', () => {
    const refined = json(['--landscape', 'himmelblau', '--start', '0.1,2.8', '--refine']);
    expect(refined.start_rule).toBe('refined to a saddle');
    expect(refined.start[0]).toBeCloseTo(0.086678, 5);
    expect(refined.start[1]).toBeCloseTo(2.884255, 5);
    expect(refined.rides.slice(0, 2).map((x) => x.fingerprint)).toEqual([[0], [1]]);
    const minimum = json(['--landscape', 'himmelblau', '--start', '3,2']);
    expect(minimum.rides).toEqual([]);
    expect(minimum.stop.reason).toBe('no-ridges');
    expect(minimum.stop.note).toMatch(/no negative curvature/);
  });

  it('prints a readable table without --json, and help lists the command', () => {
    const r = runCli(['ridge', '--landscape', 'quadratic-saddle', '--backtrack', '--alpha', '0.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Ridge Rider on quadratic-saddle from \(0\.0000, 0\.0000\) \(saddle\), f = 0: bfs, α = 0\.5 \(backtracking\)/);
    expect(r.stdout).toMatch(/#0 +0\+ +from - +diverged/);
    expect(r.stdout).toMatch(/#1 +0− +from - +diverged/);
    expect(runCli(['help']).stdout).toMatch(/ridge +Ridge Rider/);
  });

  it('--preset options can be overridden one by one; parent is the index in the list, also under dfs', () => {
    const few = json(['--preset', 'fig1', '--max-rides', '4']);
    expect(few.rides).toHaveLength(4);
    expect(few.stop.reason).toBe('max-rides');
    expect(few.options).toMatchObject({ backtrack: true, alpha_min: 1e-4, max_rides: 4 });
    const fixed = json(['--preset', 'fig1', '--alpha', '0.02', '--order', 'dfs']);
    expect(fixed.options).toMatchObject({ alpha: 0.02, alpha_min: 0.02 / 1024, order: 'dfs' });
    const dfs = json(['--landscape', 'himmelblau', '--order', 'dfs', '--max-rides', '9']);
    expect(dfs.search_order).not.toEqual(dfs.search_order.slice().sort((a, b) => a - b));
    dfs.rides.forEach((x, i) => {
      if (x.parent === null) return;
      expect(x.parent).toBeLessThan(i);
      const p = dfs.rides[x.parent]!;
      expect(p.id).toBe(x.parent_id);
      expect(x.fingerprint.slice(0, -1)).toEqual(p.fingerprint);
      expect(x.start).toEqual(p.ride_end ?? p.end);
    });
  });

  const BAD: [string, string[], RegExp][] = [
    ['alpha zero', ['--alpha', '0'], /--alpha must be a number in \(0, 10\], got "0"/],
    ['delta above 1', ['--delta', '1.5'], /--delta must be a number in \(0, 1\]/],
    ['max-rides 0', ['--max-rides', '0'], /--max-rides must be an integer from 1 to 10000/],
    ['gd-lr without gd-finish', ['--gd-lr', '0.1'], /--gd-lr needs --gd-finish/],
    ['refine without start', ['--refine'], /--refine needs --start/],
    ['a one-number start', ['--start', '1'], /--start must be x,y/],
    ['an unknown option', ['--speed', '2'], /unknown option --speed for "ridge"/],
  ];
  for (const [what, args, message] of BAD) {
    it(`exits 2 for ${what}`, () => {
      const r = runCli(['ridge', '--landscape', 'himmelblau', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(1);
    });
  }

  it('exits 2 for a preset with --landscape, an unknown preset, or neither', () => {
    const cases: [string[], RegExp][] = [
      [['--preset', 'fig1', '--landscape', 'himmelblau'], /--preset fig1 sets the landscape \(ridge-rider-fig1\); drop --landscape/],
      [['--preset', 'fig9'], /unknown --preset "fig9"; use one of fig1/],
      [[], /missing required option --landscape <name\|formula> for "ridge" \(or give --preset\)/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['ridge', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('exits 2 when there is nothing to start from or L is not finite at the start', () => {
    const flat = runCli(['ridge', '--landscape', 'monkey-saddle']);
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/monkey-saddle has no saddle or maximum in \[-1\.5, 1\.5\] × \[-1\.5, 1\.5\]; give --start/);
    const pole = runCli(['ridge', '--landscape', 'log(x) - y^2', '--start', '-1,0']);
    expect(pole.code).toBe(2);
    expect(pole.stderr).toMatch(/--start -1,0: L, ∇L or ∇²L is not finite at the start/);
  });
});

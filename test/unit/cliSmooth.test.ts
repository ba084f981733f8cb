import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';
import { SMOOTH_OPTIONS, commandSmooth } from '../../src/cli/commandSmooth';

const SPECS = { smooth: SMOOTH_OPTIONS };
const run = (...args: string[]): string => commandSmooth(parseArgs(['smooth', ...args], SPECS).values);
const json = (...args: string[]) => JSON.parse(run(...args, '--json')) as {
  value: number; gradient: number[]; method: string; sigma: number; at: number[]; stderr?: { value: number; gradient: number[] }; dim: number; landscape: string;
};

describe('smooth command', () => {
  it('Rastrigin by its closed form (auto) and by quadrature agree', () => {
    const a = json('--landscape', 'rastrigin', '--sigma', '0.3', '--at', '0.3,-1.1');
    const q = json('--landscape', 'rastrigin', '--sigma', '0.3', '--at', '0.3,-1.1', '--method', 'quadrature');
    expect(a.method).toBe('exact');
    expect(q.method).toBe('quadrature');
    expect(a.at).toEqual([0.3, -1.1]);
    expect(a.sigma).toBe(0.3);
    expect(Math.abs(q.value / a.value - 1)).toBeLessThan(1e-8);
    expect(a.stderr).toBeUndefined();
  });

  it('Monte Carlo prints stderr and is seeded; 1D ids and 1D formulas work', () => {
    const m = json('--landscape', 'x^2 + y^2', '--sigma', '0.5', '--at', '1,2', '--method', 'mc', '--samples', '4096', '--seed', '5');
    expect(m.method).toBe('mc');
    expect(Math.abs(m.value - 5.5)).toBeLessThan(4 * m.stderr!.value);
    expect(Math.abs(m.gradient[0]! - 2)).toBeLessThan(4 * m.stderr!.gradient[0]!);
    expect(json('--landscape', 'x^2 + y^2', '--sigma', '0.5', '--at', '1,2', '--method', 'mc', '--samples', '4096', '--seed', '5')).toEqual(m);
    const w = json('--landscape', 'wall', '--sigma', '0.2', '--at', '-2');
    expect(w.dim).toBe(1);
    expect(w.method).toBe('exact');
    const f = json('--landscape', 'x^2', '--sigma', '0.5', '--at', '1');
    expect(f.value).toBeCloseTo(1.25, 12);
    expect(f.gradient[0]).toBeCloseTo(2, 12);
    expect(json('--landscape', 'min(x^2, 1)', '--sigma', '0.5', '--at', '0').method).toBe('convolution');
    expect(run('--landscape', 'sinc', '--sigma', '0.35', '--at', '0')).toContain('f_σ(0) =');
    // The case: a 2D jump, smoothed exactly by the piecewise method under auto (Φ(1.5) = 0.9331927987).
    const step = json('--landscape', '(sign(x)+1)/2', '--sigma', '0.2', '--at', '0.3,0');
    expect(step.method).toBe('piecewise');
    expect(step.value).toBeCloseTo(0.9331927987, 9);
    expect(() => run('--landscape', '(sign(x)+1)/2', '--sigma', '0.2', '--at', '0.3,0', '--nodes', '10')).toThrow(/auto uses the piecewise method.*--method quadrature/);
  });

  it('bad input is a UsageError naming the problem', () => {
    const bad = (re: RegExp, ...args: string[]) => {
      expect(() => run(...args)).toThrow(UsageError);
      expect(() => run(...args)).toThrow(re);
    };
    bad(/--sigma must be a number in \(0/, '--landscape', 'rastrigin', '--sigma', '0', '--at', '0,0');
    bad(/--sigma/, '--landscape', 'rastrigin', '--sigma', '-1', '--at', '0,0');
    bad(/--samples must be an integer from 1 to 1000000/, '--landscape', 'rastrigin', '--sigma', '1', '--at', '0,0', '--method', 'mc', '--samples', '1e9');
    bad(/--samples needs --method mc/, '--landscape', 'rastrigin', '--sigma', '1', '--at', '0,0', '--samples', '10');
    bad(/bad formula/, '--landscape', 'x^^2', '--sigma', '1', '--at', '0,0');
    bad(/bad formula/, '--landscape', 'x + y', '--sigma', '1', '--at', '0');
    bad(/unknown landscape "rastrgin"/, '--landscape', 'rastrgin', '--sigma', '1', '--at', '0,0');
    bad(/1D landscape/, '--landscape', 'wall', '--sigma', '1', '--at', '0,0');
    bad(/2D landscape/, '--landscape', 'himmelblau', '--sigma', '1', '--at', '0');
    bad(/--at must be x or x,y/, '--landscape', 'himmelblau', '--sigma', '1', '--at', '1,2,3');
    bad(/no closed form/, '--landscape', 'himmelblau', '--sigma', '1', '--at', '0,0', '--method', 'exact');
    bad(/unknown --method/, '--landscape', 'himmelblau', '--sigma', '1', '--at', '0,0', '--method', 'magic');
    expect(() => run('--landscape', 'himmelblau', '--at', '0,0')).toThrow(/missing required option --sigma/);
  });
});

import { describe, expect, it } from 'vitest';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { resolveLandscape } from '../../src/landscapes/registry';
import { METHOD_IDS, defaultHyper, methodSpec } from '../../src/optimizers/methods';
import { quadraticObjective, type Objective } from '../../src/optimizers/objective';
import { initOptimizer, stepOptimizer } from '../../src/optimizers/optimizer';
import { runOptimizer } from '../../src/optimizers/runOptimizer';
import { validateHyper } from '../../src/optimizers/validateHyper';
import { stepSizeLimit, suggestedStepSize } from '../../src/optimizers/stepSizeLimit';
import { rngFromSeed } from '../../src/math/rng';

/** Never let a convergence test stop these runs: the iterates are compared step by step. */
const NO_STOP = { gradTol: 1e-300, stepTol: 1e-300 };

const landscape = (name: string): Objective => new JetEvaluator(resolveLandscape(name).tape);

function xs(points: Float64Array, axis: 0 | 1): number[] {
  const out: number[] = [];
  for (let i = axis; i < points.length; i += 3) out.push(points[i]!);
  return out;
}

const relClose = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1e-300, Math.abs(b));

describe('gradient descent', () => {
  it('follows x_k = (1 − ηa)^k x₀ exactly on f = (a x² + b y²)/2', () => {
    const rng = rngFromSeed(1);
    for (let trial = 0; trial < 5; trial++) {
      const a = 0.5 + 4 * rng();
      const b = 0.1 + rng();
      const eta = 0.3 / a;
      const start: [number, number] = [4 * rng() - 2, 4 * rng() - 2];
      const r = runOptimizer('gd', { lr: eta }, quadraticObjective(a, 0, b), start, { maxSteps: 60, ...NO_STOP, domain: { x0: -5, x1: 5, y0: -5, y1: 5 } });
      expect(r.stop).toBe('max-steps');
      expect(r.steps).toBe(60);
      expect(r.points.length).toBe(3 * 61);
      xs(r.points, 0).forEach((x, k) => expect(relClose(x, (1 - eta * a) ** k * start[0], 1e-12)).toBe(true));
      xs(r.points, 1).forEach((y, k) => expect(relClose(y, (1 - eta * b) ** k * start[1], 1e-12)).toBe(true));
      // f is recorded at each point.
      expect(r.points[2]).toBeCloseTo(0.5 * (a * start[0] ** 2 + b * start[1] ** 2), 12);
    }
  });

  it('iterates x ← (I − ηA)x on a coupled quadratic', () => {
    const [a, b, c] = [3, 1.2, 2];
    const eta = 0.1;
    const r = runOptimizer('gd', { lr: eta }, quadraticObjective(a, b, c), [1, -2], { maxSteps: 40, ...NO_STOP });
    let [x, y] = [1, -2];
    for (let k = 1; k <= 40; k++) {
      [x, y] = [x - eta * (a * x + b * y), y - eta * (b * x + c * y)];
      expect(r.points[3 * k]).toBeCloseTo(x, 13);
      expect(r.points[3 * k + 1]).toBeCloseTo(y, 13);
    }
  });

  it('reaches the minimum (3, 2) of Himmelblau from (0, 0) with η = 0.01', () => {
    const r = runOptimizer('gd', { lr: 0.01 }, landscape('himmelblau'), [0, 0], { domain: { x0: -5, x1: 5, y0: -5, y1: 5 } });
    expect(r.stop).toBe('converged');
    expect(Math.abs(r.final[0] - 3)).toBeLessThan(1e-5);
    expect(Math.abs(r.final[1] - 2)).toBeLessThan(1e-5);
    expect(r.f).toBeLessThan(1e-10);
    expect(r.points.slice(0, 3)).toEqual(Float64Array.of(0, 0, 170));
    expect(r.message).toMatch(/converged to a minimum at step \d+/);
  });
});

describe('momentum and Nesterov', () => {
  // Eliminating v from each method gives a scalar second-order recurrence per eigen-coordinate (curvature a):
  //   heavy ball: x_{k+1} = (1 + β − ηa) x_k − β x_{k−1}
  //   Nesterov:   x_{k+1} = (1 + β)(1 − ηa) x_k − β(1 − ηa) x_{k−1}
  // with x_1 = (1 − ηa) x_0 for both (v_0 = 0).
  const cases = [
    { method: 'momentum' as const, next: (a: number, eta: number, beta: number, x1: number, x0: number) => (1 + beta - eta * a) * x1 - beta * x0 },
    { method: 'nesterov' as const, next: (a: number, eta: number, beta: number, x1: number, x0: number) => (1 + beta) * (1 - eta * a) * x1 - beta * (1 - eta * a) * x0 },
  ];
  for (const { method, next } of cases) {
    it(`${method} matches its linear recurrence on a quadratic`, () => {
      const [a, b] = [2, 0.3];
      const [eta, beta] = [0.2, 0.8];
      const r = runOptimizer(method, { lr: eta, beta }, quadraticObjective(a, 0, b), [1.5, -1], { maxSteps: 80, ...NO_STOP });
      for (const [axis, curv, x0] of [[0, a, 1.5], [1, b, -1]] as const) {
        const got = xs(r.points, axis);
        const want = [x0, (1 - eta * curv) * x0];
        for (let k = 2; k <= 80; k++) want.push(next(curv, eta, beta, want[k - 1]!, want[k - 2]!));
        got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(x0))));
      }
    });
  }

  it('does not stop a heavy ball that passes exactly through the minimum', () => {
    // η = 1, a = 1: x₁ = 0 exactly, where ∇f = 0 but v = x₀ ≠ 0.
    const s = initOptimizer('momentum', { lr: 1, beta: 0.5 }, quadraticObjective(1, 0, 1), [1, 1]);
    stepOptimizer(s);
    expect([s.x[0], s.x[1]]).toEqual([0, 0]);
    expect(s.stop).toBeNull();
    stepOptimizer(s);
    expect(s.x[0]).toBeCloseTo(-0.5, 15);
  });
});

describe('Adam', () => {
  it('takes a first step of length ≈ η per coordinate, against the gradient', () => {
    const eta = 0.05;
    // Curvatures 100 and 0.01: gradients differ by 10⁴, the first Adam step does not.
    const s = initOptimizer('adam', { lr: eta }, quadraticObjective(100, 0, 0.01), [1, -1]);
    stepOptimizer(s);
    expect(s.x[0]! - 1).toBeCloseTo(-eta, 9);
    expect(s.x[1]! + 1).toBeCloseTo(eta, 6);
  });

  it('matches an independent implementation of Kingma & Ba (2015), Algorithm 1', () => {
    const [b1, b2, eps, eta] = [0.8, 0.99, 1e-6, 0.1];
    const obj = quadraticObjective(3, -1, 2, 0.5, -0.25);
    const r = runOptimizer('adam', { lr: eta, beta1: b1, beta2: b2, eps }, obj, [2, 1], { maxSteps: 50, ...NO_STOP });
    const th = [2, 1];
    const m = [0, 0];
    const v = [0, 0];
    const jet = new Float64Array(6);
    for (let t = 1; t <= 50; t++) {
      obj.jet(th, jet);
      for (let i = 0; i < 2; i++) {
        const g = jet[1 + i]!;
        m[i] = b1 * m[i]! + (1 - b1) * g;
        v[i] = b2 * v[i]! + (1 - b2) * g * g;
        th[i] = th[i]! - (eta * (m[i]! / (1 - b1 ** t))) / (Math.sqrt(v[i]! / (1 - b2 ** t)) + eps);
      }
      expect(r.points[3 * t]).toBeCloseTo(th[0]!, 12);
      expect(r.points[3 * t + 1]).toBeCloseTo(th[1]!, 12);
    }
  });
});

describe('damped Newton', () => {
  it('reaches the minimizer −A⁻¹b of a quadratic in one step with η = 1, λ = 0', () => {
    // f = ½xᵀAx + bᵀx, A = [[4, 1], [1, 3]], b = (1, −2): x* = −A⁻¹b = (−5, 9)/11.
    const r = runOptimizer('newton', { lr: 1, damping: 0 }, quadraticObjective(4, 1, 3, 1, -2), [7, -3]);
    expect(r.stop).toBe('converged');
    expect(r.steps).toBe(1);
    expect(r.final[0]).toBeCloseTo(-5 / 11, 14);
    expect(r.final[1]).toBeCloseTo(9 / 11, 14);
  });

  it('applies (H + λI)⁻¹ with damping and η', () => {
    const [eta, lam] = [0.7, 2];
    const s = initOptimizer('newton', { lr: eta, damping: lam }, quadraticObjective(4, 0, 1), [1, 1]);
    stepOptimizer(s);
    // g = (4, 1); (H + λI) = diag(6, 3).
    expect(s.x[0]).toBeCloseTo(1 - (eta * 4) / 6, 14);
    expect(s.x[1]).toBeCloseTo(1 - (eta * 1) / 3, 14);
  });

  it('converges to a saddle as readily as to a minimum (Dauphin et al. 2014)', () => {
    const r = runOptimizer('newton', { lr: 1, damping: 0 }, quadraticObjective(2, 0, -2), [0.7, -0.4]);
    expect(r.stop).toBe('converged');
    expect(Math.hypot(...r.final)).toBeLessThan(1e-12);
    expect(r.message).toMatch(/saddle/);
  });

  it('stops as diverged, with a clear message, where H + λI is singular', () => {
    // f = x²/2: H = diag(1, 0) is singular with λ = 0.
    const r = runOptimizer('newton', { lr: 1, damping: 0 }, quadraticObjective(1, 0, 0, 0, 1), [1, 1]);
    expect(r.stop).toBe('diverged');
    expect(r.steps).toBe(0);
    expect(r.message).toMatch(/singular at step 1.*increase the damping/);
    expect(r.points).toEqual(Float64Array.of(1, 1, 1.5));
  });
});

describe('stopping', () => {
  it('detects divergence of GD with too large a step and keeps the trajectory finite', () => {
    // |1 − ηa| = 2: the iterate doubles in size each step.
    const r = runOptimizer('gd', { lr: 1.5 }, quadraticObjective(2, 0, 1), [1, 0.5], { domain: { x0: -1, x1: 1, y0: -1, y1: 1 } });
    expect(r.stop).toBe('diverged');
    expect(r.message).toMatch(/left the domain at step \d+: .* domain widths from its centre/);
    expect(r.points.every(Number.isFinite)).toBe(true);
    expect(r.points.length).toBe(3 * (r.steps + 1));
    // 2^k ≤ 100 widths (200) holds up to k = 7; step 8 leaves.
    expect(r.steps).toBe(7);
  });

  it('stops before a NaN enters the trajectory', () => {
    // √x: GD with η = 1 from x = 0.5 steps to x < 0, where f is NaN.
    const r = runOptimizer('gd', { lr: 1 }, landscape('sqrt(x) + y^2'), [0.5, 0]);
    expect(r.stop).toBe('diverged');
    expect(r.message).toMatch(/^f became NaN at step 1/);
    expect(r.steps).toBe(0);
    expect(r.points.every(Number.isFinite)).toBe(true);
  });

  it('reports a non-finite start as diverged at step 0', () => {
    const r = runOptimizer('adam', {}, landscape('log(x) + y'), [-1, 0]);
    expect(r.stop).toBe('diverged');
    expect(r.message).toMatch(/f is NaN at the start point/);
    expect([r.steps, r.points.length, r.final]).toEqual([0, 0, [-1, 0]]);
    // A finite f with a non-finite gradient keeps the (finite) start point.
    const g = runOptimizer('gd', {}, landscape('sqrt(x^2 + y^2)'), [0, 0]);
    expect([g.stop, g.points.length]).toEqual(['diverged', 3]);
    expect(g.message).toMatch(/∇f is NaN at the start point \(0, 0\)/);
  });

  it('stops at max-steps, at once at a critical start, and leaves a stopped state alone', () => {
    const r = runOptimizer('gd', { lr: 1e-5 }, landscape('himmelblau'), [0, 0], { maxSteps: 10 });
    expect([r.stop, r.steps, r.points.length]).toEqual(['max-steps', 10, 33]);
    const c = runOptimizer('momentum', {}, quadraticObjective(1, 0, -1), [0, 0]);
    expect([c.stop, c.steps]).toEqual(['converged', 0]);
    expect(c.message).toMatch(/already a critical point \(a saddle point\)/);
    const s = initOptimizer('gd', {}, quadraticObjective(1, 0, 1), [0, 0]);
    expect(stepOptimizer(s).step).toBe(0);
  });

  it('converges on every method from a nearby start of a convex bowl', () => {
    for (const m of METHOD_IDS) {
      const r = runOptimizer(m, defaultHyper(m), quadraticObjective(1, 0.2, 2), [0.8, -0.6], { maxSteps: 20_000 });
      expect(r.stop, m).toBe('converged');
      expect(Math.hypot(...r.final), m).toBeLessThan(1e-5);
    }
  });
});

describe('runOptimizer plumbing', () => {
  it('reports batches that concatenate to the trajectory, and can be cancelled', () => {
    const parts: number[] = [];
    const r = runOptimizer('gd', { lr: 0.001 }, landscape('himmelblau'), [0, 0], { maxSteps: 1000, batchSize: 100, onBatch: (p) => parts.push(...p) });
    expect(Float64Array.from(parts)).toEqual(r.points);
    let polls = 0;
    const c = runOptimizer('gd', { lr: 0.001 }, landscape('himmelblau'), [0, 0], { maxSteps: 1000, batchSize: 50, shouldCancel: () => ++polls >= 3 });
    expect([c.stop, c.steps, c.message]).toEqual(['cancelled', 150, 'cancelled at step 150']);
  });
});

describe('hyper-parameter validation', () => {
  it('fills defaults and rejects out-of-range, non-finite and unknown values by name', () => {
    expect(validateHyper('adam', { lr: 0.1 })).toEqual({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(() => validateHyper('gd', { lr: 0 })).toThrow(/gd: lr = 0 is out of range; allowed 0\.00001 ≤ lr ≤ 10/);
    expect(() => validateHyper('adam', { beta2: 1 })).toThrow(/beta2 = 1 is out of range; allowed 0\.5 ≤ beta2 ≤ 0\.99999/);
    expect(() => validateHyper('momentum', { beta: Number.NaN })).toThrow(/beta must be a finite number/);
    expect(() => validateHyper('newton', { damping: -1 })).toThrow(/damping/);
    expect(() => validateHyper('gd', { beta: 0.9 })).toThrow(/unknown hyper-parameter "beta"; gd takes lr/);
    expect(() => runOptimizer('nesterov', { lr: 20 }, quadraticObjective(1, 0, 1), [1, 1])).toThrow(/lr = 20 is out of range/);
    expect(() => runOptimizer('gd', {}, quadraticObjective(1, 0, 1), [Number.NaN, 1])).toThrow(/start/);
    for (const m of METHOD_IDS) expect(validateHyper(m, {})).toEqual(defaultHyper(m));
    expect(methodSpec('newton')!.hyper.find((h) => h.key === 'lr')!.defaultValue).toBe(1);
  });
});

describe('step-size limits', () => {
  it('at the limit a quadratic is on the edge of stability, below it each method converges and above it diverges', () => {
    const lam = 40;
    const obj = quadraticObjective(lam, 0, 1);
    for (const m of ['gd', 'momentum', 'nesterov'] as const) {
      const limit = stepSizeLimit(m, lam, 0.9);
      const run = (eta: number) => runOptimizer(m, m === 'gd' ? { lr: eta } : { lr: eta, beta: 0.9 }, obj, [1, 1], { maxSteps: 3000, domain: { x0: -5, x1: 5, y0: -5, y1: 5 } });
      expect(run(0.95 * limit).stop, `${m} below`).toBe('converged');
      expect(run(1.05 * limit).stop, `${m} above`).toBe('diverged');
    }
    expect(stepSizeLimit('adam', lam)).toBe(Infinity);
    expect(stepSizeLimit('gd', -3)).toBe(Infinity);
  });

  it('suggests 1, 2 or 5 × 10^k at most half the limit', () => {
    expect(suggestedStepSize(0.0027)).toBe(0.001);
    expect(suggestedStepSize(0.05)).toBe(0.02);
    expect(suggestedStepSize(2)).toBe(1);
    expect(suggestedStepSize(Infinity)).toBeNaN();
  });
});

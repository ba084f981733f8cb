import { describe, expect, it } from 'vitest';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { LANDSCAPES, resolveLandscape, type LandscapeDef } from '../../src/landscapes/registry';
import { runOptimizer } from '../../src/optimizers/runOptimizer';
import { createAppStore } from '../../src/store/appStore';
import { defaultStepSize, STEP_SIZE_METHODS } from '../../src/store/stepSizes';

/** A 7 × 7 grid of starts from 15 % to 85 % of the domain on each axis: the clicks a newcomer makes. */
function starts(def: LandscapeDef): [number, number][] {
  const d = def.domain;
  const out: [number, number][] = [];
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) out.push([d.x0 + (0.15 + (0.7 * i) / 6) * (d.x1 - d.x0), d.y0 + (0.15 + (0.7 * j) / 6) * (d.y1 - d.y0)]);
  return out;
}

/** How many of the 49 runs end with this stop reason. */
function ending(def: LandscapeDef, method: (typeof STEP_SIZE_METHODS)[number], lr: number, stop: 'diverged' | 'converged'): number {
  const obj = new JetEvaluator(resolveLandscape(def.id).tape);
  const hyper: Record<string, number> = method === 'gd' ? { lr } : { lr, beta: 0.9 };
  return starts(def).filter((s) => runOptimizer(method, hyper, obj, s, { domain: def.domain, maxSteps: 500 }).stop === stop).length;
}
const diverging = (def: LandscapeDef, method: (typeof STEP_SIZE_METHODS)[number], lr: number) => ending(def, method, lr, 'diverged');

describe('step sizes that work on every gallery surface (registry stepSize)', () => {
  for (const def of LANDSCAPES.filter((d) => !d.unboundedBelow)) {
    it(`${def.id}: no run of gradient descent, momentum or Nesterov from 49 typical starts diverges at the surface's step sizes`, () => {
      for (const m of STEP_SIZE_METHODS) {
        const lr = defaultStepSize(def.id, m);
        expect(diverging(def, m, lr), `${m} at η = ${lr}`).toBe(0);
        // A step size of the registry is there because the default diverges (or, for gradient descent, bounces).
        if (def.stepSize?.[m] !== undefined && def.id !== 'rastrigin') expect(diverging(def, m, 0.01), `${m} at 0.01`).toBeGreaterThan(0);
      }
    });
  }

  it('rastrigin: at the surface\'s step sizes every run settles in a basin; at 0.01 almost none does', () => {
    const def = LANDSCAPES.find((d) => d.id === 'rastrigin')!;
    for (const m of STEP_SIZE_METHODS) {
      expect(ending(def, m, defaultStepSize('rastrigin', m), 'converged'), m).toBe(49);
      expect(ending(def, m, 0.01, 'converged'), `${m} at 0.01`).toBeLessThan(5);
    }
  });

  it('switching landscapes moves the step sizes still at their defaults, and keeps those the user set', () => {
    const store = createAppStore();
    store.getState().selectLandscape('rosenbrock');
    let h = store.getState().params.hyper;
    expect([h.gd.lr, h.momentum.lr, h.nesterov.lr]).toEqual([0.001, 0.001, 0.0005]);
    expect(store.getState().params.ridge.gdLr).toBe(0.001);
    store.getState().setParams({ hyper: { ...h, gd: { lr: 0.0003 } } });
    store.getState().selectLandscape('himmelblau');
    h = store.getState().params.hyper;
    expect([h.gd.lr, h.momentum.lr, h.nesterov.lr]).toEqual([0.0003, 0.01, 0.01]);
  });
});

import { defaultEsRunSettings, esRunParams, type EsRunAlgo, type EsRunSettings } from '../es/esRunSettings';
import { runEs } from '../es/optimizersRun';
import { JetEvaluator } from '../landscapes/expression/jet';
import { landscapeById, resolveLandscape } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { defaultHyper } from '../optimizers/methods';
import { runOptimizer } from '../optimizers/runOptimizer';
import type { Experiment, Measured } from './experiment';
import { HAVTORN_2018 } from './sources';

const START = [0, 0] as const;
const SEED = 1;
/** Havtorn's settings: N = 200, σ₀ = 1, 60 generations, η_μ = 100, η_β = 10 (the NES-utility defaults), his utility order. */
const ES: EsRunSettings = { ...defaultEsRunSettings(), algos: ['es', 'vo', 'vo-natural'], shaping: 'nes-havtorn' };
const GD_STEPS = 500;

/** Distance of each run's end from the nearest of Himmelblau's four minima; gradient descent's from (3, 2). */
function measure(): Measured {
  const def = landscapeById('himmelblau')!;
  const jet = new JetEvaluator(resolveLandscape('himmelblau').tape);
  const nearest = (x: number, y: number) => Math.min(...def.minima.map((m) => Math.hypot(x - m.x, y - m.y)));
  const out: Record<string, number> = {};
  for (const algo of ES.algos as Exclude<EsRunAlgo, 'ensemble'>[]) {
    const r = runEs(esRunParams(algo, ES, (x) => jet.value(x), START, def.domain.x1 - def.domain.x0), rngFromSeed(SEED));
    out[`${algo}.distance`] = nearest(r.final[0]!, r.final[1]!);
  }
  const gd = runOptimizer('gd', defaultHyper('gd'), jet, START, { maxSteps: GD_STEPS, domain: def.domain });
  out['gd.distance'] = Math.hypot(gd.final[0] - 3, gd.final[1] - 2);
  return out;
}

/** Havtorn's Himmelblau figures #1–#3 and their gradient-descent companion. */
export const havtornHimmelblau: Experiment = {
  id: 'havtorn-himmelblau',
  title: 'Himmelblau: GD, ES, VO regular and VO natural',
  short: 'Himmelblau: GD, ES, VO regular and VO natural',
  source: `${HAVTORN_2018}, Himmelblau figures 1–3`,
  caption: 'From (0, 0), 60 generations of N = 200 samples with σ₀ = 1, η_μ = 100, η_β = 10 and NES utilities ranked as in Havtorn\'s code '
    + '(the worst sample gets the largest utility); GD with η = 0.01. Source captions: GD converges smoothly to (3, 2); ES finds a minimum but '
    + 'struggles to converge due to the fixed variance (it jitters); VO with the regular gradient drives the variance towards zero with larger '
    + 'and larger gradients and is kicked away; VO with the natural gradient converges. Difference: the natural β step here is the exact '
    + 'isotropic natural gradient, half of the step in Havtorn\'s code at d = 2.',
  view: 'surface',
  settings: { landscape: 'himmelblau', methods: ['gd'], start: START, seed: SEED, es: { algos: ES.algos, shaping: ES.shaping } },
  expected: [
    { name: 'gd.distance', label: 'gradient descent: distance of its end from (3, 2)', is: 'below', value: 1e-3 },
    { name: 'es.distance', label: 'ES (fixed σ): distance from the nearest minimum (it jitters)', is: 'above', value: 0.2 },
    { name: 'vo.distance', label: 'VO, regular gradient: distance from the nearest minimum (kicked away)', is: 'above', value: 0.2 },
    { name: 'vo-natural.distance', label: 'VO, natural gradient: distance from the nearest minimum (converges)', is: 'below', value: 0.05 },
  ],
  measure,
};

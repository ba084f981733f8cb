import { coloredMnist, describeColoredEnv } from '../data/coloredMnist';
import { interval95 } from '../math/interval95';
import { COLORED_METHODS, COLORED_SETTINGS, coloredBaseline } from '../runners/coloredBaselines';
import { COLORED_RR_DEFAULTS, coloredRidgeRider, type ColoredCandidate, type ColoredRrSettings } from '../runners/coloredRidge';
import { jsonOpt, parseChoice, parseInteger, parseNumberInRange, seedFrom, seedOpt, UsageError, type OptionSpec } from './args';
import { asUsage, backendFrom, backendOpt } from './commandNn';
import { loadMnistNode } from './mnistNode';

export const COLORED_MNIST_ABOUT = 'Colored MNIST (Arjovsky et al. 2019): its environments, Ridge Rider\'s candidates chosen on validation, and the ERM, IRM and grayscale baselines, over restarts';
const METHODS = ['rr', ...COLORED_METHODS] as const;
const r0 = COLORED_RR_DEFAULTS;
export const COLORED_MNIST_OPTIONS: readonly OptionSpec[] = [
  { name: 'describe', kind: 'flag', help: 'each environment\'s size, label noise and colour agreement' },
  { name: 'method', kind: 'value', meta: `<${METHODS.join('|')}>`, help: 'rr: Ridge Rider (only the training environments seen); or a baseline with the IRM reference\'s settings (chosen by its authors on the test environment)' },
  { name: 'runs', kind: 'value', meta: '<n>', help: 'restarts, each with its own environments and initialization (default 3)' },
  { name: 'limit', kind: 'value', meta: '<n>', help: 'use the first n images of each environment (default all)' },
  { name: 'steps', kind: 'value', meta: '<n>', help: `training steps (default the reference's: 501, or 101 for grayscale); for rr, steps per ride (default ${r0.steps})` },
  { name: 'rides', kind: 'value', meta: '<n>', help: `rr: rides from the MIS (default ${r0.rides})` },
  { name: 'mis-steps', kind: 'value', meta: '<n>', help: `rr: Adam steps on L1 + L2 at the MIS (default ${r0.misSteps})` },
  { name: 'inner', kind: 'value', meta: '<n>', help: `rr: Adam steps on L1 + L2 before each ride step (default ${r0.inner})` },
  { name: 'alpha', kind: 'value', meta: '<α>', help: `rr: ride step length (default ${r0.alpha})` },
  backendOpt, seedOpt, jsonOpt,
];

/** Mean and 95% interval in percent (math/interval95.ts). */
export const interval = interval95;

/** `colored-mnist`: the environments described, or a baseline over restarts. */
export async function commandColoredMnist(values: ReadonlyMap<string, string>): Promise<string> {
  const seed = seedFrom(values);
  const train = await asUsage(() => loadMnistNode('train'));
  if (values.has('describe')) {
    const envs = coloredMnist(train, seed).map((e) => ({ name: e.name, colour_flip: e.colourFlip, ...((d) => ({ size: d.size, label_noise: d.labelNoise, colour_agreement: d.colourAgreement }))(describeColoredEnv(e)) }));
    if (values.has('json')) return JSON.stringify({ seed, environments: envs });
    return envs.map((e) => `${e.name.padEnd(8)} ${String(e.size).padStart(6)} images, label noise ${e.label_noise.toFixed(4)}, colour agrees with the label ${e.colour_agreement.toFixed(4)}`).join('\n');
  }
  if (!values.has('method')) throw new UsageError('say --describe, or --method with one of rr, erm, irm, grayscale');
  const method = parseChoice('method', values.get('method')!, METHODS);
  const runs = values.has('runs') ? parseInteger('runs', values.get('runs')!, 1, 100) : 3;
  const limit = values.has('limit') ? parseInteger('limit', values.get('limit')!, 10, 25_000) : Infinity;
  const backend = await backendFrom(values);
  if (method === 'rr') return ridgeRider(values, train, { seed, runs, limit, backend });
  const steps = values.has('steps') ? parseInteger('steps', values.get('steps')!, 1, 100_000) : COLORED_SETTINGS[method].steps;
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await coloredBaseline(coloredMnist(train, seed + r), method, seed + r, { limit, steps }));
  const tr = interval(results.map((x) => x.train));
  const te = interval(results.map((x) => x.test));
  if (values.has('json')) {
    return JSON.stringify({
      method, runs, steps, limit: Number.isFinite(limit) ? limit : null, backend, settings: COLORED_SETTINGS[method], train: tr, test: te,
      per_run: results.map((x, i) => ({ seed: seed + i, train: 100 * x.train, test: 100 * x.test, seconds: x.seconds })),
    });
  }
  return [
    `${method} on Colored MNIST, ${runs} runs of ${steps} steps on ${backend}${Number.isFinite(limit) ? `, ${limit} images per environment` : ''}`,
    `  train ${tr.mean.toFixed(1)} ± ${tr.ci95.toFixed(1)}%, test ${te.mean.toFixed(1)} ± ${te.ci95.toFixed(1)}% (95% intervals)`,
    ...results.map((x, i) => `  run ${i + 1}: train ${(100 * x.train).toFixed(1)}%, test ${(100 * x.test).toFixed(1)}% (${x.seconds.toFixed(1)} s)`),
  ].join('\n');
}

/** `colored-mnist --method rr`: per run, every candidate measured, the one chosen on validation and the test oracle. */
async function ridgeRider(values: ReadonlyMap<string, string>, train: Parameters<typeof coloredMnist>[0], o: { seed: number; runs: number; limit: number; backend: string }): Promise<string> {
  const int = (key: string, min: number, max: number, fallback: number) => (values.has(key) ? parseInteger(key, values.get(key)!, min, max) : fallback);
  const s: ColoredRrSettings = {
    ...r0, limit: o.limit, steps: int('steps', 1, 10_000, r0.steps), rides: int('rides', 1, 100, r0.rides), misSteps: int('mis-steps', 0, 100_000, r0.misSteps),
    inner: int('inner', 0, 10_000, r0.inner), alpha: values.has('alpha') ? parseNumberInRange('alpha', values.get('alpha')!, 0, 100, true) : r0.alpha,
  };
  const results = [];
  for (let r = 0; r < o.runs; r++) results.push(await asUsage(() => coloredRidgeRider(coloredMnist(train, o.seed + r), s, o.seed + r)));
  const tr = interval(results.map((x) => x.chosen.train));
  const te = interval(results.map((x) => x.chosen.test));
  const oracle = interval(results.map((x) => x.oracle.test));
  const pick = (c: ColoredCandidate) => ({ ride: c.ride, step: c.step, train: 100 * c.train, validation: 100 * c.validation, test: 100 * c.test, u: c.u, v: c.v });
  if (values.has('json')) {
    return JSON.stringify({
      method: 'rr', runs: o.runs, limit: Number.isFinite(o.limit) ? o.limit : null, backend: o.backend, settings: { ...s, limit: Number.isFinite(s.limit) ? s.limit : null },
      train: tr, test: te, oracle_test: oracle,
      per_run: results.map((x) => ({
        seed: x.seed, train: 100 * x.chosen.train, test: 100 * x.chosen.test, chosen: pick(x.chosen), oracle: pick(x.oracle), seconds: x.seconds,
        mis: { curvature: x.mis.curvature, curvature_gap: x.mis.curvatureGap, objective: x.mis.objective }, candidates: x.candidates.map(pick),
        slice: { side: x.slice.side, span: x.slice.span, losses: Array.from(x.slice.losses) },
      })),
    });
  }
  return [
    `Ridge Rider on Colored MNIST, ${o.runs} runs of ${s.rides} rides × ${s.steps} steps on ${o.backend}${Number.isFinite(o.limit) ? `, ${o.limit} images per environment` : ''}`,
    `  chosen on validation: train ${tr.mean.toFixed(1)} ± ${tr.ci95.toFixed(1)}%, test ${te.mean.toFixed(1)} ± ${te.ci95.toFixed(1)}% (95% intervals)`,
    `  oracle (best candidate on the test environment, not a result): test ${oracle.mean.toFixed(1)} ± ${oracle.ci95.toFixed(1)}%`,
    ...results.map((x, i) => `  run ${i + 1}: ride ${x.chosen.ride} step ${x.chosen.step}, train ${(100 * x.chosen.train).toFixed(1)}%, test ${(100 * x.chosen.test).toFixed(1)}% (${x.seconds.toFixed(1)} s)`),
  ].join('\n');
}

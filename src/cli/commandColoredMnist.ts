import { coloredMnist, describeColoredEnv } from '../data/coloredMnist';
import { meanStd } from '../math/meanStd';
import { COLORED_METHODS, COLORED_SETTINGS, coloredBaseline, type ColoredMethod } from '../runners/coloredBaselines';
import { jsonOpt, parseChoice, parseInteger, seedFrom, seedOpt, UsageError, type OptionSpec } from './args';
import { asUsage, backendFrom, backendOpt } from './commandNn';
import { loadMnistNode } from './mnistNode';

export const COLORED_MNIST_ABOUT = 'Colored MNIST (Arjovsky et al. 2019): its environments, and the ERM, IRM and grayscale baselines over restarts';
export const COLORED_MNIST_OPTIONS: readonly OptionSpec[] = [
  { name: 'describe', kind: 'flag', help: 'each environment\'s size, label noise and colour agreement' },
  { name: 'method', kind: 'value', meta: `<${COLORED_METHODS.join('|')}>`, help: 'a baseline with the IRM reference\'s settings (chosen by its authors on the test environment)' },
  { name: 'runs', kind: 'value', meta: '<n>', help: 'restarts, each with its own environments and initialization (default 3)' },
  { name: 'limit', kind: 'value', meta: '<n>', help: 'use the first n images of each environment (default all)' },
  { name: 'steps', kind: 'value', meta: '<n>', help: 'training steps (default the reference\'s: 501, or 101 for grayscale)' },
  backendOpt, seedOpt, jsonOpt,
];

/**
 * Mean and 95% interval of accuracies in percent: 1.96 standard errors of the mean, with the sample standard
 * deviation (meanStd's population one times √(n / (n − 1))), a normal approximation.
 */
export function interval(v: readonly number[]): { mean: number; ci95: number } {
  const { mean, std } = meanStd(v.map((x) => 100 * x));
  return { mean, ci95: v.length > 1 ? (1.96 * std) / Math.sqrt(v.length - 1) : 0 };
}

/** `colored-mnist`: the environments described, or a baseline over restarts. */
export async function commandColoredMnist(values: ReadonlyMap<string, string>): Promise<string> {
  const seed = seedFrom(values);
  const train = await asUsage(() => loadMnistNode('train'));
  if (values.has('describe')) {
    const envs = coloredMnist(train, seed).map((e) => ({ name: e.name, colour_flip: e.colourFlip, ...((d) => ({ size: d.size, label_noise: d.labelNoise, colour_agreement: d.colourAgreement }))(describeColoredEnv(e)) }));
    if (values.has('json')) return JSON.stringify({ seed, environments: envs });
    return envs.map((e) => `${e.name.padEnd(8)} ${String(e.size).padStart(6)} images, label noise ${e.label_noise.toFixed(4)}, colour agrees with the label ${e.colour_agreement.toFixed(4)}`).join('\n');
  }
  if (!values.has('method')) throw new UsageError('say --describe, or --method with one of erm, irm, grayscale');
  const method = parseChoice('method', values.get('method')!, COLORED_METHODS) as ColoredMethod;
  const runs = values.has('runs') ? parseInteger('runs', values.get('runs')!, 1, 100) : 3;
  const limit = values.has('limit') ? parseInteger('limit', values.get('limit')!, 1, 25_000) : Infinity;
  const steps = values.has('steps') ? parseInteger('steps', values.get('steps')!, 1, 100_000) : COLORED_SETTINGS[method].steps;
  const backend = await backendFrom(values);
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

import { readFileSync, writeFileSync } from 'node:fs';
import { IdxError } from '../data/idx';
import { lanczosAsync, type LanczosWhich } from '../math/lanczos';
import { rngFromSeed } from '../math/rng';
import { slqAsync } from '../math/slq';
import { firstExamples, mnistDataset, parseDataJson, type Dataset } from '../nn/dataset';
import { createHvpOperator, type HvpMethod } from '../nn/hvp';
import { ACTIVATIONS, checkSpec, initParams, modelToJson, ModelError, paramLayout, parseModelJson, type Activation, type MlpSpec } from '../nn/mlpSpec';
import { evaluateMlp, TRAIN_DEFAULTS, trainMlp } from '../nn/train';
import { initTfBackend } from '../platform/tfBackend';
import { UsageError, jsonOpt, parseChoice, parseInteger, parseNumberInRange, seedFrom, seedOpt, type OptionSpec } from './args';
import { loadMnistNode } from './mnistNode';

const BACKENDS = ['wasm', 'cpu'] as const;
export const backendOpt: OptionSpec = { name: 'backend', kind: 'value', meta: '<wasm|cpu>', help: 'the TF.js backend in Node (default wasm, falling back to cpu)' };

export const MLP_TRAIN_ABOUT = 'train a multilayer perceptron on MNIST; prints the train and test loss and accuracy, the speed and the backend';
export const MLP_TRAIN_OPTIONS: readonly OptionSpec[] = [
  { name: 'layers', kind: 'value', meta: '<784,128,128,10>', help: 'layer widths, input first (default the paper\'s 784,128,128,10)' },
  { name: 'activation', kind: 'value', meta: `<${ACTIVATIONS.join('|')}>`, help: 'hidden activation (default relu)' },
  { name: 'optimizer', kind: 'value', meta: '<adam|sgd>', help: `default ${TRAIN_DEFAULTS.optimizer}` },
  { name: 'lr', kind: 'value', meta: '<η>', help: `learning rate (default ${TRAIN_DEFAULTS.lr})` },
  { name: 'batch', kind: 'value', meta: '<n>', help: `batch size (default ${TRAIN_DEFAULTS.batch})` },
  { name: 'steps', kind: 'value', meta: '<n>', help: `training steps (default ${TRAIN_DEFAULTS.steps})` },
  { name: 'eval', kind: 'value', meta: '<n>', help: 'evaluate on the first n examples of each split (default all: 60000 and 10000)' },
  { name: 'out', kind: 'value', meta: '<model.json>', help: 'write the trained model here' },
  backendOpt, seedOpt, jsonOpt,
];

export const HESSIAN_ABOUT = 'eigenpairs of a model\'s loss Hessian by Lanczos on Hessian-vector products (and the density, by stochastic Lanczos quadrature)';
export const HESSIAN_OPTIONS: readonly OptionSpec[] = [
  { name: 'model', kind: 'value', required: true, meta: '<model.json>', help: 'the model file {layers, activation, weights, biases}' },
  { name: 'data', kind: 'value', meta: '<mnist-train|mnist-test|file.json>', help: 'the examples of the loss (default mnist-train); a file is {"x": [[...]], "y": [labels]}' },
  { name: 'samples', kind: 'value', meta: '<n>', help: 'the first n examples in file order (default 1000)' },
  { name: 'k', kind: 'value', meta: '<k>', help: 'eigenpairs wanted (default 6)' },
  { name: 'which', kind: 'value', meta: '<smallest|largest|both>', help: 'the most negative, the largest, or k of each (default smallest)' },
  { name: 'tol', kind: 'value', meta: '<v>', help: 'relative residual ‖Hv − λv‖ / ‖H‖ to reach (default 1e-4; products are float32)' },
  { name: 'max-iter', kind: 'value', meta: '<n>', help: 'cap on Hessian-vector products (default 1000)' },
  { name: 'hvp', kind: 'value', meta: '<autodiff|fd>', help: 'double backprop, or central differences of the gradient (default autodiff)' },
  { name: 'density', kind: 'flag', help: 'also the eigenvalue density (stochastic Lanczos quadrature: 80 steps, 10 draws)' },
  backendOpt, seedOpt, jsonOpt,
];

/** Runs `f`, turning model, data and file faults into one-line usage errors (exit 2). */
export async function asUsage<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ModelError || e instanceof IdxError || e instanceof SyntaxError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new UsageError((e as Error).message);
    throw e;
  }
}

export async function backendFrom(values: ReadonlyMap<string, string>): Promise<string> {
  const wanted = values.has('backend') ? [parseChoice('backend', values.get('backend')!, BACKENDS)] : [...BACKENDS];
  return (await initTfBackend(wanted)).name;
}

/** `mlp-train`: a network on MNIST, trained in this process. */
export async function commandMlpTrain(values: ReadonlyMap<string, string>): Promise<string> {
  const layers = values.has('layers') ? values.get('layers')!.split(',').map((t) => parseInteger('layers', t.trim(), 1, 100_000)) : [784, 128, 128, 10];
  const activation = values.has('activation') ? parseChoice('activation', values.get('activation')!, ACTIVATIONS) : ('relu' as Activation);
  const spec: MlpSpec = await asUsage(() => checkSpec({ layers, activation }));
  if (layers[0] !== 784 || layers[layers.length - 1] !== 10) throw new UsageError(`MNIST needs 784 inputs and 10 outputs; --layers is ${layers.join(',')}`);
  const settings = {
    optimizer: values.has('optimizer') ? parseChoice('optimizer', values.get('optimizer')!, ['adam', 'sgd'] as const) : TRAIN_DEFAULTS.optimizer,
    lr: values.has('lr') ? parseNumberInRange('lr', values.get('lr')!, 0, 100, true) : TRAIN_DEFAULTS.lr,
    batch: values.has('batch') ? parseInteger('batch', values.get('batch')!, 1, 60_000) : TRAIN_DEFAULTS.batch,
    steps: values.has('steps') ? parseInteger('steps', values.get('steps')!, 0, 10_000_000) : TRAIN_DEFAULTS.steps,
    seed: seedFrom(values),
  };
  const evalLimit = values.has('eval') ? parseInteger('eval', values.get('eval')!, 1, 60_000) : Infinity;
  const backend = await backendFrom(values);
  const train = mnistDataset(await asUsage(() => loadMnistNode('train')));
  const test = mnistDataset(await asUsage(() => loadMnistNode('test')));
  const result = await asUsage(() => trainMlp(spec, initParams(spec, rngFromSeed(settings.seed)), train, settings));
  const [tr, te] = [await evaluateMlp(spec, result.params, train, evalLimit), await evaluateMlp(spec, result.params, test, evalLimit)];
  if (values.has('out')) writeFileSync(values.get('out')!, `${JSON.stringify(modelToJson(spec, result.params))}\n`);
  const out = {
    layers, activation, n_params: result.params.length, ...settings, backend,
    train_loss: tr.loss, train_accuracy: tr.accuracy, test_loss: te.loss, test_accuracy: te.accuracy, steps_per_second: result.stepsPerSecond,
  };
  if (values.has('json')) return JSON.stringify(out);
  return [
    `${layers.join('-')} ${activation}, ${result.params.length} parameters, ${settings.optimizer} η = ${settings.lr}, batch ${settings.batch}, ${settings.steps} steps on ${backend}`,
    `  train: loss ${tr.loss.toFixed(4)}, accuracy ${(100 * tr.accuracy).toFixed(2)}%`,
    `  test:  loss ${te.loss.toFixed(4)}, accuracy ${(100 * te.accuracy).toFixed(2)}%`,
    `  ${result.stepsPerSecond.toFixed(1)} steps/s${values.has('out') ? `; model written to ${values.get('out')}` : ''}`,
  ].join('\n');
}

/** `hessian`: Lanczos on a model's H v, and optionally the density. */
export async function commandHessian(values: ReadonlyMap<string, string>): Promise<string> {
  const { spec, params } = await asUsage(() => parseModelJson(JSON.parse(readFileSync(values.get('model')!, 'utf8'))));
  const n = paramLayout(spec.layers).count;
  const inputs = spec.layers[0]!;
  const classes = spec.layers[spec.layers.length - 1]!;
  const source = values.get('data') ?? 'mnist-train';
  const samples = values.has('samples') ? parseInteger('samples', values.get('samples')!, 1, 60_000) : 1000;
  const k = values.has('k') ? parseInteger('k', values.get('k')!, 1, 1000) : 6;
  const which = values.has('which') ? parseChoice('which', values.get('which')!, ['smallest', 'largest', 'both'] as const) : ('smallest' as LanczosWhich);
  if ((which === 'both' ? 2 * k : k) > n) throw new UsageError(`--k ${k} asks for more eigenpairs than the network's ${n} parameters`);
  const tol = values.has('tol') ? parseNumberInRange('tol', values.get('tol')!, 0, 1, true) : 1e-4;
  const maxMatvecs = values.has('max-iter') ? parseInteger('max-iter', values.get('max-iter')!, 1, 1_000_000) : 1000;
  const method = values.has('hvp') ? parseChoice('hvp', values.get('hvp')!, ['autodiff', 'fd'] as const) : ('autodiff' as HvpMethod);
  const seed = seedFrom(values);
  const data: Dataset = source === 'mnist-train' || source === 'mnist-test'
    ? mnistDataset(await asUsage(() => loadMnistNode(source === 'mnist-train' ? 'train' : 'test')))
    : await asUsage(() => parseDataJson(JSON.parse(readFileSync(source, 'utf8')), inputs, classes));
  if (data.inputs !== inputs) throw new UsageError(`${source} has ${data.inputs} inputs, the model ${inputs}`);
  const backend = await backendFrom(values);
  const op = await asUsage(() => createHvpOperator(spec, params, firstExamples(data, samples), method));
  try {
    const { loss, grad } = await op.lossAndGradient();
    let gradNorm = 0;
    for (const g of grad) gradNorm += g * g;
    const r = await lanczosAsync(n, (v) => op.hvp(v), { k, which, tol, maxMatvecs, seed });
    const density = values.has('density') ? await slqAsync(n, (v) => op.hvp(v), { seed }) : null;
    const out = {
      n_params: n, samples: Math.min(samples, data.count), loss, grad_norm: Math.sqrt(gradNorm), eigenvalues: Array.from(r.values), residuals: Array.from(r.residuals),
      matvecs: r.matvecs, converged: r.converged, hvp: method, backend,
      ...(density ? { density: { grid: Array.from(density.grid), values: Array.from(density.density), sigma: density.sigma, matvecs: density.matvecs } } : {}),
    };
    if (values.has('json')) return JSON.stringify(out);
    return [
      `${spec.layers.join('-')} ${spec.activation}, ${n} parameters, ${out.samples} examples of ${source}: L = ${loss.toPrecision(6)}, |∇L| = ${out.grad_norm.toPrecision(3)}`,
      `${which} ${k} eigenvalues (Lanczos, ${r.matvecs} products by ${method} on ${backend}${r.converged ? '' : ', NOT converged'}):`,
      ...Array.from(r.values, (v, i) => `  λ = ${v.toPrecision(6).padStart(12)}   ‖Hv − λv‖ = ${r.residuals[i]!.toExponential(2)}`),
      ...(density ? [`density: ${density.grid.length} points over [${density.grid[0]!.toPrecision(3)}, ${density.grid[density.grid.length - 1]!.toPrecision(3)}], ${density.matvecs} products`] : []),
    ].join('\n');
  } finally {
    op.dispose();
  }
}

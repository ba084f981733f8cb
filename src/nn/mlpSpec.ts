import { normalFill, type Rng } from '../math/rng';

/**
 * A multilayer perceptron as data: layer widths n₀ … n_L, the hidden activation, and its parameters as one flat
 * vector θ, ordered W₁, b₁, W₂, b₂, … with each W_l row-major (n_{l−1} rows of n_l numbers). The network is
 * h_l = act(h_{l−1} W_l + b_l) for the hidden layers and z = h_{L−1} W_L + b_L (linear) for the logits; its loss is
 * the mean softmax cross-entropy (natural log) over the examples, with no weight decay.
 */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'softplus'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface MlpSpec {
  readonly layers: readonly number[];
  readonly activation: Activation;
}

/** The model file: `{layers, activation, weights: [W1, ...], biases: [b1, ...]}`, W_l as n_{l−1} rows of n_l numbers. */
export interface MlpJson {
  readonly layers: number[];
  readonly activation: Activation;
  readonly weights: number[][][];
  readonly biases: number[][];
}

export class ModelError extends Error {}

/** The largest network the app and the CLI accept (parameters). */
export const MAX_MLP_PARAMS = 20_000_000;

/** Where W_l and b_l start in θ, and the total count. */
export function paramLayout(layers: readonly number[]): { readonly w: number[]; readonly b: number[]; readonly count: number } {
  const w: number[] = [];
  const b: number[] = [];
  let at = 0;
  for (let l = 1; l < layers.length; l++) {
    w.push(at); at += layers[l - 1]! * layers[l]!;
    b.push(at); at += layers[l]!;
  }
  return { w, b, count: at };
}

/** Checks a spec: at least an input and an output layer, positive integer widths, a known activation, a size limit. */
export function checkSpec(spec: MlpSpec): MlpSpec {
  const { layers, activation } = spec;
  if (!Array.isArray(layers) || layers.length < 2) throw new ModelError('"layers" must list at least an input and an output width');
  layers.forEach((n, i) => { if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new ModelError(`layer ${i} has width ${String(n)}; widths are integers from 1 to 100000`); });
  if (!(ACTIVATIONS as readonly string[]).includes(activation)) throw new ModelError(`unknown activation "${String(activation)}"; use ${ACTIVATIONS.join(', ')}`);
  const count = paramLayout(layers).count;
  if (count > MAX_MLP_PARAMS) throw new ModelError(`the network has ${count} parameters, more than the limit of ${MAX_MLP_PARAMS}`);
  return spec;
}

/**
 * Seeded initial parameters: W_l ~ N(0, s²) with s² = 2 / n_{l−1} for relu and softplus (He et al. 2015) and
 * 1 / n_{l−1} otherwise (LeCun), biases zero.
 */
export function initParams(spec: MlpSpec, rng: Rng): Float32Array {
  const { layers } = checkSpec(spec);
  const { w, count } = paramLayout(layers);
  const theta = new Float32Array(count);
  for (let l = 1; l < layers.length; l++) {
    const fanIn = layers[l - 1]!;
    const sd = Math.sqrt((spec.activation === 'relu' || spec.activation === 'softplus' ? 2 : 1) / fanIn);
    const block = normalFill(rng, new Float64Array(fanIn * layers[l]!), 0, sd);
    theta.set(block, w[l - 1]!);
  }
  return theta;
}

/** Parses and checks a model file; any fault throws a ModelError that says where. */
export function parseModelJson(json: unknown): { spec: MlpSpec; params: Float32Array } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ModelError('a model is a JSON object {layers, activation, weights, biases}');
  const o = json as Record<string, unknown>;
  const spec = checkSpec({ layers: o.layers as number[], activation: o.activation as Activation });
  const { layers } = spec;
  const L = layers.length - 1;
  if (!Array.isArray(o.weights) || o.weights.length !== L) throw new ModelError(`"weights" must list ${L} matrices, one per layer`);
  if (!Array.isArray(o.biases) || o.biases.length !== L) throw new ModelError(`"biases" must list ${L} vectors, one per layer`);
  const { w, b, count } = paramLayout(layers);
  const params = new Float32Array(count);
  for (let l = 0; l < L; l++) {
    const rows = layers[l]!;
    const cols = layers[l + 1]!;
    const W = o.weights[l] as unknown;
    if (!Array.isArray(W) || W.length !== rows) throw new ModelError(`weights[${l}] must have ${rows} rows (the width of layer ${l}), got ${Array.isArray(W) ? W.length : typeof W}`);
    W.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== cols) throw new ModelError(`weights[${l}][${i}] must have ${cols} numbers (the width of layer ${l + 1})`);
      row.forEach((v: unknown, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(`weights[${l}][${i}][${j}] is ${JSON.stringify(v)}, not a finite number`);
        params[w[l]! + i * cols + j] = v;
      });
    });
    const B = o.biases[l] as unknown;
    if (!Array.isArray(B) || B.length !== cols) throw new ModelError(`biases[${l}] must have ${cols} numbers (the width of layer ${l + 1})`);
    B.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(`biases[${l}][${j}] is ${JSON.stringify(v)}, not a finite number`);
      params[b[l]! + j] = v;
    });
  }
  return { spec, params };
}

/** The model file of a spec and its parameters. */
export function modelToJson(spec: MlpSpec, params: ArrayLike<number>): MlpJson {
  const { layers } = checkSpec(spec);
  const { w, b, count } = paramLayout(layers);
  if (params.length !== count) throw new ModelError(`the network has ${count} parameters, got ${params.length}`);
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const rows = layers[l]!;
    const cols = layers[l + 1]!;
    weights.push(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => params[w[l]! + i * cols + j]!)));
    biases.push(Array.from({ length: cols }, (_, j) => params[b[l]! + j]!));
  }
  return { layers: [...layers], activation: spec.activation, weights, biases };
}

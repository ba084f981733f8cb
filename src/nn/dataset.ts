import { MNIST_PIXELS, mnistInputs, type MnistSplit } from '../data/mnist';
import { ModelError } from './mlpSpec';

/** Examples for a network: `count` inputs of `inputs` numbers, written on demand, and their labels. */
export interface Dataset {
  readonly count: number;
  readonly inputs: number;
  readonly labels: Uint8Array;
  /** Writes the inputs of examples `indices` into `out` (row-major, indices.length × inputs). */
  fill(indices: ArrayLike<number>, out: Float32Array): void;
}

/** A split of MNIST as inputs pixel / 255, optionally its first `limit` examples (in file order). */
export function mnistDataset(s: MnistSplit, limit = s.count): Dataset {
  const count = Math.min(limit, s.count);
  return {
    count, inputs: MNIST_PIXELS, labels: s.labels.subarray(0, count),
    fill(indices, out) {
      for (let r = 0; r < indices.length; r++) mnistInputs(s, indices[r]!, out.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS));
    },
  };
}

/** The data file `{"x": [[...]], "y": [labels]}`, checked (shapes, finite inputs, labels in range). */
export function parseDataJson(json: unknown, inputs: number, classes: number): Dataset {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ModelError('a data file is a JSON object {"x": [[...]], "y": [labels]}');
  const { x, y } = json as { x?: unknown; y?: unknown };
  if (!Array.isArray(x) || !Array.isArray(y)) throw new ModelError('a data file needs "x" (a list of inputs) and "y" (a list of labels)');
  if (x.length !== y.length) throw new ModelError(`the data file has ${x.length} inputs but ${y.length} labels`);
  if (x.length === 0) throw new ModelError('the data file has no examples');
  const flat = new Float32Array(x.length * inputs);
  x.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== inputs) throw new ModelError(`x[${i}] must have ${inputs} numbers (the network's input width)`);
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ModelError(`x[${i}][${j}] is ${JSON.stringify(v)}, not a finite number`);
      flat[i * inputs + j] = v;
    });
  });
  const labels = new Uint8Array(y.length);
  y.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= classes) throw new ModelError(`y[${i}] is ${JSON.stringify(v)}, not a class from 0 to ${classes - 1}`);
    labels[i] = v;
  });
  return {
    count: x.length, inputs, labels,
    fill(indices, out) { for (let r = 0; r < indices.length; r++) out.set(flat.subarray(indices[r]! * inputs, (indices[r]! + 1) * inputs), r * inputs); },
  };
}

/** The first `n` examples as one batch (inputs and labels). */
export function firstExamples(d: Dataset, n = d.count): { x: Float32Array; labels: Uint8Array } {
  const count = Math.min(n, d.count);
  const x = new Float32Array(count * d.inputs);
  d.fill(Uint32Array.from({ length: count }, (_, i) => i), x);
  return { x, labels: d.labels.subarray(0, count) };
}

import { rngFromSeed, rngInt } from '../math/rng.ts';
import { MNIST_SIDE, type MnistSplit } from './mnist.ts';

/** Side of a Colored MNIST image (MNIST subsampled 2×) and its inputs: two colour channels of 14 × 14. */
export const COLORED_SIDE = 14;
export const COLORED_INPUTS = 2 * COLORED_SIDE * COLORED_SIDE;

/** One environment: its images (size × 392 inputs, channel-major: red 14 × 14, then green), labels and colours. */
export interface ColoredEnv {
  readonly name: 'train-1' | 'train-2' | 'test';
  readonly size: number;
  /** The probability that the colour disagrees with the label. */
  readonly colourFlip: number;
  /** Pixel / 255 in the image's colour channel, 0 in the other. */
  readonly inputs: Float32Array;
  /** The binary label: digit ≥ 5, flipped with probability 0.25. */
  readonly labels: Uint8Array;
  /** 1: red (channel 0), 0: green (channel 1); the label flipped with probability `colourFlip`. */
  readonly colours: Uint8Array;
  readonly digits: Uint8Array;
}

/** The label noise and the colour flips of the three environments (Arjovsky et al. 2019; Parker-Holder et al. 2020, §4). */
export const COLORED_MNIST = { labelFlip: 0.25, colourFlips: [0.2, 0.1, 0.9], trainSize: 50_000 } as const;

/**
 * Colored MNIST as the IRM reference builds it (Arjovsky et al. 2019, code/colored_mnist/main.py) and the Ridge Rider
 * paper describes it: MNIST train[:50,000] in a seeded random order, its even positions the first training
 * environment (colour flip 0.2) and its odd ones the second (0.1), train[50,000:] the test environment (0.9). Each
 * image is subsampled to 14 × 14 (every other row and column), its label ỹ = (digit ≥ 5) flipped with probability
 * 0.25, its colour the label flipped with the environment's probability, and the image put in the red channel for
 * colour 1 and the green one for colour 0. Seeded: the same seed gives the same three environments.
 */
export function coloredMnist(train: MnistSplit, seed: number): [ColoredEnv, ColoredEnv, ColoredEnv] {
  const n = COLORED_MNIST.trainSize;
  if (train.count < n + 1) throw new Error(`Colored MNIST needs MNIST's training split (60,000 images), got ${train.count}`);
  const rng = rngFromSeed(seed);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = rngInt(rng, i + 1); const t = order[i]!; order[i] = order[j]!; order[j] = t; }
  const pick = (from: number, step: number) => Uint32Array.from({ length: Math.ceil((n - from) / step) }, (_, k) => order[from + k * step]!);
  const test = Uint32Array.from({ length: train.count - n }, (_, k) => n + k);
  const envs: [string, Uint32Array][] = [['train-1', pick(0, 2)], ['train-2', pick(1, 2)], ['test', test]];
  return envs.map(([name, idx], e) => build(train, idx, name as ColoredEnv['name'], COLORED_MNIST.colourFlips[e]!, rng)) as [ColoredEnv, ColoredEnv, ColoredEnv];
}

function build(train: MnistSplit, idx: Uint32Array, name: ColoredEnv['name'], colourFlip: number, rng: () => number): ColoredEnv {
  const size = idx.length;
  const plane = COLORED_SIDE * COLORED_SIDE;
  const inputs = new Float32Array(size * COLORED_INPUTS);
  const labels = new Uint8Array(size);
  const colours = new Uint8Array(size);
  const digits = new Uint8Array(size);
  for (let k = 0; k < size; k++) {
    const i = idx[k]!;
    const digit = train.labels[i]!;
    const y = (digit >= 5 ? 1 : 0) ^ (rng() < COLORED_MNIST.labelFlip ? 1 : 0);
    const c = y ^ (rng() < colourFlip ? 1 : 0);
    digits[k] = digit;
    labels[k] = y;
    colours[k] = c;
    const channel = c === 1 ? 0 : 1;
    const o = k * COLORED_INPUTS + channel * plane;
    for (let r = 0; r < COLORED_SIDE; r++) {
      for (let q = 0; q < COLORED_SIDE; q++) inputs[o + r * COLORED_SIDE + q] = train.images[i * MNIST_SIDE * MNIST_SIDE + 2 * r * MNIST_SIDE + 2 * q]! / 255;
    }
  }
  return { name, size, colourFlip, inputs, labels, colours, digits };
}

/** What an environment is: its size, the share of labels that differ from digit ≥ 5, and the share whose colour matches the label. */
export function describeColoredEnv(e: ColoredEnv): { size: number; labelNoise: number; colourAgreement: number } {
  let noise = 0;
  let agree = 0;
  for (let k = 0; k < e.size; k++) {
    if (e.labels[k] !== (e.digits[k]! >= 5 ? 1 : 0)) noise++;
    if (e.colours[k] === e.labels[k]) agree++;
  }
  return { size: e.size, labelNoise: noise / e.size, colourAgreement: agree / e.size };
}

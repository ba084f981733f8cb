import { checkMnistSplit, MNIST_PIXELS, type MnistSplit, type MnistSplitName } from './mnist.ts';
import { IdxError } from './idx.ts';

/**
 * The app's MNIST assets, made at build time from the checked IDX files: per split, the pixels (count × 784 bytes)
 * and the labels (count bytes), each gzipped without a header, and a manifest naming them. The browser fetches them
 * with progress and inflates them with DecompressionStream. The extension is not .gz on purpose: static servers send
 * .gz files with Content-Encoding: gzip, and the browser would inflate them before the loader sees them.
 */
export const MNIST_ASSET_DIR = 'mnist';

export interface MnistManifest {
  readonly source: string;
  readonly splits: Readonly<Record<MnistSplitName, { readonly count: number; readonly images: string; readonly labels: string }>>;
}

export const mnistAssetNames = (split: MnistSplitName) => ({ images: `${split}-images.u8gz`, labels: `${split}-labels.u8gz` });

/** Reads a response body to the end, inflating gzip, reporting compressed bytes read out of the total (when known). */
async function inflate(res: Response, onBytes: (read: number) => void): Promise<Uint8Array> {
  if (!res.ok || !res.body) throw new IdxError(`${res.url || 'an MNIST asset'} could not be fetched (HTTP ${res.status})`);
  let read = 0;
  const counted = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) { read += chunk.byteLength; onBytes(read); ctl.enqueue(chunk); },
  }));
  const inflated = new Response(counted.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>));
  return new Uint8Array(await inflated.arrayBuffer());
}

/**
 * Fetches one split of the built assets under `base` (the app's URL of the asset folder), with progress as a
 * fraction of the compressed bytes, and checks it (counts, digits, the published first labels).
 */
export async function fetchMnistSplit(base: string, split: MnistSplitName, onProgress?: (fraction: number) => void,
  fetchFn: (url: string) => Promise<Response> = (u) => fetch(u)): Promise<MnistSplit> {
  const manifestRes = await fetchFn(`${base}/manifest.json`);
  if (!manifestRes.ok) throw new IdxError(`the MNIST manifest could not be fetched (HTTP ${manifestRes.status})`);
  const manifest = (await manifestRes.json()) as MnistManifest;
  const entry = manifest.splits?.[split];
  if (!entry) throw new IdxError(`the MNIST manifest has no ${split} split`);
  const [imagesRes, labelsRes] = await Promise.all([fetchFn(`${base}/${entry.images}`), fetchFn(`${base}/${entry.labels}`)]);
  const total = Number(imagesRes.headers.get('content-length') ?? 0) + Number(labelsRes.headers.get('content-length') ?? 0);
  const read = [0, 0];
  const report = (k: number) => (bytes: number) => { read[k] = bytes; if (total > 0) onProgress?.(Math.min(1, (read[0]! + read[1]!) / total)); };
  const [images, labels] = await Promise.all([inflate(imagesRes, report(0)), inflate(labelsRes, report(1))]);
  if (images.length !== entry.count * MNIST_PIXELS) throw new IdxError(`the ${split} images inflate to ${images.length} bytes, not ${entry.count} × ${MNIST_PIXELS}`);
  onProgress?.(1);
  return checkMnistSplit({ split, count: entry.count, images, labels });
}

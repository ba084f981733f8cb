/**
 * TF.js backend selection with an explicit fallback chain (TF.js 4.22): `tf.setBackend` may resolve false (no
 * adapter) or throw (backend not registered, e.g. webgpu without navigator.gpu), and after a failure TF.js can
 * silently be on another backend, so every step is checked and the active backend is verified with a tiny op.
 * Runs in a window, a dedicated worker (navigator.gpu and OffscreenCanvas exist in both in Chromium) and in Node (the
 * CLI, the unit tests: wasm and cpu). Nothing here depends on a bundler: where the wasm binaries are served from is
 * given by the caller (in the app, wasmAssets.ts; in Node, the package's own directory is found by default).
 */
import * as tf from '@tensorflow/tfjs';
// Side-effect import: registers 'webgpu' only when navigator.gpu exists at import time.
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const DEFAULT_TF_CHAIN: readonly TfBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** One step of the chain: whether the backend became active and passed the smoke test, or why not. */
export interface TfBackendAttempt {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  /** Time spent initializing this backend and running the smoke test. */
  readonly ms?: number;
  /** What exactly runs, where known: the wasm binary (plain, simd, threaded-simd), the WebGL version, the GPU adapter. */
  readonly detail?: string;
}

export interface TfBackendChoice {
  /** The active backend. */
  readonly name: string;
  readonly tried: readonly TfBackendAttempt[];
}

/** Where each wasm binary of the wasm backend is served from (file name → URL). */
export type WasmPaths = Readonly<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;

/** Points the wasm backend at its binaries; must run before the wasm backend first initializes. */
function configureWasmPaths(paths: WasmPaths): void {
  try {
    setWasmPaths({ ...paths });
  } catch {
    // Already initialized with other paths (someone called setBackend('wasm') first): keep those.
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Checks that the active backend really computes: square([1, 2, 3]) = [1, 4, 9], read back asynchronously. */
async function smokeTest(): Promise<void> {
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.square(x);
  try {
    const d = await y.data();
    if (d[0] !== 1 || d[1] !== 4 || d[2] !== 9) throw new Error(`smoke test gave [${Array.from(d).join(', ')}]`);
  } finally {
    x.dispose();
    y.dispose();
  }
}

/**
 * Activates the first backend of `chain` that initializes, is then the active backend, and passes a smoke test;
 * returns its name and every attempt. Throws (with the attempts in the message) only if none works. `wasmPaths`
 * says where the wasm binaries are (the app passes its bundled assets); the threaded variant is only used on
 * cross-origin-isolated pages, which RidgeLab's are not, so wasm runs single-threaded with SIMD when available.
 */
export function initTfBackend(chain: readonly string[] = DEFAULT_TF_CHAIN, options: { readonly wasmPaths?: WasmPaths } = {}): Promise<TfBackendChoice> {
  const choice = queue.then(() => initNow(chain, options));
  queue = choice.catch(() => undefined);
  return choice;
}

/**
 * The backend is global to TF.js: callers that start together (several runs in one process, as the command line's
 * tests do) take turns, so that none sees another's backend still initializing, falls back to the next one and switches
 * everyone's computation to it midway.
 */
let queue: Promise<unknown> = Promise.resolve();

async function initNow(chain: readonly string[], options: { readonly wasmPaths?: WasmPaths }): Promise<TfBackendChoice> {
  if (options.wasmPaths) configureWasmPaths(options.wasmPaths);
  const tried: TfBackendAttempt[] = [];
  for (const name of chain) {
    const t0 = performance.now();
    const fail = (error: string): void => { tried.push({ name, ok: false, error, ms: performance.now() - t0 }); };
    if (!tf.findBackendFactory(name)) {
      fail(name === 'webgpu' ? 'not registered (no navigator.gpu in this context)' : 'not registered');
      continue;
    }
    try {
      const ok = await tf.setBackend(name);
      await tf.ready();
      if (!ok) { fail('setBackend resolved false (initialization failed)'); continue; }
      if (tf.getBackend() !== name) { fail(`active backend is ${tf.getBackend()} instead`); continue; }
      await smokeTest();
      const detail = await backendDetail(name);
      tried.push({ name, ok: true, ms: performance.now() - t0, ...(detail ? { detail } : {}) });
      return { name, tried };
    } catch (e) {
      fail(errorText(e));
    }
  }
  throw new Error(`no TF.js backend works: ${tried.map((t) => `${t.name}: ${t.error ?? 'failed'}`).join('; ')}`);
}

async function backendDetail(name: string): Promise<string | undefined> {
  try {
    if (name === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      return simd && threads ? 'threaded-simd' : simd ? 'simd' : 'plain';
    }
    if (name === 'webgl') return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
    if (name === 'webgpu') {
      const info = gpuDeviceFromTf()?.adapterInfo;
      return info ? [info.vendor, info.architecture].filter((s) => s).join(' / ') : undefined;
    }
  } catch {
    // Details are informative only.
  }
  return undefined;
}

/**
 * The GPUDevice of TF.js's webgpu backend when it is the active backend, else null, so that grid kernels
 * (src/gpu/gridKernel.ts) share TF.js's device instead of opening a second one.
 */
export function gpuDeviceFromTf(): GPUDevice | null {
  try {
    if (tf.getBackend() !== 'webgpu') return null;
    const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
    return device ?? null;
  } catch {
    return null;
  }
}

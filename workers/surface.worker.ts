/// <reference lib="webworker" />
import { initTfBackend, gpuDeviceFromTf } from '../src/platform/tfBackend';
import { BUNDLED_WASM_PATHS } from '../src/platform/wasmAssets';
import { requestGpuDevice, createGridKernel, type GridKernel } from '../src/gpu/gridKernel';
import { compileFormula } from '../src/landscapes/expression/compileFormula';
import type { Tape } from '../src/landscapes/expression/tape';
import { evalGridJs, type GridFields } from '../src/landscapes/grid';
import { hasClosedForm, smoothedGridGpu, smoothedGridJs } from '../src/runners/smoothedGrid';
import type { SmoothKernel } from '../src/gpu/smoothKernel';
import { computeOneD } from '../src/runners/oneD';
import { surfaceCriticalPoints } from '../src/runners/surfaceObjective';
import { gridTransferList, type SurfaceRequest, type SurfaceResponse } from '../src/protocol/messages';
import { computeGridProducts, productsTransferList, type GridProducts } from '../src/surface/gridProducts';

/**
 * The surface worker: the grid of f, ∇f and ∇²f for the visible domain (WebGPU kernel generated from the
 * formula when a device is available, the JavaScript jets otherwise) and the critical points of the domain.
 * Grid requests that arrive while one is computing replace each other: only the newest is computed next.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: SurfaceResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);

let device: GPUDevice | null = null;
const kernels = new Map<string, GridKernel>();
const smoothKernels = new Map<string, SmoothKernel>();
const tapes = new Map<string, Tape>();
let pendingGrid: Extract<SurfaceRequest, { type: 'grid' }> | null = null;
let gridBusy = false;

const ready = (async () => {
  const backend = await initTfBackend(undefined, { wasmPaths: BUNDLED_WASM_PATHS });
  device = gpuDeviceFromTf() ?? (await requestGpuDevice());
  let adapter: string | null = null;
  if (device) {
    const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
    adapter = info ? `${info.vendor} ${info.architecture}`.trim() || 'unknown adapter' : 'unknown adapter';
    device.lost.then((lost) => { device = null; kernels.clear(); smoothKernels.clear(); console.warn(`WebGPU device lost: ${lost.message}`); });
  }
  post({ type: 'ready', backend: { ...backend, adapter } });
})();

function tapeOf(formula: string): Tape {
  let t = tapes.get(formula);
  if (!t) {
    t = compileFormula(formula);
    if (tapes.size > 32) tapes.clear();
    tapes.set(formula, t);
  }
  return t;
}

async function computeGrid(req: Extract<SurfaceRequest, { type: 'grid' }>): Promise<void> {
  await ready;
  const tape = tapeOf(req.formula);
  const t0 = performance.now();
  let fields: GridFields;
  let path: 'webgpu' | 'js' = 'js';
  if (req.smooth) {
    const { params, landscape, seed } = req.smooth;
    if (device && req.path === 'auto' && !hasClosedForm(tape, landscape, params)) {
      fields = await smoothedGridGpu(device, tape, req.formula, req.spec, params, seed, smoothKernels);
      path = 'webgpu';
    } else {
      fields = smoothedGridJs(tape, landscape, req.spec, params, seed);
    }
  } else if (device && req.path === 'auto') {
    let kernel = kernels.get(req.formula);
    if (!kernel) {
      if (kernels.size > 8) { for (const k of kernels.values()) k.destroy(); kernels.clear(); }
      kernel = createGridKernel(device, tape);
      kernels.set(req.formula, kernel);
    }
    fields = await kernel.run(req.spec);
    path = 'webgpu';
  } else {
    fields = evalGridJs(tape, req.spec);
  }
  const ms = performance.now() - t0;
  // The drawing products for the view's parameters, so the UI thread only draws them (surface/gridProducts.ts).
  const t1 = performance.now();
  let products: GridProducts | undefined;
  if (req.products) {
    try {
      products = computeGridProducts(fields, req.products);
    } catch (e) {
      console.warn(`surface worker: could not derive the drawing products: ${(e as Error).message}`);
    }
  }
  const productsMs = performance.now() - t1;
  const { spec: _spec, ...buffers } = fields;
  post({ type: 'grid', runId: req.runId, spec: fields.spec, path, ms, fields: buffers, ...(products ? { products, productsMs } : {}) },
    [...gridTransferList(buffers), ...(products ? productsTransferList(products) : [])]);
}

async function drainGrid(): Promise<void> {
  if (gridBusy) return;
  gridBusy = true;
  try {
    while (pendingGrid) {
      const req = pendingGrid;
      pendingGrid = null;
      try {
        await computeGrid(req);
      } catch (e) {
        post({ type: 'error', runId: req.runId, message: `Could not evaluate the surface: ${(e as Error).message}` });
      }
    }
  } finally {
    gridBusy = false;
  }
}

ctx.onmessage = (e: MessageEvent<SurfaceRequest>) => {
  const req = e.data;
  switch (req.type) {
    case 'grid':
      pendingGrid = req;
      void drainGrid();
      return;
    case 'critical': {
      try {
        const t0 = performance.now();
        const points = surfaceCriticalPoints(tapeOf(req.formula), req.domain, req.seed, req.smooth);
        post({ type: 'critical', runId: req.runId, points, ms: performance.now() - t0 });
      } catch (err) {
        post({ type: 'error', runId: req.runId, message: `Critical-point search failed: ${(err as Error).message}` });
      }
      return;
    }
    case 'oned': {
      try {
        const t0 = performance.now();
        const result = computeOneD(req.fn, req.sigma, req.seed, req.formula, req.start);
        post({ type: 'oned', runId: req.runId, result, ms: performance.now() - t0 });
      } catch (err) {
        post({ type: 'error', runId: req.runId, message: `1D view failed: ${(err as Error).message}` });
      }
      return;
    }
    case 'crash':
      throw new Error('crash requested (test hook)');
  }
};

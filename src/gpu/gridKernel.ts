import type { Tape } from '../landscapes/expression/tape';
import type { GridFields, GridSpec } from '../landscapes/grid';
import { compileComputePipeline, dispatchAndRead, gridWorkgroups } from './dispatch';
import { GRID_FIELD_COUNT, GRID_UNIFORM_BYTES, generateGridWgsl, gridUniformData } from './wgslGrid';

/** A compiled grid shader for one tape: evaluates f, ∇f, ∇²f on any grid with one dispatch and one readback. */
export interface GridKernel {
  /** The generated WGSL (for diagnostics). */
  readonly wgsl: string;
  /**
   * Evaluates the six fields at every node of `spec` (nx, ny ≥ 2). Calls are serialized; each result owns six
   * fresh Float32Arrays (safe to transfer one by one). Rejects on a shader, validation, out-of-memory or device-lost
   * error; the caller then falls back to the JS path (evalGridJs).
   */
  run(spec: GridSpec): Promise<GridFields>;
  /** Releases the buffers; later run() calls reject. The device itself is not destroyed (it may be shared). */
  destroy(): void;
}

/** Largest nx·ny the device's limits allow for the 6-field output buffer. */
export function maxGridNodes(device: GPUDevice): number {
  const bytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  return Math.floor(bytes / (GRID_FIELD_COUNT * 4));
}

/**
 * Compiles the grid shader of `tape` on `device` (asynchronously: the first run() waits for it) and returns a
 * kernel that reuses its storage and readback buffers while nx·ny is unchanged. Works in a window or a
 * dedicated worker; `device` may be TF.js's (gpuDeviceFromTf) or one from requestGpuDevice().
 */
export function createGridKernel(device: GPUDevice, tape: Tape): GridKernel {
  const wgsl = generateGridWgsl(tape);
  const pipelineReady = compileComputePipeline(device, 'ridgelab-grid', wgsl, 'grid shader');

  const uniform = device.createBuffer({ label: 'ridgelab-grid-params', size: GRID_UNIFORM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  let nodes = 0;
  let storage: GPUBuffer | null = null;
  let readback: GPUBuffer | null = null;
  let bindGroup: GPUBindGroup | null = null;
  let destroyed = false;
  let lostReason: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  void device.lost.then((info) => { lostReason = `GPU device lost (${info.reason}): ${info.message}`; });

  const ensureBuffers = (pipeline: GPUComputePipeline, n: number): void => {
    if (n === nodes && storage && readback && bindGroup) return;
    storage?.destroy();
    readback?.destroy();
    const size = n * GRID_FIELD_COUNT * 4;
    storage = device.createBuffer({ label: 'ridgelab-grid-fields', size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    readback = device.createBuffer({ label: 'ridgelab-grid-readback', size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: storage } }],
    });
    nodes = n;
  };

  const runOnce = async (spec: GridSpec): Promise<GridFields> => {
    if (destroyed) throw new Error('grid kernel destroyed');
    if (lostReason) throw new Error(lostReason);
    const { nx, ny } = spec;
    if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 2 && ny >= 2)) throw new Error(`grid must be at least 2 × 2 nodes, got ${nx} × ${ny}`);
    const n = nx * ny;
    if (n > maxGridNodes(device)) throw new Error(`grid of ${nx} × ${ny} nodes exceeds this device's buffer limits`);
    const workgroups = gridWorkgroups(device, spec);
    const pipeline = await pipelineReady;
    if (destroyed) throw new Error('grid kernel destroyed');
    const [f, gx, gy, hxx, hxy, hyy] = await dispatchAndRead(device, {
      label: 'grid kernel', workgroups, fields: GRID_FIELD_COUNT, nodes: n, lostReason: () => lostReason,
    }, () => {
      ensureBuffers(pipeline, n);
      device.queue.writeBuffer(uniform, 0, gridUniformData(spec));
      return { pipeline, bindGroup: bindGroup!, storage: storage!, readback: readback! };
    });
    return { spec, f: f!, gx: gx!, gy: gy!, hxx: hxx!, hxy: hxy!, hyy: hyy! };
  };

  return {
    wgsl,
    run(spec) {
      const result = queue.then(() => runOnce(spec));
      queue = result.catch(() => undefined);
      return result;
    },
    destroy() {
      destroyed = true;
      storage?.destroy();
      readback?.destroy();
      uniform.destroy();
      storage = readback = null;
      bindGroup = null;
    },
  };
}

/** Vendor, architecture and description of the adapter behind a device, as far as the browser tells. */
export interface GpuAdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for a software fallback adapter (SwiftShader); undefined where the browser does not say. */
  readonly isFallbackAdapter?: boolean;
}

export function gpuAdapterSummary(device: GPUDevice): GpuAdapterSummary {
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const fallback = (info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined)?.isFallbackAdapter;
  return {
    vendor: info?.vendor ?? '', architecture: info?.architecture ?? '', device: info?.device ?? '', description: info?.description ?? '',
    ...(fallback === undefined ? {} : { isFallbackAdapter: fallback }),
  };
}

/**
 * A WebGPU device with the adapter's largest buffer limits (for big grids), or null, never throwing, when
 * navigator.gpu is missing (Node, old browsers, shared workers), no adapter is available (e.g. headless Chromium
 * without --enable-unsafe-webgpu), or the device request fails.
 */
export async function requestGpuDevice(options: GPURequestAdapterOptions = {}): Promise<GPUDevice | null> {
  try {
    const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
    if (!gpu) return null;
    const adapter = await gpu.requestAdapter(options);
    if (!adapter) return null;
    const device = await adapter.requestDevice({
      label: 'ridgelab',
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    return device;
  } catch {
    return null;
  }
}

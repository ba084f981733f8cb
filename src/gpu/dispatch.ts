import type { GridSpec } from '../landscapes/grid';
import { GRID_WORKGROUP } from './wgslGrid';

/** Workgroups for a grid (GRID_WORKGROUP nodes each); throws when the device allows fewer. */
export function gridWorkgroups(device: GPUDevice, spec: GridSpec): [number, number] {
  const wx = Math.ceil(spec.nx / GRID_WORKGROUP[0]);
  const wy = Math.ceil(spec.ny / GRID_WORKGROUP[1]);
  const maxWg = device.limits.maxComputeWorkgroupsPerDimension;
  if (wx > maxWg || wy > maxWg) throw new Error(`grid of ${spec.nx} × ${spec.ny} nodes needs more workgroups than this device allows`);
  return [wx, wy];
}

export interface GridDispatch {
  readonly label: string;
  readonly workgroups: readonly [number, number];
  /** Fields of `nodes` f32 each, one after another in the storage buffer. */
  readonly fields: number;
  readonly nodes: number;
  /** Why the device was lost, if it was (checked after the errors of the dispatch). */
  readonly lostReason: () => string | null;
}

/** What a dispatch binds; made by `prepare` inside the error scopes, so buffer creation errors are caught too. */
export interface DispatchResources {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly storage: GPUBuffer;
  readonly readback: GPUBuffer;
}

/**
 * One compute dispatch over a grid and the readback of its output fields (`prepare` sizes the buffers and writes the uniforms):
 * validation and out-of-memory errors are caught in error scopes (popped synchronously, so that no other user of a
 * shared device lands in them) while the readback maps; any error rejects with the kernel's label. Returns one
 * Float32Array per field.
 */
export async function dispatchAndRead(device: GPUDevice, d: GridDispatch, prepare: () => DispatchResources): Promise<Float32Array[]> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  const r = prepare();
  const encoder = device.createCommandEncoder({ label: d.label });
  const pass = encoder.beginComputePass();
  pass.setPipeline(r.pipeline);
  pass.setBindGroup(0, r.bindGroup);
  pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1]);
  pass.end();
  const bytes = d.nodes * d.fields * 4;
  encoder.copyBufferToBuffer(r.storage, 0, r.readback, 0, bytes);
  device.queue.submit([encoder.finish()]);
  const scopes = Promise.all([device.popErrorScope(), device.popErrorScope()]);
  const rb = r.readback;
  const [scoped, mapped] = await Promise.allSettled([scopes, rb.mapAsync(GPUMapMode.READ, 0, bytes)]);
  const err = scoped.status === 'fulfilled' ? (scoped.value[0] ?? scoped.value[1]) : null;
  if (err || mapped.status === 'rejected') {
    if (mapped.status === 'fulfilled') rb.unmap();
    const reason = err ? err.message : mapped.status === 'rejected' ? String((mapped.reason as Error)?.message ?? mapped.reason) : '';
    throw new Error(`${d.label}: ${d.lostReason() ?? reason}`);
  }
  try {
    const all = new Float32Array(rb.getMappedRange(0, bytes));
    return Array.from({ length: d.fields }, (_, q) => all.slice(q * d.nodes, (q + 1) * d.nodes));
  } finally {
    rb.unmap();
  }
}

/** The shader compiler's error messages (line:column text), or the failure itself when there are none. */
export async function compilationMessages(module: GPUShaderModule, cause: unknown): Promise<string> {
  const fallback = cause instanceof Error ? cause.message : String(cause);
  try {
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
    return errors.length > 0 ? errors.join('; ') : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Compiles a compute shader and its pipeline asynchronously; the promise rejects with the compiler's messages. A
 * rejection is marked handled here, so it does not surface before the first run awaits it.
 */
export function compileComputePipeline(device: GPUDevice, label: string, code: string, what: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ label, code });
  const ready = device
    .createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main' } })
    .catch(async (e: unknown) => {
      throw new Error(`${what} failed to compile: ${await compilationMessages(module, e)}`);
    });
  ready.catch(() => undefined);
  return ready;
}

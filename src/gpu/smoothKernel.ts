import { compileComputePipeline, dispatchAndRead, gridWorkgroups } from './dispatch';
import { gaussHermite } from '../es/gaussHermite';
import type { McSampleSet } from '../es/smoothingMonteCarlo';
import type { Tape } from '../landscapes/expression/tape';
import type { GridSpec } from '../landscapes/grid';
import { SMOOTH_FIELD_COUNT, SMOOTH_SAMPLE_BYTES, SMOOTH_UNIFORM_BYTES, generateSmoothWgsl, smoothUniformData, type SmoothMode } from './wgslSmooth';

/** K sample offsets ε_k ∈ ℝ² with weights w_k: eps[2k], eps[2k + 1] are ε_k's x and y. */
export interface SmoothSamples {
  readonly weights: Float32Array;
  readonly eps: Float32Array;
}

/** The smoothed grid: f_σ and the Stein gradient estimate (1/σ)·Σ w_k f(x + σε_k) ε_k / Σ w_k, row-major (j·nx + i). */
export interface SmoothFields {
  readonly spec: GridSpec;
  readonly sigma: number;
  readonly value: Float32Array;
  readonly gx: Float32Array;
  readonly gy: Float32Array;
}

/** A compiled smoothing shader for one tape and mode (see generateSmoothWgsl). */
export interface SmoothKernel {
  readonly wgsl: string;
  readonly mode: SmoothMode;
  /**
   * f_σ and the Stein gradient at every node of `spec` (nx, ny ≥ 2) from `samples` (1 ≤ K ≤ 1e6), σ > 0 finite.
   * Calls are serialized; each result owns fresh arrays. Rejects on a shader, validation, out-of-memory or
   * device-lost error; the caller then falls back to the JS path (smoothGrid2D).
   */
  run(spec: GridSpec, sigma: number, samples: SmoothSamples): Promise<SmoothFields>;
  /** Releases the buffers; later run() calls reject. The device is not destroyed (it may be shared). */
  destroy(): void;
}

/** The tensor Gauss–Hermite rule (n × n nodes, weights w_k·w_l), in the loop order of smoothQuadratureValue (y outer, x inner). */
export function quadratureSamples(nodes: number): SmoothSamples {
  const rule = gaussHermite(nodes);
  const weights = new Float32Array(nodes * nodes);
  const eps = new Float32Array(2 * nodes * nodes);
  for (let l = 0; l < nodes; l++) {
    for (let k = 0; k < nodes; k++) {
      const s = l * nodes + k;
      weights[s] = rule.weights[k]! * rule.weights[l]!;
      eps[2 * s] = rule.nodes[k]!;
      eps[2 * s + 1] = rule.nodes[l]!;
    }
  }
  return { weights, eps };
}

/** A 2D Monte Carlo common sample set (createMcSampleSet / mcSampleSetFromSeed) with weights 1/N. */
export function mcSamples(set: McSampleSet): SmoothSamples {
  if (set.dim !== 2) throw new Error(`the smoothing kernel needs a 2D sample set, got ${set.dim}D`);
  return { weights: new Float32Array(set.samples).fill(1 / set.samples), eps: Float32Array.from(set.eps) };
}

/**
 * Compiles the smoothing shader of `tape` in `mode` on `device` once (asynchronously; the first run() waits for it)
 * and returns a kernel that reuses its uniform, sample, output and readback buffers while the grid size and the
 * sample count are unchanged (the samples are uploaded on every run: 16 bytes each).
 */
export function createSmoothKernel(device: GPUDevice, tape: Tape, mode: SmoothMode = 'mc'): SmoothKernel {
  const wgsl = generateSmoothWgsl(tape, mode);
  const pipelineReady = compileComputePipeline(device, 'ridgelab-smooth', wgsl, 'smoothing shader');

  const uniform = device.createBuffer({ label: 'ridgelab-smooth-params', size: SMOOTH_UNIFORM_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  let nodes = 0;
  let count = 0;
  let sampleBuf: GPUBuffer | null = null;
  let storage: GPUBuffer | null = null;
  let readback: GPUBuffer | null = null;
  let bindGroup: GPUBindGroup | null = null;
  let destroyed = false;
  let lostReason: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  void device.lost.then((info) => { lostReason = `GPU device lost (${info.reason}): ${info.message}`; });

  const ensureBuffers = (pipeline: GPUComputePipeline, n: number, samples: SmoothSamples): void => {
    const k = samples.weights.length;
    let rebind = false;
    if (k !== count || !sampleBuf) {
      sampleBuf?.destroy();
      sampleBuf = device.createBuffer({ label: 'ridgelab-smooth-samples', size: k * SMOOTH_SAMPLE_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      count = k;
      rebind = true;
    }
    {
      const packed = new Float32Array(4 * k);
      for (let s = 0; s < k; s++) {
        packed[4 * s] = samples.weights[s]!;
        packed[4 * s + 1] = samples.eps[2 * s]!;
        packed[4 * s + 2] = samples.eps[2 * s + 1]!;
      }
      device.queue.writeBuffer(sampleBuf, 0, packed);
    }
    if (n !== nodes || !storage || !readback) {
      storage?.destroy();
      readback?.destroy();
      const size = n * SMOOTH_FIELD_COUNT * 4;
      storage = device.createBuffer({ label: 'ridgelab-smooth-fields', size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      readback = device.createBuffer({ label: 'ridgelab-smooth-readback', size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      nodes = n;
      rebind = true;
    }
    if (rebind || !bindGroup) {
      bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: sampleBuf } }, { binding: 2, resource: { buffer: storage } }],
      });
    }
  };

  const runOnce = async (spec: GridSpec, sigma: number, samples: SmoothSamples): Promise<SmoothFields> => {
    if (destroyed) throw new Error('smoothing kernel destroyed');
    if (lostReason) throw new Error(lostReason);
    const { nx, ny } = spec;
    if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 2 && ny >= 2)) throw new Error(`grid must be at least 2 × 2 nodes, got ${nx} × ${ny}`);
    if (!(typeof sigma === 'number' && Number.isFinite(sigma) && sigma > 0)) throw new Error(`sigma must be a finite number > 0, got ${String(sigma)}`);
    const k = samples.weights.length;
    if (!(k >= 1 && k <= 1_000_000)) throw new Error(`samples must hold 1 to 1e6 offsets, got ${k}`);
    if (samples.eps.length !== 2 * k) throw new Error(`samples.eps must hold 2 numbers per weight (${2 * k}), got ${samples.eps.length}`);
    const n = nx * ny;
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    if (n * SMOOTH_FIELD_COUNT * 4 > limit || k * SMOOTH_SAMPLE_BYTES > limit) throw new Error(`grid of ${nx} × ${ny} nodes or ${k} samples exceeds this device's buffer limits`);
    const workgroups = gridWorkgroups(device, spec);
    const pipeline = await pipelineReady;
    if (destroyed) throw new Error('smoothing kernel destroyed');
    const [value, gx, gy] = await dispatchAndRead(device, {
      label: 'smoothing kernel', workgroups, fields: SMOOTH_FIELD_COUNT, nodes: n, lostReason: () => lostReason,
    }, () => {
      ensureBuffers(pipeline, n, samples);
      device.queue.writeBuffer(uniform, 0, smoothUniformData(spec, sigma, k));
      return { pipeline, bindGroup: bindGroup!, storage: storage!, readback: readback! };
    });
    return { spec, sigma, value: value!, gx: gx!, gy: gy! };
  };

  return {
    wgsl,
    mode,
    run(spec, sigma, samples) {
      const result = queue.then(() => runOnce(spec, sigma, samples));
      queue = result.catch(() => undefined);
      return result;
    },
    destroy() {
      destroyed = true;
      storage?.destroy();
      readback?.destroy();
      sampleBuf?.destroy();
      uniform.destroy();
      storage = readback = sampleBuf = null;
      bindGroup = null;
    },
  };
}


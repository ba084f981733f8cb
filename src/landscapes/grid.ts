import { JetEvaluator } from './expression/jet';
import type { Tape } from './expression/tape';

/** An axis-aligned view rectangle [x0, x1] × [y0, y1]. */
export interface Domain {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Grid geometry: nx × ny nodes including the edges, x_i = x0 + i(x1 − x0)/(nx − 1), row j holds y_j. */
export interface GridSpec {
  readonly domain: Domain;
  readonly nx: number;
  readonly ny: number;
}

/**
 * Per-node fields of a 2D surface on a grid, row-major (index j·nx + i): the value f, the gradient (f_x, f_y)
 * and the Hessian entries (f_xx, f_xy, f_yy). Float32 because that is what is drawn and what WebGPU computes.
 */
export interface GridFields {
  readonly spec: GridSpec;
  readonly f: Float32Array;
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly hxx: Float32Array;
  readonly hxy: Float32Array;
  readonly hyy: Float32Array;
}

export const GRID_FIELD_NAMES = ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const;
export type GridFieldName = (typeof GRID_FIELD_NAMES)[number];

export function gridX(spec: GridSpec, i: number): number {
  return spec.domain.x0 + (i * (spec.domain.x1 - spec.domain.x0)) / (spec.nx - 1);
}

export function gridY(spec: GridSpec, j: number): number {
  return spec.domain.y0 + (j * (spec.domain.y1 - spec.domain.y0)) / (spec.ny - 1);
}

export function allocGridFields(spec: GridSpec): GridFields {
  const size = spec.nx * spec.ny;
  return { spec, f: new Float32Array(size), gx: new Float32Array(size), gy: new Float32Array(size),
    hxx: new Float32Array(size), hxy: new Float32Array(size), hyy: new Float32Array(size) };
}

/**
 * The JavaScript reference path: f, ∇f and ∇²f at every grid node by forward-mode jets in Float64, stored as
 * Float32. The WebGPU path must agree with this one.
 */
export function evalGridJs(tape: Tape, spec: GridSpec): GridFields {
  if (tape.vars.length !== 2) throw new Error('a surface grid needs a formula in two variables');
  const ev = new JetEvaluator(tape);
  const out = allocGridFields(spec);
  const jet = new Float64Array(6);
  const p = new Float64Array(2);
  for (let j = 0; j < spec.ny; j++) {
    p[1] = gridY(spec, j);
    for (let i = 0; i < spec.nx; i++) {
      p[0] = gridX(spec, i);
      ev.jet(p, jet);
      const k = j * spec.nx + i;
      out.f[k] = jet[0]!;
      out.gx[k] = jet[1]!;
      out.gy[k] = jet[2]!;
      out.hxx[k] = jet[3]!;
      out.hxy[k] = jet[4]!;
      out.hyy[k] = jet[5]!;
    }
  }
  return out;
}

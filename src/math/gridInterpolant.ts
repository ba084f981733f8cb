import type { GridSpec } from '../landscapes/grid';

/** Catmull–Rom weights of the four nodes around t ∈ [0, 1] (with their first and second derivatives in t). */
function weights(t: number, w: Float64Array, d: Float64Array, s: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  w[0] = (-t3 + 2 * t2 - t) / 2; w[1] = (3 * t3 - 5 * t2 + 2) / 2; w[2] = (-3 * t3 + 4 * t2 + t) / 2; w[3] = (t3 - t2) / 2;
  d[0] = (-3 * t2 + 4 * t - 1) / 2; d[1] = (9 * t2 - 10 * t) / 2; d[2] = (-9 * t2 + 8 * t + 1) / 2; d[3] = (3 * t2 - 2 * t) / 2;
  s[0] = -3 * t + 2; s[1] = 9 * t - 5; s[2] = -9 * t + 4; s[3] = 3 * t - 1;
}

/**
 * A surface known only on a grid (values row-major, row j at y_j, as GridFields.f) as a smooth objective: the
 * bicubic Catmull–Rom interpolant (Keys 1981, "Cubic convolution interpolation for digital image processing"), C¹,
 * exact for quadratics, with its jet [f, f_x, f_y, f_xx, f_xy, f_yy] in closed form. Outside the grid the border
 * cells' cubics are extended. The critical points of a smoothed surface are found on it (runners/surfaceObjective.ts).
 */
export function gridInterpolant(values: ArrayLike<number>, spec: GridSpec): { value(p: ArrayLike<number>): number; jet(p: ArrayLike<number>, out: Float64Array): Float64Array } {
  const { nx, ny, domain } = spec;
  if (nx < 4 || ny < 4) throw new Error('gridInterpolant needs at least 4 × 4 nodes');
  if (values.length < nx * ny) throw new Error(`gridInterpolant: ${values.length} values for a ${nx} × ${ny} grid`);
  const hx = (domain.x1 - domain.x0) / (nx - 1);
  const hy = (domain.y1 - domain.y0) / (ny - 1);
  const wx = new Float64Array(4), dx = new Float64Array(4), sx = new Float64Array(4);
  const wy = new Float64Array(4), dy = new Float64Array(4), sy = new Float64Array(4);
  const jet = (p: ArrayLike<number>, out: Float64Array): Float64Array => {
    const u = (p[0]! - domain.x0) / hx;
    const v = (p[1]! - domain.y0) / hy;
    const i = Math.max(1, Math.min(nx - 3, Math.floor(u)));
    const j = Math.max(1, Math.min(ny - 3, Math.floor(v)));
    weights(u - i, wx, dx, sx);
    weights(v - j, wy, dy, sy);
    let f = 0, fx = 0, fy = 0, fxx = 0, fxy = 0, fyy = 0;
    for (let b = 0; b < 4; b++) {
      const row = (j - 1 + b) * nx + (i - 1);
      for (let a = 0; a < 4; a++) {
        const z = values[row + a]!;
        f += wx[a]! * wy[b]! * z;
        fx += dx[a]! * wy[b]! * z;
        fy += wx[a]! * dy[b]! * z;
        fxx += sx[a]! * wy[b]! * z;
        fxy += dx[a]! * dy[b]! * z;
        fyy += wx[a]! * sy[b]! * z;
      }
    }
    out[0] = f; out[1] = fx / hx; out[2] = fy / hy; out[3] = fxx / (hx * hx); out[4] = fxy / (hx * hy); out[5] = fyy / (hy * hy);
    return out;
  };
  const tmp = new Float64Array(6);
  return { value: (p) => jet(p, tmp)[0]!, jet };
}

import { UNARY_FUNCTIONS, WGSL_SINC_HELPERS } from '../landscapes/expression/functions';
import { Op, type Tape } from '../landscapes/expression/tape';
import type { GridSpec } from '../landscapes/grid';
import { JetCodegen, type WJet } from './wgslJetCodegen';

/** Workgroup size of the grid shader: one invocation per node, 8 × 8 nodes per workgroup. */
export const GRID_WORKGROUP = [8, 8] as const;

/** Number of fields written per node, in the order of GRID_FIELD_NAMES: f, f_x, f_y, f_xx, f_xy, f_yy. */
export const GRID_FIELD_COUNT = 6;

/**
 * The entry point's opening lines shared by the grid kernels: one invocation per node, `n` nodes, `k` the node's
 * index (j·nx + i) and (px, py) its coordinates, computed in f32 in the order of gridX/gridY.
 */
export const WGSL_GRID_MAIN_PROLOGUE: readonly string[] = [
  `@compute @workgroup_size(${GRID_WORKGROUP[0]}, ${GRID_WORKGROUP[1]})`,
  'fn main(@builtin(global_invocation_id) id: vec3<u32>) {',
  '  if (id.x >= P.nx || id.y >= P.ny) { return; }',
  '  let n = P.nx * P.ny;',
  '  let k = id.y * P.nx + id.x;',
  '  let px = P.x0 + (f32(id.x) * (P.x1 - P.x0)) / f32(P.nx - 1u);',
  '  let py = P.y0 + (f32(id.y) * (P.y1 - P.y0)) / f32(P.ny - 1u);',
];

/** Byte size of the uniform block `Params` (8 scalars of 4 bytes). */
export const GRID_UNIFORM_BYTES = 32;

/**
 * The uniform block for one grid: `struct Params { x0, x1, y0, y1: f32, nx, ny: u32, nan, inf: f32 }`.
 * `nan` and `inf` carry NaN and +∞ bit patterns so that a folded constant that is not a finite f32 can be
 * read at run time: WGSL forbids non-finite values in const-expressions (a literal, or bitcast of a literal).
 */
export function gridUniformData(spec: GridSpec): ArrayBuffer {
  const buf = new ArrayBuffer(GRID_UNIFORM_BYTES);
  const f = new Float32Array(buf);
  const u = new Uint32Array(buf);
  f[0] = spec.domain.x0;
  f[1] = spec.domain.x1;
  f[2] = spec.domain.y0;
  f[3] = spec.domain.y1;
  u[4] = spec.nx;
  u[5] = spec.ny;
  f[6] = NaN;
  f[7] = Infinity;
  return buf;
}

/**
 * Generates a WGSL compute shader that evaluates f, ∇f and ∇²f of a 2-variable tape at every node of a grid,
 * in f32, with exactly the jet rules of JetEvaluator (jet.ts):
 *   unary  v = φ(u):  ∇v = φ'(u)∇u,            ∇²v = φ''(u)∇u∇uᵀ + φ'(u)∇²u   (a zero φ' or φ'' contributes 0)
 *   product v = ab:   ∇v = b∇a + a∇b,          ∇²v = b∇²a + a∇²b + ∇a∇bᵀ + ∇b∇aᵀ
 *   quotient v = a/b: ∇v = (∇a − v∇b)/b,       ∇²v = (∇²a − v∇²b − ∇v∇bᵀ − ∇b∇vᵀ)/b
 *   min/max: the whole jet of the branch with a ≤ b (min) or a ≥ b (max), else of b;  u^c as a unary with
 *   φ' = c·u^(c−1), φ'' = c(c−1)·u^(c−2).
 * Each tape instruction becomes `let` statements for its non-zero jet components; components known to be zero
 * (constants, ∂x/∂y, their products) are dropped, a departure from the JS path only where the JS path multiplies
 * that zero by ±∞ or NaN (it then gets NaN, the shader 0 or the finite rest).
 *
 * Bindings: group 0, binding 0 `var<uniform> P: Params` (see gridUniformData), binding 1
 * `var<storage, read_write> fields: array<f32>` of 6·nx·ny floats, FIELD-MAJOR: field q (0 f, 1 f_x, 2 f_y,
 * 3 f_xx, 4 f_xy, 5 f_yy) of node (i, j) is at q·nx·ny + j·nx + i, so each field is one contiguous,
 * row-major block exactly like a GridFields array. Dispatch ceil(nx/8) × ceil(ny/8) workgroups; nx, ny ≥ 2.
 * Node (i, j) is x = x0 + i(x1 − x0)/(nx − 1), y likewise, computed in f32 in the order of gridX/gridY.
 *
 * f32 semantics handled here: integer powers are unrolled into multiplications (binary powering, and 1/u^m for
 * negative exponents) because WGSL's pow(x, y) is undefined for x < 0; integers beyond ±1024 use
 * sign(u)^n·pow(|u|, n). Non-integer exponents use pow(u, c), undefined for u < 0 where JS gives NaN.
 * Constants are rounded to f32 and printed exactly (wgslFormat.ts); a folded constant that is NaN, ±∞ or beyond
 * the f32 range (it would round to ±∞ in f32 arithmetic too) is read from the uniforms `P.nan` / `P.inf`,
 * never written as a literal; products, sums and quotients of literals are folded here in f32, because a
 * literal-only expression is a WGSL const-expression, where overflow or division by zero fails shader creation.
 * WGSL lets implementations treat NaN and ∞ as indeterminate values (and reassociate): log of a negative may
 * return log|u|. So the generator tracks the domain of every restricted operation (log, sqrt, asin, acos, a
 * divisor, the base of a negative or fractional power) and the kernel writes NaN to all six fields of a node
 * where one fails, exactly where the JavaScript value is NaN. Overflow to ±∞ is left to the hardware.
 *
 * The output is a pure function of the tape (deterministic text); nothing from the formula's source text is
 * interpolated: only numbers formatted here and the templates of functions.ts.
 */
export function generateGridWgsl(tape: Tape): string {
  if (tape.vars.length !== 2) throw new Error('a surface grid needs a formula in two variables');
  if (tape.instrs.length === 0) throw new Error('empty tape');
  const body = new JetCodegen();
  const jets: WJet[] = [];
  let usesSinc = false;
  tape.instrs.forEach((ins, k) => {
    if (ins.op === Op.Unary && UNARY_FUNCTIONS[ins.b]?.name === 'sinc') usesSinc = true;
    jets.push(body.instr(ins, k, jets));
  });
  const out = jets[jets.length - 1]!;
  const ok = body.domain.length > 0 ? `  let ok = ${body.domain.map((c) => `(${c})`).join(' && ')};` : '';
  const stores = [out.v, out.g[0], out.g[1], out.h[0], out.h[1], out.h[2]]
    .map((c, q) => `  fields[${q === 0 ? '' : `${q}u * n + `}k] = ${ok ? `select(P.nan, ${c ?? '0.0f'}, ok)` : c ?? '0.0f'};`);
  return [
    `// RidgeLab grid kernel: f, grad f and Hessian of f at every grid node, generated from a tape of ${tape.instrs.length} instructions.`,
    '// Output layout: field-major, fields[q * nx * ny + j * nx + i] for q = f, f_x, f_y, f_xx, f_xy, f_yy.',
    'struct Params {',
    '  x0: f32, x1: f32, y0: f32, y1: f32,',
    '  nx: u32, ny: u32,',
    '  nan: f32, inf: f32,',
    '}',
    '@group(0) @binding(0) var<uniform> P: Params;',
    '@group(0) @binding(1) var<storage, read_write> fields: array<f32>;',
    usesSinc ? WGSL_SINC_HELPERS : '',
    ...WGSL_GRID_MAIN_PROLOGUE,
    ...body.lines.map((l) => `  ${l}`),
    ...(ok ? [ok] : []),
    ...stores,
    '}',
    '',
  ].join('\n');
}

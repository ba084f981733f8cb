import { GRID_FIELD_NAMES, type GridFields } from '../landscapes/grid';

/**
 * Per-field tolerance of a test path against the reference: a node passes when
 *   |test − ref| ≤ atol · scale + rtol · |ref|,
 * where scale = max |ref| over the field's finite nodes (the field's L∞ scale). The atol term covers absolute f32
 * error where the field crosses zero; the rtol term covers relative error where |ref| is large.
 */
export interface FieldTolerance {
  readonly rtol: number;
  readonly atol: number;
}

export interface FieldComparison {
  /** A GridFieldName for compareGridFields, or any label (the smoothing benchmark's f_sigma, stein g_x, …). */
  readonly field: string;
  /** max |ref| over nodes where ref is finite. */
  readonly scale: number;
  /** max |test − ref| over compared nodes. */
  readonly maxAbs: number;
  /** maxAbs / scale: the error relative to the field's scale (0 when both are 0). */
  readonly maxRel: number;
  /** max over compared nodes of |test − ref| / (atol·scale + rtol·|ref|); the field passes when ≤ 1. */
  readonly worst: number;
  /** Node index of `worst` (j·nx + i), its reference and test values; −1 when nothing was compared. */
  readonly worstIndex: number;
  readonly worstRef: number;
  readonly worstTest: number;
  /** Nodes compared: those where the reference is finite as a Float32. */
  readonly compared: number;
  /** Nodes skipped because the reference is NaN or ±∞ there (in f32: includes overflow beyond 3.4e38). */
  readonly excluded: number;
  /** Compared nodes where the test value is NaN or ±∞: always a failure. */
  readonly testNonFinite: number;
  /** Nodes where the reference is NaN (undefined: log of a negative, 0/0, …) but the test value is finite: a failure. */
  readonly testFiniteWhereRefNaN: number;
  readonly pass: boolean;
}

export interface GridComparison {
  readonly fields: readonly FieldComparison[];
  /** max over fields of maxRel. */
  readonly maxRel: number;
  readonly pass: boolean;
}

/** Compares the six fields of `test` against `ref` (same grid), node by node; see FieldTolerance. */
export function compareGridFields(ref: GridFields, test: GridFields, tol: FieldTolerance): GridComparison {
  if (ref.f.length !== test.f.length) throw new Error(`grid sizes differ: ${ref.f.length} vs ${test.f.length}`);
  const fields = GRID_FIELD_NAMES.map((name) => compareField(name, ref[name], test[name], tol));
  return { fields, maxRel: Math.max(...fields.map((c) => c.maxRel)), pass: fields.every((c) => c.pass) };
}

/** Compares one field of `test` against `ref` node by node; see FieldTolerance. */
export function compareField(field: string, ref: Float32Array, test: Float32Array, tol: FieldTolerance): FieldComparison {
  let scale = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k]!;
    if (Number.isFinite(r) && Math.abs(r) > scale) scale = Math.abs(r);
  }
  let maxAbs = 0;
  let worst = 0;
  let worstIndex = -1;
  let compared = 0;
  let excluded = 0;
  let testNonFinite = 0;
  let testFiniteWhereRefNaN = 0;
  const base = tol.atol * scale;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k]!;
    if (!Number.isFinite(r)) {
      excluded++;
      if (Number.isNaN(r) && Number.isFinite(test[k]!)) testFiniteWhereRefNaN++;
      continue;
    }
    compared++;
    const t = test[k]!;
    let ratio: number;
    if (!Number.isFinite(t)) {
      testNonFinite++;
      ratio = Infinity;
    } else {
      const d = Math.abs(t - r);
      if (d > maxAbs) maxAbs = d;
      const bound = base + tol.rtol * Math.abs(r);
      ratio = d === 0 ? 0 : bound > 0 ? d / bound : Infinity;
    }
    if (ratio > worst || worstIndex < 0) { worst = ratio; worstIndex = k; }
  }
  const maxRel = maxAbs === 0 ? 0 : scale > 0 ? maxAbs / scale : Infinity;
  return {
    field, scale, maxAbs, maxRel, worst, worstIndex,
    worstRef: worstIndex >= 0 ? ref[worstIndex]! : NaN, worstTest: worstIndex >= 0 ? test[worstIndex]! : NaN,
    compared, excluded, testNonFinite, testFiniteWhereRefNaN, pass: testNonFinite === 0 && testFiniteWhereRefNaN === 0 && worst <= 1,
  };
}

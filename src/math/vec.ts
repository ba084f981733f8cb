/** Dense vector helpers over the first n entries of any array-like (Float64Array, number[]). */

/** ⟨a, b⟩ over the first n entries. */
export function vecDot(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** ‖a‖₂ over the first n entries. */
export function vecNorm(a: ArrayLike<number>, n: number): number {
  return Math.sqrt(vecDot(a, a, n));
}

/** True when the first n entries of a are all finite. */
export function vecFinite(a: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

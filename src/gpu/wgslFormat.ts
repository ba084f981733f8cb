/**
 * Formatting of numbers as WGSL source text. The generator never interpolates user text: every number that
 * reaches a shader goes through `wgslF32`, and every other piece of code comes from fixed templates.
 */

/** Largest finite f32, 2^128 − 2^104. */
export const F32_MAX = 3.4028234663852886e38;

/** Smallest normal f32, 2^−126; smaller magnitudes are flushed to zero (GPUs flush f32 subnormals anyway). */
export const F32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * A finite f32 literal for `c` with an `f` suffix (e.g. `0.1f`, `3.0f`, `1e-7f`), or null when c rounds to a
 * non-finite f32 (NaN, ±Infinity, or |c| beyond F32_MAX; subnormals are flushed to 0.0f): WGSL rejects such values in const-expressions, so the
 * caller must take them from a runtime source instead (see wgslGrid.ts, uniforms `nan` and `inf`).
 *
 * c is first rounded to f32 (Math.fround, round-to-nearest-even, which is also what f32 arithmetic would do), and
 * the shortest decimal of at most 9 significant digits that rounds back to that same f32 is printed; 9 digits
 * always suffice for f32, so the literal identifies the f32 value exactly. Negative values are printed with a
 * leading minus: callers bind them to a `let` or parenthesize them (WGSL has no negative literals, and `--` is a
 * token).
 */
export function wgslF32(c: number): string | null {
  const v = Math.fround(c);
  if (!Number.isFinite(v)) return null;
  if (Math.abs(v) < F32_MIN_NORMAL) return '0.0f';
  let s = '';
  for (let p = 1; p <= 9; p++) {
    s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) break;
  }
  // The shorter of JavaScript's plain and exponential forms of that decimal ("100", "0.1", "1e+21", "1.5e-7"), then
  // WGSL's decimal_float_literal grammar: a mantissa with a decimal point, an optional signed exponent, the f32 suffix.
  const n = Number(s);
  const plain = String(n);
  const expo = n.toExponential();
  s = expo.length < plain.length ? expo : plain;
  let [mant, exp] = s.split('e') as [string, string | undefined];
  if (!mant.includes('.')) mant += '.0';
  if (exp !== undefined) exp = exp.replace(/^\+/, '');
  return `${mant}${exp !== undefined ? `e${exp}` : ''}f`;
}

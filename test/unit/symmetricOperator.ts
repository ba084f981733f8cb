import { normalFill, rngFromSeed } from '../../src/math/rng';

/** H = Q diag(λ) Qᵀ with Q a seeded random orthogonal matrix (Gram–Schmidt of Gaussian columns), row-major, and its product. */
export function symmetricOperator(lambda: readonly number[], seed: number): { n: number; h: Float64Array; matvec: (v: Float64Array, out: Float64Array) => void } {
  const n = lambda.length;
  const rng = rngFromSeed(seed);
  const q: Float64Array[] = [];
  while (q.length < n) {
    const v = normalFill(rng, new Float64Array(n));
    for (let pass = 0; pass < 2; pass++) for (const u of q) { let d = 0; for (let i = 0; i < n; i++) d += u[i]! * v[i]!; for (let i = 0; i < n; i++) v[i] = v[i]! - d * u[i]!; }
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) v[i] = v[i]! / s;
    q.push(v);
  }
  const h = new Float64Array(n * n);
  for (let c = 0; c < n; c++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = h[i * n + j]! + lambda[c]! * q[c]![i]! * q[c]![j]!;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) { const a = 0.5 * (h[i * n + j]! + h[j * n + i]!); h[i * n + j] = a; h[j * n + i] = a; }
  const matvec = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += h[i * n + j]! * v[j]!; out[i] = s; }
  };
  return { n, h, matvec };
}

import { describe, expect, it } from 'vitest';
import { createSymEigWorkspace, symEig, symEigQL } from '../../src/math/symEig';
import { symEig2 } from '../../src/math/symEig2';
import { mulberry32, normalSampler, type Rng } from '../../src/math/rng';

/**
 * Independent dense reference: cyclic Jacobi rotations (Golub & Van Loan, Alg. 8.5.3) on a plain number[][] copy,
 * accumulating the rotations, until the off-diagonal Frobenius norm is at rounding level. Returns the eigenvalues
 * ascending and the eigenvectors as columns of V (sorted with them). Slow (O(n³) per sweep) but obviously correct.
 */
function jacobiReference(a: Float64Array, n: number): { values: number[]; V: number[][] } {
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 0.5 * (a[i * n + j]! + a[j * n + i]!)));
  const V: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let norm = 0;
  for (const row of A) for (const v of row) norm += v * v;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off <= 1e-34 * norm) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const tau = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!, akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!, aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!, vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i]![i]! - A[j]![j]!);
  return { values: idx.map((i) => A[i]![i]!), V: V.map((row) => idx.map((i) => row[i]!)) };
}

function randomSymmetric(n: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = 2 * rng() - 1;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** Qᵀ diag(λ) Q for a random orthogonal Q (Gram–Schmidt on Gaussian rows): a matrix with prescribed eigenvalues. */
function withSpectrum(lambda: readonly number[], rng: Rng): Float64Array {
  const n = lambda.length;
  const z = normalSampler(rng);
  const q = Array.from({ length: n }, () => Array.from({ length: n }, z));
  for (let i = 0; i < n; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const d = q[i]!.reduce((s, v, k) => s + v * q[j]![k]!, 0);
        for (let k = 0; k < n; k++) q[i]![k] = q[i]![k]! - d * q[j]![k]!;
      }
    }
    const nrm = Math.hypot(...q[i]!);
    for (let k = 0; k < n; k++) q[i]![k] = q[i]![k]! / nrm;
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = lambda.reduce((s, l, k) => s + q[k]![i]! * l * q[k]![j]!, 0);
  return a;
}

/** max_k ‖A v_k − λ_k v_k‖∞, max |VᵀV − I|, and the largest |entry| of A (for relative tolerances). */
function invariants(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): { residual: number; orth: number; scale: number } {
  let residual = 0, orth = 0, scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * vectors[k * n + j]!;
      residual = Math.max(residual, Math.abs(s - values[k]! * vectors[k * n + i]!));
    }
    for (let l = 0; l < n; l++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += vectors[k * n + j]! * vectors[l * n + j]!;
      orth = Math.max(orth, Math.abs(s - (k === l ? 1 : 0)));
    }
  }
  return { residual, orth, scale };
}

describe('symEig', () => {
  const rng = mulberry32(20240607);

  for (const n of [1, 2, 3, 10, 50, 100]) {
    it(`matches a dense Jacobi reference on a random symmetric ${n}×${n} matrix`, () => {
      const a = randomSymmetric(n, rng);
      const { values, vectors } = symEig(a, n);
      const ref = jacobiReference(a, n);
      const { residual, orth, scale } = invariants(a, n, values, vectors);
      const tol = 1e-13 * n * Math.max(1, scale);
      expect(residual).toBeLessThan(tol);
      expect(orth).toBeLessThan(1e-13 * n);
      for (let k = 0; k < n; k++) expect(Math.abs(values[k]! - ref.values[k]!)).toBeLessThan(tol);
      for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
      let trace = 0, sum = 0;
      for (let i = 0; i < n; i++) { trace += a[i * n + i]!; sum += values[i]!; }
      expect(Math.abs(trace - sum)).toBeLessThan(tol);
      // Eigenvectors agree with the reference up to sign where the eigenvalue is well separated (gap ≥ 1e-6).
      for (let k = 0; k < n; k++) {
        const gap = Math.min(k > 0 ? values[k]! - values[k - 1]! : Infinity, k < n - 1 ? values[k + 1]! - values[k]! : Infinity);
        if (gap < 1e-6) continue;
        let dot = 0;
        for (let j = 0; j < n; j++) dot += vectors[k * n + j]! * ref.V[j]![k]!;
        expect(Math.abs(dot)).toBeGreaterThan(1 - 1e-9);
      }
    });
  }

  it('handles repeated eigenvalues: exact multiplicities, an orthonormal eigenbasis and the right eigenspace projector', () => {
    const lambda = [-3, -3, -3, -1, 0, 0, 2, 2, 2, 2, 5];
    const n = lambda.length;
    const a = withSpectrum(lambda, rng);
    const { values, vectors } = symEig(a, n);
    for (let k = 0; k < n; k++) expect(values[k]!).toBeCloseTo(lambda[k]!, 12);
    const { residual, orth } = invariants(a, n, values, vectors);
    expect(residual).toBeLessThan(1e-12);
    expect(orth).toBeLessThan(1e-12);
    // The projector onto the λ = 2 eigenspace from our basis equals the reference's (bases may differ).
    const ref = jacobiReference(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let p = 0, q = 0;
        for (let k = 6; k < 10; k++) { p += vectors[k * n + i]! * vectors[k * n + j]!; q += ref.V[i]![k]! * ref.V[j]![k]!; }
        expect(Math.abs(p - q)).toBeLessThan(1e-10);
      }
    }
  });

  it('n = 2 takes the closed form of symEig2 and agrees with the general QL path', () => {
    for (let t = 0; t < 50; t++) {
      const a = 4 * rng() - 2, b = 4 * rng() - 2, c = 4 * rng() - 2;
      const m = Float64Array.of(a, b, b, c);
      const fast = symEig(m, 2);
      const ql = symEigQL(m, 2);
      const e = symEig2(a, b, c);
      expect(fast.values[0]).toBe(e.l1);
      expect(fast.values[1]).toBe(e.l2);
      expect(Math.abs(fast.vectors[0]! * e.e1x + fast.vectors[1]! * e.e1y)).toBeCloseTo(1, 14);
      for (let i = 0; i < 2; i++) expect(ql.values[i]!).toBeCloseTo(fast.values[i]!, 13);
      // Same canonical sign on both paths: the eigenvectors agree entry by entry.
      for (let i = 0; i < 4; i++) expect(ql.vectors[i]!).toBeCloseTo(fast.vectors[i]!, 12);
    }
  });

  it('uses the symmetric part of a slightly asymmetric input and the canonical sign (largest entry positive)', () => {
    const n = 10;
    const a = randomSymmetric(n, rng);
    const sym = Float64Array.from(a);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { a[i * n + j] = a[i * n + j]! + 1e-3; a[j * n + i] = a[j * n + i]! - 1e-3; }
    const r = symEig(a, n);
    const s = symEig(sym, n);
    for (let i = 0; i < n * n; i++) expect(r.vectors[i]!).toBeCloseTo(s.vectors[i]!, 12);
    for (let k = 0; k < n; k++) {
      const row = Array.from(r.vectors.subarray(k * n, (k + 1) * n));
      const big = row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('diagonal, zero and identity matrices; a reused workspace; NaN input gives NaN without throwing', () => {
    const n = 5;
    const d = new Float64Array(n * n);
    [3, -1, 4, -1, 5].forEach((v, i) => { d[i * n + i] = v; });
    const ws = createSymEigWorkspace(n);
    expect(Array.from(symEig(d, n, ws).values)).toEqual([-1, -1, 3, 4, 5]);
    expect(Array.from(symEig(new Float64Array(n * n), n, ws).values)).toEqual([0, 0, 0, 0, 0]);
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const r = symEig(eye, n, ws);
    expect(Array.from(r.values)).toEqual([1, 1, 1, 1, 1]);
    expect(invariants(eye, n, r.values, r.vectors).orth).toBeLessThan(1e-15);
    d[7] = NaN;
    const bad = symEig(d, n, ws);
    expect(Number.isNaN(bad.values[0]!)).toBe(true);
    expect(() => symEig(d, 4, ws)).toThrow(/workspace is for n = 5/);
  });
});

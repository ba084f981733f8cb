import { describe, expect, it } from 'vitest';
import { curvatureKind, symEig2 } from '../../src/math/symEig2';
import { mulberry32 } from '../../src/math/rng';


/**
 * Dense reference: cyclic Jacobi rotations on a symmetric n×n matrix until the off-diagonal vanishes
 * (Golub & Van Loan, Alg. 8.5.2, with the stable choice of tan θ). Returns eigenvalues sorted ascending.
 */
function jacobiEigenvalues(m: number[][]): number[] {
  const a = m.map((r) => r.slice());
  const n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const tau = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, i) => r[i]!).sort((x, y) => x - y);
}

/** Checks l1 ≤ l2, unit eigenvectors, A v = λ v (relative to ‖A‖) and the eigenvalues against Jacobi. */
function checkEig(a: number, b: number, c: number, context: string): void {
  const e = symEig2(a, b, c);
  const norm = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Number.MIN_VALUE);
  const tol = 1e-14 * norm * 8;
  expect(e.l1, `${context}: l1 ≤ l2`).toBeLessThanOrEqual(e.l2);
  expect(Math.abs(Math.hypot(e.e1x, e.e1y) - 1), `${context}: ‖e1‖ = 1`).toBeLessThan(1e-15 * 4);
  const vecs: [number, number, number][] = [[e.l1, e.e1x, e.e1y], [e.l2, -e.e1y, e.e1x]];
  for (const [l, vx, vy] of vecs) {
    const rx = a * vx + b * vy - l * vx;
    const ry = b * vx + c * vy - l * vy;
    expect(Math.hypot(rx, ry), `${context}: ‖Av − λv‖ for λ = ${l} (A = [[${a}, ${b}], [${b}, ${c}]])`).toBeLessThanOrEqual(tol);
  }
  const ref = jacobiEigenvalues([[a, b], [b, c]]);
  expect(Math.abs(e.l1 - ref[0]!), `${context}: l1 vs Jacobi ${ref[0]}`).toBeLessThanOrEqual(tol);
  expect(Math.abs(e.l2 - ref[1]!), `${context}: l2 vs Jacobi ${ref[1]}`).toBeLessThanOrEqual(tol);
  // Trace and determinant are invariant.
  expect(Math.abs(e.l1 + e.l2 - (a + c))).toBeLessThanOrEqual(tol);
}

describe('symEig2 against a dense Jacobi reference', () => {
  it('the Jacobi reference itself is right on a 3×3 example with known eigenvalues', () => {
    const ev = jacobiEigenvalues([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    [2 - Math.SQRT2, 2, 2 + Math.SQRT2].forEach((l, i) => expect(ev[i]).toBeCloseTo(l, 14));
  });

  it('2000 seeded random symmetric matrices over many scales', () => {
    const rng = mulberry32(99);
    for (let i = 0; i < 2000; i++) {
      const s = 10 ** (-8 + 16 * rng());
      checkEig(s * (2 * rng() - 1), s * (2 * rng() - 1), s * (2 * rng() - 1), `case ${i}`);
    }
  });

  it('nearly equal eigenvalues', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 500; i++) {
      const a = 10 * (2 * rng() - 1);
      const gap = 10 ** (-16 * rng()) * Math.max(1, Math.abs(a));
      checkEig(a, gap * (2 * rng() - 1), a + gap * (2 * rng() - 1), `near-degenerate ${i}`);
    }
    checkEig(1, 1e-300, 1, 'tiny coupling');
    checkEig(1, 0, 1 + 2 ** -52, 'one ulp apart');
    checkEig(3, 0, 3, 'multiple of I');
    checkEig(0, 0, 0, 'zero matrix');
  });

  it('b = 0 (and b = −0): the eigenvectors are the axes, in the right order', () => {
    for (const [a, c] of [[1, 2], [2, 1], [-3, 5], [5, -3], [-1, -2], [0, 1], [1, 0]] as const) {
      for (const b of [0, -0]) {
        checkEig(a, b, c, `diag(${a}, ${c}), b = ${Object.is(b, -0) ? '-0' : '0'}`);
        const e = symEig2(a, b, c);
        expect(e.l1).toBe(Math.min(a, c));
        expect(e.l2).toBe(Math.max(a, c));
        const axis = a <= c ? [1, 0] : [0, 1];
        expect(Math.abs(e.e1x)).toBeCloseTo(axis[0]!, 15);
        expect(Math.abs(e.e1y)).toBeCloseTo(axis[1]!, 15);
      }
    }
  });

  it('extreme magnitudes do not overflow or underflow', () => {
    checkEig(1e150, 3e150, -2e150, 'huge');
    checkEig(1e-150, 3e-150, -2e-150, 'tiny');
    checkEig(1e300, 1e300, 1e300, 'near overflow');
    checkEig(1e8, 1, 1e-8, 'ill-conditioned');
  });
});

describe('curvatureKind', () => {
  it('classifies by eigenvalue signs with a tolerance', () => {
    expect(curvatureKind(1, 2, 1e-9)).toBe('minimum');
    expect(curvatureKind(-2, -1, 1e-9)).toBe('maximum');
    expect(curvatureKind(-1, 1, 1e-9)).toBe('saddle');
    expect(curvatureKind(1e-12, 1, 1e-9)).toBe('degenerate');
    expect(curvatureKind(-1, NaN, 1e-9)).toBe('degenerate');
    expect(curvatureKind(-Infinity, 1, 1e-9)).toBe('degenerate');
  });
});

import { describe, expect, it } from 'vitest';
import { lanczos } from '../../src/math/lanczos';
import { projectionShare } from '../../src/math/projectionShare';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { symmetricOperator } from './symmetricOperator';

describe('projectionShare: ‖P g‖/‖g‖ on the span of orthonormal vectors', () => {
  const n = 40;
  const lambda = Array.from({ length: n }, (_, i) => (i < 3 ? -1 - i : i < 37 ? 0.01 * i : 10 + i));
  const op = symmetricOperator(lambda, 7);
  const dense = symEig(op.h, n);
  const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => dense.vectors.subarray((from + k) * n, (from + k + 1) * n));

  it('is √(Σ of the squared coefficients on the vectors)/‖g‖, from the eigenvector coefficients of g', () => {
    const c = normalFill(rngFromSeed(3), new Float64Array(n));
    const g = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) g[i] = g[i]! + c[k]! * dense.vectors[k * n + i]!;
    const norm = Math.hypot(...c);
    expect(projectionShare(g, rows(0, 3), n)).toBeCloseTo(Math.hypot(c[0]!, c[1]!, c[2]!) / norm, 12);
    expect(projectionShare(g, rows(37, 40), n)).toBeCloseTo(Math.hypot(c[37]!, c[38]!, c[39]!) / norm, 12);
    expect(projectionShare(g, rows(0, n), n)).toBeCloseTo(1, 12);
    expect(projectionShare(g, [], n)).toBe(0);
    expect(projectionShare(new Float64Array(n), rows(0, 3), n)).toBeNaN();
    expect(projectionShare(Float64Array.from(g, (x, i) => (i === 5 ? Number.NaN : x)), rows(0, 3), n)).toBeNaN();
  });

  it('on Lanczos\'s top eigenvectors, a gradient H(θ − θ*) lies mostly in the sharp directions, as dense says', () => {
    const x = normalFill(rngFromSeed(11), new Float64Array(n));
    const g = new Float64Array(n);
    op.matvec(x, g);
    const top = lanczos(n, op.matvec, { k: 3, which: 'largest', tol: 1e-10 });
    const bottom = lanczos(n, op.matvec, { k: 3, which: 'smallest', tol: 1e-10 });
    expect(projectionShare(g, top.vectors, n)).toBeCloseTo(projectionShare(g, rows(37, 40), n), 8);
    expect(projectionShare(g, bottom.vectors, n)).toBeCloseTo(projectionShare(g, rows(0, 3), n), 8);
    expect(projectionShare(g, top.vectors, n)).toBeGreaterThan(0.9);
  });
});

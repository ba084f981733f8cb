import { describe, expect, it } from 'vitest';
import { lanczos, lanczosAsync, type LanczosOptions } from '../../src/math/lanczos';
import { symEig } from '../../src/math/symEig';
import { symmetricOperator as operator } from './symmetricOperator';


/** Checks the result against the dense eigendecomposition: values, unit vectors, residuals, and each vector inside its eigenspace. */
function expectMatchesDense(op: ReturnType<typeof operator>, options: LanczosOptions, valueTol: number) {
  const r = lanczos(op.n, op.matvec, options);
  const dense = symEig(op.h, op.n);
  const all = Array.from(dense.values);
  const lo = options.which === 'largest' ? [] : all.slice(0, options.k);
  const hi = options.which === 'smallest' ? [] : all.slice(op.n - options.k);
  const want = [...lo, ...hi].sort((a, b) => a - b);
  expect(r.converged).toBe(true);
  expect(r.values.length).toBe(want.length);
  r.values.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(valueTol));
  const scale = Math.max(...all.map(Math.abs));
  r.vectors.forEach((x, i) => {
    let norm = 0;
    for (const t of x) norm += t * t;
    expect(Math.sqrt(norm)).toBeCloseTo(1, 10);
    expect(r.residuals[i]).toBeLessThan(1e-6 * scale);
    // The part of x inside the dense eigenspace of its eigenvalue (all eigenvectors within 1e-6) has norm 1.
    let inside = 0;
    for (let c = 0; c < op.n; c++) {
      if (Math.abs(all[c]! - r.values[i]!) > 1e-6 * scale) continue;
      let d = 0;
      for (let j = 0; j < op.n; j++) d += dense.vectors[c * op.n + j]! * x[j]!;
      inside += d * d;
    }
    expect(inside).toBeGreaterThan(1 - 1e-8);
  });
  // Distinct vectors are orthogonal.
  for (let a = 0; a < r.vectors.length; a++) for (let b = a + 1; b < r.vectors.length; b++) {
    let d = 0;
    for (let j = 0; j < op.n; j++) d += r.vectors[a]![j]! * r.vectors[b]![j]!;
    expect(Math.abs(d)).toBeLessThan(1e-8);
  }
  return r;
}

const spread = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('Lanczos (thick restart, full reorthogonalization) against a dense eigensolver', () => {
  it('finds the most negative eigenpairs of an indefinite operator, with few products', () => {
    const op = operator([-3, -2.5, -2, -1.2, -0.9, -0.5, ...spread(194, 0.1, 4)], 3);
    const r = expectMatchesDense(op, { k: 6, which: 'smallest', tol: 1e-10 }, 1e-9);
    expect(r.values[0]).toBeCloseTo(-3, 9);
    expect(r.matvecs).toBeLessThan(400);
  });

  it('finds the largest, and both ends at once', () => {
    const op = operator([...spread(150, -2, 1), 1.5, 2, 3, 5], 5);
    expectMatchesDense(op, { k: 3, which: 'largest', tol: 1e-10 }, 1e-9);
    expectMatchesDense(op, { k: 2, which: 'both', tol: 1e-10 }, 1e-9);
  });

  it('separates a tight cluster of eigenvalues', () => {
    const op = operator([-1, -1 + 1e-3, -1 + 2e-3, -1 + 3e-3, ...spread(116, 0, 2)], 7);
    expectMatchesDense(op, { k: 4, which: 'smallest', tol: 1e-12 }, 1e-9);
  });

  it('finds every copy of a repeated eigenvalue (the deflated operator is searched again until nothing further out is left)', () => {
    const lambda = [-2, -2, -2, -1, -1, ...spread(95, 0.5, 3)];
    const op = operator(lambda, 11);
    const r = expectMatchesDense(op, { k: 5, which: 'smallest', tol: 1e-10 }, 1e-9);
    expect(Array.from(r.values, (v) => Math.round(v * 1e6) / 1e6)).toEqual([-2, -2, -2, -1, -1]);
    // A start vector with no component along two of the three copies (of a diagonal operator, whose products are
    // exact): a single run never sees them; the deflated searches find them.
    const diag = [-2, -2, -2, -1, ...spread(36, 0.5, 3)];
    const d = { n: diag.length, h: new Float64Array(diag.length ** 2), matvec: (v: Float64Array, out: Float64Array) => { for (let i = 0; i < diag.length; i++) out[i] = diag[i]! * v[i]!; } };
    diag.forEach((x, i) => { d.h[i * diag.length + i] = x; });
    const start = Array.from({ length: diag.length }, (_, i) => (i === 1 || i === 2 ? 0 : 1 + i / 7));
    const blind = lanczos(d.n, d.matvec, { k: 3, which: 'smallest', tol: 1e-10, verify: false, start });
    expect(Array.from(blind.values, (v) => Math.round(v * 1e6) / 1e6)).toEqual([-2, -1, 0.5]);
    const seen = expectMatchesDense(d, { k: 3, which: 'smallest', tol: 1e-10, start }, 1e-9);
    expect(Array.from(seen.values, (v) => Math.round(v * 1e6) / 1e6)).toEqual([-2, -2, -2]);
    // A fourfold eigenvalue in a small basis: the deflated searches find every copy.
    const four = operator([-5, -5, -5, -5, ...spread(36, 1, 2)], 19);
    const r4 = expectMatchesDense(four, { k: 4, which: 'smallest', tol: 1e-10, ncv: 10 }, 1e-9);
    expect(Array.from(r4.values, (v) => Math.round(v * 1e6) / 1e6)).toEqual([-5, -5, -5, -5]);
  });

  it('works when the basis is the whole space (n smaller than the basis size), and on an operator with an invariant start', () => {
    const op = operator([-1, 0.5, 2, 3], 2);
    expectMatchesDense(op, { k: 2, which: 'smallest', tol: 1e-12 }, 1e-10);
    const diag = { n: 6, h: new Float64Array(36), matvec: (v: Float64Array, out: Float64Array) => { for (let i = 0; i < 6; i++) out[i] = (i - 2) * v[i]!; } };
    for (let i = 0; i < 6; i++) diag.h[i * 6 + i] = i - 2;
    expectMatchesDense(diag, { k: 3, which: 'smallest', tol: 1e-12 }, 1e-10);
  });

  it('stops at the product cap and says it did not converge', () => {
    const op = operator(spread(300, -1, 1), 13);
    const r = lanczos(op.n, op.matvec, { k: 4, which: 'smallest', tol: 1e-14, maxMatvecs: 60, ncv: 20 });
    expect(r.converged).toBe(false);
    expect(r.matvecs).toBeLessThanOrEqual(60);
    expect(r.values.length).toBe(4);
  });

  it('the asynchronous driver gives the same bits, reports progress and can be cancelled', async () => {
    const op = operator([-3, -1, ...spread(60, 0, 2)], 17);
    const opts: LanczosOptions = { k: 2, which: 'smallest', tol: 1e-10 };
    const sync = lanczos(op.n, op.matvec, opts);
    let reported = 0;
    const async = await lanczosAsync(op.n, async (v) => { const out = new Float64Array(op.n); op.matvec(v, out); return out; }, opts, (m) => { reported = m; });
    expect(Array.from(async.values)).toEqual(Array.from(sync.values));
    expect(async.vectors.map((v) => Array.from(v))).toEqual(sync.vectors.map((v) => Array.from(v)));
    expect(reported).toBe(sync.matvecs);
    const controller = new AbortController();
    const cancelled = lanczosAsync(op.n, async (v) => { const out = new Float64Array(op.n); op.matvec(v, out); return out; }, opts,
      (m) => { if (m === 5) controller.abort(); }, controller.signal);
    await expect(cancelled).rejects.toThrow('cancelled');
  });

  it('refuses bad requests', () => {
    const op = operator([1, 2, 3], 1);
    expect(() => lanczos(3, op.matvec, { k: 2, which: 'both' })).toThrow(/4 eigenpairs of an operator of size 3/);
    expect(() => lanczos(3, op.matvec, { k: 0, which: 'smallest' })).toThrow(/k must be a positive integer/);
    expect(() => lanczos(3, (_v, out) => out.fill(0), { k: 1, which: 'smallest', tol: 0 })).toThrow(/tol must be positive/);
    expect(() => lanczos(3, op.matvec, { k: 1, which: 'smallest', start: [1, Number.NaN, 0] })).toThrow(/3 finite entries/);
  });
});

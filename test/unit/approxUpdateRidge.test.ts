import { describe, expect, it } from 'vitest';
import { driveSync } from '../../src/math/lanczos';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { randomOrthogonal } from '../../src/ridge-rider/testProblems';
import { symEig } from '../../src/math/symEig';
import { approxUpdateRidgeSteps } from '../../src/ridge-rider/approxUpdateRidge';

/** H = Σ_j λ_j q_j q_jᵀ as a dense matrix. */
function fromSpectrum(Q: Float64Array, lambda: readonly number[]): Float64Array {
  const n = lambda.length;
  const H = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) H[a * n + b] = H[a * n + b]! + lambda[j]! * Q[j * n + a]! * Q[j * n + b]!;
  return H;
}

const matvec = (H: Float64Array, n: number) => (v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += H[i * n + j]! * v[j]!; out[i] = s; }
};
const overlap = (a: ArrayLike<number>, b: ArrayLike<number>) => { let d = 0; for (let i = 0; i < a.length; i++) d += a[i]! * b[i]!; return Math.abs(d); };

describe('approximate UpdateRidge (Parker-Holder et al. 2020, Algorithm 2): gradient steps on ‖Hê/λ − ê‖²', () => {
  const n = 30;
  const lambda = [-3, -1, -0.5, ...Array.from({ length: n - 3 }, (_, i) => 0.2 + (4.8 * i) / (n - 4))];
  // Rows of Q (q_j at Q[j*n + i]) are the eigenvectors.
  const Q = randomOrthogonal(n, rngFromSeed(4));
  const H = fromSpectrum(Q, lambda);
  const v0 = Q.subarray(0, n);

  it('from a perturbed eigenvector, converges to the exact eigenpair (Theorem 2), the loss falling to zero', () => {
    const rng = rngFromSeed(9);
    const e = Float64Array.from(normalFill(rng, new Float64Array(n)), (x, i) => v0[i]! + 0.3 * x);
    const before = overlap(e, v0) / Math.hypot(...e);
    const r = driveSync(approxUpdateRidgeSteps(e, -2.5, { inner: 500, lrE: 0.01, lrLambda: 0.1, warmStart: false }), n, matvec(H, n));
    expect(before).toBeLessThan(0.75);
    expect(overlap(r.e, v0)).toBeGreaterThan(1 - 1e-6);
    expect(r.lambda).toBeCloseTo(-3, 5);
    expect(r.loss).toBeLessThan(1e-8);
    expect(r.matvecs).toBe(2 * 500);
    // The dense eigensolver agrees that this is H's most negative eigenpair.
    expect(symEig(H, n).values[0]).toBeCloseTo(-3, 10);
  });

  it('the paper\'s plain steps (rates not scaled by λ²) reach the same pair from the same start', () => {
    const rng = rngFromSeed(9);
    const e = Float64Array.from(normalFill(rng, new Float64Array(n)), (x, i) => v0[i]! + 0.3 * x);
    // Plain rates are the scaled ones times λ² = 9 here.
    const r = driveSync(approxUpdateRidgeSteps(e, -2.5, { inner: 500, lrE: 0.09, lrLambda: 0.9, warmStart: false, stepScale: 'plain' }), n, matvec(H, n));
    expect(overlap(r.e, v0)).toBeGreaterThan(1 - 1e-6);
    expect(r.lambda).toBeCloseTo(-3, 4);
  });

  it('with λ held (no warm start, LR_λ = 0), e goes to the eigenvector whose eigenvalue is nearest λ, not the most negative', () => {
    // From a mixture of q_0 (λ = −3), q_1 (−1) and q_2 (−0.5), λ held at −0.6: the minimum of Σ_j (λ_j/λ − 1)² c_j² is q_2.
    const e = Float64Array.from({ length: n }, (_, i) => Q[i]! + Q[n + i]! + Q[2 * n + i]!);
    const r = driveSync(approxUpdateRidgeSteps(e, -0.6, { inner: 2000, lrE: 0.05, lrLambda: 0, warmStart: false }), n, matvec(H, n));
    expect(r.lambda).toBe(-0.6);
    expect(overlap(r.e, Q.subarray(2 * n, 3 * n))).toBeGreaterThan(0.999);
    // With the Rayleigh warm start from the same mixture, λ starts at the mean, −1.5, and ends at the nearest pair, λ = −1.
    const warm = driveSync(approxUpdateRidgeSteps(e, -0.6, { inner: 2000, lrE: 0.05, lrLambda: 0.05 }), n, matvec(H, n));
    expect(overlap(warm.e, Q.subarray(n, 2 * n))).toBeGreaterThan(0.999);
    expect(warm.lambda).toBeCloseTo(-1, 4);
  });

  it('past the stability bound lrE < 1/(λ_max − λ)², a ride\'s updates carry e onto a steep eigenvector; backtracking halves the rates and stays', () => {
    const rng = rngFromSeed(9);
    const e0 = Float64Array.from(normalFill(rng, new Float64Array(n)), (x, i) => v0[i]! + 0.3 * x);
    // 100 updates of S = 5 steps, each from the last one's unit e, as along a ride (H held fixed here). λ near −3 and
    // λ_max = 5: stable while lrE < 1/64; 0.05 is three times past it.
    const ride = (backtrack: boolean) => {
      let e: Float64Array = e0;
      let lam = -3;
      let least = 1;
      for (let t = 0; t < 100; t++) {
        const r = driveSync(approxUpdateRidgeSteps(e, lam, { inner: 5, lrE: 0.05, lrLambda: 0.05, backtrack }), n, matvec(H, n));
        e = r.e; lam = r.lambda; least = Math.min(least, r.rateFactor);
      }
      return { e, lam, least };
    };
    const plain = ride(false);
    expect(overlap(plain.e, v0)).toBeLessThan(0.01);
    expect(plain.lam).toBeGreaterThan(0);
    expect(plain.least).toBe(1);
    const guarded = ride(true);
    expect(overlap(guarded.e, v0)).toBeGreaterThan(1 - 1e-6);
    expect(guarded.lam).toBeCloseTo(-3, 5);
    expect(guarded.least).toBeLessThanOrEqual(1 / 4);
    // Within the bound no step raises L: backtracking changes nothing but one product to check the last step.
    const stable = { inner: 20, lrE: 0.01, lrLambda: 0.1, warmStart: false } as const;
    const a = driveSync(approxUpdateRidgeSteps(e0, -2.5, stable), n, matvec(H, n));
    const b = driveSync(approxUpdateRidgeSteps(e0, -2.5, { ...stable, backtrack: true }), n, matvec(H, n));
    expect(Array.from(b.e)).toEqual(Array.from(a.e));
    expect([b.lambda, b.rateFactor, b.matvecs]).toEqual([a.lambda, 1, a.matvecs + 1]);
  });

  it('with lrE = 0 the direction is kept (the paper\'s fixed-eigenvector ablation)', () => {
    const e = Float64Array.from(v0, (x, i) => x + (i === 3 ? 0.3 : 0));
    const r = driveSync(approxUpdateRidgeSteps(e, -2.5, { inner: 50, lrE: 0, lrLambda: 0.05 }), n, matvec(H, n));
    const unit = Float64Array.from(e, (x) => x / Math.hypot(...e));
    r.e.forEach((x, i) => expect(x).toBeCloseTo(unit[i]!, 12));
  });

  it('with the norm carried, e points where the unit update points and its length only grows (each step ⊥ e)', () => {
    const rng = rngFromSeed(9);
    const e = Float64Array.from(normalFill(rng, new Float64Array(n)), (x, i) => v0[i]! + 0.3 * x);
    const o = { inner: 40, lrE: 0.09, lrLambda: 0.9, warmStart: false, stepScale: 'plain' as const };
    const unit = driveSync(approxUpdateRidgeSteps(e, -2.5, o), n, matvec(H, n));
    const carried = driveSync(approxUpdateRidgeSteps(e, -2.5, { ...o, norm: 'carried' }), n, matvec(H, n));
    const length = Math.hypot(...carried.e);
    carried.e.forEach((x, i) => expect(x / length).toBeCloseTo(unit.e[i]!, 12));
    expect(carried.lambda).toBe(unit.lambda);
    expect(length).toBeGreaterThan(Math.hypot(...e));
    // One step by hand, e₁ = e − η (I − êêᵀ) ∂L/∂ê / ‖e‖ with ∂L/∂ê = 2(Hr/λ − r), r = Hê/λ − ê: its length obeys
    // ‖e₁‖² = ‖e‖² + η²‖(I − êêᵀ)∂L/∂ê‖²/‖e‖².
    const norm0 = Math.hypot(...e);
    const h = Float64Array.from(e, (x) => x / norm0);
    const mul = (v: Float64Array) => { const out = new Float64Array(n); matvec(H, n)(v, out); return out; };
    const r = Float64Array.from(mul(h), (x, i) => x / -2.5 - h[i]!);
    const g = Float64Array.from(mul(r), (x, i) => 2 * (x / -2.5 - r[i]!));
    const along = g.reduce((a, x, i) => a + x * h[i]!, 0);
    const gp = Float64Array.from(g, (x, i) => x - along * h[i]!);
    const e1 = Float64Array.from(e, (x, i) => x - (o.lrE * gp[i]!) / norm0);
    const one = driveSync(approxUpdateRidgeSteps(e, -2.5, { ...o, inner: 1, norm: 'carried' }), n, matvec(H, n));
    one.e.forEach((x, i) => expect(x).toBeCloseTo(e1[i]!, 12));
    expect(Math.hypot(...one.e) ** 2).toBeCloseTo(norm0 ** 2 + (o.lrE ** 2 * gp.reduce((a, x) => a + x * x, 0)) / norm0 ** 2, 10);
    // The length never falls from one step to the next.
    let last = norm0;
    for (const inner of [1, 2, 5, 10, 20, 40]) {
      const now = Math.hypot(...driveSync(approxUpdateRidgeSteps(e, -2.5, { ...o, inner, norm: 'carried' }), n, matvec(H, n)).e);
      expect(now).toBeGreaterThan(last);
      last = now;
    }
  });

  it('tracks the eigenvector of a slowly turning Hessian with 5 steps per update, as a ride along θ would', () => {
    // H(t) = R(t) H R(t)ᵀ with R(t) a rotation by angle 0.02 t in the plane of q_0 and q_5: the tracked eigenvector turns with it.
    const turned = (t: number) => {
      const c = Math.cos(0.02 * t);
      const s = Math.sin(0.02 * t);
      const Qt = Float64Array.from(Q);
      for (let i = 0; i < n; i++) { Qt[i] = c * Q[i]! + s * Q[5 * n + i]!; Qt[5 * n + i] = -s * Q[i]! + c * Q[5 * n + i]!; }
      return { H: fromSpectrum(Qt, lambda), v: Qt.subarray(0, n) };
    };
    let e: Float64Array = Float64Array.from(v0);
    let lam = -3;
    let worst = 1;
    for (let t = 1; t <= 40; t++) {
      const { H: Ht, v } = turned(t);
      const r = driveSync(approxUpdateRidgeSteps(e, lam, { inner: 5, lrE: 0.01, lrLambda: 0.1 }), n, matvec(Ht, n));
      e = r.e;
      lam = r.lambda;
      worst = Math.min(worst, overlap(e, v));
    }
    expect(worst).toBeGreaterThan(0.999);
    expect(overlap(e, v0)).toBeLessThan(0.75);
    expect(Math.abs(lam + 3)).toBeLessThan(0.01);
  });
});

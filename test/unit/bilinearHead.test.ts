import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngFromSeed, rngNormal } from '../../src/math/rng';
import { headGradient, headHvp, headPoint, headSize, unpackHead } from '../../src/nn/bilinearHead';
import { initTfBackend } from '../../src/platform/tfBackend';

/** The read-out's loss, gradient and H v at a packed θ_r (float64 in, float32 inside). */
function at(phi: tf.Tensor2D, y: tf.Tensor1D, theta: Float64Array, k: number, m: number, v?: Float64Array) {
  const [f, g, hv] = tf.tidy(() => {
    const p = headPoint(phi, y, unpackHead(tf.tensor1d(Float32Array.from(theta)), k, m));
    return [p.loss, headGradient(p), v ? headHvp(p, tf.tensor1d(Float32Array.from(v))) : tf.zeros([0])];
  });
  const out = { f: f.dataSync()[0]!, g: Float64Array.from(g.dataSync()), hv: Float64Array.from(hv.dataSync()) };
  tf.dispose([f, g, hv]);
  return out;
}

describe('bilinear read-out z = aᵀBφ: gradient and Hessian in closed form', () => {
  beforeAll(async () => { await initTfBackend(['cpu']); });
  const k = 3;
  const m = 4;
  const n = 20;
  const rng = rngFromSeed(7);
  const phi = () => tf.tensor2d(Array.from({ length: n * m }, () => rngNormal(rng)), [n, m]);
  const labels = () => tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0));

  it('∇L and H v agree with central differences of L and of ∇L at a random point', () => {
    const x = phi();
    const y = labels();
    const size = headSize(k, m);
    const theta = Float64Array.from({ length: size }, () => 0.5 * rngNormal(rng));
    const v = Float64Array.from({ length: size }, () => rngNormal(rng));
    const base = at(x, y, theta, k, m, v);
    const eps = 1e-2;
    for (let i = 0; i < size; i++) {
      const tp = Float64Array.from(theta); tp[i]! += eps;
      const tm = Float64Array.from(theta); tm[i]! -= eps;
      expect(base.g[i]).toBeCloseTo((at(x, y, tp, k, m).f - at(x, y, tm, k, m).f) / (2 * eps), 3);
    }
    const tp = theta.map((t, i) => t + eps * v[i]!);
    const tm = theta.map((t, i) => t - eps * v[i]!);
    const gp = at(x, y, tp, k, m).g;
    const gm = at(x, y, tm, k, m).g;
    for (let i = 0; i < size; i++) expect(base.hv[i]).toBeCloseTo((gp[i]! - gm[i]!) / (2 * eps), 3);
    tf.dispose([x, y]);
  });

  it('at a = 0, B = 0 the gradient vanishes and (u, ±u gᵀ/‖g‖) are eigenvectors with eigenvalues ±‖g‖, g = mean((½ − y)φ)', () => {
    const x = phi();
    const y = labels();
    const size = headSize(k, m);
    const zero = new Float64Array(size);
    const phiData = x.arraySync();
    const yData = y.arraySync();
    const g = Array.from({ length: m }, (_, j) => phiData.reduce((s, row, i) => s + (0.5 - yData[i]!) * row[j]!, 0) / n);
    const gn = Math.hypot(...g);
    const u = [0.6, 0, -0.8];
    for (const sign of [1, -1]) {
      const v = new Float64Array(size);
      u.forEach((ui, i) => { v[i] = ui; for (let j = 0; j < m; j++) v[k + i * m + j] = (sign * ui * g[j]!) / gn; });
      const r = at(x, y, zero, k, m, v);
      expect(Math.max(...r.g.map(Math.abs))).toBeLessThan(1e-7);
      for (let i = 0; i < size; i++) expect(r.hv[i]).toBeCloseTo(sign * gn * v[i]!, 5);
    }
    tf.dispose([x, y]);
  });
});

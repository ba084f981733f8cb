import * as tf from '@tensorflow/tfjs';
import { COLORED_INPUTS, type ColoredEnv } from '../data/coloredMnist';
import { rngFromSeed, rngInt, rngNormal, type Rng } from '../math/rng';
import { vecDot, vecNorm } from '../math/vec';
import { headHvp, headLogits, headPoint, headSize, unpackHead } from '../nn/bilinearHead';
import { ModelError } from '../nn/mlpSpec';
import { breather } from './cancelled';

/**
 * Ridge Rider for out-of-distribution generalization on Colored MNIST (Parker-Holder et al. 2020, §3 "Extending RR
 * for Out of Distribution Generalization" and §4): features φ = (relu(W x + b), 1) with θ_f = (W, b), a read-out
 * z = aᵀBφ with θ_r = (a, B) (nn/bilinearHead.ts; B's last column is the bias of h = Bφ), and a direction e_r in Θ_r. With H_r^i the Hessian of environment
 * i's loss L_i in Θ_r, ê = e_r/‖e_r‖, q_i = êᵀH_r^i ê and C(Hv, v) = Hv·v/(‖Hv‖‖v‖):
 *   L1 = Σ_i (β1 C(H_r^i ê, ê) + β2 q_i + β3 L_i) + γ |q_1 − q_2| / (|q_1| + |q_2|),
 *   L2 = E_u [β4 |C_1(u)² − C_2(u)²| / (C_1(u)² + C_2(u)² + β5) + |u(H_r^1 − H_r^2)u| / (|uH_r^1u| + |uH_r^2u|)]
 * over random unit u, plus an L2 penalty on θ_f. Only the training environments are seen. The MIS is θ_r = 0 (z ≡ 0
 * whatever θ_f: every unit of h is interchangeable) with θ_f and e_r trained on L1 + L2 there, so that the read-out's
 * curvature, g_i = mean((½ − y)φ) in each environment, agrees across environments; its negative eigenvalue −‖g‖ is
 * k-fold, one copy per unit. A ride starts along one copy and repeats: n Adam steps on L1 + L2 in (θ_f, e_r) at fixed
 * θ_r, then θ_r ← θ_r + α d with d = ±ê continuing the ride's direction. Every point of every ride is a candidate;
 * the one chosen is the best on a validation split held out of the training environments, and the best on the test
 * environment is reported beside it as the oracle.
 *
 * Departures, since the paper's code is not public: the signs of the first two terms, which the paper prints as
 * −β1 C − β2 q but describes as seeking negative curvature (minimizing C and q drives ê to a negative eigenvector, where
 * C = −1); ê (unit) in the curvature term, which is otherwise unbounded; the gap between the environments' curvatures
 * taken relative to their size and weighted by γ (the absolute gap was met by shrinking the features, not by making
 * them agree);
 * β5 added to the denominator of L2's first term (printed as C_1² + β5 C_1²); one layer of features.
 */
export interface ColoredRrSettings {
  /** m: width of the features φ. */
  readonly hidden: number;
  /** k: width of the read-out's hidden layer h = Bφ. */
  readonly units: number;
  readonly rides: number;
  /** Ride steps per ride. */
  readonly steps: number;
  /** Adam steps on L1 + L2 before each ride step, and at the MIS. */
  readonly inner: number;
  readonly misSteps: number;
  /** Ride step length in Θ_r. */
  readonly alpha: number;
  readonly lr: number;
  /** Examples per environment in each Adam step. */
  readonly batch: number;
  /** Random u per step in L2. */
  readonly probes: number;
  readonly betas: readonly [number, number, number, number, number];
  /** γ: weight of the relative curvature gap between the environments in L1. */
  readonly gap: number;
  /** L2 weight on θ_f. */
  readonly l2: number;
  /** Share of each training environment held out for choosing the candidate. */
  readonly validation: number;
  /** Images per environment (all by default). */
  readonly limit: number;
}

export const COLORED_RR_DEFAULTS: ColoredRrSettings = {
  hidden: 32, units: 4, rides: 3, steps: 8, inner: 20, misSteps: 1500, alpha: 0.5, lr: 0.01, batch: 1000, probes: 4,
  betas: [0.1, 0.02, 0, 1, 0.001], gap: 10, l2: 0.001, validation: 0.1, limit: Infinity,
};

/** One candidate: a point of a ride, and its accuracies. */
export interface ColoredCandidate {
  readonly ride: number;
  readonly step: number;
  /** Mean accuracy over the two training environments' training parts. */
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  /** The training loss (L_1 + L_2)/2 and the curvature along the ride, q = (q_1 + q_2)/2, with the gap |q_1 − q_2|. */
  readonly loss: number;
  readonly curvature: number;
  readonly curvatureGap: number;
  /** θ_r projected on the slice's two ridges (u, v) at the MIS. */
  readonly u: number;
  readonly v: number;
}

/**
 * The pooled training loss at the MIS's features θ_f* on the plane θ_r = a u + b v through two of its ridges (u: the
 * ridge the MIS found; v: a copy with its units rolled by one, made orthogonal to u), a, b in [−span, span] on a
 * side × side grid (row b, column a). The rides move θ_f as well, so their projections are marked on a plane that is
 * only exact at their start.
 */
export interface ColoredSlice {
  readonly side: number;
  readonly span: number;
  readonly losses: Float64Array;
}

/** Nodes per side of the slice through two ridges at the MIS. */
export const COLORED_SLICE_SIDE = 21;

export interface ColoredRrRun {
  readonly seed: number;
  readonly mis: { readonly curvature: number; readonly curvatureGap: number; readonly objective: number };
  readonly candidates: ColoredCandidate[];
  /** Chosen on validation. */
  readonly chosen: ColoredCandidate;
  /** Best on the test environment: an oracle, not a result. */
  readonly oracle: ColoredCandidate;
  readonly slice: ColoredSlice;
  readonly seconds: number;
}

export function checkColoredRr(s: ColoredRrSettings): void {
  const ints = { hidden: s.hidden, units: s.units, rides: s.rides, batch: s.batch, probes: s.probes };
  for (const [k, v] of Object.entries(ints)) if (!Number.isInteger(v) || v < 1) throw new ModelError(`${k} must be a positive integer, got ${v}`);
  for (const [k, v] of Object.entries({ steps: s.steps, inner: s.inner, misSteps: s.misSteps })) {
    if (!Number.isInteger(v) || v < 0) throw new ModelError(`${k} must be a non-negative integer, got ${v}`);
  }
  for (const [k, v] of Object.entries({ alpha: s.alpha, lr: s.lr })) if (!(v > 0) || !Number.isFinite(v)) throw new ModelError(`${k} must be a positive number, got ${v}`);
  if (![s.l2, s.gap, ...s.betas].every((b) => b >= 0 && Number.isFinite(b))) throw new ModelError('l2, the gap weight and the betas must be non-negative numbers');
  if (!(s.validation > 0 && s.validation < 1)) throw new ModelError(`validation must be between 0 and 1, got ${s.validation}`);
  if (!(s.limit >= 10)) throw new ModelError(`limit must be at least 10 images, got ${s.limit}`);
}

interface Split { readonly x: tf.Tensor2D; readonly y: tf.Tensor1D }

function slice(e: ColoredEnv, from: number, to: number): Split {
  return {
    x: tf.tensor2d(e.inputs.subarray(from * COLORED_INPUTS, to * COLORED_INPUTS), [to - from, COLORED_INPUTS]),
    y: tf.tensor1d(Float32Array.from(e.labels.subarray(from, to))),
  };
}

function unit(v: Float32Array): Float32Array {
  const n = vecNorm(v, v.length);
  return v.map((x) => x / n);
}

/** Two orthonormal directions in Θ_r: the MIS's ridge e, and a copy with its k units rolled by one, less its part along e. */
function slicePlane(e: Float32Array, k: number, mh: number, rng: Rng): [Float32Array, Float32Array] {
  const u = unit(e);
  const v = new Float32Array(e.length);
  for (let j = 0; j < k; j++) {
    const to = (j + 1) % k;
    v[to] = u[j]!;
    v.set(u.subarray(k + j * mh, k + (j + 1) * mh), k + to * mh);
  }
  const project = (x: Float32Array) => { const d = vecDot(x, u, x.length); for (let i = 0; i < x.length; i++) x[i]! -= d * u[i]!; return vecNorm(x, x.length); };
  if (project(v) < 1e-3) { for (let i = 0; i < v.length; i++) v[i] = rngNormal(rng); project(v); }
  return [u, unit(v)];
}

/**
 * One run: the MIS, then `rides` rides of `steps` steps, every point a candidate. `onCandidate` sees each as it is
 * measured; `breathe` is called between Adam steps (runners/cancelled.ts), and `onStep(done, total)` after each of the
 * run's misSteps + rides · steps · inner Adam steps. Disposes what it makes.
 */
export async function coloredRidgeRider(envs: readonly [ColoredEnv, ColoredEnv, ColoredEnv], s: ColoredRrSettings, seed: number,
  hooks: { onCandidate?: (c: ColoredCandidate) => void; breathe?: () => Promise<boolean>; onStep?: (done: number, total: number) => void } = {}): Promise<ColoredRrRun> {
  checkColoredRr(s);
  const check = breather(hooks.breathe);
  const t0 = performance.now();
  const rng = rngFromSeed(seed);
  const { hidden: m, units: k } = s;
  const sizes = envs.slice(0, 2).map((e) => Math.min(e.size, s.limit));
  const fits = sizes.map((n) => Math.round(n * (1 - s.validation)));
  const train = [0, 1].map((i) => slice(envs[i]!, 0, fits[i]!));
  const held = [0, 1].map((i) => slice(envs[i]!, fits[i]!, sizes[i]!));
  const validation: Split = { x: tf.concat(held.map((h) => h.x)), y: tf.concat(held.map((h) => h.y)) };
  tf.dispose(held.flatMap((h) => [h.x, h.y]));
  const test = slice(envs[2], 0, Math.min(envs[2].size, s.limit));
  const a = Math.sqrt(6 / (COLORED_INPUTS + m));
  const w0 = tf.tensor2d(Float32Array.from({ length: COLORED_INPUTS * m }, () => (2 * rng() - 1) * a), [COLORED_INPUTS, m]);
  const w = tf.variable(w0, true);
  const b = tf.tidy(() => tf.variable(tf.zeros([m]), true));
  // The read-out sees φ with a constant 1 appended: B's last column is h's bias (a classifier needs one: φ ≥ 0).
  const mh = m + 1;
  const size = headSize(k, mh);
  const e0 = Float32Array.from({ length: size }, () => rngNormal(rng));
  const e = tf.tidy(() => tf.variable(tf.tensor1d(unit(e0)), true));
  w0.dispose();
  let thetaR = tf.zeros([size]) as tf.Tensor1D;
  const [b1, b2, b3, b4, b5] = s.betas;
  const features = (x: tf.Tensor2D) => tf.concat([tf.relu(tf.add(tf.matMul(x, w), b)), tf.ones([x.shape[0], 1])], 1) as tf.Tensor2D;
  const draw = (r: Rng) => train.map((t, i) => {
    const idx = tf.tensor1d(Int32Array.from({ length: Math.min(s.batch, fits[i]!) }, () => rngInt(r, fits[i]!)), 'int32');
    const out = { x: tf.gather(t.x, idx) as tf.Tensor2D, y: tf.gather(t.y, idx) as tf.Tensor1D };
    idx.dispose();
    return out;
  });
  /** L1 + L2 (+ L2 on θ_f) on a minibatch of each environment, and its curvature readouts. */
  const objective = (batches: Split[], probes: tf.Tensor2D) => {
    const head = unpackHead(thetaR, k, mh);
    const points = batches.map((d) => headPoint(features(d.x), d.y, head));
    const eh = tf.div(e, tf.norm(e)) as tf.Tensor1D;
    const corr = (hv: tf.Tensor1D, v: tf.Tensor1D) => tf.div(tf.dot(hv, v), tf.add(tf.mul(tf.norm(hv), tf.norm(v)), 1e-12));
    const he = points.map((p) => headHvp(p, eh));
    const q = he.map((h) => tf.dot(h, eh));
    let l1: tf.Tensor = tf.mul(s.gap, tf.div(tf.abs(tf.sub(q[0]!, q[1]!)), tf.add(tf.add(tf.abs(q[0]!), tf.abs(q[1]!)), 1e-12)));
    points.forEach((p, i) => {
      l1 = tf.add(l1, tf.add(tf.add(tf.mul(b3, p.loss), tf.mul(b1, corr(he[i]!, eh))), tf.mul(b2, q[i]!)));
    });
    let l2: tf.Tensor = tf.scalar(0);
    for (let j = 0; j < probes.shape[0]; j++) {
      const u = tf.reshape(tf.slice(probes, [j, 0], [1, size]), [-1]) as tf.Tensor1D;
      const hu = points.map((p) => headHvp(p, u));
      const c = hu.map((h) => tf.square(corr(h, u)));
      const qu = hu.map((h) => tf.dot(h, u));
      l2 = tf.add(l2, tf.add(tf.div(tf.mul(b4, tf.abs(tf.sub(c[0]!, c[1]!))), tf.add(tf.add(c[0]!, c[1]!), b5)),
        tf.div(tf.abs(tf.sub(qu[0]!, qu[1]!)), tf.add(tf.add(tf.abs(qu[0]!), tf.abs(qu[1]!)), 1e-12))));
    }
    const total = tf.add(tf.add(l1, tf.div(l2, probes.shape[0])), tf.mul(s.l2, tf.add(tf.sum(tf.square(w)), tf.sum(tf.square(b))))) as tf.Scalar;
    return { total, q };
  };
  let adam = tf.train.adam(s.lr);
  const stepRng = rngFromSeed(seed + 7919);
  const allSteps = s.misSteps + s.rides * s.steps * s.inner;
  let stepsDone = 0;
  const train1 = async (steps: number) => {
    for (let i = 0; i < steps; i++) {
      await check();
      tf.tidy(() => {
        const batches = draw(stepRng);
        const probes = tf.tensor2d(Float32Array.from({ length: s.probes * size }, () => rngNormal(stepRng)), [s.probes, size]);
        const unitProbes = tf.div(probes, tf.norm(probes, 'euclidean', 1, true)) as tf.Tensor2D;
        adam.minimize(() => objective(batches, unitProbes).total, false, [w, b, e]);
      });
      hooks.onStep?.(++stepsDone, allSteps);
    }
  };
  /** Accuracy of the current model on a split (z > 0 predicts 1). */
  const accuracy = (d: Split) => tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(headLogits(features(d.x), unpackHead(thetaR, k, mh)), 0), 'float32'), d.y), 'float32')).dataSync()[0]!);
  /** The loss and the curvature along ê on the full training parts. */
  const curvature = () => tf.tidy(() => {
    const eh = tf.div(e, tf.norm(e)) as tf.Tensor1D;
    const points = train.map((d) => headPoint(features(d.x), d.y, unpackHead(thetaR, k, mh)));
    const q = points.map((p) => tf.dot(headHvp(p, eh), eh).dataSync()[0]!);
    return { loss: (points[0]!.loss.dataSync()[0]! + points[1]!.loss.dataSync()[0]!) / 2, q };
  });
  const candidates: ColoredCandidate[] = [];
  let plane: [Float32Array, Float32Array] = [new Float32Array(size), new Float32Array(size)];
  const measure = (ride: number, step: number) => {
    const c = curvature();
    const at = Float32Array.from(thetaR.dataSync());
    const dot = (x: Float32Array) => vecDot(at, x, at.length);
    const cand: ColoredCandidate = {
      ride, step, train: (accuracy(train[0]!) + accuracy(train[1]!)) / 2, validation: accuracy(validation), test: accuracy(test),
      loss: c.loss, curvature: (c.q[0]! + c.q[1]!) / 2, curvatureGap: Math.abs(c.q[0]! - c.q[1]!), u: dot(plane[0]), v: dot(plane[1]),
    };
    candidates.push(cand);
    hooks.onCandidate?.(cand);
  };
  try {
    await train1(s.misSteps);
    const atMis = curvature();
    const misObjective = tf.tidy(() => {
      const probes = tf.tensor2d(Float32Array.from({ length: s.probes * size }, () => rngNormal(stepRng)), [s.probes, size]);
      return objective(train, tf.div(probes, tf.norm(probes, 'euclidean', 1, true)) as tf.Tensor2D).total.dataSync()[0]!;
    });
    const mis = { curvature: (atMis.q[0]! + atMis.q[1]!) / 2, curvatureGap: Math.abs(atMis.q[0]! - atMis.q[1]!), objective: misObjective };
    const misW = tf.keep(tf.clone(w));
    const misB = tf.keep(tf.clone(b));
    const misE = Float32Array.from(e.dataSync());
    plane = slicePlane(misE, k, mh, rng);
    const span = 1.1 * s.alpha * Math.max(1, s.steps);
    const losses = new Float64Array(COLORED_SLICE_SIDE ** 2);
    const phis = train.map((d) => tf.tidy(() => features(d.x)));
    const grid = (i: number) => -span + (2 * span * i) / (COLORED_SLICE_SIDE - 1);
    for (let r = 0; r < COLORED_SLICE_SIDE; r++) {
      for (let c = 0; c < COLORED_SLICE_SIDE; c++) {
        losses[r * COLORED_SLICE_SIDE + c] = tf.tidy(() => {
          const th = tf.tensor1d(plane[0].map((x, i) => grid(c) * x + grid(r) * plane[1][i]!));
          const ls = phis.map((p, i) => headPoint(p, train[i]!.y, unpackHead(th, k, mh)).loss.dataSync()[0]!);
          return (ls[0]! + ls[1]!) / 2;
        });
      }
    }
    tf.dispose(phis);
    const slice: ColoredSlice = { side: COLORED_SLICE_SIDE, span, losses };
    try {
      for (let r = 0; r < s.rides; r++) {
        w.assign(misW);
        b.assign(misB);
        // The ride starts along a copy of the MIS's ridge with its units permuted (rolled by r): the same eigenvalue.
        const start = new Float32Array(size);
        for (let j = 0; j < k; j++) {
          const to = (j + r) % k;
          start[to] = misE[j]!;
          start.set(misE.subarray(k + j * mh, k + (j + 1) * mh), k + to * mh);
        }
        tf.tidy(() => e.assign(tf.tensor1d(start)));
        thetaR.dispose();
        thetaR = tf.zeros([size]);
        adam.dispose();
        adam = tf.train.adam(s.lr);
        let heading: Float32Array | null = null;
        measure(r, 0);
        for (let t = 1; t <= s.steps; t++) {
          await train1(s.inner);
          const eh = unit(Float32Array.from(e.dataSync()));
          const sign = heading && vecDot(eh, heading, eh.length) < 0 ? -1 : 1;
          heading = eh.map((x) => sign * x);
          const next = tf.tidy(() => tf.add(thetaR, tf.mul(s.alpha, tf.tensor1d(heading!)))) as tf.Tensor1D;
          thetaR.dispose();
          thetaR = next;
          measure(r, t);
        }
      }
    } finally {
      tf.dispose([misW, misB]);
    }
    const best = (key: 'validation' | 'test') => candidates.reduce((x, y) => (y[key] > x[key] ? y : x));
    return { seed, mis, candidates, chosen: best('validation'), oracle: best('test'), slice, seconds: (performance.now() - t0) / 1000 };
  } finally {
    tf.dispose([w, b, e, thetaR, validation.x, validation.y, test.x, test.y, ...train.flatMap((t) => [t.x, t.y])]);
    adam.dispose();
  }
}

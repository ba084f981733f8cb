import { lanczosAsync } from '../math/lanczos';
import { projectionShare } from '../math/projectionShare';
import { deriveSeed, rngFromSeed } from '../math/rng';
import { vecDot, vecNorm } from '../math/vec';
import { accuracyNow } from '../nn/accuracyNow';
import { firstExamples, type Dataset } from '../nn/dataset';
import { checkSpec, initParams, ModelError, type MlpSpec } from '../nn/mlpSpec';
import type { MnistRrMis, MnistRrRide, MnistRrSettings } from '../nn/mnistRrSettings';
import { createMinibatchProblem } from '../nn/minibatchProblem';
import { createNetProblem } from '../nn/netProblem';
import { approxCurvature } from '../ridge-rider/approxCurvature';
import { gradNormDescent } from '../ridge-rider/gradNormDescent';
import { firstRidgeOracle, type StartRidges } from '../ridge-rider/firstRidgeOracle';
import { gradientRidgeOracle } from '../ridge-rider/gradientRidges';
import { randomRidgeOracle } from '../ridge-rider/randomRidges';
import { runRidgeRiderAsync } from '../ridge-rider/ridgeRider';
import { packPairs, updateRidgeExact } from '../ridge-rider/updateRidge';
import { breather } from './cancelled';
import { shardIndices, WHOLE, type Shard } from './shard';

export { MNIST_RR_DEFAULTS, MNIST_RR_PRESETS, type MnistRrRide, type MnistRrSettings } from '../nn/mnistRrSettings';

export interface MnistRrResult {
  readonly settings: MnistRrSettings;
  readonly nParams: number;
  readonly mis: MnistRrMis;
  readonly rides: MnistRrRide[];
  readonly matvecs: { readonly getRidges: number; readonly updateRidge: number; readonly overlap: number };
  readonly seconds: number;
}

/** Theorem 2's check also measures ∇L's share in this many of the largest-curvature directions (MNIST's 10 classes). */
export const SHARP_DIRECTIONS = 10;

/** Checks the settings (throws a ModelError naming the first fault). */
export function checkMnistRr(s: MnistRrSettings): MlpSpec {
  const spec = checkSpec({ layers: [...s.layers], activation: s.activation });
  if (s.layers[0] !== 784 || s.layers[s.layers.length - 1] !== 10) throw new ModelError(`MNIST needs 784 inputs and 10 outputs; the layers are ${s.layers.join(',')}`);
  const positive = { alpha: s.alpha, batch: s.batch, ridges: s.ridges, topN: s.topN, evalSamples: s.evalSamples, initScale: s.initScale, misLr: s.misLr };
  for (const [k, v] of Object.entries(positive)) if (!(v > 0) || !Number.isFinite(v)) throw new ModelError(`${k} must be a positive number, got ${v}`);
  for (const [k, v] of Object.entries({ lrE: s.lrE, lrLambda: s.lrLambda, inner: s.inner, steps: s.steps, misSteps: s.misSteps, overlapEvery: s.overlapEvery, firstRidges: s.firstRidges, patience: s.patience })) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new ModelError(`${k} must be a non-negative number, got ${v}`);
  }
  return spec;
}

/** What a caller of mnistRidgeRider sees as it runs: the MIS, each ride as it ends, and a chance to cancel (breather). */
export interface MnistRrHooks {
  readonly onMis?: (mis: MnistRrResult['mis'], nParams: number) => void;
  readonly onRide?: (ride: MnistRrRide, done: number) => void;
  /** After each step of the ride under way: the steps it has taken. */
  readonly onStep?: (step: number) => void;
  readonly breathe?: () => Promise<boolean>;
}

/**
 * Approximate Ridge Rider on MNIST (Parker-Holder et al. 2020, §4 "RR for Supervised Learning", Figs. 4 and 5): a
 * near-MIS of the network (descent on ½‖∇L‖² from a small initialization), then the search of Algorithm 1 with the
 * approximate curvature of Algorithm 2 (ridge-rider/approxCurvature.ts), the loss and its products on the first
 * `batch` training images or (`batches` 'fresh') on a new minibatch for every GetRidges and UpdateRidge, and the
 * train and test accuracy (overall and per digit) at every point of every ride.
 * `order` 'dfs' goes on from where the latest ride ended (paths that learn digit after digit); `firstRidges` K runs K
 * searches, the k-th leaving the MIS along ±v_k (Fig. 5's ψ[0]); `shard` runs only its share of those K (each search
 * draws its own minibatches, so a search's rides are the same in any shard).
 */
export async function mnistRidgeRider(data: { train: Dataset; test: Dataset }, s: MnistRrSettings, hooks: MnistRrHooks = {}, shard: Shard = WHOLE): Promise<MnistRrResult> {
  const t0 = performance.now();
  const spec = checkMnistRr(s);
  const first = firstExamples(data.train, s.batch);
  const minibatches = s.batches === 'fresh' ? createMinibatchProblem(spec, data.train, { batch: s.batch, seed: s.seed + 104_729, monitor: first }) : null;
  const net = minibatches ?? createNetProblem(spec, first);
  const check = breather(hooks.breathe);
  const problem = {
    n: net.n,
    lossAndGradient: async (theta: Float64Array) => { await check(); return net.lossAndGradient(theta); },
    hvp: async (theta: Float64Array, v: Float64Array) => { await check(); return net.hvp(theta, v); },
  };
  const trainAcc = accuracyNow(spec, data.train, s.evalSamples);
  const testAcc = accuracyNow(spec, data.test, s.evalSamples);
  try {
    const init = initParams(spec, rngFromSeed(s.seed));
    const mis = await gradNormDescent(problem, Float64Array.from(init, (x) => x * s.initScale), { lr: s.misLr, maxSteps: s.misSteps, tol: 0 });
    const spectrum = await lanczosAsync(problem.n, (v) => problem.hvp(mis.theta, v), { k: Math.max(s.topN, 4), which: 'smallest', tol: 1e-4, maxMatvecs: 1000, seed: s.seed });
    const acc = new Float64Array(11);
    trainAcc.at(mis.theta, acc, 0);
    const misInfo = { loss: mis.f, gradNorm: mis.gradNorm, steps: mis.steps, trainAccuracy: acc[0]!, spectrum: Array.from(spectrum.values) };
    hooks.onMis?.(misInfo, problem.n);
    const { oracle: approx, counters } = approxCurvature(problem, { k: Math.max(s.topN, s.firstRidges, 2), tol: 1e-3, maxMatvecs: 1000, seed: s.seed, solver: s.eigensolver, inner: s.inner, lrE: s.lrE, lrLambda: s.lrLambda, stepScale: s.stepScale, norm: s.eNorm, warmStart: s.lambdaStart === 'rayleigh', update: s.update, backtrack: s.updateRates === 'backtrack' });
    // Fresh minibatches: every GetRidges and every UpdateRidge (one per ride step) on a new one. Each ride draws from
    // its own stream, seeded by (seed, Ψ), and so does the GetRidges at its end (seed, [...Ψ, −1]): a ride sees the
    // same minibatches whichever rides came before it, so it is reproducible on its own.
    let stream = '';
    const restartStream = (fingerprint: readonly number[]) => {
      stream = fingerprint.join(',');
      minibatches!.restart(deriveSeed(s.seed + 104_729, fingerprint));
    };
    const streamOf = (fingerprint: readonly number[]) => { if (fingerprint.join(',') !== stream) restartStream(fingerprint); };
    const directed = s.directions === 'random' ? randomRidgeOracle(approx, s.seed + 1) : s.directions === 'gradient' ? gradientRidgeOracle(approx) : approx;
    const ridden: typeof approx = !minibatches ? directed : {
      ...directed,
      ridges: (at, o, context) => { streamOf([...(context.fingerprint ?? []), -1]); minibatches.resample(); return directed.ridges(at, o, context); },
      async follow(at, from, heading, out) {
        const fingerprint = heading.fingerprint ?? [];
        if (from === null) {
          // A ride's first step was probed on whichever minibatch the rides before it left. ∇L there is measured
          // again on its branching point's GetRidges minibatch (the one the ride follows on when it is ridden right
          // after its parent), so the cosine and steepest descent's next direction depend on Ψ alone.
          restartStream([...fingerprint.slice(0, -1), -1]);
          minibatches.resample();
          const { grad } = await problem.lossAndGradient(at.theta);
          for (let i = 0; i < problem.n; i++) at.grad[i] = grad[i]!;
        }
        streamOf(fingerprint);
        minibatches.resample();
        return directed.follow(at, from, heading, out);
      },
    };
    // At each new point, measured as UpdateRidge runs there and recorded when the point joins the ride (a trial the
    // ride does not take is never recorded): how downhill the step θ + α d that reached it was, cos(d, −∇L) =
    // −⟨d, ∇L⟩/(‖d‖ ‖∇L‖); and Theorem 2's check (overlapEvery), the new direction against Lanczos's exact
    // eigenvectors there.
    // With the check, where ∇L lies: its share in the span of the negative eigenvectors found, the most any ridge there
    // can follow downhill at first order, and in the SHARP_DIRECTIONS largest. ∇L is measured again for it, on the
    // minibatch the check's eigenvectors are measured on (the next UpdateRidge's): with fresh batches the probe's ∇L,
    // which cos(d, −∇L) uses, is on the step's minibatch, and the shares would mix two minibatches.
    // `theta`: the point measured (one buffer for the run), `fresh` until a recorded point has read it.
    const exact = { theta: new Float64Array(problem.n), fresh: false, overlap: Number.NaN, lambda: Number.NaN, curvature: Number.NaN, descent: Number.NaN, eNorm: Number.NaN, ridgeShare: Number.NaN, sharpShare: Number.NaN, matvecs: 0 };
    let follows = 0;
    const oracle: typeof ridden = {
      ...ridden,
      async follow(at, from, heading, out) {
        const r = await ridden.follow(at, from, heading, out);
        follows = from === null ? 1 : follows + 1;
        hooks.onStep?.(follows);
        exact.theta.set(at.theta.subarray(0, problem.n));
        exact.fresh = true;
        exact.eNorm = vecNorm(heading.direction, problem.n);
        exact.descent = -vecDot(heading.direction, at.grad, problem.n) / (exact.eNorm * vecNorm(at.grad, problem.n));
        exact.overlap = Number.NaN;
        exact.lambda = Number.NaN;
        exact.curvature = Number.NaN;
        exact.ridgeShare = Number.NaN;
        exact.sharpShare = Number.NaN;
        if (s.overlapEvery > 0 && follows % s.overlapEvery === 0) {
          const he = await problem.hvp(at.theta, out);
          exact.matvecs += 1;
          exact.curvature = vecDot(out, he, problem.n) / vecDot(out, out, problem.n);
          const x = await lanczosAsync(problem.n, (v) => problem.hvp(at.theta, v), { k: s.topN + 2, which: 'smallest', tol: 1e-3, maxMatvecs: 600, seed: s.seed });
          exact.matvecs += x.matvecs;
          if (x.values.length > 0) {
            // The exact rule's choice among them (without the cluster rule: one eigenvector), written to a scratch.
            const length = vecNorm(out, problem.n);
            const unit = Float64Array.from(out.subarray(0, problem.n), (v) => v / length);
            const u = updateRidgeExact(packPairs(problem.n, x.values, x.vectors), unit, new Float64Array(problem.n), { continuity: false });
            exact.overlap = u.overlap; exact.lambda = u.lambda;
          }
          const { grad } = await problem.lossAndGradient(at.theta);
          exact.ridgeShare = projectionShare(grad, x.vectors.filter((_, i) => x.values[i]! < 0), problem.n);
          // No deflated second search (verify), which looks for missed copies of repeated eigenvalues: without it the
          // shares measured on a 784-32-10 ride were the same to 1e-4, for 31% fewer of these products.
          const sharp = await lanczosAsync(problem.n, (v) => problem.hvp(at.theta, v), { k: SHARP_DIRECTIONS, which: 'largest', tol: 1e-3, maxMatvecs: 600, seed: s.seed, verify: false });
          exact.matvecs += sharp.matvecs;
          exact.sharpShare = projectionShare(grad, sharp.vectors, problem.n);
        }
        return r;
      },
    };
    const rides: MnistRrRide[] = [];
    const width = 2 + 19;
    const start: StartRidges = { count: s.firstRidges, found: null };
    for (const first of s.firstRidges > 0 ? shardIndices(s.firstRidges, shard) : [null]) {
      const res = await runRidgeRiderAsync(first === null ? oracle : firstRidgeOracle(oracle, first, start), mis.theta, {
        step: s.stepMode === 'backtracking' ? { mode: 'backtracking', alpha: s.alpha, alphaMin: s.alpha / 16, warmStart: true } : { alpha: s.alpha }, maxRides: s.ridges, order: s.order, getRidges: { maxEigen: s.topN },
        endRide: { curvature: s.end === 'ridge', overlap: s.end === 'ridge', loss: s.end !== 'steps', patience: s.patience, maxRideSteps: s.steps }, recordPaths: false,
        summary: {
          labels: ['train accuracy', 'test accuracy', ...Array.from({ length: 10 }, (_, d) => `digit ${d}`), 'overlap with the exact eigenvector', 'its eigenvalue', 'eᵀHe/eᵀe', 'cos(step, −∇L)', 'share of ∇L along the negative eigenvectors', `share of ∇L along the ${SHARP_DIRECTIONS} sharpest`, '‖e‖'],
          at: (theta, out) => {
            trainAcc.at(theta, acc, 0); out[0] = acc[0]!; testAcc.at(theta, out, 1);
            // Only what was measured at this very point: a ride's first point was reached by its parent's step.
            const here = exact.fresh && exact.theta.every((x, i) => x === theta[i]);
            out[12] = here ? exact.overlap : Number.NaN; out[13] = here ? exact.lambda : Number.NaN; out[14] = here ? exact.curvature : Number.NaN;
            out[15] = here ? exact.descent : Number.NaN;
            out[16] = here ? exact.ridgeShare : Number.NaN; out[17] = here ? exact.sharpShare : Number.NaN;
            out[18] = here ? exact.eNorm : Number.NaN;
            exact.fresh = false;
          },
        },
      }, rngFromSeed(s.seed), {
        onRide: (r) => {
          const points = r.steps + 1;
          const col = (j: number) => Array.from({ length: points }, (_, k) => r.trace[k * width + j]!);
          const ride: MnistRrRide = {
            fingerprint: [...r.fingerprint], eigenvalue: r.eigenvalue, endReason: r.endReason, steps: r.steps, loss: col(0), lambda: col(1),
            trainAccuracy: col(2), testAccuracy: col(3), digitAccuracy: Array.from({ length: points }, (_, k) => Array.from({ length: 10 }, (_, d) => r.trace[k * width + 4 + d]!)),
            overlap: col(14), exactLambda: col(15), eCurvature: col(16), descent: col(17), ridgeShare: col(18), sharpShare: col(19), eNorm: col(20),
          };
          rides.push(ride);
          hooks.onRide?.(ride, rides.length);
        },
      });
      if (res.traceWidth !== width) throw new Error(`expected a trace of width ${width}, got ${res.traceWidth}`);
    }
    return {
      settings: s, nParams: problem.n,
      mis: misInfo,
      rides, matvecs: { getRidges: counters.getRidgesMatvecs, updateRidge: counters.followMatvecs, overlap: exact.matvecs }, seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    net.dispose();
    trainAcc.dispose();
    testAcc.dispose();
  }
}

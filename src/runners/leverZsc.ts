import { checkPayoffs, greedyLevers, leverMis, leverObjective, payoff, softmax, type LeverSettings } from '../envs/leverGame';
import type { LeverResult, LeverRidgeResult } from '../protocol/studies';
import { normalFill, rngFromSeed } from '../math/rng';
import { symEig } from '../math/symEig';
import { vecNorm } from '../math/vec';
import { descend } from '../ridge-rider/descend';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import type { RidgeRiderOptions } from '../ridge-rider/state';
import { meanStd } from '../math/meanStd';

export { LEVER_DEFAULTS, type LeverSettings } from '../envs/leverGame';
export type { LeverResult, LeverRidgeResult };

/** The index of the largest-|·| entry (the first within 10⁻⁹ relative, as math/symEig's sign convention reads it). */
function peakOf(v: Float64Array): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  return v.findIndex((x) => Math.abs(x) >= (1 - 1e-9) * max);
}

/** Self-play and cross-play of a batch of final parameter vectors. */
function plays(r: readonly number[], thetas: readonly Float64Array[]): { sp: number; xp: number } {
  const m = r.length;
  const pol = thetas.map((t) => [softmax(t, 0, m), softmax(t, m, m)] as const);
  let sp = 0;
  let xp = 0;
  let pairs = 0;
  for (let a = 0; a < pol.length; a++) {
    sp += payoff(r, pol[a]![0], pol[a]![1]);
    for (let b = 0; b < pol.length; b++) if (a !== b) { xp += payoff(r, pol[a]![0], pol[b]![1]); pairs++; }
  }
  return { sp: sp / pol.length, xp: pairs > 0 ? xp / pairs : NaN };
}

/** Ridge Rider's options for one replicate: every first-level ride (BFS), each finished by gradient descent. */
function leverRidgeOptions(s: LeverSettings, rides: number): RidgeRiderOptions {
  return {
    order: 'bfs', maxRides: rides, recordPaths: false, step: { mode: 'backtracking', alpha: s.alpha },
    getRidges: { descentOnly: false }, gdFinish: { lr: s.gdLr, maxSteps: s.gdMaxSteps }, updateRidge: { clusterTol: s.clusterTol },
  };
}

/**
 * Ridge Rider's zero-shot coordination protocol on the lever game (Parker-Holder et al. 2020, §3 "RR for Zero-Shot
 * Coordination" and §4, Fig. 6): for each ridge of the MIS, N independent replicates (each from the MIS with seeded
 * symmetry-breaking noise) ride it and finish with gradient descent; their self-play J(π₁ᵃ, π₂ᵃ) and cross-play
 * XP = mean_{a≠b} J(π₁ᵃ, π₂ᵇ) are measured, over `repeats` independent batches for error bars. The protocol deploys
 * the ridge with the best cross-play. Baseline: plain self-play gradient descent from the same noisy starts.
 *
 * Ridges are the MIS's negative eigen-directions in ascending order of λ (index i, fingerprint [2i]), each taken in
 * its canonical direction: +v_i with math/symEig's sign convention (the largest-|·| entry positive), the same in every
 * run, so that ridge 0 raises the 0.6 lever's logits in every replicate. Inside a group of equal eigenvalues the basis
 * (and so which member is "ridge i") depends on the noise: that is the symmetry the protocol has to cope with.
 *
 * Run to the end (the CLI, tests); `onProgress` after each replicate.
 */
export function runLeverZsc(settings: LeverSettings, seed: number, onProgress?: (done: number, total: number) => void): LeverResult {
  const steps = leverZscSteps(settings, seed);
  for (;;) {
    const it = steps.next();
    if (it.done) return it.value;
    onProgress?.(it.value.done, it.value.total);
  }
}

/**
 * The protocol as a generator that pauses after every replicate with its progress, so that a worker can yield to its
 * message loop (and be cancelled) between replicates; it returns the result.
 */
export function* leverZscSteps(settings: LeverSettings, seed: number): Generator<{ done: number; total: number }, LeverResult, void> {
  const s = settings;
  checkPayoffs(s.payoffs);
  const r = s.payoffs;
  const m = r.length;
  const n = 2 * m;
  const obj = leverObjective(r);
  const mis = leverMis(r);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const loss = obj.evaluate(mis, grad, hess);
  const spec = symEig(hess, n);
  const scale = Math.max(...Array.from(spec.values, Math.abs));
  const negative = Array.from(spec.values).filter((v) => v < -1e-8 * scale);
  const multiplicity = (v: number) => negative.filter((w) => Math.abs(w - v) <= 1e-6 * scale).length;
  const k = negative.length;
  const finals: Float64Array[][][] = Array.from({ length: k }, () => Array.from({ length: s.repeats }, () => []));
  const baseline: Float64Array[][] = Array.from({ length: s.repeats }, () => []);
  const total = s.repeats * s.runs;
  for (let rep = 0; rep < s.repeats; rep++) {
    for (let a = 0; a < s.runs; a++) {
      const rng = rngFromSeed(seed * 100_003 + rep * 1009 + a);
      const theta0 = normalFill(rng, new Float64Array(n), 0, s.noise);
      for (let i = 0; i < n; i++) theta0[i] = theta0[i]! + mis[i]!;
      const rr = runRidgeRider(obj, theta0, leverRidgeOptions(s, 2 * k), rng);
      for (const ride of rr.rides) {
        const [r0] = ride.fingerprint;
        if (ride.depth !== 0 || r0 === undefined || r0 % 2 !== 0 || r0 / 2 >= k) continue;
        finals[r0 / 2]![rep]!.push(Float64Array.from(ride.endAfterGd ?? ride.end));
      }
      baseline[rep]!.push(descend(obj, theta0, { lr: s.gdLr, maxSteps: s.gdMaxSteps }).theta);
      yield { done: rep * s.runs + a + 1, total };
    }
  }
  const ridges: LeverRidgeResult[] = negative.map((eigenvalue, i) => {
    const batches = finals[i]!.map((thetas) => plays(r, thetas));
    const xp = meanStd(batches.map((b) => b.xp));
    const votes = [new Map<number, number>(), new Map<number, number>()];
    for (const t of finals[i]!.flat()) greedyLevers(t, m).forEach((g, p) => votes[p]!.set(g, (votes[p]!.get(g) ?? 0) + 1));
    const top = (v: Map<number, number>) => [...v].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]?.[0] ?? -1;
    return {
      index: i, eigenvalue, multiplicity: multiplicity(eigenvalue), sign: 1, fingerprint: [2 * i], peak: peakOf(spec.vectors.subarray(i * n, (i + 1) * n)),
      selfPlay: meanStd(batches.map((b) => b.sp)).mean, crossPlay: xp.mean, crossPlayStd: xp.std, lever: [top(votes[0]!), top(votes[1]!)],
      examples: finals[i]![0]!.slice(0, 3).map((t) => Array.from(softmax(t, 0, m))),
    };
  });
  const base = baseline.map((thetas) => plays(r, thetas));
  const bxp = meanStd(base.map((b) => b.xp));
  const best = ridges.reduce((b, x) => (x.crossPlay > b.crossPlay ? x : b), ridges[0]!);
  return {
    mis: { probs: Array.from(softmax(mis, 0, m)), J: -loss, gradNorm: vecNorm(grad, n), spectrum: Array.from(spec.values) },
    ridges,
    baseline: { selfPlay: meanStd(base.map((b) => b.sp)).mean, crossPlay: bxp.mean, crossPlayStd: bxp.std },
    chosen: { index: best.index, crossPlay: best.crossPlay },
  };
}

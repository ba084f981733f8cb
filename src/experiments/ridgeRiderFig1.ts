import { resolveLandscape } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { gdFinish, type GdFinish } from '../ridge-rider/descend';
import { objectiveFromTape, type RidgeObjective } from '../ridge-rider/objective';
import { refineToSaddle } from '../ridge-rider/refineToSaddle';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import type { Ride, RidgeRiderOptions, RidgeRiderResult } from '../ridge-rider/state';

/**
 * Figure 1 of Parker-Holder et al. 2020 ("Ridge Rider", §1 and Figure 1; ridge-rider.md §2): gradient descent from
 * near the maximum of a 2D surface finds only the two nearby local minima; Ridge Rider from the maximum follows the
 * four ±eigenvectors and finds all four minima. The paper's formula is unpublished: the surface is the built-in
 * reconstruction 'ridge-rider-fig1' (landscapes/registry.ts), on which every behaviour of the caption appears.
 *
 * Settings. α, δ_break, backtracking and the GD finish are our choices (the paper gives none for Figure 1; the
 * backtracking and δ_break = 0.95 are those of its tree experiments, §4). EndRide (endRide.ts): the loss and overlap
 * criteria shape the backtracking step, and the curvature criterion (a) is OFF, so a ride halts where no
 * α ≥ α_min lowers L along the ridge any more: the ±e₁ rides then reach the local minima themselves ("two paths
 * (blue and green) find the local minima") and the −e₂ ride halts next to the bump ("halt at a local maximum"). With
 * (a) on (the engine default) the ±e₁ rides stop at (±0.700, 0), brown at (0.723, 2.064), orange at (0.020, −1.598),
 * 0.365 from the bump, and the dotted second ride ends at (−0.924, −0.318), whose GD finish is the local minimum
 * (−1.254, 0), not G2 (measured with this file's other settings).
 */
export const RIDGE_RIDER_FIG1 = {
  id: 'fig1',
  title: 'Ridge Rider, Figure 1: four ridges from the maximum of a 2D surface',
  landscape: 'ridge-rider-fig1',
  /** Refined by Newton on ∇L (refineToSaddle) to the maximum near the origin, (−1.8·10⁻⁹, 9.6·10⁻⁵). */
  startGuess: [0, 0] as const,
  ridgeRider: {
    order: 'bfs',
    step: { mode: 'backtracking', alpha: 0.05, alphaMin: 1e-4 },
    endRide: { curvature: false, overlap: true, loss: true, deltaBreak: 0.95 },
    gdFinish: { lr: 0.02, maxSteps: 5000 },
    maxRides: 12,
  } satisfies RidgeRiderOptions,
  /** GD baseline: `count` starts uniform in the annulus rMin ≤ ‖θ − θ_max‖ ≤ rMax (radius and angle from the seed). */
  gdBaseline: { count: 16, rMin: 0.05, rMax: 0.1, seed: 1, lr: 0.02, maxSteps: 5000 },
  caption: 'GD starting near the origin only finds the two local minima whose basin have large gradient near the origin. '
    + 'RR starts at the maximum and explores along four paths based on the two eigenvectors of L. Two paths (blue and green) '
    + 'find the local minima while the other two explore the lower-curvature ridge and find global minima. Following the '
    + 'eigenvectors leads RR around a local minimum (brown), while causing it to halt at a local maximum (orange) where '
    + 'either a second ride (dotted) or GD may find a minimum.',
  /** The caption's paths by fingerprint (r = 2i for +v_i, 2i + 1 for −v_i; v₀ = e₁ ≈ x, λ = −4.57; v₁ = e₂ ≈ y, λ = −0.18). */
  paths: [
    { name: 'blue', fingerprint: [0], shows: 'blue/green: +e1 to the local minimum (1.254, 0)' },
    { name: 'green', fingerprint: [1], shows: 'blue/green: −e1 to the local minimum (−1.254, 0)' },
    { name: 'brown', fingerprint: [2], shows: 'brown: +e2 along the low-curvature ridge, bending around the local minimum L3 (1.402, 1.742); GD then reaches the global minimum G1 (2.390, 3.337)' },
    { name: 'orange', fingerprint: [3], shows: 'orange: −e2 along the low-curvature ridge, halting next to the local maximum B (0.296, −1.838) with negative curvature left; GD reaches the global minimum G2 (0, −3.347)' },
    { name: 'dotted', fingerprint: [3, 1], shows: 'dotted second ride: from orange\'s end along the remaining negative eigenvector, past B; GD then reaches G2' },
  ],
  /** Named points of the surface (registry minima, and the bump's maximum found by Newton). */
  points: { G1: [2.389507, 3.336697], G2: [0, -3.347274], L3: [1.402022, 1.741525], B: [0.29550699, -1.83798396], localMinima: [[1.254439, 0], [-1.254439, 0]] },
  /**
   * Golden record: produced by running `runRidgeRiderFig1()` on this preset (Node, Float64; printed with
   * `npx tsx -e` and pasted), not typed by hand; test/unit/fig1.test.ts recomputes and compares within tolerance.
   */
  expected: {
    start: [-1.837892e-9, 0.00009590549],
    /** The whole search tree: rides in BFS order, then the archive is empty. */
    fingerprints: [[0], [1], [2], [3], [2, 0], [3, 1]],
    stop: 'exhausted',
    paths: {
      blue: { end: [1.25625, 0.000006641563], f_end: -0.551124, steps: 26, end_reason: 'alpha-min', eigenvalue: -4.566201, eigenvalueEnd: 4.779431, endAfterGd: [1.25444, 3.707623e-7], fAfterGd: -0.5511319 },
      green: { end: [-1.25625, 0.00001124027], f_end: -0.5511236, steps: 26, end_reason: 'alpha-min', eigenvalue: -4.566201, eigenvalueEnd: 4.779432, endAfterGd: [-1.254439, -6.19682e-7], fAfterGd: -0.5511315 },
      brown: { end: [2.644703, 2.825236], f_end: -0.7779115, steps: 87, end_reason: 'alpha-min', eigenvalue: -0.1843026, eigenvalueEnd: 2.732885, endAfterGd: [2.389508, 3.336697], fAfterGd: -1.489863 },
      orange: { end: [0.1059073, -1.726325], f_end: 0.6454682, steps: 36, end_reason: 'alpha-min', eigenvalue: -0.1843026, eigenvalueEnd: 3.48586, endAfterGd: [-4.227014e-7, -3.347274], fAfterGd: -1.498652 },
      dotted: { end: [0.2954532, -2.261652], f_end: 0.05605487, steps: 14, end_reason: 'alpha-min', eigenvalue: -3.756848, eigenvalueEnd: -1.146364, endAfterGd: [4.215768e-7, -3.347274], fAfterGd: -1.498652 },
    },
    /** Brown's closest approach to L3 and the angle its path sweeps around L3 (degrees, clockwise negative); orange's end to B. */
    brownToL3: 0.6939206,
    brownSweepDeg: -190.0716,
    orangeToB: 0.2200359,
    /** GD baseline: how many of the 16 runs end at (+1.254, 0) and at (−1.254, 0); all converge, none elsewhere. */
    gd: { plus: 10, minus: 6 },
  },
} as const;

export type Fig1Preset = typeof RIDGE_RIDER_FIG1;

/** One GD baseline run. */
export interface Fig1GdRun {
  readonly start: [number, number];
  readonly end: [number, number];
  readonly f: number;
  readonly steps: number;
  readonly stop: GdFinish['stop'];
}

export interface Fig1Result {
  readonly objective: RidgeObjective;
  /** The maximum RR starts from. */
  readonly start: [number, number];
  readonly rr: RidgeRiderResult;
  /** The caption's paths, by name (undefined when the search did not ride that fingerprint). */
  readonly paths: Readonly<Record<string, Ride | undefined>>;
  readonly gd: Fig1GdRun[];
}

/** The Figure 1 experiment: the maximum, the RR search, the caption's paths and the GD baseline. Deterministic. */
export function runRidgeRiderFig1(preset: Fig1Preset = RIDGE_RIDER_FIG1): Fig1Result {
  const objective = objectiveFromTape(resolveLandscape(preset.landscape).tape);
  const max = refineToSaddle(objective, preset.startGuess);
  if (!max.converged || max.kind !== 'maximum') throw new Error(`Figure 1: no maximum near the origin (${max.message})`);
  const start: [number, number] = [max.theta[0]!, max.theta[1]!];
  const rr = runRidgeRider(objective, start, preset.ridgeRider);
  const byFp = new Map(rr.rides.map((r) => [r.fingerprint.join(','), r]));
  const paths = Object.fromEntries(preset.paths.map((p) => [p.name, byFp.get(p.fingerprint.join(','))]));
  const { lr, maxSteps } = preset.gdBaseline;
  const gd: Fig1GdRun[] = gdBaselineStarts(start, preset.gdBaseline).map((s) => {
    const out = gdFinish(objective, s, { lr, maxSteps });
    return { start: s, end: [out.theta[0]!, out.theta[1]!], f: out.f, steps: out.steps, stop: out.stop };
  });
  return { objective, start, rr, paths, gd };
}

/** The GD baseline's starts: uniform radius in [rMin, rMax] and angle around `center`, from the seed (in that order). */
export function gdBaselineStarts(center: readonly [number, number], b: Fig1Preset['gdBaseline']): [number, number][] {
  const rng = rngFromSeed(b.seed);
  const out: [number, number][] = [];
  for (let k = 0; k < b.count; k++) {
    const r = b.rMin + (b.rMax - b.rMin) * rng();
    const phi = 2 * Math.PI * rng();
    out.push([center[0] + r * Math.cos(phi), center[1] + r * Math.sin(phi)]);
  }
  return out;
}

/** Closest distance from a ride's path (2D, stride 3) to a point. */
export function pathDistance(ride: Ride, p: readonly number[]): number {
  let d = Infinity;
  for (let k = 0; k < ride.path.length; k += 3) d = Math.min(d, Math.hypot(ride.path[k]! - p[0]!, ride.path[k + 1]! - p[1]!));
  return d;
}

/** Net angle (radians, counter-clockwise positive) that a ride's path sweeps around a point: its winding about p. */
export function pathSweep(ride: Ride, p: readonly number[]): number {
  let total = 0;
  let prev = Math.atan2(ride.path[1]! - p[1]!, ride.path[0]! - p[0]!);
  for (let k = 3; k < ride.path.length; k += 3) {
    const a = Math.atan2(ride.path[k + 1]! - p[1]!, ride.path[k]! - p[0]!);
    let d = a - prev;
    if (d > Math.PI) d -= 2 * Math.PI;
    if (d < -Math.PI) d += 2 * Math.PI;
    total += d;
    prev = a;
  }
  return total;
}

import { landscapeById } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { resolveProblem } from '../problems';
import type { RidgeObjective } from '../ridge-rider/objective';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import { defaultRidgeSettings } from '../ridge-rider/settings';
import type { Ride, RidgeRiderOptions, RidgeRiderResult } from '../ridge-rider/state';
import { prepareRidgeSearch, type GdRun } from '../runners/ridgeSearch';
import { nearAll, type Experiment, type Expectation, type Measured, type RidgePreset } from './experiment';

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
      blue: { end: [1.25625, 0.000006641563], fEnd: -0.551124, steps: 26, endReason: 'alpha-min', eigenvalue: -4.566201, eigenvalueEnd: 4.779431, endAfterGd: [1.25444, 3.707623e-7], fAfterGd: -0.5511319 },
      green: { end: [-1.25625, 0.00001124027], fEnd: -0.5511236, steps: 26, endReason: 'alpha-min', eigenvalue: -4.566201, eigenvalueEnd: 4.779432, endAfterGd: [-1.254439, -6.19682e-7], fAfterGd: -0.5511315 },
      brown: { end: [2.644703, 2.825236], fEnd: -0.7779115, steps: 87, endReason: 'alpha-min', eigenvalue: -0.1843026, eigenvalueEnd: 2.732885, endAfterGd: [2.389508, 3.336697], fAfterGd: -1.489863 },
      orange: { end: [0.1059073, -1.726325], fEnd: 0.6454682, steps: 36, endReason: 'alpha-min', eigenvalue: -0.1843026, eigenvalueEnd: 3.48586, endAfterGd: [-4.227014e-7, -3.347274], fAfterGd: -1.498652 },
      dotted: { end: [0.2954532, -2.261652], fEnd: 0.05605487, steps: 14, endReason: 'alpha-min', eigenvalue: -3.756848, eigenvalueEnd: -1.146364, endAfterGd: [4.215768e-7, -3.347274], fAfterGd: -1.498652 },
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
  readonly stop: GdRun['stop'];
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

/** The figure's search as the app's worker and the CLI run it: options, start guess, baseline, named rides. */
export function fig1Preset(preset: Fig1Preset = RIDGE_RIDER_FIG1): RidgePreset {
  return { options: preset.ridgeRider, startGuess: preset.startGuess, baseline: preset.gdBaseline, paths: preset.paths };
}

/**
 * The Figure 1 experiment, set up exactly as the ridge worker and the CLI set it up (runners/ridgeSearch.ts): the
 * maximum refined from the guess, the RR search with the preset's options, the caption's paths and the GD baseline.
 * Deterministic.
 */
export function runRidgeRiderFig1(preset: Fig1Preset = RIDGE_RIDER_FIG1): Fig1Result {
  const def = landscapeById(preset.landscape)!;
  const problem = resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain, name: def.id });
  const prep = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: defaultRidgeSettings(), seed: 1, preset: fig1Preset(preset), recordPaths: true });
  if (!prep.start.theta || prep.start.rule !== 'refined to a maximum') throw new Error(`Figure 1: no maximum near the origin (${prep.start.message})`);
  const start: [number, number] = [prep.start.theta[0]!, prep.start.theta[1]!];
  const rr = runRidgeRider(problem.objective, start, prep.options, rngFromSeed(prep.seed));
  const byFp = new Map(rr.rides.map((r) => [r.fingerprint.join(','), r]));
  const paths = Object.fromEntries(preset.paths.map((p) => [p.name, byFp.get(p.fingerprint.join(','))]));
  const gd: Fig1GdRun[] = prep.baseline!.map((r) => ({ start: [r.start[0]!, r.start[1]!], end: [r.end[0]!, r.end[1]!], f: r.f, steps: r.steps, stop: r.stop }));
  return { objective: problem.objective, start, rr, paths, gd };
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

/** The numbers of a run, named as the expectations below name them. */
function measureFig1(): Measured {
  const res = runRidgeRiderFig1();
  const P = RIDGE_RIDER_FIG1.points;
  const out: Record<string, number | string> = {
    'start.x': res.start[0], 'start.y': res.start[1], fingerprints: fingerprintsText(res.rr.rides.map((r) => r.fingerprint)), stop: res.rr.stop.reason,
  };
  for (const { name } of RIDGE_RIDER_FIG1.paths) {
    const r = res.paths[name];
    if (!r) continue;
    Object.assign(out, {
      [`${name}.steps`]: r.steps, [`${name}.endReason`]: r.endReason, [`${name}.end.x`]: r.end[0]!, [`${name}.end.y`]: r.end[1]!,
      [`${name}.endAfterGd.x`]: r.endAfterGd![0]!, [`${name}.endAfterGd.y`]: r.endAfterGd![1]!, [`${name}.fEnd`]: r.fEnd, [`${name}.fAfterGd`]: r.fAfterGd!,
      [`${name}.eigenvalue`]: r.eigenvalue, [`${name}.eigenvalueEnd`]: r.eigenvalueEnd,
    });
  }
  const brown = res.paths.brown;
  const orange = res.paths.orange;
  if (brown) Object.assign(out, { brownToL3: pathDistance(brown, P.L3), brownSweepDeg: (pathSweep(brown, P.L3) * 180) / Math.PI });
  if (orange) out.orangeToB = Math.hypot(orange.end[0]! - P.B[0], orange.end[1]! - P.B[1]);
  const [lp] = P.localMinima;
  const plus = res.gd.filter((g) => Math.hypot(g.end[0] - lp[0], g.end[1] - lp[1]) < 1e-5).length;
  Object.assign(out, { 'gd.plus': plus, 'gd.minus': res.gd.length - plus });
  return out;
}

const fingerprintsText = (fps: readonly (readonly number[])[]): string => fps.map((f) => `[${f.join(',')}]`).join(' ');

/** The golden record as expectations: endpoints and values within 10⁻⁵, the sweep within 10⁻³ degrees, counts exact. */
function fig1Expected(): Expectation[] {
  const E = RIDGE_RIDER_FIG1.expected;
  const rows: Expectation[] = [
    ...nearAll('start', 'start (the maximum)', { x: E.start[0], y: E.start[1] }, 1e-9),
    { name: 'fingerprints', label: 'the search tree, in BFS order', is: 'equal', value: fingerprintsText(E.fingerprints) },
    { name: 'stop', label: 'why the search stopped', is: 'equal', value: E.stop },
  ];
  for (const [name, w] of Object.entries(E.paths)) {
    rows.push(
      { name: `${name}.steps`, label: `${name}: steps`, is: 'equal', value: w.steps },
      { name: `${name}.endReason`, label: `${name}: why it ended`, is: 'equal', value: w.endReason },
      ...nearAll(name, name, {
        'end.x': w.end[0], 'end.y': w.end[1], 'endAfterGd.x': w.endAfterGd[0], 'endAfterGd.y': w.endAfterGd[1], fEnd: w.fEnd, fAfterGd: w.fAfterGd,
        eigenvalue: w.eigenvalue, eigenvalueEnd: w.eigenvalueEnd,
      }, 1e-5),
    );
  }
  rows.push(
    { name: 'brownToL3', label: 'brown: closest approach to the local minimum L3', is: 'near', value: E.brownToL3, tolerance: 1e-5 },
    { name: 'brownSweepDeg', label: 'brown: degrees swept around L3 (clockwise negative)', is: 'near', value: E.brownSweepDeg, tolerance: 1e-3 },
    { name: 'orangeToB', label: 'orange: distance of its end from the bump B', is: 'near', value: E.orangeToB, tolerance: 1e-5 },
    { name: 'gd.plus', label: 'GD baseline runs ending at (+1.254, 0)', is: 'equal', value: E.gd.plus },
    { name: 'gd.minus', label: 'GD baseline runs ending at (−1.254, 0)', is: 'equal', value: E.gd.minus },
  );
  return rows;
}

/** The registry entry (experiments/index.ts). */
export const ridgeRiderFig1: Experiment = {
  id: RIDGE_RIDER_FIG1.id,
  title: RIDGE_RIDER_FIG1.title,
  short: 'the paper\'s Figure 1',
  notes: 'The surface is a reconstruction (the paper\'s formula is unpublished). Dashed grey: the gradient-descent baseline from 16 seeded starts 0.05–0.1 '
    + 'from the maximum. Settings: backtracking α from 0.05 to 10⁻⁴, δ_break 0.95, EndRide on loss or overlap (not λ ≥ 0), GD finish η 0.02.',
  source: 'Parker-Holder et al. 2020, "Ridge Rider: Finding Diverse Solutions by Following Eigenvectors of the Hessian", Figure 1',
  caption: RIDGE_RIDER_FIG1.caption,
  view: 'surface',
  settings: { landscape: RIDGE_RIDER_FIG1.landscape, ridge: { on: true, preset: RIDGE_RIDER_FIG1.id } },
  ridgeRider: fig1Preset(),
  expected: fig1Expected(),
  measure: measureFig1,
};

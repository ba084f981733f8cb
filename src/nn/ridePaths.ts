import type { MnistRrRide } from './mnistRrSettings';

type RideShape = Pick<MnistRrRide, 'fingerprint' | 'steps'>;

/** Each ride's parent among `rides` (the ride [ψ0, …, ψd−1] of fingerprint [ψ0, …, ψd]), or −1. */
export function rideParents(rides: readonly Pick<MnistRrRide, 'fingerprint'>[]): number[] {
  const byKey = new Map(rides.map((r, i) => [r.fingerprint.join(','), i]));
  return rides.map((r) => (r.fingerprint.length > 1 ? byKey.get(r.fingerprint.slice(0, -1).join(',')) ?? -1 : -1));
}

/**
 * Each ride's first point counted in steps from the MIS along its path through the tree (Parker-Holder et al. 2020,
 * Algorithm 1: a child ride branches where its parent ended, so it starts at the parent's start plus the parent's
 * steps), one ride at a time as the search ends them: `start(ride)` returns the ride's start and remembers its end. A
 * ride whose parent has not been seen starts at 0 (the MIS).
 */
export function rideStartTracker(): (ride: RideShape) => number {
  const ends = new Map<string, number>();
  return (r) => {
    const start = r.fingerprint.length > 1 ? ends.get(r.fingerprint.slice(0, -1).join(',')) ?? 0 : 0;
    ends.set(r.fingerprint.join(','), start + r.steps);
    return start;
  };
}

/** rideStartTracker over `rides` in the order the search ended them (each parent before its children). */
export function rideStarts(rides: readonly RideShape[]): number[] {
  return rides.map(rideStartTracker());
}

/** The longest path: the most steps from the MIS any ride reached. */
export function longestPath(rides: readonly RideShape[]): number {
  const starts = rideStarts(rides);
  return rides.reduce((m, r, i) => Math.max(m, starts[i]! + r.steps), 0);
}

/** ψ[0]: the rank of the first ridge's eigenvalue (0: the most negative); a fingerprint entry is 2i + (0 for +v_i, 1 for −v_i). */
export const firstRidgeIndex = (r: Pick<MnistRrRide, 'fingerprint'>): number => Math.floor(r.fingerprint[0]! / 2);

/** Steps [from, to] of the early and late windows for paths of at most `steps` steps: the paper's 200–600 and 4000–5000 of 5000, scaled. */
export function digitWindows(steps: number): { early: [number, number]; late: [number, number] } {
  const at = (f: number) => Math.max(1, Math.round(f * steps));
  return { early: [at(0.04), Math.max(at(0.04), at(0.12))], late: [at(0.8), Math.max(1, steps)] };
}

/**
 * Fig. 5's rows: for each first ridge ψ[0], the test accuracy per digit averaged over every point of its paths whose
 * step from the MIS lies in [from, to] (NaN for a digit when no point does), rows in ψ[0] order.
 */
export function digitMeansByFirstRidge(rides: readonly MnistRrRide[], [from, to]: [number, number]): { psi0: number; means: number[] }[] {
  const parents = rideParents(rides);
  const starts = rideStarts(rides);
  const sums = new Map<number, { sum: number[]; n: number }>();
  rides.forEach((r, i) => {
    const psi0 = firstRidgeIndex(r);
    const acc = sums.get(psi0) ?? { sum: new Array<number>(10).fill(0), n: 0 };
    sums.set(psi0, acc);
    r.digitAccuracy.forEach((row, k) => {
      const at = starts[i]! + k;
      // A child's first point is its parent's last: count it once, with the parent.
      if (at < from || at > to || (k === 0 && parents[i]! >= 0)) return;
      row.forEach((a, d) => { acc.sum[d]! += a; });
      acc.n += 1;
    });
  });
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([psi0, { sum, n }]) => ({ psi0, means: sum.map((x) => (n === 0 ? Number.NaN : x / n)) }));
}

/** A ride's name: its fingerprint, e.g. "0+ 1−" (per branching, the eigen index and the sign: + forwards, − backwards). */
export function rideName(r: { readonly fingerprint: readonly number[] }): string {
  return r.fingerprint.map((x) => `${Math.floor(x / 2)}${x % 2 === 0 ? '+' : '−'}`).join(' ');
}

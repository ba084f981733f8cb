import { rngInt, type Rng } from '../math/rng';

/** A ridge waiting in the archive A of Algorithm 1: {θ^Ψ, e_i, λ_i} plus its place in the search tree. */
export interface ArchiveEntry {
  /** Ride id it will get: ids are assigned when ridges enter the archive, so they number the tree breadth-first per branching. */
  readonly id: number;
  /** Ψ: the ridge indices chosen so far, this ridge's last (getRidges.ts for the scheme). */
  readonly fingerprint: readonly number[];
  /** Id of the ride at whose end this ridge branched off; null at the start. */
  readonly parent: number | null;
  readonly depth: number;
  /** Counter of the branching event that produced it (0 = the start); siblings share it. */
  readonly batch: number;
  /** Where the ride starts and L there. */
  readonly theta: Float64Array;
  readonly f: number;
  /** Unit direction of motion d (the paper's e_i = −d) and its eigenvalue λ_i at θ. */
  readonly direction: Float64Array;
  readonly lambda: number;
  /** The ridge index r = 2i + (0|1). */
  readonly index: number;
}

/**
 * ChooseFromArchive (paper §3: "we can use breadth first search (BFS), depth first search (DFS) or random search.
 * In BFS, the archive is a FIFO queue, while in DFS it is a LIFO queue. Other orderings … such as ranking the
 * archive by the current loss achieved"):
 *   'bfs'     the oldest branching first (FIFO), siblings in ridge-index order;
 *   'dfs'     the newest branching first (LIFO over branchings), siblings in ridge-index order: a plain LIFO stack
 *             would ride the last-pushed sibling (the highest index) first, this rides 0+ first;
 *   'best'    lowest L at the ridge's start first; ties (siblings share their start) by the most negative λ, then
 *             as 'bfs';
 *   'random'  uniform over the archive, by the injected seeded rng.
 */
export type ArchiveOrder = 'bfs' | 'dfs' | 'best' | 'random';

export const ARCHIVE_ORDERS: readonly ArchiveOrder[] = ['bfs', 'dfs', 'best', 'random'];

export function isArchiveOrder(s: string): s is ArchiveOrder {
  return (ARCHIVE_ORDERS as readonly string[]).includes(s);
}

/** Removes and returns the next entry under `order`; undefined when the archive is empty. Mutates `archive`. */
export function chooseFromArchive(archive: ArchiveEntry[], order: ArchiveOrder, rng: Rng): ArchiveEntry | undefined {
  if (archive.length === 0) return undefined;
  let k = 0;
  if (order === 'random') {
    k = rngInt(rng, archive.length);
  } else {
    const better = BETTER[order];
    for (let j = 1; j < archive.length; j++) if (better(archive[j]!, archive[k]!)) k = j;
  }
  return archive.splice(k, 1)[0];
}

const fifo = (a: ArchiveEntry, b: ArchiveEntry): boolean => a.batch < b.batch || (a.batch === b.batch && a.id < b.id);

const BETTER: Readonly<Record<Exclude<ArchiveOrder, 'random'>, (a: ArchiveEntry, b: ArchiveEntry) => boolean>> = {
  bfs: fifo,
  dfs: (a, b) => a.batch > b.batch || (a.batch === b.batch && a.id < b.id),
  best: (a, b) => a.f < b.f || (a.f === b.f && (a.lambda < b.lambda || (a.lambda === b.lambda && fifo(a, b)))),
};

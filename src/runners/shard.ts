/**
 * Splitting a long job across processes: shard k of n (1 ≤ k ≤ n) takes the items i with i mod n = k − 1, so the n
 * shards together take every item once, and an item's result does not depend on the shard that ran it.
 */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/** The whole job: one shard. */
export const WHOLE: Shard = { k: 1, n: 1 };

/** The indices among 0 … count − 1 that shard k of n takes. */
export function shardIndices(count: number, shard: Shard): number[] {
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % shard.n === shard.k - 1);
}

/**
 * Fitness shaping for search-distribution optimizers (es-vo.md §5.2), for MINIMIZATION: every transform is
 * non-decreasing in f, so the worst (largest) f gets the largest utility u and the optimizers take a descent step
 * μ ← μ − η Σ uₙ εₙ (as in Havtorn's `variational-optimization-convergence.py`, es-vo.md §3.1).
 *
 * Non-finite fitness values (NaN, ±∞: a sample outside f's domain, an overflow) are never propagated: such a sample
 * is dropped (its utility is 0 and it is flagged in `used`), the transform is computed over the M finite values only,
 * and the count N − M is reported as `skipped`. Estimators then average over the M used samples.
 */

export type ShapingId = 'none' | 'ranks' | 'nes' | 'nes-havtorn' | 'zscore';
export const SHAPING_IDS: readonly ShapingId[] = ['none', 'ranks', 'nes', 'nes-havtorn', 'zscore'];

export interface Shaped {
  /** uₙ for every sample (0 for a skipped one). */
  readonly u: Float64Array;
  /** 1 where the sample's fitness was finite and is used, 0 where it was skipped. */
  readonly used: Uint8Array;
  /** M: the number of used samples. */
  readonly count: number;
  /** N − M: the number of samples dropped for a non-finite fitness. */
  readonly skipped: number;
}

/**
 * NES utilities (Wierstra et al. 2014, JMLR §3.1; es-vo.md §5.2) for M samples, by rank k = 1..M with k = 1 the
 * sample that gets the LARGEST utility:
 *   uₖ = max(0, ln(M/2 + 1) − ln k) / Σⱼ max(0, ln(M/2 + 1) − ln j) − 1/M.
 * They sum to 0 and their positive part sums to 1 − (number of positive)/M. Returns the M values in rank order.
 */
export function nesUtilities(m: number): Float64Array {
  const out = new Float64Array(m);
  const top = Math.log(m / 2 + 1);
  let sum = 0;
  for (let k = 1; k <= m; k++) {
    const v = Math.max(0, top - Math.log(k));
    out[k - 1] = v;
    sum += v;
  }
  for (let k = 0; k < m; k++) out[k] = (sum > 0 ? out[k]! / sum : 0) - 1 / m;
  return out;
}

/**
 * u = shape(f) over the finite entries of `fitness` (see the file comment for skipped entries):
 *   none    uₙ = fₙ (the raw estimator of Salimans et al. 2017, Algorithm 1; es-vo.md §3.2);
 *   ranks   uₙ = rₙ/(M − 1) − ½ ∈ [−½, ½], rₙ = 0 for the smallest f (centered ranks, OpenAI ES; M = 1 gives 0);
 *   nes     uₙ = −u_k with u_k the NES utilities above and k = 1 the SMALLEST f (Wierstra et al. 2014: the best
 *           sample gets the largest weight; negated so that u grows with f and the step descends);
 *   nes-havtorn  uₙ = u_k with k = 1 the LARGEST f: Havtorn's sort order (es-vo.md §3.1, his convergence script),
 *           the mirror image of 'nes' (NES utilities are not antisymmetric: this one weights the worst samples most);
 *   zscore  uₙ = (fₙ − f̄)/s with s the population standard deviation (0 when s = 0).
 * Ties in ranks and nes are broken by sample index (stable sort), so the result is deterministic.
 */
export function shapeFitness(fitness: ArrayLike<number>, kind: ShapingId): Shaped {
  const n = fitness.length;
  const u = new Float64Array(n);
  const used = new Uint8Array(n);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(fitness[i]!)) {
      used[i] = 1;
      idx.push(i);
    }
  }
  const m = idx.length;
  const result: Shaped = { u, used, count: m, skipped: n - m };
  if (m === 0) return result;
  switch (kind) {
    case 'none':
      for (const i of idx) u[i] = fitness[i]!;
      return result;
    case 'zscore': {
      let mean = 0;
      for (const i of idx) mean += fitness[i]!;
      mean /= m;
      let v = 0;
      for (const i of idx) v += (fitness[i]! - mean) ** 2;
      const s = Math.sqrt(v / m);
      if (s > 0 && Number.isFinite(s)) for (const i of idx) u[i] = (fitness[i]! - mean) / s;
      return result;
    }
    case 'ranks': {
      const order = idx.slice().sort((a, b) => fitness[a]! - fitness[b]! || a - b);
      order.forEach((i, r) => { u[i] = m > 1 ? r / (m - 1) - 0.5 : 0; });
      return result;
    }
    case 'nes':
    case 'nes-havtorn': {
      const w = nesUtilities(m);
      const sign = kind === 'nes' ? 1 : -1;
      const order = idx.slice().sort((a, b) => sign * (fitness[a]! - fitness[b]!) || a - b);
      order.forEach((i, k) => { u[i] = -sign * w[k]!; });
      return result;
    }
    default:
      throw new Error(`unknown fitness shaping ${String(kind)}; use one of ${SHAPING_IDS.join(', ')}`);
  }
}

import { driveAsync, driveSync, lanczosTridiagonal } from './lanczos';
import { rngFromSeed } from './rng';
import { symEig } from './symEig';

/**
 * The eigenvalue density of a symmetric operator known through H v, by stochastic Lanczos quadrature (Lin, Saad &
 * Yang 2016; as Ghorbani, Krishnan & Xiao 2019 apply it to neural networks' Hessians).
 *
 * For a random unit v (Rademacher entries), m Lanczos steps give T_m = Σ_i θ_i y_i y_iᵀ; the Gauss quadrature
 * vᵀ f(H) v ≈ Σ_i τ_i f(θ_i), τ_i = (y_i)₀², is exact for polynomials of degree < 2m and for every f when m = n. With
 * E[v vᵀ] = I/n, the average over draws estimates the density φ(t) = (1/n) Σ_j δ(t − λ_j), here broadened by a
 * Gaussian of variance σ² (in units where the spectrum's range is [−1, 1], Ghorbani et al.'s convention):
 *   φ_σ(t) = (1/draws) Σ_d Σ_i τ_i^(d) N(t; θ_i^(d), σ²).
 */
export interface SlqOptions {
  /** Lanczos steps per draw (m). Default 80 (Ghorbani et al.), at most n. */
  readonly steps?: number;
  /** Random start vectors. Default 10. */
  readonly draws?: number;
  readonly seed?: number;
  /** Broadening variance in normalized units (the range of the nodes mapped to [−1, 1]). Default 1e-5. */
  readonly sigma2?: number;
  /** Points of the density's grid. Default 1000. */
  readonly gridPoints?: number;
}

export interface SlqResult {
  /** Per draw: the quadrature nodes θ_i (ascending) and weights τ_i (summing to 1). */
  readonly nodes: Float64Array[];
  readonly weights: Float64Array[];
  /** The density φ_σ on an even grid spanning the nodes (5% margin); it integrates to 1. */
  readonly grid: Float64Array;
  readonly density: Float64Array;
  /** The broadening's standard deviation in the spectrum's units. */
  readonly sigma: number;
  readonly matvecs: number;
}

/** The quadrature as a generator of products (see lanczos.ts's drivers). */
export function* slqSteps(n: number, options: SlqOptions = {}): Generator<Float64Array, SlqResult, ArrayLike<number>> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`the operator's size must be a positive integer, got ${String(n)}`);
  const steps = Math.min(n, options.steps ?? 80);
  const draws = options.draws ?? 10;
  const sigma2 = options.sigma2 ?? 1e-5;
  const points = options.gridPoints ?? 1000;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps must be a positive integer, got ${String(options.steps)}`);
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${String(options.draws)}`);
  if (!(sigma2 > 0)) throw new Error(`sigma2 must be positive, got ${String(options.sigma2)}`);
  if (!Number.isInteger(points) || points < 2) throw new Error(`gridPoints must be an integer of at least 2, got ${String(options.gridPoints)}`);
  const rng = rngFromSeed(options.seed ?? 1);
  const nodes: Float64Array[] = [];
  const weights: Float64Array[] = [];
  let matvecs = 0;
  for (let d = 0; d < draws; d++) {
    const v = Float64Array.from({ length: n }, () => (rng() < 0.5 ? -1 : 1));
    const gen = lanczosTridiagonal(v, steps);
    let it = gen.next();
    while (!it.done) { matvecs++; it = gen.next(yield it.value); }
    const { alpha, beta } = it.value;
    const m = alpha.length;
    const t = new Float64Array(m * m);
    for (let i = 0; i < m; i++) { t[i * m + i] = alpha[i]!; if (i + 1 < m) { t[i * m + i + 1] = beta[i]!; t[(i + 1) * m + i] = beta[i]!; } }
    const eig = symEig(t, m);
    nodes.push(Float64Array.from(eig.values));
    weights.push(Float64Array.from({ length: m }, (_, i) => eig.vectors[i * m]! ** 2));
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of nodes) { lo = Math.min(lo, x[0]!); hi = Math.max(hi, x[x.length - 1]!); }
  const half = Math.max((hi - lo) / 2, 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)));
  const sigma = Math.sqrt(sigma2) * half;
  const pad = Math.max(0.05 * (hi - lo), 4 * sigma);
  const grid = Float64Array.from({ length: points }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / (points - 1));
  const density = new Float64Array(points);
  const c = 1 / (draws * sigma * Math.sqrt(2 * Math.PI));
  for (let d = 0; d < draws; d++) {
    const x = nodes[d]!;
    const w = weights[d]!;
    for (let i = 0; i < x.length; i++) {
      // Only grid points within 8σ of the node matter.
      const from = Math.max(0, Math.floor(((x[i]! - 8 * sigma - grid[0]!) / (grid[points - 1]! - grid[0]!)) * (points - 1)));
      const to = Math.min(points - 1, Math.ceil(((x[i]! + 8 * sigma - grid[0]!) / (grid[points - 1]! - grid[0]!)) * (points - 1)));
      for (let g = from; g <= to; g++) {
        const z = (grid[g]! - x[i]!) / sigma;
        density[g] = density[g]! + c * w[i]! * Math.exp(-0.5 * z * z);
      }
    }
  }
  return { nodes, weights, grid, density, sigma, matvecs };
}

/** The density with a synchronous product (`matvec(v, out)` writes H v into out). */
export function slq(n: number, matvec: (v: Float64Array, out: Float64Array) => void, options: SlqOptions = {}): SlqResult {
  return driveSync(slqSteps(n, options), n, matvec);
}

/** The density with an asynchronous product, with progress (products so far) and cancel. */
export function slqAsync(n: number, matvec: (v: Float64Array) => Promise<ArrayLike<number>>, options: SlqOptions = {},
  onProgress?: (matvecs: number) => void, signal?: AbortSignal): Promise<SlqResult> {
  return driveAsync(slqSteps(n, options), matvec, onProgress, signal);
}

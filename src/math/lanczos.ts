import { normalFill, rngFromSeed, type Rng } from './rng';
import { symEig } from './symEig';
import { vecDot, vecNorm } from './vec';

/**
 * Extreme eigenpairs of a symmetric operator known only through products H v: thick-restart Lanczos (Wu & Simon
 * 2000, "Thick-restart Lanczos method for large symmetric eigenvalue problems"; the Krylov–Schur form of Stewart
 * 2001) with full reorthogonalization, in Float64 whatever precision the products come in.
 *
 * One cycle extends an orthonormal basis V = [v₀ … v_{m−1}] by H v_j, orthogonalized twice against every basis
 * vector and every locked vector (classical Gram–Schmidt, twice), which gives H V = V M + β v_m e_{m−1}ᵀ with M the
 * coefficients (symmetric up to rounding; its symmetric part is used). The Ritz pairs (θ_i, V y_i) of M approximate
 * eigenpairs with residual ‖H V y_i − θ_i V y_i‖ = β |y_i[m−1]|. A restart keeps the wanted Ritz vectors and their
 * neighbours (half of the rest) and the residual direction v_m, so that M becomes diag(θ) bordered by β y_i[m−1].
 * An invariant subspace (β ≈ 0) continues from a fresh random vector orthogonal to the basis.
 *
 * Single-vector Lanczos finds one copy of a repeated eigenvalue (in exact arithmetic the start vector's component in
 * the eigenspace is all it sees). With `verify` (the default) the converged pairs are locked and a fresh run on the
 * deflated operator (I − P) H (I − P) looks for an eigenvalue further out than the last wanted one; one found (the
 * next copy of a repeated eigenvalue, or a pair the first run missed) joins the set, and the search repeats. This
 * costs another Lanczos run per round, and it is what makes multiplicities right.
 */

export type LanczosWhich = 'smallest' | 'largest' | 'both';

export interface LanczosOptions {
  /** Eigenpairs wanted at each end asked for ('both': k smallest and k largest). */
  readonly k: number;
  readonly which: LanczosWhich;
  /** Converged when ‖H x − θ x‖ ≤ tol · ‖H‖ (‖H‖ estimated by the largest |θ| seen). Default 1e-8. */
  readonly tol?: number;
  /** Cap on products H v, all runs and the final residuals included. Default max(1000, 50 · ncv). */
  readonly maxMatvecs?: number;
  /** Basis size per cycle. Default min(n, max(2 k' + 1, 20)), k' the number wanted (ARPACK's ncv rule). */
  readonly ncv?: number;
  /** Seed of the random start vectors. Default 1. */
  readonly seed?: number;
  /** Search the deflated operator for eigenvalues the first run missed (repeated ones). Default true. */
  readonly verify?: boolean;
  /** The first run's start vector (a warm start: the previous eigenvector); default a seeded random one. */
  readonly start?: ArrayLike<number>;
}

export interface LanczosResult {
  /** The eigenvalues found, ascending; `vectors[i]` is the unit eigenvector of `values[i]`. */
  readonly values: Float64Array;
  readonly vectors: Float64Array[];
  /** ‖H v − λ v‖ of each pair, computed with one more product each (same order). */
  readonly residuals: Float64Array;
  /** Products H v used, the residuals' included. */
  readonly matvecs: number;
  readonly restarts: number;
  /** Every pair met the tolerance before the cap. */
  readonly converged: boolean;
  /** ‖H‖ as estimated (the largest |θ| seen): the scale of the tolerance. */
  readonly scale: number;
}

/** A step of the solver: the vector it wants multiplied; it is resumed with H v (length n). */
export type LanczosSteps = Generator<Float64Array, LanczosResult, ArrayLike<number>>;

interface Ritz { readonly values: number[]; readonly vectors: Float64Array[]; readonly estimates: number[]; readonly converged: boolean }

interface Shared {
  readonly n: number;
  readonly tol: number;
  readonly ncv: number;
  readonly rng: Rng;
  maxMatvecs: number;
  matvecs: number;
  restarts: number;
  scale: number;
}

function axpy(y: Float64Array, a: number, x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] = y[i]! + a * x[i]!;
}

function normalize(v: Float64Array, n: number): number {
  const s = vecNorm(v, n);
  if (s > 0) for (let i = 0; i < n; i++) v[i] = v[i]! / s;
  return s;
}

/** w ← w − Σ (u·w) u over `basis` (twice); the coefficients of the first `count` vectors are added into `coef`. */
function orthogonalize(w: Float64Array, n: number, locked: readonly Float64Array[], basis: readonly Float64Array[], count: number, coef: Float64Array | null): void {
  for (let pass = 0; pass < 2; pass++) {
    for (const u of locked) axpy(w, -vecDot(u, w, n), u, n);
    for (let i = 0; i < count; i++) {
      const c = vecDot(basis[i]!, w, n);
      axpy(w, -c, basis[i]!, n);
      if (coef) coef[i] = coef[i]! + c;
    }
  }
}

/** A random unit vector orthogonal to `locked` and the first `count` of `basis` (null when they span everything). */
function randomOrthogonal(s: Shared, locked: readonly Float64Array[], basis: readonly Float64Array[], count: number): Float64Array | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const v = normalFill(s.rng, new Float64Array(s.n));
    normalize(v, s.n);
    orthogonalize(v, s.n, locked, basis, count, null);
    if (normalize(v, s.n) > 1e-8) return v;
  }
  return null;
}

/**
 * Thick-restart Lanczos on the operator deflated by `locked` (orthonormal): the `lo` smallest and `hi` largest Ritz
 * pairs, to the tolerance or until the product cap.
 */
function* thickRestart(s: Shared, lo: number, hi: number, locked: readonly Float64Array[], from?: ArrayLike<number>): Generator<Float64Array, Ritz, ArrayLike<number>> {
  const n = s.n;
  const m = Math.min(s.ncv, n - locked.length);
  const wanted = Math.min(m, lo + hi);
  const empty: Ritz = { values: [], vectors: [], estimates: [], converged: true };
  if (wanted === 0) return empty;
  let start: Float64Array | null = null;
  if (from) {
    start = Float64Array.from(from);
    orthogonalize(start, n, locked, [], 0, null);
    if (!(normalize(start, n) > 1e-8)) start = null;
  }
  start ??= randomOrthogonal(s, locked, [], 0);
  if (!start) return empty;
  const V: Float64Array[] = [start];
  const T = new Float64Array(m * m);
  const coef = new Float64Array(m);
  let l = 0;
  let beta = 0;
  for (;;) {
    for (let j = l; j < m; j++) {
      const hv = yield V[j]!;
      s.matvecs++;
      const w = Float64Array.from(hv as ArrayLike<number>);
      if (w.length !== n) throw new Error(`the product H v has ${w.length} entries, not ${n}`);
      coef.fill(0);
      orthogonalize(w, n, locked, V, j + 1, coef);
      for (let i = 0; i <= j; i++) T[i * m + j] = coef[i]!;
      beta = normalize(w, n);
      if (j + 1 === m) { V[m] = w; break; }
      if (beta <= 1e-10 * Math.max(s.scale, Math.abs(coef[j]!))) {
        // An invariant subspace: continue from a fresh direction (no coupling to the basis so far).
        const fresh = randomOrthogonal(s, locked, V, j + 1);
        if (!fresh) { beta = 0; V[m] = new Float64Array(n); break; }
        V[j + 1] = fresh;
        T[(j + 1) * m + j] = 0;
      } else {
        V[j + 1] = w;
        T[(j + 1) * m + j] = beta;
      }
    }
    const sym = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sym[i * m + j] = 0.5 * (T[i * m + j]! + T[j * m + i]!);
    const eig = symEig(sym, m);
    s.scale = Math.max(s.scale, Math.abs(eig.values[0]!), Math.abs(eig.values[m - 1]!));
    const lastOf = (i: number) => eig.vectors[i * m + m - 1]!;
    const want = [...Array.from({ length: Math.min(lo, m) }, (_, i) => i), ...Array.from({ length: Math.min(hi, m) }, (_, i) => m - 1 - i)]
      .filter((i, idx, all) => all.indexOf(i) === idx).sort((a, b) => a - b);
    const estimates = want.map((i) => Math.abs(beta * lastOf(i)));
    const converged = estimates.every((e) => e <= s.tol * s.scale);
    const ritzVector = (i: number) => {
      const x = new Float64Array(n);
      for (let j = 0; j < m; j++) axpy(x, eig.vectors[i * m + j]!, V[j]!, n);
      return x;
    };
    if (converged || s.matvecs + (m - wanted) >= s.maxMatvecs) {
      return { values: want.map((i) => eig.values[i]!), vectors: want.map(ritzVector), estimates, converged };
    }
    // Thick restart: the wanted Ritz vectors and half of the rest nearest the wanted ends, then the residual direction.
    const spare = m - 1 - wanted;
    const extraLo = lo > 0 ? (hi > 0 ? Math.floor(spare / 4) : Math.floor(spare / 2)) : 0;
    const extraHi = hi > 0 ? (lo > 0 ? Math.floor(spare / 4) : Math.floor(spare / 2)) : 0;
    const keep = [...Array.from({ length: Math.min(lo + extraLo, m) }, (_, i) => i), ...Array.from({ length: Math.min(hi + extraHi, m) }, (_, i) => m - 1 - i)]
      .filter((i, idx, all) => all.indexOf(i) === idx).sort((a, b) => a - b).slice(0, m - 1);
    const kept = keep.map(ritzVector);
    const residual = V[m]!;
    T.fill(0);
    keep.forEach((i, r) => { T[r * m + r] = eig.values[i]!; T[keep.length * m + r] = beta * lastOf(i); });
    V.length = 0;
    V.push(...kept, residual);
    l = keep.length;
    s.restarts++;
  }
}

/**
 * The solver as a generator: it yields each vector to multiply and is resumed with H v; it returns the eigenpairs
 * (ascending), their residuals and the product count. The sync and async drivers below run it.
 */
export function* lanczosSteps(n: number, options: LanczosOptions): LanczosSteps {
  const { k, which } = options;
  if (!Number.isInteger(n) || n < 1) throw new Error(`the operator's size must be a positive integer, got ${String(n)}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${String(k)}`);
  const lo = which === 'largest' ? 0 : Math.min(k, n);
  const hi = which === 'smallest' ? 0 : Math.min(k, n);
  if (lo + hi > n) throw new Error(`asked for ${lo + hi} eigenpairs of an operator of size ${n}`);
  const ncv = Math.min(n, Math.max(options.ncv ?? Math.max(2 * (lo + hi) + 1, 20), lo + hi + 1));
  const tol = options.tol ?? 1e-8;
  if (!(tol > 0)) throw new Error(`tol must be positive, got ${String(tol)}`);
  const s: Shared = {
    n, tol, ncv, rng: rngFromSeed(options.seed ?? 1), maxMatvecs: options.maxMatvecs ?? Math.max(1000, 50 * ncv),
    matvecs: 0, restarts: 0, scale: 0,
  };
  s.maxMatvecs -= lo + hi; // room for the final residuals
  if (options.start && (options.start.length !== n || !Array.from(options.start).every(Number.isFinite))) {
    throw new Error(`the start vector must have ${n} finite entries`);
  }
  const first = yield* thickRestart(s, lo, hi, [], options.start);
  let pairs = first.values.map((value, i) => ({ value, vector: first.vectors[i]!, estimate: first.estimates[i]! }));
  let converged = first.converged;
  if (options.verify ?? true) {
    for (let round = 0; converged && round < lo + hi && s.matvecs < s.maxMatvecs; round++) {
      const locked = pairs.map((p) => p.vector);
      const probe = yield* thickRestart(s, lo > 0 ? 1 : 0, hi > 0 ? 1 : 0, locked);
      if (!probe.converged) { converged = false; break; }
      const margin = s.tol * s.scale;
      const byValue = [...pairs].sort((a, b) => a.value - b.value);
      const found = probe.values.map((value, i) => ({ value, vector: probe.vectors[i]!, estimate: probe.estimates[i]! }));
      const better = found.filter((f) => (lo > 0 && f.value < byValue[lo - 1]!.value - margin) || (hi > 0 && f.value > byValue[byValue.length - hi]!.value + margin));
      if (better.length === 0) break;
      const all = [...byValue, ...better].sort((a, b) => a.value - b.value);
      pairs = [...all.slice(0, lo), ...all.slice(all.length - hi).filter((p) => !all.slice(0, lo).includes(p))];
    }
  }
  pairs.sort((a, b) => a.value - b.value);
  const residuals = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const { value, vector } = pairs[i]!;
    const hv = yield vector;
    s.matvecs++;
    let r = 0;
    for (let j = 0; j < n; j++) { const d = hv[j]! - value * vector[j]!; r += d * d; }
    residuals[i] = Math.sqrt(r);
  }
  return {
    values: Float64Array.from(pairs, (p) => p.value), vectors: pairs.map((p) => p.vector), residuals,
    matvecs: s.matvecs, restarts: s.restarts, converged: converged && pairs.every((p) => p.estimate <= s.tol * s.scale), scale: s.scale,
  };
}

/**
 * m steps of plain Lanczos from `start` (normalized here) with full reorthogonalization: the tridiagonal T_m of the
 * Krylov space, diagonal α and off-diagonal β. Fewer steps when the Krylov space turns out invariant (β ≈ 0). The
 * building block of stochastic Lanczos quadrature (slq.ts).
 */
export function* lanczosTridiagonal(start: ArrayLike<number>, m: number): Generator<Float64Array, { alpha: Float64Array; beta: Float64Array }, ArrayLike<number>> {
  const n = start.length;
  const v0 = Float64Array.from(start);
  if (!(normalize(v0, n) > 0)) throw new Error('the start vector is zero');
  const V: Float64Array[] = [v0];
  const alpha: number[] = [];
  const beta: number[] = [];
  const coef = new Float64Array(Math.min(m, n) + 1);
  let scale = 0;
  for (let j = 0; j < Math.min(m, n); j++) {
    const w = Float64Array.from(yield V[j]!);
    if (w.length !== n) throw new Error(`the product H v has ${w.length} entries, not ${n}`);
    coef.fill(0);
    orthogonalize(w, n, [], V, j + 1, coef);
    alpha.push(coef[j]!);
    scale = Math.max(scale, Math.abs(coef[j]!), j > 0 ? beta[j - 1]! : 0);
    const b = normalize(w, n);
    if (j + 1 === Math.min(m, n) || b <= 1e-10 * scale) break;
    beta.push(b);
    V.push(w);
  }
  return { alpha: Float64Array.from(alpha), beta: Float64Array.from(beta) };
}

/** Runs a generator of products (the solvers here) with a synchronous product: `matvec(v, out)` writes H v into out. */
export function driveSync<R>(steps: Generator<Float64Array, R, ArrayLike<number>>, n: number, matvec: (v: Float64Array, out: Float64Array) => void): R {
  const out = new Float64Array(n);
  let it = steps.next();
  while (!it.done) {
    matvec(it.value, out);
    it = steps.next(out);
  }
  return it.value;
}

/**
 * Runs a generator of products with an asynchronous product (a GPU read-back), reporting the product count after
 * each one and stopping with an AbortError when `signal` aborts.
 */
export async function driveAsync<R>(steps: Generator<Float64Array, R, ArrayLike<number>>, matvec: (v: Float64Array) => Promise<ArrayLike<number>>,
  onProgress?: (matvecs: number) => void, signal?: AbortSignal): Promise<R> {
  let it = steps.next();
  let count = 0;
  while (!it.done) {
    if (signal?.aborted) throw new DOMException('the eigensolver was cancelled', 'AbortError');
    const hv = await matvec(it.value);
    onProgress?.(++count);
    it = steps.next(hv);
  }
  return it.value;
}

/** The solver with a synchronous product (`matvec(v, out)` writes H v into out; it must not change v). */
export function lanczos(n: number, matvec: (v: Float64Array, out: Float64Array) => void, options: LanczosOptions): LanczosResult {
  return driveSync(lanczosSteps(n, options), n, matvec);
}

/** The solver with an asynchronous product, with progress (products so far) and cancel. */
export function lanczosAsync(n: number, matvec: (v: Float64Array) => Promise<ArrayLike<number>>, options: LanczosOptions,
  onProgress?: (matvecs: number) => void, signal?: AbortSignal): Promise<LanczosResult> {
  return driveAsync(lanczosSteps(n, options), matvec, onProgress, signal);
}

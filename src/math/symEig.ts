import { symEig2 } from './symEig2';

/**
 * Eigen-decomposition of a real symmetric n × n matrix, A = V Λ Vᵀ, in Float64 for n up to a few hundred.
 * Layout (row-major throughout):
 *   input   a[i·n + j] = A_ij; only the average ½(A_ij + A_ji) is used, so a slightly asymmetric matrix (rounding in
 *           a Hessian) is read as its symmetric part;
 *   values  λ₀ ≤ λ₁ ≤ … ≤ λ_{n−1} (ascending);
 *   vectors ROW k is the unit eigenvector v_k of λ_k: vectors[k·n + j] = (v_k)_j  (i.e. Vᵀ, not V).
 * Sign convention: each v_k has its largest-magnitude entry positive (ties within 10⁻⁹ relative: the lowest index),
 * so ±v_k is reproducible and "+v_k" means the same direction on every platform. Within a repeated eigenvalue the
 * basis is whatever the algorithm returns (any orthonormal basis of the eigenspace is correct).
 */
export interface SymEigResult {
  readonly n: number;
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/** Buffers for `symEig`, reusable across calls of the same n (a Ridge Rider step decomposes a Hessian every step). */
export interface SymEigWorkspace extends SymEigResult {
  /** Scratch: n × n, and two of length n. */
  readonly work: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
}

export function createSymEigWorkspace(n: number): SymEigWorkspace {
  if (!Number.isInteger(n) || n < 1) throw new Error(`symEig needs a positive integer size, got ${String(n)}`);
  return { n, values: new Float64Array(n), vectors: new Float64Array(n * n), work: new Float64Array(n * n), d: new Float64Array(n), e: new Float64Array(n) };
}

/**
 * Symmetric eigen-decomposition (layout and sign convention: SymEigResult). n = 1 is trivial, n = 2 uses the
 * closed form of symEig2, n ≥ 3 the Householder tridiagonalization and implicit QL iteration with Wilkinson-type
 * shifts of EISPACK tred2/tql2 (Wilkinson & Reinsch 1971, "Handbook for Automatic Computation II", contributions
 * II/2 and II/3; in the form of the public-domain JAMA library). Cost ≈ 9n³ flops (about 2 ms for n = 100 in V8);
 * backward stable: ‖A V − V Λ‖ and ‖VᵀV − I‖ are O(ε_mach·‖A‖) and O(ε_mach). A non-finite entry gives NaN values and
 * vectors (no exception); so does a failure to converge in 30·n QL iterations per eigenvalue, which does not occur for
 * finite input. Writes into `ws` (allocated when omitted) and returns it.
 */
export function symEig(a: ArrayLike<number>, n: number, ws: SymEigWorkspace = createSymEigWorkspace(n)): SymEigWorkspace {
  if (ws.n !== n) throw new Error(`symEig workspace is for n = ${ws.n}, not ${n}`);
  if (a.length < n * n) throw new Error(`symEig needs ${n * n} entries, got ${a.length}`);
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(a[i]!)) return fillNaN(ws);
  }
  if (n === 1) {
    ws.values[0] = a[0]!;
    ws.vectors[0] = 1;
    return ws;
  }
  if (n === 2) {
    const e = symEig2(a[0]!, 0.5 * (a[1]! + a[2]!), a[3]!);
    ws.values[0] = e.l1;
    ws.values[1] = e.l2;
    ws.vectors.set([e.e1x, e.e1y, -e.e1y, e.e1x]);
    canonicalSigns(ws.vectors, n);
    return ws;
  }
  return symEigQL(a, n, ws);
}

/**
 * The general path of `symEig` for any n ≥ 1 (tred2 + tql2, see there), without the n ≤ 2 shortcuts; exported so that
 * tests can compare the two paths. Input must be finite.
 */
export function symEigQL(a: ArrayLike<number>, n: number, ws: SymEigWorkspace = createSymEigWorkspace(n)): SymEigWorkspace {
  const V = ws.work;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) V[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
  }
  tred2(V, ws.d, ws.e, n);
  // tql2 rotates columns of V; on W = Vᵀ the same rotations touch contiguous rows, and W's rows are the eigenvectors.
  const W = ws.vectors;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[j * n + i] = V[i * n + j]!;
  if (!tql2(W, ws.d, ws.e, n)) return fillNaN(ws);
  ws.values.set(ws.d);
  canonicalSigns(W, n);
  return ws;
}

function fillNaN(ws: SymEigWorkspace): SymEigWorkspace {
  ws.values.fill(NaN);
  ws.vectors.fill(NaN);
  return ws;
}

/** Flips each row of `rows` (n × n) so that its largest-|·| entry (first within 10⁻⁹ relative) is positive. */
function canonicalSigns(rows: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const o = k * n;
    let max = 0;
    for (let j = 0; j < n; j++) max = Math.max(max, Math.abs(rows[o + j]!));
    let j = 0;
    while (j < n - 1 && Math.abs(rows[o + j]!) < (1 - 1e-9) * max) j++;
    if (rows[o + j]! < 0) for (let i = 0; i < n; i++) rows[o + i] = -rows[o + i]!;
  }
}

/** √(a² + b²) without overflow for large entries (Math.hypot is several times slower in V8). */
function hypot2(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) { const r = y / x; return x * Math.sqrt(1 + r * r); }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Householder reduction of the symmetric V (row-major, overwritten by the accumulated orthogonal transform Q) to
 * tridiagonal form T = QᵀAQ: diagonal in d, sub-diagonal in e[1..n−1] (e[0] = 0). EISPACK tred2.
 */
function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j]! * d[k]!;
          e[k] = e[k]! + V[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j] = V[k * n + j]! - (f * e[k]! + g * d[k]!);
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j] = V[k * n + j]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]!;
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL with shifts on the tridiagonal (d, e), applying the rotations to the rows of W (= Qᵀ, row-major); on
 * return d holds the eigenvalues ascending and row k of W the eigenvector of d[k]. EISPACK tql2. False when an
 * eigenvalue needs more than 30·n iterations.
 */
function tql2(W: Float64Array, d: Float64Array, e: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIter = 30 * n;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > maxIter) return false;
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot2(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          const oi = i * n;
          const oj = oi + n;
          for (let k = 0; k < n; k++) {
            const wk = W[oj + k]!;
            const vk = W[oi + k]!;
            W[oj + k] = s * vk + c * wk;
            W[oi + k] = c * vk - s * wk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  // Selection sort, ascending, swapping rows of W.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) { k = j; p = d[j]!; }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = W[i * n + j]!;
        W[i * n + j] = W[k * n + j]!;
        W[k * n + j] = t;
      }
    }
  }
  return true;
}

import { vecDot, vecNorm } from '../math/vec';

/**
 * Approximate UpdateRidge (Parker-Holder et al. 2020, §3 "Approximate RR", Algorithm 2, and the authors' blog): after
 * the step θ ← θ − α e, the ridge (e, λ) is refreshed from Hessian-vector products alone by a few gradient steps on
 *   L(e, λ; θ) = ‖(1/λ) H(θ) ê − ê‖²,  ê = e / ‖e‖,
 * whose minima with L = 0 are exactly the eigenpairs of H(θ) (Theorem 2: started near an eigenpair whose eigenvalue
 * is simple, the steps converge to it). λ is warm-started from the previous pair, λ ≈ λ′ + ê′ᵀ(H(θ) − H(θ′))ê′ =
 * ê′ᵀ H(θ) ê′ for an eigenpair (λ′, ê′) of H(θ′): the Rayleigh quotient at the new θ.
 *
 * With u = H ê and r = u / λ − ê, the gradients are
 *   ∂L/∂λ = −2 rᵀu / λ²,   ∂L/∂ê = 2 (H r / λ − r),   ∂L/∂e = (I − ê êᵀ) ∂L/∂ê / ‖e‖,
 * two products per step (H ê and H r). Steps are gradient descent with rates lrE·λ² and lrLambda·λ² (the paper's
 * LR_e and LR_λ, scaled by λ²): λ²∂L/∂ê = 2(H − λ)²ê, and near the pair λ²∂L/∂λ ≈ −2(λ* − λ), so the rates do not
 * blow up as λ → 0 at a ride's end. Departure from plain steps, by experiment (test/unit/approxCurvature.test.ts's
 * problem): with plain steps every ride ended early on δ_break, its λ estimate off by 2.4 to 8.8; scaled, the rides
 * end on curvature where exact Ridge Rider's do. Stable for lrE < 1/max_j (λ_j − λ)². lrE = 0 keeps e fixed (the
 * paper's ablation that follows the initial eigenvector).
 *
 * Past that bound a step multiplies e's part along the eigenvector of λ_j by |1 − 2·lrE·(λ_j − λ)²| > 1: as training
 * sharpens the largest eigenvalue, plain steps carry e onto the steepest directions, off its ridge. With `backtrack`,
 * a step that raises L is undone and retried at half the rates (for the rest of this update), and one more product
 * checks the last step, so that L never ends above the lowest value measured.
 */
export interface ApproxUpdateOptions {
  /** Gradient steps S on (e, λ). */
  readonly inner: number;
  readonly lrE: number;
  readonly lrLambda: number;
  /** Warm-start λ from the Rayleigh quotient at the new θ (one more product). Default true. */
  readonly warmStart?: boolean;
  /**
   * 'lambda2' (default): rates lrE·λ² and lrLambda·λ² (see above); 'plain': the rates as given, the paper's plain
   * gradient steps, for its published LR_e and LR_λ (Figs. 4 and 5).
   */
  readonly stepScale?: 'lambda2' | 'plain';
  /** Undo a step that raises L and go on at half the rates (see above). Default false: the paper's plain steps. */
  readonly backtrack?: boolean;
  /**
   * The returned e: 'unit' (default), ê, so that every ride step θ ← θ − αê has length α; 'carried', e as the steps
   * left it. L depends on e only through ê, so each step on e is at right angles to it and ‖e‖ only grows:
   * ‖e − η g‖² = ‖e‖² + η²‖g‖² with g ⊥ e. Carried from step to step, as Algorithm 2's e may be (it shows no
   * renormalization, and its L normalizes e, which a unit e would not need), the ride's steps α‖e‖ lengthen with the
   * UpdateRidge steps taken.
   */
  readonly norm?: 'unit' | 'carried';
}

export interface ApproxUpdateResult {
  /** The refreshed direction (a unit vector unless `norm` is 'carried') and eigenvalue estimate. */
  readonly e: Float64Array;
  readonly lambda: number;
  /** L(e, λ) before the last step (with backtrack: at the returned pair), and the products used. */
  readonly loss: number;
  readonly matvecs: number;
  /** The rates' final factor: 1, or 1/2ᵏ after k steps that raised L were undone (backtrack). */
  readonly rateFactor: number;
}

/** The update as a generator of products (math/lanczos.ts's driveSync / driveAsync run it). */
export function* approxUpdateRidgeSteps(e0: ArrayLike<number>, lambda0: number, o: ApproxUpdateOptions): Generator<Float64Array, ApproxUpdateResult, ArrayLike<number>> {
  const n = e0.length;
  if (!Number.isInteger(o.inner) || o.inner < 0) throw new Error(`inner steps must be a non-negative integer, got ${String(o.inner)}`);
  if (!(o.lrE >= 0) || !(o.lrLambda >= 0)) throw new Error('the learning rates must be non-negative numbers');
  const e = Float64Array.from(e0);
  let norm = vecNorm(e, n);
  if (!(norm > 0)) throw new Error('the ridge direction is zero');
  let lambda = lambda0;
  let matvecs = 0;
  const unit = () => Float64Array.from(e, (x) => x / norm);
  if (o.warmStart ?? true) {
    const h = unit();
    const u = yield h;
    matvecs++;
    lambda = vecDot(h, u, n);
  }
  let loss = NaN;
  let rate = 1;
  // Backtracking: the pair before the last step, L there and the step taken from it (the projected ∂L/∂e and ∂L/∂λ).
  const last = { e: new Float64Array(n), lambda: 0, loss: Infinity, dir: new Float64Array(n), gLambda: 0, k2: 0, norm: 0 };
  /** The step from the pair before it at the current rates. */
  const stepFromLast = () => {
    for (let i = 0; i < n; i++) e[i] = last.e[i]! - (o.lrE * rate * last.k2 * last.dir[i]!) / last.norm;
    lambda = last.lambda - o.lrLambda * rate * last.k2 * last.gLambda;
    norm = vecNorm(e, n);
  };
  /** Undoes the last step if L rose (`now`: L at the current pair): back to the pair before it; true when undone. */
  const undoRise = (now: number) => {
    if (!o.backtrack || !(now > last.loss)) return false;
    e.set(last.e); lambda = last.lambda; norm = last.norm; loss = last.loss;
    rate /= 2;
    return true;
  };
  let stepped = false;
  for (let s = 0; s < o.inner; s++) {
    if (lambda === 0 || !Number.isFinite(lambda)) break;
    const h = unit();
    const u = Float64Array.from(yield h);
    matvecs++;
    const r = Float64Array.from(u, (x, i) => x / lambda - h[i]!);
    const now = vecDot(r, r, n);
    if (stepped && undoRise(now)) {
      // Retry the undone step at half the rates; the next pass measures it.
      stepFromLast();
      continue;
    }
    loss = now;
    const hr = Float64Array.from(yield r);
    matvecs++;
    const gLambda = (-2 * vecDot(r, u, n)) / (lambda * lambda);
    // ∂L/∂ê, then projected off ê and scaled by 1/‖e‖.
    const g = Float64Array.from(hr, (x, i) => 2 * (x / lambda - r[i]!));
    const along = vecDot(g, h, n);
    // Steps scaled by λ²: the gradient of ‖(1/λ)Hê − ê‖² grows as 1/λ² when λ → 0 (a ride's end), where plain steps
    // overshoot; λ²∂L/∂ê = 2(H − λ)²ê and λ²∂L/∂λ ≈ −2(λ* − λ) near the pair, so the rates do not depend on |λ|.
    const k2 = (o.stepScale ?? 'lambda2') === 'plain' ? 1 : lambda * lambda;
    last.e.set(e); last.lambda = lambda; last.loss = now; last.norm = norm; last.k2 = k2; last.gLambda = gLambda;
    for (let i = 0; i < n; i++) last.dir[i] = g[i]! - along * h[i]!;
    stepFromLast();
    stepped = true;
  }
  if (o.backtrack && stepped && lambda !== 0 && Number.isFinite(lambda)) {
    // The last step, measured: undone if it raised L.
    const h = unit();
    const u = yield h;
    matvecs++;
    const r = Float64Array.from(u, (x, i) => x / lambda - h[i]!);
    const now = vecDot(r, r, n);
    if (!undoRise(now)) loss = now;
  }
  return { e: o.norm === 'carried' ? e : unit(), lambda, loss, matvecs, rateFactor: rate };
}

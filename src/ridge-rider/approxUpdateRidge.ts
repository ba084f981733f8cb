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
}

export interface ApproxUpdateResult {
  /** The refreshed unit direction and eigenvalue estimate. */
  readonly e: Float64Array;
  readonly lambda: number;
  /** L(e, λ) before the last step, and the products used. */
  readonly loss: number;
  readonly matvecs: number;
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
  for (let s = 0; s < o.inner; s++) {
    if (lambda === 0 || !Number.isFinite(lambda)) break;
    const h = unit();
    const u = Float64Array.from(yield h);
    matvecs++;
    const r = Float64Array.from(u, (x, i) => x / lambda - h[i]!);
    loss = vecDot(r, r, n);
    const hr = Float64Array.from(yield r);
    matvecs++;
    const gLambda = (-2 * vecDot(r, u, n)) / (lambda * lambda);
    // ∂L/∂ê, then projected off ê and scaled by 1/‖e‖.
    const g = Float64Array.from(hr, (x, i) => 2 * (x / lambda - r[i]!));
    const along = vecDot(g, h, n);
    // Steps scaled by λ²: the gradient of ‖(1/λ)Hê − ê‖² grows as 1/λ² when λ → 0 (a ride's end), where plain steps
    // overshoot; λ²∂L/∂ê = 2(H − λ)²ê and λ²∂L/∂λ ≈ −2(λ* − λ) near the pair, so the rates do not depend on |λ|.
    const k2 = (o.stepScale ?? 'lambda2') === 'plain' ? 1 : lambda * lambda;
    for (let i = 0; i < n; i++) e[i] = e[i]! - (o.lrE * k2 * (g[i]! - along * h[i]!)) / norm;
    lambda -= o.lrLambda * k2 * gLambda;
    norm = vecNorm(e, n);
  }
  return { e: unit(), lambda, loss, matvecs };
}

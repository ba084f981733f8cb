import { gaussHermite } from './gaussHermite';
import { evaluatorOf, type SmoothingTarget } from './smoothingTarget';

/** Result of a numerical smoothing: value, gradient, how the gradient was formed and how many nodes were dropped. */
export interface NumericSmoothed {
  readonly value: number;
  readonly gradient: number[];
  /** 'pathwise': ∇f_σ = E[∇f(x + σε)] from jets; 'stein': ∇f_σ = E[f(x + σε) ε]/σ. */
  readonly gradientMethod: 'pathwise' | 'stein';
  /** Nodes or samples where f (or ∇f) was not finite: left out, the weights renormalized over the rest. */
  readonly skipped: number;
}

export type GradientMode = 'auto' | 'pathwise' | 'stein';

/** 'auto' → Stein for targets that jump (E[∇f] would miss the jumps), else pathwise. */
export function resolveGradientMode(target: SmoothingTarget, mode: GradientMode): 'pathwise' | 'stein' {
  return mode === 'auto' ? (target.discontinuous ? 'stein' : 'pathwise') : mode;
}

/**
 * Gauss–Hermite smoothing (es-vo.md §2.2): with the normalized probabilists' rule (x_k, w_k) of gaussHermite.ts,
 *   d = 1:  f_σ(x) ≈ Σ_k w_k f(x + σx_k);
 *   d = 2:  f_σ(x, y) ≈ Σ_k Σ_l w_k w_l f(x + σx_k, y + σx_l)   (tensor product, n × n nodes).
 * Gradient: pathwise Σ w ∇f(x + σ·node) from the jets (exact for smooth f), or Stein Σ w f(x + σ·node)·node/σ
 * (the derivative of the quadrature value itself; use for f with jumps, where E[∇f] = 0 almost everywhere).
 * Exact for polynomials of degree ≤ 2n − 1 per coordinate; for kinks and jumps it converges slowly and ripples —
 * piecewise 1D functions are better served by smoothingConvolution.ts.
 */
export function smoothQuadrature(target: SmoothingTarget, point: readonly number[], sigma: number, nodes: number, mode: GradientMode = 'auto'): NumericSmoothed {
  const rule = gaussHermite(nodes);
  const ev = evaluatorOf(target);
  const gm = resolveGradientMode(target, mode);
  const d = target.dim;
  const p = new Float64Array(d);
  const jet = new Float64Array(ev.stride);
  let grad0 = 0;
  let grad1 = 0;
  let value = 0;
  let mass = 0;
  let skipped = 0;
  const ny = d === 2 ? nodes : 1;
  for (let l = 0; l < ny; l++) {
    const wy = d === 2 ? rule.weights[l]! : 1;
    if (d === 2) p[1] = point[1]! + sigma * rule.nodes[l]!;
    for (let k = 0; k < nodes; k++) {
      const w = rule.weights[k]! * wy;
      p[0] = point[0]! + sigma * rule.nodes[k]!;
      let f: number;
      let g0: number;
      let g1 = 0;
      if (gm === 'pathwise') {
        ev.jet(p, jet);
        f = jet[0]!;
        g0 = jet[1]!;
        if (d === 2) g1 = jet[2]!;
      } else {
        f = ev.value(p);
        g0 = (f * rule.nodes[k]!) / sigma;
        if (d === 2) g1 = (f * rule.nodes[l]!) / sigma;
      }
      if (!Number.isFinite(f) || !Number.isFinite(g0) || !Number.isFinite(g1)) { skipped++; continue; }
      value += w * f;
      grad0 += w * g0;
      grad1 += w * g1;
      mass += w;
    }
  }
  return { value: value / mass, gradient: (d === 2 ? [grad0, grad1] : [grad0]).map((g) => g / mass), gradientMethod: gm, skipped };
}

/** Value-only Gauss–Hermite smoothing, the fast path of the grid helpers (no jets, no allocation per call). */
export function smoothQuadratureValue(target: SmoothingTarget, point: readonly number[], sigma: number, nodes: number, scratch = new Float64Array(2)): number {
  const rule = gaussHermite(nodes);
  const ev = evaluatorOf(target);
  const d = target.dim;
  let value = 0;
  let mass = 0;
  const ny = d === 2 ? nodes : 1;
  for (let l = 0; l < ny; l++) {
    const wy = d === 2 ? rule.weights[l]! : 1;
    if (d === 2) scratch[1] = point[1]! + sigma * rule.nodes[l]!;
    for (let k = 0; k < nodes; k++) {
      scratch[0] = point[0]! + sigma * rule.nodes[k]!;
      const f = ev.value(scratch);
      if (!Number.isFinite(f)) continue;
      const w = rule.weights[k]! * wy;
      value += w * f;
      mass += w;
    }
  }
  return value / mass;
}

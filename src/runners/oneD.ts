import { initEs, stepEs } from '../es/optimizers';
import { landscape1dById, landscape1dTape, landscape1dTarget } from '../es/landscapes1d';
import { targetFromTape } from '../es/smoothingTarget';
import { compileFormula } from '../landscapes/expression/compileFormula';
import { boundMap1D, linspace, smoothCurve1D } from '../es/smoothingGrid';
import { JetEvaluator } from '../landscapes/expression/jet';
import { rngFromSeed } from '../math/rng';
import type { OneDResult } from '../protocol/messages';

export const ONED_SIGMA0 = 1;
const VO_POP = 100;
const VO_GENERATIONS = 120;
const GD_LR = 0.05;
const GD_STEPS = 400;

/**
 * The 1D smoothing view of a registry function (src/es/landscapes1d.ts; es-vo.md §1.1, §4): f and f_σ at the
 * source's σ series and the user's σ (exact where a closed form is known, dense convolution for piecewise f, else
 * quadrature); the variational bound U(μ, σ) = E[f(μ + σε)] on a 161 × 81 grid over the domain and σ ∈ [0, 2];
 * natural-gradient VO (1D, antithetic, NES utilities, seeded) from the function's start x₀ with σ₀ = 1, drawn on the
 * map; plain gradient descent from x₀ drawn on the curve.
 */
export function computeOneD(fn: string, sigma: number, seed: number, formula = '', voStart: readonly [number, number] | null = null): OneDResult {
  const reg = fn === 'custom' ? null : landscape1dById(fn);
  if (fn !== 'custom' && !reg) throw new Error(`unknown 1D function "${fn}"`);
  const def = reg ? { ...reg, tape: landscape1dTape(reg), target: landscape1dTarget(reg) } : customDef(formula);
  const target = def.target;
  const x = linspace(def.domain.x0, def.domain.x1, 401);
  const jet = new JetEvaluator(def.tape);
  const p = new Float64Array(1);
  const f = (t: number) => { p[0] = t; return jet.value(p); };
  const series = [...def.sigmaSeries];
  if (!series.some((s) => Math.abs(s - sigma) < 1e-9)) series.push(sigma);
  const curves = [{ label: 'f', sigma: 0, values: Float64Array.from(x, f) },
    ...series.map((s) => ({ label: `σ = ${s}`, sigma: s, values: smoothCurve1D(target, x, s).value }))];
  const mus = linspace(def.domain.x0, def.domain.x1, 161);
  const sigmaGrid = linspace(0, 2, 81);
  const U = boundMap1D(target, mus, sigmaGrid);
  const start = voStart ? voStart[0] : def.start ?? (def.domain.x0 + 0.8 * (def.domain.x1 - def.domain.x0));
  const sigma0 = voStart ? voStart[1] : ONED_SIGMA0;

  const es = initEs({ algo: 'vo-natural', f: (t) => f(t[0]!), start: [start], sigma0, popSize: VO_POP, antithetic: true, maxGenerations: VO_GENERATIONS,
    scale: def.domain.x1 - def.domain.x0 }, rngFromSeed(seed));
  const vo: number[] = [es.mu[0]!, es.sigma[0]!];
  while (es.stop === null) {
    stepEs(es);
    vo.push(es.mu[0]!, es.sigma[0]!);
  }
  const gd: number[] = [start, f(start)];
  const slot = new Float64Array(jet.stride);
  let xk = start;
  for (let k = 0; k < GD_STEPS; k++) {
    p[0] = xk;
    const g = jet.jet(p, slot)[1]!;
    if (!Number.isFinite(g)) break;
    xk -= GD_LR * g;
    gd.push(xk, f(xk));
  }
  const minima = def.minima.length > 0 ? def.minima : gridMinima(x, curves[0]!.values);
  return {
    fn, name: def.name, x, curves, piecewise: def.kind === 'piecewise', mus, sigmaGrid, U,
    vo: Float64Array.from(vo), gd: Float64Array.from(gd), start, sigma0, minima,
  };
}

/** A typed formula in x as a 1D view definition: domain [−5, 5], the article's σ series, start x₀ = 3. */
function customDef(formula: string) {
  const tape = compileFormula(formula, ['x']);
  const target = targetFromTape(tape, { name: 'formula' });
  return { name: `f(x) = ${formula}`, tape, target, domain: { x0: -5, x1: 5 }, sigmaSeries: [0.35, 0.2, 0.1], start: 3, kind: target.kind, minima: [] as { x: number; f: number; global: boolean }[] };
}

/** Strict local minima of sampled values (the lowest one marked global), for typed formulas whose minima are unknown. */
function gridMinima(x: Float64Array, f: Float64Array): { x: number; f: number; global: boolean }[] {
  const out: { x: number; f: number; global: boolean }[] = [];
  for (let i = 1; i + 1 < f.length; i++) if (f[i]! < f[i - 1]! && f[i]! < f[i + 1]!) out.push({ x: x[i]!, f: f[i]!, global: false });
  if (out.length > 0) { const best = out.reduce((a, b) => (b.f < a.f ? b : a)); out[out.indexOf(best)] = { ...best, global: true }; }
  return out.slice(0, 20);
}

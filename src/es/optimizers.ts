/**
 * Search-distribution optimizers on a black-box f (value only), minimizing: ES with fixed σ, variational
 * optimization (VO) with regular and natural gradients, isotropic and separable, SNES and xNES. Step API
 * (architecture.md, convention 2): `initEs(params, rng)` → state; `stepEs(state)` → state, one generation;
 * `runEs` (optimizersRun.ts) loops with progress and cancellation. Parameters and defaults: optimizersParams.ts.
 *
 * One generation, with ε₁…ε_N ~ N(0, I_d) (mirrored εₙ₊₁ = −εₙ with antithetic sampling), samples xₙ = μ + σ ⊙ εₙ
 * (xNES: μ + σBεₙ), fₙ = f(xₙ), u = shape(f) over the M finite fₙ (shaping.ts; the others are skipped and counted),
 * weights wₙ = uₙ/M (SNES/xNES with NES utilities: wₙ = uₙ, already normalized, as in Wierstra et al. 2014), and
 *   S_ε = Σ wₙ εₙ,   S_β = Σ wₙ (‖εₙ‖² − d),   S_βᵢ = Σ wₙ (εₙᵢ² − 1).
 * Updates (es-vo.md §3.1 table and §3.3; u grows with f, so every rule descends):
 *   es              g_μ = S_ε/σ;  μ ← μ − η_μ g_μ;  σ fixed                                  (Salimans et al. 2017)
 *   vo              g_μ = S_ε/σ,  g_β = ½S_β;  μ ← μ − η_μ g_μ,  β ← β − η_β g_β,  σ = e^{β/2}      (Havtorn VO-R)
 *   vo-natural      g_μ = σS_ε (= σ²·regular),  g_β = S_β/d ('exact', F_ββ = d/2) or S_β ('havtorn')  (Havtorn VO-N)
 *   vo-sep          g_μᵢ = S_εᵢ/σᵢ,  g_βᵢ = ½S_βᵢ                                            (es-vo.md §3.2)
 *   vo-sep-natural  g_μᵢ = σᵢS_εᵢ,  g_βᵢ = S_βᵢ                                              (es-vo.md §3.3)
 *   snes            g_μ = σ ⊙ S_ε,  g_ℓᵢ = ½S_βᵢ;  μ ← μ − η_μ g_μ,  σ ← σ ⊙ exp(−η_σ g_ℓ)    (Schaul et al. 2011)
 *   xnes            G = Σ wₙ(εₙεₙᵀ − I), G_σ = tr G/d, G_B = G − G_σI;  g_μ = σBS_ε;
 *                   σ ← σ exp(−½η_σG_σ),  B ← B expm(−½η_B G_B)                             (Glasmachers et al. 2010)
 * The signs are those of the sources with u negated (they maximize utility with the best sample first).
 */
import { normalSampler, type Rng } from '../math/rng';
import { createSymEigWorkspace, symEig } from '../math/symEig';
import { isSeparable, resolveEsParams, type BlackBox, type EsParams, type EsResolved } from './optimizersParams';
import { shapeFitness } from './shaping';

export type EsStop = 'max-generations' | 'sigma-collapse' | 'sigma-explosion' | 'diverged' | 'no-finite-samples' | 'cancelled';

/** What one generation saw and did (for drawing and tests). Arrays are fresh per generation. */
export interface EsGeneration {
  /** 1 for the first generation. */
  readonly gen: number;
  /** μ and σ where the samples were drawn (σ: length 1 isotropic, d separable; xNES: the scalar σ). */
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** N × d sample points xₙ, row-major, and their fitness fₙ (non-finite where skipped). */
  readonly samples: Float64Array;
  readonly fitness: Float64Array;
  /** The μ step direction: μ ← μ − η_μ·gradMu (see the table above; a ∇_μU estimate for es, vo, vo-sep). */
  readonly gradMu: Float64Array;
  /** g_β (VO family, β = log σ²) or g_ℓ (SNES ℓ = log σ; xNES ½G_σ); zeros for es. */
  readonly gradSigma: Float64Array;
  /** Samples dropped for a non-finite fitness in this generation. */
  readonly skipped: number;
}

export interface EsState {
  readonly params: EsResolved;
  readonly f: BlackBox;
  readonly normal: () => number;
  /** Current mean μ and σ (length 1 or d). */
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** xNES: the d × d shape matrix B (row-major, det B = 1 in exact arithmetic); null otherwise. */
  readonly B: Float64Array | null;
  /** f(μ) (one extra evaluation per generation, not counted in `skippedTotal`). */
  fMu: number;
  generation: number;
  /** Evaluations of f so far (samples and f(μ)). */
  fevals: number;
  skippedTotal: number;
  stop: EsStop | null;
  message: string;
  last: EsGeneration | null;
}

/**
 * init of the step API: validates and fills the parameters (throws naming the parameter and range), sets μ = μ₀,
 * σ = σ₀ (B = I for xNES) and evaluates f(μ₀). The normal variates come from `normalSampler(rng)`.
 */
export function initEs(params: EsParams, rng: Rng): EsState {
  const p = resolveEsParams(params);
  const mu = Float64Array.from(params.start);
  const sigma = new Float64Array(isSeparable(p.algo) ? p.d : 1).fill(p.sigma0);
  let B: Float64Array | null = null;
  if (p.algo === 'xnes') {
    B = new Float64Array(p.d * p.d);
    for (let i = 0; i < p.d; i++) B[i * p.d + i] = 1;
  }
  const state: EsState = {
    params: p, f: params.f, normal: normalSampler(rng), mu, sigma, B, fMu: params.f(mu.slice()), generation: 0, fevals: 1,
    skippedTotal: 0, stop: null, message: '', last: null,
  };
  if (p.maxGenerations === 0) return stopWith(state, 'max-generations', 'the generation budget is 0');
  return state;
}

function stopWith(state: EsState, stop: EsStop, message: string): EsState {
  state.stop = stop;
  state.message = message;
  return state;
}

/** expm(S) of a symmetric d × d matrix S = VΛVᵀ as V diag(e^λ) Vᵀ (symEig.ts), row-major. */
export function expmSym(s: Float64Array, d: number): Float64Array {
  const e = symEig(s, d, createSymEigWorkspace(d));
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const ek = Math.exp(e.values[k]!);
    for (let i = 0; i < d; i++) {
      const vi = e.vectors[k * d + i]! * ek;
      for (let j = 0; j < d; j++) out[i * d + j] = out[i * d + j]! + vi * e.vectors[k * d + j]!;
    }
  }
  return out;
}

/**
 * step of the step API: one generation (file comment). Mutates `state` and returns it; a stopped state is returned
 * unchanged. A generation whose new μ or σ would be non-finite or out of [sigmaMin, sigmaMax] is not applied: the
 * state keeps the last valid μ, σ and stops with 'diverged', 'sigma-collapse' or 'sigma-explosion'. A generation with
 * no finite fitness stops with 'no-finite-samples'. `state.last` records the generation in every case.
 */
export function stepEs(state: EsState): EsState {
  if (state.stop !== null) return state;
  const { params: p, mu, sigma, B } = state;
  const { d, popSize: n, algo } = p;
  const k = state.generation + 1;
  const eps = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) eps[r * d + i] = p.antithetic && r % 2 === 1 ? -eps[(r - 1) * d + i]! : state.normal();
  }
  const samples = new Float64Array(n * d);
  const fitness = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) {
      let z = eps[r * d + i]!;
      if (B) {
        z = 0;
        for (let j = 0; j < d; j++) z += B[i * d + j]! * eps[r * d + j]!;
      }
      samples[r * d + i] = mu[i]! + sigma[sigma.length === 1 ? 0 : i]! * z;
    }
    fitness[r] = state.f(samples.slice(r * d, r * d + d));
  }
  state.fevals += n;
  const shaped = shapeFitness(fitness, p.shaping);
  state.skippedTotal += shaped.skipped;
  const gradMu = new Float64Array(d);
  const gradSigma = new Float64Array(algo === 'xnes' ? 1 : sigma.length);
  const record = (): EsGeneration => ({ gen: k, mu: mu.slice(), sigma: sigma.slice(), samples, fitness, gradMu, gradSigma, skipped: shaped.skipped });
  if (shaped.count === 0) {
    state.last = record();
    state.generation = k;
    return stopWith(state, 'no-finite-samples', `every one of the ${n} samples of generation ${k} had a non-finite f`);
  }
  const scale = (algo === 'snes' || algo === 'xnes') && (p.shaping === 'nes' || p.shaping === 'nes-havtorn') ? 1 : 1 / shaped.count;
  const sEps = new Float64Array(d);
  const sBi = new Float64Array(d);
  let sB = 0;
  const G = algo === 'xnes' ? new Float64Array(d * d) : null;
  for (let r = 0; r < n; r++) {
    if (!shaped.used[r]) continue;
    const w = shaped.u[r]! * scale;
    let sq = 0;
    for (let i = 0; i < d; i++) {
      const e = eps[r * d + i]!;
      sEps[i] = sEps[i]! + w * e;
      sBi[i] = sBi[i]! + w * (e * e - 1);
      sq += e * e;
      if (G) for (let j = 0; j < d; j++) G[i * d + j] = G[i * d + j]! + w * (e * eps[r * d + j]! - (i === j ? 1 : 0));
    }
    sB += w * (sq - d);
  }
  const s0 = sigma[0]!;
  const newSigma = sigma.slice();
  let newB: Float64Array | null = null;
  switch (algo) {
    case 'es':
      for (let i = 0; i < d; i++) gradMu[i] = sEps[i]! / s0;
      break;
    case 'vo':
    case 'vo-natural': {
      const natural = algo === 'vo-natural';
      for (let i = 0; i < d; i++) gradMu[i] = natural ? s0 * sEps[i]! : sEps[i]! / s0;
      gradSigma[0] = !natural ? 0.5 * sB : p.naturalBeta === 'exact' ? sB / d : sB;
      newSigma[0] = s0 * Math.exp(-0.5 * p.lrSigma * gradSigma[0]!);
      break;
    }
    case 'vo-sep':
    case 'vo-sep-natural':
    case 'snes': {
      const regular = algo === 'vo-sep';
      for (let i = 0; i < d; i++) {
        const si = sigma[i]!;
        gradMu[i] = regular ? sEps[i]! / si : si * sEps[i]!;
        gradSigma[i] = algo === 'vo-sep-natural' ? sBi[i]! : 0.5 * sBi[i]!;
        // β = log σ² moves σ by e^{−η g/2}; SNES's ℓ = log σ by e^{−η g}.
        newSigma[i] = si * Math.exp((algo === 'snes' ? -1 : -0.5) * p.lrSigma * gradSigma[i]!);
      }
      break;
    }
    case 'xnes': {
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += B![i * d + j]! * sEps[j]!;
        gradMu[i] = s0 * v;
      }
      let tr = 0;
      for (let i = 0; i < d; i++) tr += G![i * d + i]!;
      const gS = tr / d;
      gradSigma[0] = 0.5 * gS;
      newSigma[0] = s0 * Math.exp(-0.5 * p.lrSigma * gS);
      const m = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m[i * d + j] = -0.5 * p.lrB * (0.5 * (G![i * d + j]! + G![j * d + i]!) - (i === j ? gS : 0));
      const ex = expmSym(m, d);
      newB = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
        let v = 0;
        for (let l = 0; l < d; l++) v += B![i * d + l]! * ex[l * d + j]!;
        newB[i * d + j] = v;
      }
      break;
    }
    default:
      throw new Error(`unknown algo ${String(algo)}`);
  }
  state.last = record();
  state.generation = k;
  const newMu = new Float64Array(d);
  for (let i = 0; i < d; i++) newMu[i] = mu[i]! - p.lrMu * gradMu[i]!;
  if (!newMu.every(Number.isFinite)) return stopWith(state, 'diverged', `μ became non-finite at generation ${k}`);
  if (newB && !newB.every(Number.isFinite)) return stopWith(state, 'diverged', `the xNES shape matrix B became non-finite at generation ${k}`);
  for (const s of newSigma) {
    if (!(s >= p.sigmaMin)) return stopWith(state, 'sigma-collapse', `σ collapsed to ${s.toPrecision(3)} < σ_min = ${p.sigmaMin} at generation ${k}`);
    if (!(s <= p.sigmaMax)) return stopWith(state, 'sigma-explosion', `σ exploded to ${s.toPrecision(3)} > σ_max = ${p.sigmaMax} at generation ${k}`);
  }
  mu.set(newMu);
  sigma.set(newSigma);
  if (newB) B!.set(newB);
  state.fMu = state.f(mu.slice());
  state.fevals += 1;
  if (k >= p.maxGenerations) return stopWith(state, 'max-generations', `reached the budget of ${p.maxGenerations} generations`);
  return state;
}

/**
 * Parameters, defaults and validation of the search-distribution optimizers (optimizers.ts). Every default is
 * cited: the ES/VO family defaults are Havtorn's Himmelblau settings (es-vo.md §3.1), the SNES/xNES defaults those
 * of Wierstra et al. 2014 (es-vo.md §3.3). Validation throws an Error naming the parameter and its range.
 */
import { SHAPING_IDS, type ShapingId } from './shaping';

/**
 *   es              fixed σ (Salimans et al. 2017)                      μ only
 *   vo              VO, regular gradient in (μ, β = log σ²)              Havtorn VO-R
 *   vo-natural      VO, natural gradient in (μ, β), isotropic σ          Havtorn VO-N (β step: see `naturalBeta`)
 *   vo-sep          VO, regular gradient, per-coordinate σᵢ (βᵢ = log σᵢ²)
 *   vo-sep-natural  VO, natural gradient, per-coordinate σᵢ
 *   snes            separable NES in (μ, log σᵢ) (Schaul et al. 2011; Wierstra et al. 2014)
 *   xnes            exponential NES, full covariance σ²BBᵀ (Glasmachers et al. 2010; Wierstra et al. 2014)
 */
export type EsAlgo = 'es' | 'vo' | 'vo-natural' | 'vo-sep' | 'vo-sep-natural' | 'snes' | 'xnes';
export const ES_ALGOS: readonly EsAlgo[] = ['es', 'vo', 'vo-natural', 'vo-sep', 'vo-sep-natural', 'snes', 'xnes'];

/** A black-box objective: the value only (no gradient). Non-finite values are allowed and are skipped. */
export type BlackBox = (x: Float64Array) => number;

export interface EsParams {
  readonly algo: EsAlgo;
  readonly f: BlackBox;
  /** μ₀ (any dimension d ≥ 1). */
  readonly start: readonly number[];
  /** N. Default 200 (Havtorn) for the ES/VO family, 4 + ⌊3 ln d⌋ for SNES/xNES; with antithetic it must be even. */
  readonly popSize?: number;
  /** Mirrored pairs (ε, −ε) (es-vo.md §5.1). Default false (Havtorn). */
  readonly antithetic?: boolean;
  /** Default 'nes' (Havtorn; Wierstra). */
  readonly shaping?: ShapingId;
  /** η_μ. Default: see DEFAULT_LR. */
  readonly lrMu?: number;
  /** η_β for the VO family (β = log σ²), η_σ for SNES/xNES (log σ); ignored by es. Default: see DEFAULT_LR. */
  readonly lrSigma?: number;
  /** η_B of xNES. Default (9 + 3 ln d)/(5 d √d). */
  readonly lrB?: number;
  /** σ₀ > 0. Default 1 (Havtorn; evosax SNES std_init). */
  readonly sigma0?: number;
  /**
   * β step of vo-natural: 'exact' (default) is the isotropic natural gradient F_ββ⁻¹∂U/∂β = (1/d)E[u(‖ε‖² − d)]
   * (es-vo.md §3.3, Fisher F_ββ = d/2); 'havtorn' is the code's (1/N)Σu(‖ε‖² − d), d× the exact one (es-vo.md §3.1:
   * the thesis writes F_{σ²σ²} = 1/(2σ⁴), dropping the factor d). They agree at d = 1.
   */
  readonly naturalBeta?: 'exact' | 'havtorn';
  /** Generation budget. Default 100; at most MAX_GENERATIONS. */
  readonly maxGenerations?: number;
  /** Stop 'sigma-collapse' when any σ < sigmaMin. Default 1e-12 · scale. */
  readonly sigmaMin?: number;
  /** Stop 'sigma-explosion' when any σ > sigmaMax. Default 1e6. */
  readonly sigmaMax?: number;
  /** A length scale of the problem (the domain width) for the default sigmaMin. Default 10. */
  readonly scale?: number;
}

export const MAX_POP = 1_000_000;
export const MAX_DIM = 1000;
export const MAX_GENERATIONS = 1_000_000;

/**
 * Default learning rates of the ES/VO family by shaping [INF for all but 'nes']: Havtorn's η_μ = 100, η_β = 10 are
 * calibrated for NES utilities, whose (1/N)Σuε is O(1/N). Centered ranks and z-scores give an O(1) (1/N)Σuε, so
 * their defaults are scaled down to take a step of similar size at N = 200; raw f ('none') has no natural scale.
 */
export const DEFAULT_LR: Readonly<Record<ShapingId, { mu: number; beta: number }>> = {
  nes: { mu: 100, beta: 10 }, 'nes-havtorn': { mu: 100, beta: 10 }, ranks: { mu: 2, beta: 0.2 }, zscore: { mu: 0.5, beta: 0.05 }, none: { mu: 0.01, beta: 0.001 },
};

/** The parameters with every default filled in and checked. */
export interface EsResolved {
  readonly algo: EsAlgo;
  readonly d: number;
  readonly popSize: number;
  readonly antithetic: boolean;
  readonly shaping: ShapingId;
  readonly lrMu: number;
  readonly lrSigma: number;
  readonly lrB: number;
  readonly sigma0: number;
  readonly naturalBeta: 'exact' | 'havtorn';
  readonly maxGenerations: number;
  readonly sigmaMin: number;
  readonly sigmaMax: number;
}

export const isNes = (algo: EsAlgo): boolean => algo === 'snes' || algo === 'xnes';
/** σ is one number per coordinate for these (SNES included). */
export const isSeparable = (algo: EsAlgo): boolean => algo === 'vo-sep' || algo === 'vo-sep-natural' || algo === 'snes';

function positive(name: string, v: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) throw new Error(`${name} must be a finite number in (0, ${max}], got ${String(v)}`);
  return v;
}

/** Fills the defaults and validates; throws an Error naming the bad parameter and its allowed range. */
export function resolveEsParams(p: EsParams): EsResolved {
  if (!ES_ALGOS.includes(p.algo)) throw new Error(`algo must be one of ${ES_ALGOS.join(', ')}, got ${String(p.algo)}`);
  if (typeof p.f !== 'function') throw new Error('f must be a function of x returning a number');
  const d = p.start.length;
  if (d < 1 || d > MAX_DIM) throw new Error(`start must have 1 to ${MAX_DIM} coordinates, got ${d}`);
  if (!p.start.every((v) => Number.isFinite(v))) throw new Error(`start must be finite numbers, got ${p.start.join(', ')}`);
  const nes = isNes(p.algo);
  const shaping = p.shaping ?? 'nes';
  if (!SHAPING_IDS.includes(shaping)) throw new Error(`shaping must be one of ${SHAPING_IDS.join(', ')}, got ${String(shaping)}`);
  const antithetic = p.antithetic ?? false;
  const nesPop = 4 + Math.floor(3 * Math.log(d));
  const popSize = p.popSize ?? (nes ? nesPop + (antithetic && nesPop % 2 === 1 ? 1 : 0) : 200);
  if (!Number.isInteger(popSize) || popSize < 2 || popSize > MAX_POP) throw new Error(`popSize must be an integer in [2, ${MAX_POP}], got ${String(popSize)}`);
  if (antithetic && popSize % 2 !== 0) throw new Error(`popSize must be even with antithetic sampling (mirrored pairs), got ${popSize}`);
  const lr = DEFAULT_LR[shaping];
  const lrMu = positive('lrMu', p.lrMu ?? (nes ? 1 : lr.mu), 1e9);
  const lrSigma = positive('lrSigma', p.lrSigma ?? (p.algo === 'snes' ? (3 + Math.log(d)) / (5 * Math.sqrt(d))
    : p.algo === 'xnes' ? (9 + 3 * Math.log(d)) / (5 * d * Math.sqrt(d)) : lr.beta), 1e9);
  const lrB = positive('lrB', p.lrB ?? (9 + 3 * Math.log(d)) / (5 * d * Math.sqrt(d)), 1e9);
  const sigmaMax = positive('sigmaMax', p.sigmaMax ?? 1e6, Number.MAX_VALUE);
  const scale = positive('scale', p.scale ?? 10, Number.MAX_VALUE);
  const sigmaMin = positive('sigmaMin', p.sigmaMin ?? 1e-12 * scale, sigmaMax);
  const sigma0 = positive('sigma0', p.sigma0 ?? 1, sigmaMax);
  if (sigma0 < sigmaMin) throw new Error(`sigma0 must be at least sigmaMin = ${sigmaMin}, got ${sigma0}`);
  const naturalBeta = p.naturalBeta ?? 'exact';
  if (naturalBeta !== 'exact' && naturalBeta !== 'havtorn') throw new Error(`naturalBeta must be 'exact' or 'havtorn', got ${String(naturalBeta)}`);
  const maxGenerations = p.maxGenerations ?? 100;
  if (!Number.isInteger(maxGenerations) || maxGenerations < 0 || maxGenerations > MAX_GENERATIONS) {
    throw new Error(`maxGenerations must be an integer in [0, ${MAX_GENERATIONS}], got ${String(maxGenerations)}`);
  }
  return { algo: p.algo, d, popSize, antithetic, shaping, lrMu, lrSigma, lrB, sigma0, naturalBeta, maxGenerations, sigmaMin, sigmaMax };
}

import { DEFAULT_LR, isNes, type BlackBox, type EsAlgo, type EsParams } from './optimizersParams';
import { SHAPING_IDS, type ShapingId } from './shaping';

/**
 * The search-distribution strategies a streamed run offers (runners/esStream.ts; the app's panel, the link, the runs
 * worker): the engine's algorithms (optimizersParams.ts ES_ALGOS) less `vo-sep-natural`, which the app leaves to the
 * engine and the CLI to keep one separable VO variant in the panel, plus `ensemble`, the exploration-ensemble
 * baseline ("Learning to Optimize with Gradient Based Exploration Strategies"; es/ensemble.ts), which is not a search-distribution optimizer
 * but runs and streams like one.
 */
export const ES_RUN_ALGOS = ['es', 'vo', 'vo-natural', 'vo-sep', 'snes', 'xnes', 'ensemble'] as const satisfies readonly (EsAlgo | 'ensemble')[];
export type EsRunAlgo = (typeof ES_RUN_ALGOS)[number];

/** The fitness shapings a run offers: every one the engine has (shaping.ts). */
export const ES_RUN_SHAPINGS: readonly ShapingId[] = SHAPING_IDS;

/** The settings of a streamed ES/VO run: one type for the app, the link and the runs worker. */
export interface EsRunSettings {
  /** Enabled algorithms, in display order. */
  algos: EsRunAlgo[];
  /** σ₀ > 0. */
  sigma0: number;
  /** Population N per generation. */
  pop: number;
  /** Generation budget. */
  iters: number;
  antithetic: boolean;
  shaping: ShapingId;
  /** η_μ and η_σ (η_β for the VO family); 0: the algorithm's default for the shaping (optimizersParams.ts DEFAULT_LR). */
  lrMu: number;
  lrSigma: number;
}

export const MAX_ES_POP = 10_000;
export const MAX_ES_ITERS = 5000;

/** Havtorn's Himmelblau settings (N = 200, σ₀ = 1, NES utilities, 60 generations), no algorithm enabled. */
export function defaultEsRunSettings(): EsRunSettings {
  return { algos: [], sigma0: 1, pop: 200, iters: 60, antithetic: false, shaping: 'nes', lrMu: 0, lrSigma: 0 };
}

/**
 * The engine parameters (optimizersParams.ts) of one algorithm of a run from (x₀, y₀): η = 0 and SNES/xNES's N = 200
 * mean the engine's defaults for the algorithm (N = 4 + ⌊3 ln d⌋ for the NES pair); an odd N with antithetic sampling
 * is rounded up to pairs; σ_min scales with `scale` (the domain's width).
 */
export function esRunParams(algo: Exclude<EsRunAlgo, 'ensemble'>, s: EsRunSettings, f: BlackBox, start: readonly number[], scale: number): EsParams {
  const nes = isNes(algo);
  return {
    algo, f, start: [...start], sigma0: s.sigma0, antithetic: s.antithetic, shaping: s.shaping, maxGenerations: s.iters,
    popSize: nes && s.pop === 200 ? undefined : s.antithetic && s.pop % 2 === 1 ? s.pop + 1 : s.pop,
    lrMu: s.lrMu > 0 ? s.lrMu : nes ? undefined : DEFAULT_LR[s.shaping].mu,
    lrSigma: s.lrSigma > 0 ? s.lrSigma : undefined,
    scale,
  };
}

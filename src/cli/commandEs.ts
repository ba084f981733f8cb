import { fmtNum } from '../math/fmtNum';
import { JetEvaluator } from '../landscapes/expression/jet';
import { rngFromSeed } from '../math/rng';
import { runEnsemble } from '../es/ensemble';
import { ES_ALGOS, MAX_GENERATIONS, MAX_POP, type EsAlgo } from '../es/optimizersParams';
import { runEs } from '../es/optimizersRun';
import { SHAPING_IDS, type ShapingId } from '../es/shaping';

import {
  UsageError, jsonOpt, landscapeFrom, landscapeOpt, parseChoice, parseInteger, parseNumberInRange, parseNumberList, seedFrom, seedOpt,
  type OptionSpec,
} from './args';

const ALGOS = [...ES_ALGOS, 'ensemble'] as const;
type CliAlgo = EsAlgo | 'ensemble';

export const ES_ABOUT = 'ES / VO / NES search distributions (and the exploration-ensemble baseline) on a black-box f, minimizing';

export const ES_OPTIONS: readonly OptionSpec[] = [
  landscapeOpt,
  { name: 'algo', kind: 'value', required: true, meta: `<${ALGOS.join('|')}>`, help: 'es: fixed σ; vo / vo-natural: VO in (μ, log σ²), regular / natural gradient; vo-sep*: per-coordinate σ; snes; xnes; ensemble: the explorers of "Learning to Optimize with Gradient Based Exploration Strategies"' },
  { name: 'start', kind: 'value', required: true, meta: '<x,y>', help: 'μ₀ (ensemble: where every explorer starts)' },
  { name: 'sigma0', kind: 'value', meta: '<s>', help: 'σ₀ > 0 (default 1; ensemble: the coordinate step h₀, default 0.1)' },
  { name: 'pop', kind: 'value', meta: '<n>', help: `population N, 2 to ${MAX_POP} (default 200; snes/xnes 6; ensemble: explorers, default 4)` },
  { name: 'iters', kind: 'value', meta: '<n>', help: `generations, 0 to ${MAX_GENERATIONS} (default 60)` },
  { name: 'lr-mu', kind: 'value', meta: '<v>', help: 'η_μ (default by shaping: 100 for nes; snes/xnes 1; ensemble: the gradient rate η₀, default 0.01)' },
  { name: 'lr-sigma', kind: 'value', meta: '<v>', help: 'η_β for VO (β = log σ²), η_σ for snes/xnes (default 10 for nes; NES defaults for snes/xnes)' },
  { name: 'natural-beta', kind: 'value', meta: '<exact|havtorn>', help: 'vo-natural β step: the exact isotropic natural gradient (default) or Havtorn\'s, d× larger' },
  { name: 'antithetic', kind: 'flag', help: 'mirrored pairs (ε, −ε); N must be even' },
  { name: 'shaping', kind: 'value', meta: `<${SHAPING_IDS.join('|')}>`, help: 'fitness shaping (default nes; nes-havtorn is Havtorn\'s mirrored sort order)' },
  { name: 'p-coor', kind: 'value', meta: '<p>', help: 'ensemble: initial probability of a coordinate step, in [0, 1] (default 0.5)' },
  { name: 'decay', kind: 'value', meta: '<γ>', help: 'ensemble: per-step decay of p_coor and of the step sizes, in (0, 1] (default 0.99)' },
  { ...seedOpt, help: `${seedOpt.help}: the samples` }, jsonOpt,
];

const ENSEMBLE_ONLY = ['p-coor', 'decay'];
const SEARCH_ONLY = ['antithetic', 'shaping', 'lr-sigma', 'natural-beta'];

/**
 * `es`: one run of a search-distribution optimizer (src/es/optimizers.ts) or of the exploration ensemble
 * (src/es/ensemble.ts) on a built-in landscape or formula, used as a black box (values only; the ensemble uses the
 * exact gradient of the formula). JSON: {final, f, sigma, history: [[x, y, f, σ], …], stop, skipped, …}; σ is a number
 * (isotropic, xNES's scalar σ, the ensemble's coordinate step) or [σ_x, σ_y] (vo-sep*, snes).
 */
export function commandEs(values: ReadonlyMap<string, string>): string {
  const land = landscapeFrom(values.get('landscape')!);
  const algo = parseChoice<CliAlgo>('algo', values.get('algo')!, ALGOS as unknown as CliAlgo[]);
  const start = parseNumberList('start', values.get('start')!, 2, 'x,y');
  const seed = seedFrom(values);
  const ensemble = algo === 'ensemble';
  for (const k of ensemble ? SEARCH_ONLY : ENSEMBLE_ONLY) if (values.has(k)) throw new UsageError(`--${k} does not apply to --algo ${algo}`);
  if (values.has('natural-beta') && algo !== 'vo-natural') throw new UsageError('--natural-beta applies only to --algo vo-natural');
  const num = (name: string, min: number, max: number, minOpen: boolean): number | undefined => {
    const text = values.get(name);
    return text === undefined ? undefined : parseNumberInRange(name, text, min, max, minOpen);
  };
  const iters = values.has('iters') ? parseInteger('iters', values.get('iters')!, 0, MAX_GENERATIONS) : 60;
  const pop = values.has('pop') ? parseInteger('pop', values.get('pop')!, ensemble ? 1 : 2, ensemble ? 10_000 : MAX_POP) : undefined;
  const sigma0 = num('sigma0', 0, 1e6, true);
  const lrMu = num('lr-mu', 0, 1e9, true);
  const ev = new JetEvaluator(land.tape);
  const f = (x: Float64Array): number => ev.value(x);
  const name = land.builtin ? land.def.id : land.def.formula;
  const sig = (s: readonly number[]): number | number[] => (s.length === 1 ? s[0]! : [...s]);
  const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
  let out: { final: number[]; f: number; sigma: number | number[]; history: (number | null | number[])[][]; stop: string; message: string; skipped: number; skipped_per_generation: number[]; options: Record<string, unknown> };
  try {
    if (ensemble) {
      const jet = new Float64Array(ev.stride);
      const r = runEnsemble({
        f, grad: (x, g) => { ev.jet(x, jet); g[0] = jet[1]!; g[1] = jet[2]!; }, start, explorers: pop ?? 4, maxGenerations: iters,
        coorStep0: sigma0 ?? 0.1, lr0: lrMu ?? 0.01, pCoor0: num('p-coor', 0, 1, false) ?? 0.5, stepDecay: num('decay', 0, 1, true) ?? 0.99,
        pCoorDecay: num('decay', 0, 1, true) ?? 0.99,
      }, rngFromSeed(seed));
      const h = r.history[r.history.length - 1]!.step;
      out = {
        final: r.final, f: r.f, sigma: h, history: r.history.map((p) => [p.x[0]!, p.x[1]!, fin(p.f), p.step]), stop: r.stop, message: r.message,
        skipped: r.skipped, skipped_per_generation: r.skippedPerGeneration, options: { explorers: pop ?? 4, positions: r.positions },
      };
    } else {
      const shaping = values.has('shaping') ? parseChoice<ShapingId>('shaping', values.get('shaping')!, SHAPING_IDS) : undefined;
      const nb = values.has('natural-beta') ? parseChoice('natural-beta', values.get('natural-beta')!, ['exact', 'havtorn'] as const) : undefined;
      const w = land.def.domain.x1 - land.def.domain.x0;
      const r = runEs({
        algo, f, start, popSize: pop, antithetic: values.has('antithetic'), shaping, lrMu, lrSigma: num('lr-sigma', 0, 1e9, true), sigma0,
        naturalBeta: nb, maxGenerations: iters, scale: w,
      }, rngFromSeed(seed));
      out = {
        final: r.final, f: r.f, sigma: sig(r.sigma), history: r.history.map((p) => [p.mu[0]!, p.mu[1]!, fin(p.f), sig(p.sigma)]), stop: r.stop,
        message: r.message, skipped: r.skipped, skipped_per_generation: r.skippedPerGeneration, options: { fevals: r.fevals, ...(r.B ? { B: r.B } : {}) },
      };
    }
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.has('json')) {
    return JSON.stringify({ landscape: name, algo, seed, start, ...out, f: fin(out.f) });
  }
  const pt = (p: readonly number[]): string => `(${p.map((v) => v.toFixed(4)).join(', ')})`;
  const s = Array.isArray(out.sigma) ? `[${out.sigma.map(fmtNum).join(', ')}]` : fmtNum(out.sigma);
  return [
    `${algo} on ${name} from ${pt(start)}, seed ${seed}: ${out.history.length - 1} generations`,
    `  final ${pt(out.final)}  f = ${fmtNum(out.f)}  ${ensemble ? 'h' : 'σ'} = ${s}`,
    `  stop: ${out.stop} (${out.message}); skipped samples: ${out.skipped}`,
  ].join('\n');
}

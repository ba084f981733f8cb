import { LEVER_PAYOFFS_PAPER, LeverError, MAX_LEVERS, checkPayoffs } from '../envs/leverGame';
import { LEVER_DEFAULTS, runLeverZsc } from '../runners/leverZsc';
import { UsageError, jsonOpt, parseInteger, parseNumber, parseNumberInRange, seedFrom, seedOpt, type OptionSpec } from './args';

export const LEVER_ABOUT = 'the lever game (the paper\'s Fig. 6): per ridge of the MIS, self-play and cross-play of N replicates, and the ridge zero-shot coordination deploys';
export const LEVER_OPTIONS: readonly OptionSpec[] = [
  { name: 'payoffs', kind: 'value', meta: '<1,1,...,0.6>', help: `the levers' payoffs, 2 to ${MAX_LEVERS} positive numbers (default ${LEVER_PAYOFFS_PAPER.join(',')}; Other-Play's: nine 1 and one 0.9)` },
  { name: 'runs', kind: 'value', meta: '<N>', help: `replicates per batch (default ${LEVER_DEFAULTS.runs})` },
  { name: 'repeats', kind: 'value', meta: '<k>', help: `batches, for error bars (default ${LEVER_DEFAULTS.repeats})` },
  { name: 'noise', kind: 'value', meta: '<σ>', help: `symmetry-breaking noise added to the MIS (default ${LEVER_DEFAULTS.noise})` },
  { name: 'cluster-tol', kind: 'value', meta: '<t>', help: `UpdateRidge treats eigenvalues within t·max|λ| as one eigenspace (default ${LEVER_DEFAULTS.clusterTol}; the engine's 1e-6 stops the six-fold ridges at once)` },
  seedOpt, jsonOpt,
];

/** `lever`: the zero-shot coordination experiment; numbers as runners/leverZsc.ts computes them. */
export function commandLever(values: ReadonlyMap<string, string>): string {
  const payoffs = values.has('payoffs') ? values.get('payoffs')!.split(',').map((t) => parseNumber('payoffs', t.trim())) : LEVER_PAYOFFS_PAPER;
  try { checkPayoffs(payoffs); } catch (e) { if (e instanceof LeverError) throw new UsageError(e.message); throw e; }
  const runs = values.has('runs') ? parseInteger('runs', values.get('runs')!, 2, 10_000) : LEVER_DEFAULTS.runs;
  const repeats = values.has('repeats') ? parseInteger('repeats', values.get('repeats')!, 1, 1000) : LEVER_DEFAULTS.repeats;
  const noise = values.has('noise') ? parseNumberInRange('noise', values.get('noise')!, 0, 10, true) : LEVER_DEFAULTS.noise;
  const clusterTol = values.has('cluster-tol') ? parseNumberInRange('cluster-tol', values.get('cluster-tol')!, 0, 0.5, true) : LEVER_DEFAULTS.clusterTol;
  const seed = seedFrom(values);
  const r = runLeverZsc({ ...LEVER_DEFAULTS, payoffs, runs, repeats, noise, clusterTol }, seed);
  if (values.has('json')) {
    return JSON.stringify({
      payoffs, runs, repeats, seed, cluster_tol: clusterTol,
      mis: { probs: r.mis.probs, J: r.mis.J, grad_norm: r.mis.gradNorm, spectrum: r.mis.spectrum },
      ridges: r.ridges.map((x) => ({
        index: x.index, eigenvalue: x.eigenvalue, multiplicity: x.multiplicity, sign: x.sign, peak: x.peak, fingerprint: x.fingerprint,
        self_play: x.selfPlay, cross_play: x.crossPlay, cross_play_std: x.crossPlayStd, lever: x.lever, examples: x.examples,
      })),
      baseline: { self_play: r.baseline.selfPlay, cross_play: r.baseline.crossPlay, cross_play_std: r.baseline.crossPlayStd },
      chosen: { index: r.chosen.index, cross_play: r.chosen.crossPlay },
    });
  }
  const f = (v: number) => v.toFixed(3);
  return [
    `MIS: p = (${r.mis.probs.map((p) => p.toFixed(4)).join(', ')}), J = ${r.mis.J.toFixed(4)}, |∇J| = ${r.mis.gradNorm.toExponential(1)}`,
    `ridge  λ          ×  self-play  cross-play        lever`,
    ...r.ridges.map((x) => `${String(x.index).padEnd(5)}  ${x.eigenvalue.toFixed(5).padEnd(9)}  ${x.multiplicity}  ${f(x.selfPlay).padStart(9)}  ${f(x.crossPlay)} ± ${f(x.crossPlayStd)}  ${x.lever.join(', ')}`),
    `self-play gradient descent: self-play ${f(r.baseline.selfPlay)}, cross-play ${f(r.baseline.crossPlay)} ± ${f(r.baseline.crossPlayStd)}`,
    `zero-shot coordination deploys ridge ${r.chosen.index}: cross-play ${f(r.chosen.crossPlay)}`,
  ].join('\n');
}

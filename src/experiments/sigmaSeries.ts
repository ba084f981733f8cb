import { computeOneD } from '../runners/oneD';
import { oneDExperiment } from './oneDFigure';
import { RANDOM_ES_ARTICLE } from './sources';

/** Strict local minima of a sampled curve. */
function localMinima(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 1; i + 1 < v.length; i++) if (v[i]! < v[i - 1]! && v[i]! < v[i + 1]!) m++;
  return m;
}

/** Local minima of −sinc smoothed at each σ of the series, and at σ = 1. */
function measure() {
  const out: Record<string, number> = {};
  for (const sigma of [0.35, 0.2, 0.1, 1]) {
    const r = computeOneD('sinc', sigma, 1);
    out[`minima.${sigma}`] = localMinima(r.curves.find((c) => c.sigma === sigma)!.values);
  }
  return out;
}

export const sigmaSeries = oneDExperiment({
  id: 'sigma-series', title: 'Smoothing at σ = 0.35, 0.2 and 0.1', fn: 'sinc', sigma: 0.35, source: RANDOM_ES_ARTICLE,
  caption: 'The article plots a 1D function and its Gaussian smoothings at σ = 0.35, 0.2 and 0.1: the larger σ, the fewer and shallower the local minima. '
    + 'Its exact function is unpublished; −sinc stands in (all five of its minima survive at these σ; merging starts near σ ≈ 1). Move the σ slider to add a curve.',
  expected: [
    { name: 'minima.0.35', label: 'local minima of f_σ at σ = 0.35', is: 'equal', value: 5 },
    { name: 'minima.0.2', label: 'local minima of f_σ at σ = 0.2', is: 'equal', value: 5 },
    { name: 'minima.0.1', label: 'local minima of f_σ at σ = 0.1', is: 'equal', value: 5 },
    { name: 'minima.1', label: 'local minima of f_σ at σ = 1 (they have begun to merge)', is: 'below', value: 5 },
  ],
  measure,
});

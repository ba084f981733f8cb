import { oneDExperiment } from './oneDFigure';
import { HAVTORN_2018, HUSZAR_2017 } from './sources';

export const sincMap = oneDExperiment({
  id: 'sinc-map', title: '−sinc: the bound U(μ, σ) seen from above', fn: 'sinc',
  source: `${HAVTORN_2018}; ${HUSZAR_2017} (as reproduced by Javanmard)`,
  caption: 'U(μ, σ) = E[f(μ + σε)] over μ ∈ [−5, 5] and σ ∈ [0, 2], red high and blue low: the bound is smooth for every σ > 0 and its valley at μ = 0 '
    + 'deepens as σ → 0. Gradient descent from x₀ = 3 stops in the local minimum at 2.46; natural-gradient VO slides to μ = 0 while σ shrinks. '
    + 'Computed exactly (quadrature), not by the source\'s 15000 common samples, so it is symmetric.',
  expected: [
    { name: 'gd.x', label: 'gradient descent from x₀ = 3 stops at the local minimum 2.459', is: 'near', value: 2.459, tolerance: 0.005 },
    { name: 'vo.absMu', label: 'VO ends at the global minimum μ = 0', is: 'below', value: 0.05 },
  ],
});

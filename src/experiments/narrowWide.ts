import { oneDExperiment } from './oneDFigure';
import { HAVTORN_2018 } from './sources';

export const narrowWide = oneDExperiment({
  id: 'narrow-wide', title: 'Narrow versus wide minimum', fn: 'narrow-wide', source: HAVTORN_2018,
  caption: 'A wide local basin at x = −2 (f = −1.25) and a narrow global one at x = 2.25 (f = −1.625). On the U(μ, σ) map the wide basin survives at large σ and '
    + 'the narrow one only near σ = 0: VO from x₀ = −4 with σ₀ = 1 prefers the wide minimum.',
  expected: [{ name: 'vo.mu', label: 'VO ends in the wide minimum at −2', is: 'near', value: -2, tolerance: 0.05 }],
});

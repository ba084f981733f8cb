import { oneDExperiment } from './oneDFigure';
import { RANDOM_ES_ARTICLE } from './sources';

export const plateau = oneDExperiment({
  id: 'plateau', title: 'A plateau where gradient descent cannot start', fn: 'plateau', sigma: 1, source: RANDOM_ES_ARTICLE,
  caption: 'f = min(x², 1) from x₀ = 3: the gradient is exactly 0, so gradient descent never moves. f_σ\'(3) is 0 at σ = 0.1, about 10⁻⁸ at 0.35 and 0.029 at 1: '
    + 'only a large σ "sees" the basin, and VO with σ₀ = 1 finds it. The article\'s own plateau function is unpublished; this one stands in.',
  expected: [
    { name: 'gd.moved', label: 'gradient descent does not move from x₀ = 3', is: 'equal', value: 0 },
    { name: 'vo.absMu', label: 'VO ends in the basin at 0', is: 'below', value: 0.05 },
  ],
});

import { oneDExperiment } from './oneDFigure';
import { RANDOM_ES_ARTICLE } from './sources';

export const wall = oneDExperiment({
  id: 'wall', title: 'A wall that ES tunnels through', fn: 'wall', sigma: 0.2, source: RANDOM_ES_ARTICLE,
  caption: 'A bowl around x = 2 behind a narrow barrier at 0 (height 3, width 0.1). Gradient descent from x₀ = −2 stops at the barrier; the smoothed loss has no '
    + 'barrier for σ ≳ 0.5, so VO (σ₀ = 1) passes it and then shrinks σ into the minimum at 2. The article\'s own wall function is unpublished; this one stands in.',
  expected: [
    { name: 'gd.x', label: 'gradient descent stops before the barrier at 0', is: 'below', value: 0 },
    { name: 'vo.mu', label: 'VO ends in the minimum at 2, past the barrier', is: 'near', value: 2, tolerance: 0.05 },
  ],
});

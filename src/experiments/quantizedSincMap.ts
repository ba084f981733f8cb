import { oneDExperiment } from './oneDFigure';
import { HAVTORN_2018 } from './sources';

export const quantizedSincMap = oneDExperiment({
  id: 'quantized-sinc-map', title: 'Quantized sinc: steps with zero gradient', fn: 'sinc-quantized', source: HAVTORN_2018,
  caption: 'f = ⌊−5 sinc(x)⌋/5 is piecewise constant: its gradient is zero almost everywhere, so gradient descent cannot move, yet U(μ, σ) is smooth for σ > 0 '
    + 'and VO descends it to the plateau around 0. f is drawn as a step plot; the smoothings are exact (sums of Φ over the jumps).',
  expected: [
    { name: 'gd.moved', label: 'gradient descent does not move', is: 'equal', value: 0 },
    { name: 'vo.absMu', label: 'VO ends on the plateau around 0', is: 'below', value: 0.2 },
  ],
});

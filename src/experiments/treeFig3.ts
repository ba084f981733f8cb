import type { Experiment } from './experiment';
import { PARKER_HOLDER_2020 } from './sources';
import { goldenShares, measureTreeSweep } from './treeSweepFigure';
import { TREE_METHODS } from '../envs/treeMethodIds';

/**
 * Figure 3 of Parker-Holder et al. 2020 (§4): depth 12, ten trees, Ridge Rider, the three baselines and the two
 * ablations (Fixed-EV: the MIS's eigenvectors followed without updating them; Rand-Ridge+: random ascent directions).
 * Golden record: the means of measureTreeSweep('fig3', every method) with seed 1 (Node, Float64; pasted), the same in
 * the browser's worker.
 */
export const treeFig3: Experiment = {
  id: 'tree-fig3',
  title: 'Ridge Rider, Figure 3: depth 12, with the Fixed-EV and Rand-Ridge+ ablations',
  short: 'Tree MDP: Figure 3',
  source: `${PARKER_HOLDER_2020}, Figure 3`,
  caption: 'Tree depth 12, ten seeds. (The paper: "Fixed-EVs obtains competitive performance. This clearly illustrates the importance of following EVs rather '
    + 'than random directions.")',
  notes: 'Here, with the panel\'s defaults: Ridge Rider 50%, Rand-Ridge+ 55%, random vectors from the MIS 37%, Fixed-EV 32%, gradient descent 9–10%. The '
    + 'paper\'s ordering appears with its own kind of MIS (switch "MIS" to "small gradient, high entropy"): Ridge Rider 21%, Fixed-EV 20%, Rand-Ridge+ 12%, '
    + 'random vectors 8%, gradient descent 9–10%; from the MIS of uniform leaves every direction leads to new leaves, so random ones catch up. A 5× budget '
    + '(T = 10 000) does not restore it: Ridge Rider 58%, Rand-Ridge+ 86%. Press "Run the Fig. 3 sweep" to recompute it here (about 40 seconds).',
  view: 'mdp',
  settings: { mdp: { on: true, depth: 12, sweep: 'fig3', methods: TREE_METHODS } },
  expected: [
    ...goldenShares({
      'd12.rr': 0.500689134671, 'd12.gd-random': 0.0925101350555, 'd12.gd-mis': 0.0959584109176, 'd12.random-mis': 0.372697751432,
      'd12.fixed-ev': 0.324046175391, 'd12.rand-ridge-plus': 0.547611485611,
    }),
    { name: 'd12.rr-over-gd', label: 'Ridge Rider finds at least 30 points more than either gradient descent', is: 'above', value: 0.3 },
    { name: 'd12.rr-over-random', label: 'Ridge Rider finds more than random vectors from the MIS', is: 'above', value: 0 },
  ],
  measure: () => measureTreeSweep('fig3', TREE_METHODS),
};

import type { TreeMethod } from '../envs/treeMethodIds';
import type { Experiment } from './experiment';
import { PARKER_HOLDER_2020 } from './sources';
import { goldenShares, measureTreeSweep } from './treeSweepFigure';

/** Fig. 2's methods: Ridge Rider and the three baselines of the figure (the ablations are Fig. 3's). */
const METHODS: readonly TreeMethod[] = ['rr', 'gd-random', 'gd-mis', 'random-mis'];

/**
 * Figure 2 right of Parker-Holder et al. 2020 (§4, "RR for Diversity in Reinforcement Learning"): the share of a
 * random tree's positive leaves each method finds, depths 4, 6, 8 and 10, 20 trees each. Golden record: the means of
 * measureTreeSweep('fig2', METHODS) with seed 1 (Node, Float64; pasted, not typed), reproduced to 10⁻⁹ in Node and in
 * the browser's worker (the engines' elementary functions are engine-independent, math/detMath.ts).
 */
export const treeFig2: Experiment = {
  id: 'tree-fig2',
  title: 'Ridge Rider, Figure 2: positive leaves found on random trees of depth 4 to 10',
  short: 'Tree MDP: Figure 2',
  source: `${PARKER_HOLDER_2020}, Figure 2`,
  caption: 'Right: the percentage of solutions found per algorithm, collated by tree depth. R and S represent starting from a random position or from a saddle, '
    + 'respectively. Trees at each depth are randomly generated 20 times to produce error estimates shown. (The paper: "RR often finds over 90% of the solutions, '
    + 'GD finds at most 50%"; random vectors perform poorly.)',
  notes: 'Here, with the defaults of the Tree MDP panel (each a switch): Ridge Rider finds 83%, 75%, 75% and 62% of the positive leaves at depths 4, 6, 8 and 10, '
    + 'gradient descent 13–29%, random vectors from the MIS 40–54%. Ridge Rider stays far ahead of gradient descent, as in the paper, but below its 90%, and random '
    + 'vectors do better than "poorly": from the MIS of uniform leaves any direction leads somewhere new. From θ = 0 (MIS switch) every method finds far less. '
    + 'Press "Run the Fig. 2 sweep" to recompute it here (about a minute).',
  view: 'mdp',
  settings: { mdp: { on: true, sweep: 'fig2', methods: METHODS } },
  expected: [
    ...goldenShares({
      'd4.rr': 0.826130952381, 'd4.gd-random': 0.285615079365, 'd4.gd-mis': 0.280257936508, 'd4.random-mis': 0.504742063492,
      'd6.rr': 0.749025974026, 'd6.gd-random': 0.25044011544, 'd6.gd-mis': 0.244644660895, 'd6.random-mis': 0.537245670996,
      'd8.rr': 0.750827020202, 'd8.gd-random': 0.126624278499, 'd8.gd-mis': 0.127733585859, 'd8.random-mis': 0.448597582973,
      'd10.rr': 0.615995266175, 'd10.gd-random': 0.128493470679, 'd10.gd-mis': 0.134567902064, 'd10.random-mis': 0.39813168763,
    }),
    ...[4, 6, 8, 10].flatMap((d) => [
      { name: `d${d}.rr-over-gd`, label: `depth ${d}: Ridge Rider finds at least 30 points more than either gradient descent`, is: 'above' as const, value: 0.3 },
      { name: `d${d}.gd-best`, label: `depth ${d}: gradient descent (either start) finds at most half`, is: 'below' as const, value: 0.5 },
      { name: `d${d}.rr-over-random`, label: `depth ${d}: Ridge Rider finds more than random vectors from the MIS`, is: 'above' as const, value: 0 },
    ]),
  ],
  measure: () => measureTreeSweep('fig2', METHODS),
};

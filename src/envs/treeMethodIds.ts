/**
 * The methods of Ridge Rider's tree experiment (Parker-Holder et al. 2020, §4, Figs. 2 and 3): Ridge Rider, gradient
 * descent from random starts ("R") and from the MIS ("S"), random vectors from the MIS, and the two ablations of
 * Fig. 3. runners/treeMethods.ts runs them; the names are the CLI's and the link's.
 */
export const TREE_METHODS = ['rr', 'gd-random', 'gd-mis', 'random-mis', 'fixed-ev', 'rand-ridge-plus'] as const;
export type TreeMethod = (typeof TREE_METHODS)[number];

/** How a chart or a table names each method. */
export const TREE_METHOD_NAMES: Readonly<Record<TreeMethod, string>> = {
  'rr': 'Ridge Rider', 'gd-random': 'GD from random starts (R)', 'gd-mis': 'GD from the MIS (S)', 'random-mis': 'Random vectors from the MIS',
  'fixed-ev': 'Fixed-EV', 'rand-ridge-plus': 'Rand-Ridge+',
};

/**
 * The paper's two sweeps over random trees (Parker-Holder et al. 2020, §4): Fig. 2 right, depths 4, 6, 8 and 10 with
 * 20 trees each; Fig. 3, depth 12 with ten trees ("ten seeds").
 */
export const TREE_SWEEPS = ['fig2', 'fig3'] as const;
export type TreeSweep = (typeof TREE_SWEEPS)[number];
export const TREE_SWEEP_PLAN: Readonly<Record<TreeSweep, { readonly depths: readonly number[]; readonly trees: number }>> = {
  fig2: { depths: [4, 6, 8, 10], trees: 20 }, fig3: { depths: [12], trees: 10 },
};

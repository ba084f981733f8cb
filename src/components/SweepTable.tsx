import { TREE_METHOD_NAMES, TREE_METHODS } from '../envs/treeMethodIds';
import { meanStd } from '../math/meanStd';
import { TREE_SWEEP_PLAN } from '../envs/treeSweeps';
import { useAppStore } from './StoreContext';

/**
 * The sweep's numbers (Parker-Holder et al. 2020, Figs. 2 and 3): per depth, the trees done and, per method, the mean
 * share of positive leaves found ± its standard deviation over those trees.
 */
export function SweepTable() {
  const rows = useAppStore((s) => s.sweepRows);
  const sweep = useAppStore((s) => s.params.mdp.sweep);
  if (rows.length === 0) return <p className="hint empty">No sweep yet: its numbers appear here as trees finish.</p>;
  const plan = TREE_SWEEP_PLAN[sweep];
  const depths = [...new Set([...plan.depths, ...rows.map((r) => r.depth)])].sort((a, b) => a - b);
  const methods = TREE_METHODS.filter((m) => rows.some((r) => r.fraction[m] !== undefined));
  const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
  return (
    <table className="runs" data-testid="sweep-table">
      <thead><tr><th>depth</th><th>trees</th>{methods.map((m) => <th key={m}>{TREE_METHOD_NAMES[m]}</th>)}</tr></thead>
      <tbody>
        {depths.map((d) => {
          const at = rows.filter((r) => r.depth === d);
          return (
            <tr key={d}>
              <td>{d}</td><td>{at.length} of {plan.depths.includes(d) ? plan.trees : at.length}</td>
              {methods.map((m) => {
                const v = at.map((r) => r.fraction[m]).filter((x): x is number => x !== undefined);
                const s = meanStd(v);
                return <td key={m}>{v.length ? `${pct(s.mean)} ± ${pct(s.std)}` : ''}</td>;
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

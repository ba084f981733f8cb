import { methodSpec } from '../optimizers/methods';
import { useAppStore } from './StoreContext';

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(6) : String(v));

/** One row per run: where it ended, f there, the steps taken and why it stopped. */
export function RunTable() {
  const runs = useAppStore((s) => s.runs);
  useAppStore((s) => s.runsVersion);
  const rows = Object.values(runs).filter((r) => r !== undefined);
  if (rows.length === 0) return null;
  return (
    <table className="runs" data-testid="run-table">
      <thead><tr><th>method</th><th>x</th><th>y</th><th>f</th><th>steps</th><th>stop</th></tr></thead>
      <tbody>
        {rows.map((r) => {
          const k = (r.count - 1) * 3;
          const spec = methodSpec(r.method)!;
          return (
            <tr key={r.method} data-method={r.method} data-stop={r.stop ?? 'running'}>
              <td><span className="swatch" style={{ background: spec.color }} aria-hidden="true" /> {spec.name}</td>
              <td>{r.count > 0 ? fmt(r.points[k]!) : '…'}</td>
              <td>{r.count > 0 ? fmt(r.points[k + 1]!) : '…'}</td>
              <td>{r.count > 0 ? fmt(r.points[k + 2]!) : '…'}</td>
              <td>{Math.max(0, r.count - 1)}</td>
              <td className={r.stop === 'diverged' ? 'diverged' : ''} title={r.message}>{r.stop ?? 'running…'}{r.stop === 'diverged' && r.message ? `: ${r.message}` : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

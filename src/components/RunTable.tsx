import { useEffect, useState } from 'react';
import { runSpec } from '../store/runSpecs';
import type { AppState } from '../store/appStore';
import { stopWords } from './runWords';
import { useAppStore, useStoreApi } from './StoreContext';

/** While runs stream in, the table re-renders at most this often (a batch arrives every few ms per method). */
const STREAM_REFRESH_MS = 100;

const stopSignature = (runs: AppState['runs']) => Object.values(runs).map((r) => (r ? `${r.method}:${r.stop ?? ''}` : '')).join('|');

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(6) : String(v));

/** One row per run: where it ended, f there, the steps taken and why it stopped, in words (runWords.ts). */
export function RunTable() {
  const store = useStoreApi();
  // Streamed batches replace the runs hundreds of times a second: show them on a timer instead, but at once when a
  // run starts or stops.
  const [runs, setRuns] = useState(() => store.getState().runs);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stops = stopSignature(store.getState().runs);
    const refresh = () => { if (timer) { clearTimeout(timer); timer = null; } setRuns(store.getState().runs); };
    refresh();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.runs === prev.runs) return;
      const sig = stopSignature(s.runs);
      if (sig !== stops) { stops = sig; refresh(); return; }
      if (timer === null) timer = setTimeout(refresh, STREAM_REFRESH_MS);
    });
    return () => { unsubscribe(); if (timer) clearTimeout(timer); };
  }, [store]);
  const params = useAppStore((s) => s.params);
  const rows = Object.values(runs).filter((r) => r !== undefined);
  if (rows.length === 0) {
    return (
      <p className="hint empty">
        {params.oned.on ? 'The 1D view draws its runs (gradient descent on f, VO on the bound) on its own plots. Switch to Surface to run the optimizers on f(x, y).'
          : 'No runs yet: click the surface to start the optimizers there.'}
      </p>
    );
  }
  return (
    <table className="runs" data-testid="run-table">
      <thead><tr><th>method</th><th>x</th><th>y</th><th>f</th><th>steps</th><th>stop</th></tr></thead>
      <tbody>
        {rows.map((r) => {
          const k = (r.count - 1) * 3;
          const spec = runSpec(r.method);
          return (
            <tr key={r.method} data-method={r.method} data-stop={r.stop ?? 'running'}>
              <td><span className="swatch" style={{ background: spec.color }} aria-hidden="true" /> {spec.name}</td>
              <td>{r.count > 0 ? fmt(r.points[k]!) : '…'}</td>
              <td>{r.count > 0 ? fmt(r.points[k + 1]!) : '…'}</td>
              <td>{r.count > 0 ? fmt(r.points[k + 2]!) : '…'}</td>
              <td>{Math.max(0, r.count - 1)}</td>
              <td className={r.stop === 'diverged' ? 'diverged' : ''} title={r.message} data-testid="run-stop">{stopWords(r, params)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

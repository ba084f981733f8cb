import { useState } from 'react';
import { landscapeById } from '../landscapes/registry';
import { currentFormula } from '../store/appStore';
import { useAppStore, useStoreApi } from './StoreContext';
import { exportCriticalCsv, exportJson, exportCsv, exportPng, exportSvg, type ViewHandle } from './exporting';

/** Title, the compute backends in use, sharing and export. */
export function Header({ view }: { view: () => ViewHandle | null }) {
  const store = useStoreApi();
  const backend = useAppStore((s) => s.backend);
  const surface = useAppStore((s) => s.surface);
  const landscape = useAppStore((s) => s.params.landscape);
  const hasRuns = useAppStore((s) => Object.keys(s.runs).length > 0);
  const hasCritical = useAppStore((s) => s.critical.length > 0);
  const oned = useAppStore((s) => s.params.oned);
  const setParams = useAppStore((s) => s.setParams);
  const showHelp = useAppStore((s) => s.showHelp);
  const [copied, setCopied] = useState(false);
  const name = landscapeById(landscape)?.name ?? currentFormula(store.getState().params);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      store.getState().notify('info', `Copy this link: ${location.href}`);
    }
  };
  const guard = (fn: () => Promise<void> | void) => async () => {
    try { await fn(); } catch (e) { store.getState().notify('error', `Export failed: ${(e as Error).message}`); }
  };

  return (
    <header className="header">
      <h1>RidgeLab</h1>
      <span className="subtitle">{name}</span>
      <div className="figure-tabs" role="tablist" aria-label="Main figure">
        <button role="tab" aria-selected={!oned.on} className={oned.on ? 'tab' : 'tab active'} data-figure-tab="surface"
          onClick={() => setParams({ oned: { ...oned, on: false } })} title="The loss surface f(x, y), its curvature and the runs on it">Surface</button>
        <button role="tab" aria-selected={oned.on} className={oned.on ? 'tab active' : 'tab'} data-figure-tab="oned"
          onClick={() => setParams({ oned: { ...oned, on: true } })} title="A function of x, its smoothings and the bound U(μ, σ) of variational optimization">1D view</button>
      </div>
      <div className="badges">
        <span className="badge" data-testid="backend" title={backend ? backend.tried.map((t) => `${t.name}: ${t.ok ? 'ok' : t.error ?? 'unavailable'}`).join('\n') : 'starting…'}>
          TF.js backend: <b>{backend?.name ?? '…'}</b>
        </span>
        <span className="badge" data-testid="grid-path" title={backend?.adapter ? `WebGPU adapter: ${backend.adapter}` : 'no WebGPU adapter'}>
          grid: <b>{surface ? `${surface.path} ${surface.ms.toFixed(0)} ms` : '…'}</b>
        </span>
      </div>
      <div className="actions">
        <button onClick={() => showHelp('')} title="What RidgeLab shows, and every term it uses" data-testid="help">Help</button>
        <button onClick={copyLink} title="Copy a link that restores this view and these runs">{copied ? 'Copied ✓' : 'Copy link'}</button>
        <button onClick={guard(() => exportPng(view(), store))} title="The view as a PNG image">PNG</button>
        <button onClick={guard(() => exportSvg(view(), store))} title="The view as an SVG document">SVG</button>
        <button onClick={guard(() => exportJson(store))} disabled={!hasRuns} title="Trajectories, settings and critical points as JSON">JSON</button>
        <button onClick={guard(() => exportCsv(store))} disabled={!hasRuns} title="Trajectories as CSV">CSV</button>
        <button onClick={guard(() => exportCriticalCsv(store))} disabled={!hasCritical} title="Critical points as CSV">Critical CSV</button>
      </div>
    </header>
  );
}

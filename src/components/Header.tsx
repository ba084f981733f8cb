import { useState } from 'react';
import { landscape1dById } from '../es/landscapes1d';
import { landscapeById } from '../landscapes/registry';
import { currentFormula, figureKind, type AppState, type FigureKind } from '../store/appStore';
import { useAppStore, useStoreApi } from './StoreContext';
import { exportCriticalCsv, exportJson, exportCsv, exportPng, exportSvg, type ViewHandle } from './exporting';

/** The main figures, one at a time. */
const FIGURE_TABS: readonly { kind: FigureKind; label: string; title: string }[] = [
  { kind: 'surface', label: 'Surface', title: 'The loss surface f(x, y), its curvature and the runs on it' },
  { kind: 'oned', label: '1D view', title: 'A function of x, its smoothings and the bound U(μ, σ) of variational optimization' },
  { kind: 'mdp', label: 'Tree MDP', title: 'Ridge Rider and its baselines searching a tree for its positive leaves (the paper\'s Figs. 2 and 3)' },
  { kind: 'lever', label: 'Lever game', title: 'Ridge Rider\'s zero-shot coordination on the lever game (the paper\'s Fig. 6)' },
  { kind: 'net', label: 'Network', title: 'A network trained on MNIST: its curves, the spectrum of its Hessian and slices of its loss' },
];

/**
 * Why PNG and SVG are off, where a network pane has no picture yet (null: a picture is there). Table 1 is a table (CSV,
 * JSON); its pane's picture is a Ridge Rider run's loss slice. The rides pane's picture is its rides' charts and its sweep.
 */
function noPicture(s: AppState): string | null {
  if (figureKind(s.params) !== 'net') return null;
  if (s.params.net.pane === 'colored') return s.netColored.rows.some((r) => r.slice) ? null : 'Table 1 is a table: export it as CSV or JSON; once a Ridge Rider run has drawn its loss slice, PNG and SVG export the slice';
  if (s.params.net.pane === 'rides') return s.netRr.rides.length > 0 || s.netRrSweep.trials.length > 0 ? null : 'Nothing is drawn yet: run Ridge Rider or a sweep (or load a sweep\'s trials) first';
  return null;
}

/** Title, the compute backends in use, sharing and export. */
export function Header({ view }: { view: () => ViewHandle | null }) {
  const store = useStoreApi();
  // The backend of the figure on show: the network worker's in the network view, else the surface worker's.
  const backend = useAppStore((s) => (figureKind(s.params) === 'net' ? s.netBackend : s.backend));
  const surface = useAppStore((s) => s.surface);
  const landscape = useAppStore((s) => s.params.landscape);
  const hasData = useAppStore((s) => {
    switch (figureKind(s.params)) {
      case 'oned': return s.oned !== null;
      case 'mdp': return s.treeView !== null;
      case 'lever': return s.leverResult !== null;
      case 'net': return s.params.net.pane === 'rides' ? s.netRr.rides.length > 0 : s.params.net.pane === 'colored' ? s.netColored.rows.length > 0
        : s.netCurves.count > 0 || s.netSpectra.length > 0 || s.netSlice !== null;
      default: return Object.keys(s.runs).length > 0 || (s.ridge?.rides.length ?? 0) > 0;
    }
  });
  const mdp = useAppStore((s) => s.params.mdp);
  const loadedTree = useAppStore((s) => s.loadedTree !== null);
  const hasCritical = useAppStore((s) => s.critical.length > 0);
  const oned = useAppStore((s) => s.params.oned);
  const netName = useAppStore((s) => (s.params.net.pane === 'colored' ? 'Colored MNIST: Table 1 (Ridge Rider, ERM, IRM, grayscale)'
    : s.params.net.pane === 'rides' ? `Ridge Rider on an MNIST network ${s.params.net.rrLayers.join('–')}` : `MNIST network ${s.params.net.layers.join('–')}`));
  const setFigure = useAppStore((s) => s.setFigure);
  const kind = useAppStore((s) => figureKind(s.params));
  const pictureOff = useAppStore(noPicture);
  const showHelp = useAppStore((s) => s.showHelp);
  const [copied, setCopied] = useState(false);
  // The name of what the main figure shows: the surface's landscape, or the 1D view's function.
  const name = kind === 'net' ? netName : kind === 'mdp' ? (loadedTree ? 'Tree MDP: a loaded tree' : `Tree MDP: depth ${mdp.depth}, tree ${mdp.tree}`)
    : kind === 'lever' ? 'Lever game'
      : oned.on ? (landscape1dById(oned.fn)?.name ?? `f(x) = ${oned.formula}`) : landscapeById(landscape)?.name ?? currentFormula(store.getState().params);

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
    // A failed export's message goes once an export succeeds.
    try { await fn(); store.getState().clearNotices('export'); } catch (e) { store.getState().notify('error', `Export failed: ${(e as Error).message}`, 'export'); }
  };

  return (
    <header className="header">
      <h1>RidgeLab</h1>
      <span className="subtitle">{name}</span>
      <div className="figure-tabs" role="tablist" aria-label="Main figure">
        {FIGURE_TABS.map((t) => (
          <button key={t.kind} role="tab" aria-selected={kind === t.kind} className={kind === t.kind ? 'tab active' : 'tab'} data-figure-tab={t.kind}
            onClick={() => setFigure(t.kind)} title={t.title}>{t.label}</button>
        ))}
      </div>
      <div className="badges">
        <span className="badge" data-testid="backend" title={backend ? backend.tried.map((t) => `${t.name}: ${t.ok ? 'ok' : t.error ?? 'unavailable'}`).join('\n') : 'starting…'}>
          TF.js backend: <b>{backend?.name ?? '…'}</b>
        </span>
        {kind === 'surface' && (
          <span className="badge" data-testid="grid-path" title={backend?.adapter ? `WebGPU adapter: ${backend.adapter}` : 'no WebGPU adapter'}>
            grid: <b>{surface ? `${surface.path} ${surface.ms.toFixed(0)} ms` : '…'}</b>
          </span>
        )}
      </div>
      <div className="actions">
        <button onClick={() => history.back()} data-history="back" aria-label="Back" title="Back to your previous settings (as the browser's Back button)">←</button>
        <button onClick={() => history.forward()} data-history="forward" aria-label="Forward" title="Forward again (as the browser's Forward button)">→</button>
        <button onClick={() => showHelp('')} title="What RidgeLab shows, and every term it uses" data-testid="help">Help</button>
        <button onClick={copyLink} title="Copy a link that restores this view and these runs">{copied ? 'Copied ✓' : 'Copy link'}</button>
        <button onClick={guard(() => exportPng(view(), store))} disabled={pictureOff !== null} data-export="png" title={pictureOff ?? 'The figure as a PNG image, with its legend'}>PNG</button>
        <button onClick={guard(() => exportSvg(view(), store))} disabled={pictureOff !== null} data-export="svg" title={pictureOff ?? 'The figure as an SVG document, with its legend'}>SVG</button>
        <button onClick={guard(() => exportJson(store))} data-export="json"
          title="Every setting and result as JSON: the runs, the Ridge Rider rides, the critical points, the 1D view's curves">JSON</button>
        <button onClick={guard(() => exportCsv(store))} disabled={!hasData} data-export="csv"
          title={kind === 'net' ? 'The figure on show as CSV: the training curves, the spectrum density, the slice\'s losses, the rides of Ridge Rider or the runs of Table 1' : kind === 'oned' ? 'The curves f and f_σ as CSV' : kind === 'mdp' ? 'What each method found, per tree, as CSV' : kind === 'lever' ? 'Self-play and cross-play per ridge, as CSV' : 'Every run and ride, one row per point, as CSV'}>CSV</button>
        {kind === 'surface' && <button onClick={guard(() => exportCriticalCsv(store))} disabled={!hasCritical} data-export="critical" title="Critical points as CSV">Critical CSV</button>}
      </div>
    </header>
  );
}

import { coloredRowsToCsv, netCurvesToCsv, netRidesToCsv, netSliceToCsv, netSpectraToCsv, netToJson } from '../export/network';
import { criticalPointsToCsv, prettyJson, toJson, trajectoriesToCsv, trajectoriesToJson, type TrajectoryRun } from '../export/trajectories';
import { pointRows, ridesToJson, rideTrajectories } from '../export/rides';
import { oneDToCsv, oneDToJson } from '../export/oneD';
import { leverToCsv, sweepToCsv, treeMethodsToCsv } from '../export/studies';
import { mdpTree } from '../compute/treeClient';
import { landscapeById } from '../landscapes/registry';
import { runSpec } from '../store/runSpecs';
import { currentFormula, type AppState, type AppStore } from '../store/appStore';

/** What the main figure (the surface, or the 1D view) offers for export. */
export interface ViewHandle {
  toSvg(): string;
  toPngBlob(scale?: number): Promise<Blob>;
}

/** Saves a Blob under a file name through a temporary link (the browser's download). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function baseName(store: AppStore): string {
  const p = store.getState().params;
  // Each network pane names the network it shows: the trained one, the rides' own, or none (Table 1's are fixed).
  if (p.net.on) {
    const pane = store.getState().params.net.pane;
    return pane === 'colored' ? 'ridgelab' : `ridgelab-mnist-${(pane === 'rides' ? p.net.rrLayers : p.net.layers).join('-')}`;
  }
  if (p.lever.on) return 'ridgelab-lever-game';
  if (p.mdp.on) return store.getState().loadedTree ? 'ridgelab-tree-loaded' : `ridgelab-tree-d${p.mdp.depth}-t${p.mdp.tree}`;
  if (p.oned.on) return `ridgelab-1d-${p.oned.fn === 'custom' ? 'formula' : p.oned.fn}`;
  return `ridgelab-${p.landscape === 'custom' ? 'formula' : p.landscape}`;
}

/** Every trajectory on the surface: the optimizers' and strategies' runs, the rides and their finishes, the baseline or ring. */
function trajectoriesOf(s: AppState): TrajectoryRun[] {
  const out: TrajectoryRun[] = Object.values(s.runs).filter((r) => r !== undefined).map((r) => ({
    method: r.method, kind: r.es ? 'es' : 'optimizer', color: runSpec(r.method).color, points: r.points.subarray(0, r.count * 3),
    stop: r.stop ?? 'running', message: r.message,
  }));
  const ridge = s.ridge;
  if (ridge?.start?.n === 2) {
    out.push(...rideTrajectories(ridge.rides));
    ridge.ring?.runs.forEach((r, i) => out.push({ method: `${ridge.ring!.kind} ${i + 1}`, kind: ridge.ring!.kind, points: r.path, stop: r.exited ? 'converged' : 'max-steps' }));
  }
  return out;
}

/** The Ridge Rider search as JSON data: its start, the rides (with paths), why it stopped, and the baseline or ring. */
function ridgeJson(s: AppState): Record<string, unknown> | undefined {
  const r = s.ridge;
  if (!r) return undefined;
  const st = r.start;
  return {
    start: st ? { found: st.found, theta: st.start, f: st.f, eigenvalues: st.eigenvalues, click: st.click, message: st.message, suggestion: st.suggestion } : null,
    rides: ridesToJson(r.rides, st?.n ?? 2, st?.metricLabels ?? ['L', 'λ']),
    end: r.end,
    ring: r.ring ? {
      kind: r.ring.kind, lambdaMin: r.ring.lambdaMin, eMin: r.ring.eMin,
      runs: r.ring.runs.map((x) => ({ angleDeg: Number.isFinite(x.angleDeg) ? x.angleDeg : null, exited: x.exited, points: pointRows(x.path, 3) })),
    } : null,
  };
}

/** The tree view's data: the tree, the MIS, what each method found, and Ridge Rider's rides with their paths. */
function treeJson(s: AppState): Record<string, unknown> {
  const v = s.treeView!;
  let tree: unknown = s.loadedTree;
  if (!tree) { try { tree = mdpTree(s.params.mdp); } catch { tree = null; } }
  return {
    tree, positive: v.positive, mis: v.mis, methods: v.methods,
    rides: v.rides.map((r) => ({ ...r, path: pointRows(r.path, v.n + 1) })),
  };
}

export async function exportPng(view: ViewHandle | null, store: AppStore): Promise<void> {
  if (!view) throw new Error('the figure is not drawn yet');
  download(await view.toPngBlob(2), imageName(store, 'png'));
}

export function exportSvg(view: ViewHandle | null, store: AppStore): void {
  if (!view) throw new Error('the figure is not drawn yet');
  download(new Blob([view.toSvg()], { type: 'image/svg+xml' }), imageName(store, 'svg'));
}

/**
 * Everything as JSON: every setting (the same state a shared link restores, and the link), the runs, the Ridge Rider
 * search with its rides, the critical points, and the 1D view's curves, bound and runs when it is shown.
 */
export function resultsJson(s: AppState, url: string): string {
  const p = s.params;
  if (p.net.on) return prettyJson(toJson({ network: { settings: { ...p.net, seed: p.seed }, ...netToJson(s) }, url })!);
  return trajectoriesToJson(trajectoriesOf(s).filter((t) => t.kind === 'optimizer' || t.kind === 'es'), {
    landscape: p.landscape, name: landscapeById(p.landscape)?.name ?? 'Custom formula', formula: currentFormula(p), start: p.start,
    hyper: Object.fromEntries(p.methods.map((m) => [m, p.hyper[m]])), steps: p.steps, seed: p.seed, view: p.view, url,
    settings: p,
    criticalPoints: s.critical.map((c) => ({ x: c.x, y: c.y, f: c.f, kind: c.kind })),
    ridgeRider: ridgeJson(s),
    oned: p.oned.on && s.oned ? oneDToJson(s.oned) : undefined,
    tree: p.mdp.on && s.treeView ? treeJson(s) : undefined,
    sweep: s.sweepRows.length > 0 ? s.sweepRows : undefined,
    lever: p.lever.on && s.leverResult ? s.leverResult : undefined,
  });
}

export function exportJson(store: AppStore): void {
  download(new Blob([resultsJson(store.getState(), location.href)], { type: 'application/json' }), `${baseName(store)}.json`);
}

/** The figure's data as CSV: every trajectory and ride on the surface, or the 1D view's curves. */
export function resultsCsv(s: AppState): string {
  if (s.params.net.on && s.params.net.pane === 'rides') return netRidesToCsv(s.netRr);
  if (s.params.net.on && s.params.net.pane === 'colored') return coloredRowsToCsv(s.netColored);
  if (s.params.net.on) return s.params.net.pane === 'spectrum' ? netSpectraToCsv(s.netSpectra) : s.params.net.pane === 'slice' && s.netSlice ? netSliceToCsv(s.netSlice) : netCurvesToCsv(s.netCurves);
  if (s.params.lever.on && s.leverResult) return leverToCsv(s.leverResult);
  if (s.params.mdp.on) return s.sweepRows.length > 0 ? sweepToCsv(s.sweepRows) : s.treeView ? treeMethodsToCsv(s.treeView) : '';
  if (s.params.oned.on && s.oned) return oneDToCsv(s.oned);
  return trajectoriesToCsv(trajectoriesOf(s));
}

/** A picture's file name: on the network, which pane it shows (its charts are those its CSV holds). */
function imageName(store: AppStore, ext: 'png' | 'svg'): string {
  const s = store.getState();
  // Table 1's pane draws one picture, its Ridge Rider run's loss slice; the table itself is CSV or JSON.
  const kind = s.params.net.on && s.params.net.pane === 'colored' ? 'colored-mnist-slice' : csvKind(s);
  return `${baseName(store)}${s.params.net.on ? `-${kind}` : ''}.${ext}`;
}

/** What the CSV of the figure on show holds, for its file name. */
function csvKind(s: AppState): string {
  if (s.params.net.on && (s.params.net.pane === 'rides' || s.params.net.pane === 'colored')) return s.params.net.pane === 'rides' ? 'ridge-rider' : 'colored-mnist-table';
  if (s.params.net.on) return s.params.net.pane === 'spectrum' ? 'spectra' : s.params.net.pane === 'slice' && s.netSlice ? 'slice' : 'training';
  if (s.params.lever.on && s.leverResult) return 'lever-ridges';
  if (s.params.mdp.on) return s.sweepRows.length > 0 ? 'sweep' : 'tree-methods';
  return s.params.oned.on ? 'curves' : 'trajectories';
}

export function exportCsv(store: AppStore): void {
  const s = store.getState();
  download(new Blob([resultsCsv(s)], { type: 'text/csv' }), `${baseName(store)}-${csvKind(s)}.csv`);
}

export function exportCriticalCsv(store: AppStore): void {
  download(new Blob([criticalPointsToCsv(store.getState().critical)], { type: 'text/csv' }), `${baseName(store)}-critical.csv`);
}

import { criticalPointsToCsv, trajectoriesToCsv, trajectoriesToJson, type TrajectoryRun } from '../export/trajectories';
import { landscapeById } from '../landscapes/registry';
import { runSpec } from '../store/runSpecs';
import { currentFormula, type AppStore } from '../store/appStore';

/** What the surface view offers for export. */
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

function baseName(store: AppStore): string {
  const p = store.getState().params;
  return `ridgelab-${p.landscape === 'custom' ? 'formula' : p.landscape}`;
}

function runsOf(store: AppStore): TrajectoryRun[] {
  return Object.values(store.getState().runs).filter((r) => r !== undefined).map((r) => ({
    method: r.method, color: runSpec(r.method).color, points: r.points.slice(0, r.count * 3), stop: r.stop ?? 'running', message: r.message,
  }));
}

export async function exportPng(view: ViewHandle | null, store: AppStore): Promise<void> {
  if (!view) throw new Error('the view is not ready');
  download(await view.toPngBlob(2), `${baseName(store)}.png`);
}

export function exportSvg(view: ViewHandle | null, store: AppStore): void {
  if (!view) throw new Error('the view is not ready');
  download(new Blob([view.toSvg()], { type: 'image/svg+xml' }), `${baseName(store)}.svg`);
}

export function exportJson(store: AppStore): void {
  const s = store.getState();
  const p = s.params;
  const json = trajectoriesToJson(runsOf(store), {
    landscape: p.landscape, name: landscapeById(p.landscape)?.name ?? 'Custom formula', formula: currentFormula(p), start: p.start,
    hyper: Object.fromEntries(p.methods.map((m) => [m, p.hyper[m]])), steps: p.steps, seed: p.seed, view: p.view, url: location.href,
    criticalPoints: s.critical.map((c) => ({ x: c.x, y: c.y, f: c.f, kind: c.kind })),
  });
  download(new Blob([json], { type: 'application/json' }), `${baseName(store)}-runs.json`);
}

export function exportCsv(store: AppStore): void {
  download(new Blob([trajectoriesToCsv(runsOf(store))], { type: 'text/csv' }), `${baseName(store)}-runs.csv`);
}

export function exportCriticalCsv(store: AppStore): void {
  download(new Blob([criticalPointsToCsv(store.getState().critical)], { type: 'text/csv' }), `${baseName(store)}-critical.csv`);
}

import { tryCompileFormula } from '../landscapes/expression/compileFormula';
import { evalGridJs, type GridSpec } from '../landscapes/grid';
import type { SurfaceRequest, SurfaceResponse } from '../protocol/messages';
import { currentFormula, type AppStore } from '../store/appStore';
import type { AppParams } from '../store/params';
import { surfaceLogScale, type GridProductRequest } from '../surface/gridProducts';
import { restartingWorker, type WorkerClient } from './workerClient';

/** Grid resolution (nodes per side) of the interactive view. */
export const VIEW_GRID_SIZE = 384;

const gridKey = (p: AppParams) => `${currentFormula(p)}|${p.view.x0},${p.view.x1},${p.view.y0},${p.view.y1}|${
  p.smooth.on ? JSON.stringify([p.smooth.sigma, p.smooth.method, p.smooth.samples, p.seed]) : ''}`;
const criticalKey = (p: AppParams) => `${gridKey(p)}|${p.critical}|${p.seed}`;
const onedKey = (p: AppParams) => JSON.stringify([p.oned, p.oned.on ? [p.smooth.sigma, p.seed] : null]);

/** Side of the coarse grid of the first paint. */
export const COARSE_SIDE = 64;

/** Whether any value is finite. */
function hasFinite(f: ArrayLike<number>): boolean {
  for (let i = 0; i < f.length; i++) if (f[i]! - f[i]! === 0) return true;
  return false;
}

/**
 * The surface worker's client: the grid of the visible domain (with the drawing products for the view's current
 * layout, which the view reports to the store), its critical points, and the 1D view. Grid requests of a burst
 * (a zoom gesture) are coalesced; answers to superseded requests (runId) are dropped.
 */
export function surfaceClient(store: AppStore, spawn: () => Worker): WorkerClient {
  let gridRunId = 0;
  let criticalRunId = 0;
  let onedRunId = 0;
  let gridTimer: ReturnType<typeof setTimeout> | null = null;

  const worker = restartingWorker<SurfaceRequest, SurfaceResponse>(store, spawn, (res) => onMessage(res),
    (reason) => `The surface worker stopped (${reason}); a new one was started and is recomputing.`,
    (p) => { requestGrid(p); requestCritical(p); requestOneD(p); });

  function onMessage(res: SurfaceResponse): void {
    switch (res.type) {
      case 'ready':
        store.setState({ backend: res.backend });
        return;
      case 'grid':
        if (res.runId !== gridRunId) return;
        worker.settle();
        store.setState({ surface: { grid: { spec: res.spec, ...res.fields }, products: res.products ?? null, path: res.path, ms: res.ms, coarse: false }, surfacePending: false });
        store.getState().clearNotices('surface');
        if (!hasFinite(res.fields.f)) {
          store.getState().notify('warning', 'f is not finite anywhere in this view (every value is NaN or ±∞, as for x/0): there is nothing to colour. '
            + 'Check the formula, or move the view.', 'surface');
        }
        return;
      case 'oned':
        if (res.runId === onedRunId) store.setState({ oned: res.result });
        return;
      case 'critical':
        if (res.runId === criticalRunId) store.setState({ critical: res.points, criticalMs: res.ms });
        return;
      case 'error':
        if (res.runId !== gridRunId && res.runId !== criticalRunId && res.runId !== onedRunId) return;
        worker.settle();
        if (res.runId === gridRunId) store.setState({ surfacePending: false });
        store.getState().notify('error', res.message, 'surface');
        return;
    }
  }

  function requestGrid(p: AppParams): void {
    const spec: GridSpec = { domain: { ...p.view }, nx: VIEW_GRID_SIZE, ny: VIEW_GRID_SIZE };
    const products: GridProductRequest = {
      colormap: p.colormap, log: surfaceLogScale(p), contourCount: p.contours ? p.contourCount : 0,
      curvature: p.curvature, eigenvectors: p.eigenvectors, layout: store.getState().layout,
    };
    const smooth = p.smooth.on ? { params: { ...p.smooth }, landscape: p.landscape, seed: p.seed } : undefined;
    store.setState({ surfacePending: true });
    worker.post({ type: 'grid', runId: ++gridRunId, formula: currentFormula(p), spec, path: 'auto', products, ...(smooth ? { smooth } : {}) });
  }

  function requestCritical(p: AppParams): void {
    if (!p.critical) { store.setState({ critical: [] }); return; }
    // On the smoothed surface the critical points are those of f_σ.
    const smooth = p.smooth.on ? { sigma: p.smooth.sigma, method: p.smooth.method, samples: p.smooth.samples, seed: p.seed, landscape: p.landscape } : undefined;
    worker.post({ type: 'critical', runId: ++criticalRunId, formula: currentFormula(p), domain: { ...p.view }, seed: p.seed, ...(smooth ? { smooth } : {}) });
  }

  function requestOneD(p: AppParams): void {
    if (!p.oned.on) { store.setState({ oned: null }); return; }
    worker.post({ type: 'oned', runId: ++onedRunId, fn: p.oned.fn, formula: p.oned.formula, sigma: p.smooth.sigma, seed: p.seed, start: p.oned.start });
  }

  /**
   * The first paint: a coarse grid by the JavaScript jets on this thread (COARSE_SIDE² jets, ~30 ms), drawn while
   * the worker starts its backend and computes the full grid. Not for a smoothed surface, whose every value is an
   * integral.
   */
  function paintCoarse(p: AppParams): void {
    if (p.smooth.on || store.getState().surface !== null) return;
    const compiled = tryCompileFormula(currentFormula(p));
    if (!compiled.ok) return;
    const t0 = performance.now();
    const grid = evalGridJs(compiled.tape, { domain: { ...p.view }, nx: COARSE_SIDE, ny: COARSE_SIDE });
    store.setState({ surface: { grid, products: null, path: 'js', ms: performance.now() - t0, coarse: true } });
  }

  return {
    update(p, prev) {
      if (!prev) {
        requestGrid(p); requestCritical(p); requestOneD(p);
        // In a task of its own, after the page's first render, so that neither waits for the other.
        setTimeout(() => { if (store.getState().params === p) paintCoarse(p); }, 0);
        return;
      }
      if (gridKey(p) !== gridKey(prev)) {
        // Coalesce bursts (zoom gestures) into one request per frame or so.
        if (gridTimer) clearTimeout(gridTimer);
        gridTimer = setTimeout(() => { gridTimer = null; requestGrid(store.getState().params); }, 16);
      }
      if (criticalKey(p) !== criticalKey(prev)) requestCritical(p);
      if (onedKey(p) !== onedKey(prev)) requestOneD(p);
    },
    crash: () => worker.post({ type: 'crash', runId: 0 }),
    restarts: () => worker.restarts,
    dispose: () => { if (gridTimer) clearTimeout(gridTimer); worker.dispose(); },
  };
}

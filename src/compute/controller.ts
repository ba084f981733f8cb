import type { GridFields, GridSpec } from '../landscapes/grid';
import { DEFAULT_DOMAIN, landscapeById } from '../landscapes/registry';
import { METHODS } from '../optimizers/methods';
import { ES_GEN_STRIDE, type RidgeRequest, type RidgeResponse, type RunKey, type RunsRequest, type RunsResponse, type SurfaceRequest, type SurfaceResponse } from '../protocol/messages';
import { currentFormula, type AppStore, type RunTrack } from '../store/appStore';
import type { AppParams } from '../store/params';
import { attachGridProducts, productLayout, surfaceLogScale, type GridProductRequest } from '../surface/gridProducts';
import { RestartingWorker } from './restartingWorker';

/** Grid resolution (nodes per side) of the interactive view. */
export const VIEW_GRID_SIZE = 384;

export interface ComputeController {
  /** Test hook: crash one of the workers to exercise recovery. */
  crash(which: 'surface' | 'runs' | 'ridge'): void;
  restarts(): { surface: number; runs: number; ridge: number };
  dispose(): void;
}

/**
 * Connects the store to the two workers: the surface worker (grid fields and critical points of the visible
 * domain) and the runs worker (optimizer trajectories). It watches the user's params, sends a request when
 * the inputs of a result change, drops answers to superseded requests (runId), and re-issues the current
 * requests when a crashed worker has been restarted.
 */
export function startCompute(store: AppStore, spawnSurface: () => Worker, spawnRuns: () => Worker, spawnRidge: () => Worker): ComputeController {
  let gridRunId = 0;
  let criticalRunId = 0;
  let runsRunId = 0;
  let onedRunId = 0;
  let pendingMethods = new Set<RunKey>();

  const surface: RestartingWorker<SurfaceRequest, SurfaceResponse> = new RestartingWorker(
    spawnSurface,
    (res) => onSurface(res),
    (reason) => {
      store.getState().notify('warning', `The surface worker stopped (${reason}); a new one was started and is recomputing.`);
      requestGrid(store.getState().params);
      requestCritical(store.getState().params);
    },
  );
  const runs: RestartingWorker<RunsRequest, RunsResponse> = new RestartingWorker(
    spawnRuns,
    (res) => onRuns(res),
    (reason) => {
      store.getState().notify('warning', `The optimizer worker stopped (${reason}); a new one was started and the runs were restarted.`);
      requestRuns(store.getState().params);
    },
  );

  let ridgeRunId = 0;
  const ridge: RestartingWorker<RidgeRequest, RidgeResponse> = new RestartingWorker(
    spawnRidge,
    (res) => onRidge(res),
    (reason) => {
      store.getState().notify('warning', `The Ridge Rider worker stopped (${reason}); a new one was started and the search was restarted.`);
      requestRidge(store.getState().params);
    },
  );

  function onRidge(res: RidgeResponse): void {
    if (res.runId !== ridgeRunId) return;
    const s = store.getState();
    const r = s.ridge;
    if (!r) return;
    switch (res.type) {
      case 'ridge-start': {
        const { type: _t, runId: _r, ...start } = res;
        r.start = start;
        if (!res.start) s.notify('warning', `Ridge Rider: ${res.message}`);
        break;
      }
      case 'ride':
        r.rides.push(res.ride);
        break;
      case 'ring': {
        const { type: _t, runId: _r, ...ring } = res;
        r.ring = ring;
        break;
      }
      case 'ridge-end':
        r.end = { reason: res.reason, note: res.note, totalSteps: res.totalSteps };
        ridge.settle();
        if (res.reason === 'max-rides' || res.reason === 'max-total-steps') s.notify('info', `Ridge Rider stopped at a cap: ${res.note}`);
        break;
      case 'error':
        r.end = { reason: 'error', note: res.message, totalSteps: 0 };
        ridge.settle();
        s.notify('error', res.message);
        break;
    }
    store.setState({ ridgeVersion: s.ridgeVersion + 1 });
  }

  function requestRidge(p: AppParams): void {
    const runId = ++ridgeRunId;
    if (!p.ridge.on) {
      ridge.post({ type: 'cancel', runId });
      ridge.settle();
      store.setState({ ridge: null, ridgeVersion: store.getState().ridgeVersion + 1, highlightRide: null });
      return;
    }
    const { on: _on, start: click, preset, ...settings } = p.ridge;
    store.setState({ ridge: { start: null, rides: [], ring: null, end: null }, ridgeVersion: store.getState().ridgeVersion + 1, highlightRide: null,
      playhead: 0, playing: true });
    const domain = landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN;
    ridge.post({ type: 'ridge', runId, formula: currentFormula(p), domain, click, settings, seed: p.seed, preset });
  }

  function onSurface(res: SurfaceResponse): void {
    const s = store.getState();
    switch (res.type) {
      case 'ready':
        store.setState({ backend: res.backend });
        return;
      case 'grid': {
        if (res.runId !== gridRunId) return;
        surface.settle();
        const grid: GridFields = { spec: res.spec, ...res.fields };
        if (res.products) attachGridProducts(grid, res.products);
        store.setState({ grid, gridInfo: { path: res.path, ms: res.ms } });
        return;
      }
      case 'oned':
        if (res.runId !== onedRunId) return;
        store.setState({ oned: res.result });
        return;
      case 'critical':
        if (res.runId !== criticalRunId) return;
        store.setState({ critical: res.points, criticalMs: res.ms });
        return;
      case 'error':
        if (res.runId !== gridRunId && res.runId !== criticalRunId && res.runId !== onedRunId) return;
        surface.settle();
        s.notify('error', res.message);
        return;
    }
  }

  function onRuns(res: RunsResponse): void {
    if (res.runId !== runsRunId) return;
    const s = store.getState();
    if (res.type === 'error') {
      s.notify('error', res.method ? `${res.method}: ${res.message}` : res.message);
      if (res.method) finishMethod(res.method);
      return;
    }
    const track = s.runs[res.method];
    if (!track) return;
    if (res.type === 'batch') {
      appendPoints(track, res.points);
    } else if (res.type === 'es-batch') {
      appendPoints(track, res.points);
      appendGenerations(track, res.gens, res.samples, res.pop);
    } else {
      track.stop = res.stop;
      track.message = res.message;
      finishMethod(res.method);
    }
    store.setState({ runsVersion: s.runsVersion + 1 });
  }

  function finishMethod(m: RunKey): void {
    pendingMethods.delete(m);
    if (pendingMethods.size === 0) runs.settle();
  }

  function requestGrid(p: AppParams): void {
    const spec: GridSpec = { domain: { ...p.view }, nx: VIEW_GRID_SIZE, ny: VIEW_GRID_SIZE };
    const products: GridProductRequest = {
      colormap: p.colormap, log: surfaceLogScale(p), contourCount: p.contours ? p.contourCount : 0,
      curvature: p.curvature, eigenvectors: p.eigenvectors, layout: productLayout(),
    };
    const smooth = p.smooth.on ? { params: { ...p.smooth }, landscape: p.landscape, seed: p.seed } : undefined;
    surface.post({ type: 'grid', runId: ++gridRunId, formula: currentFormula(p), spec, path: 'auto', products, ...(smooth ? { smooth } : {}) });
  }

  function requestOneD(p: AppParams): void {
    if (!p.oned.on) { store.setState({ oned: null }); return; }
    surface.post({ type: 'oned', runId: ++onedRunId, fn: p.oned.fn, formula: p.oned.formula, sigma: p.smooth.sigma, seed: p.seed, start: p.oned.start });
  }

  function requestCritical(p: AppParams): void {
    if (!p.critical) { store.setState({ critical: [] }); return; }
    surface.post({ type: 'critical', runId: ++criticalRunId, formula: currentFormula(p), domain: { ...p.view }, seed: p.seed });
  }

  function requestRuns(p: AppParams): void {
    const runId = ++runsRunId;
    if (!p.start || (p.methods.length === 0 && p.es.algos.length === 0)) {
      runs.post({ type: 'cancel', runId });
      runs.settle();
      store.setState({ runs: {}, runsVersion: store.getState().runsVersion + 1, playhead: 0, playing: false });
      return;
    }
    const tracks: Partial<Record<RunKey, RunTrack>> = {};
    for (const m of p.methods) tracks[m] = { method: m, points: new Float32Array(3 * Math.min(p.steps + 1, 1024)), count: 0, stop: null, message: '' };
    for (const a of p.es.algos) {
      const key: RunKey = `es:${a}`;
      tracks[key] = { method: key, points: new Float32Array(3 * Math.min(p.es.iters + 1, 1024)), count: 0, stop: null, message: '',
        es: { pop: 0, gens: new Float32Array(0), genCount: 0, samples: new Float32Array(0) } };
    }
    pendingMethods = new Set(Object.keys(tracks) as RunKey[]);
    store.setState({ runs: tracks, runsVersion: store.getState().runsVersion + 1, playhead: 0, playing: true });
    const domain = landscapeById(p.landscape)?.domain ?? DEFAULT_DOMAIN;
    runs.post({
      type: 'run', runId, formula: currentFormula(p), landscape: p.landscape, domain, start: p.start, steps: p.steps,
      methods: METHODS.filter((m) => p.methods.includes(m.id)).map((m) => ({ id: m.id, hyper: { ...p.hyper[m.id] } })),
      es: p.es.algos.length > 0 ? { ...p.es, algos: [...p.es.algos] } : null, seed: p.seed,
    });
  }

  const gridKey = (p: AppParams) => `${currentFormula(p)}|${p.view.x0},${p.view.x1},${p.view.y0},${p.view.y1}|${p.smooth.on ? JSON.stringify([p.smooth, p.seed]) : ''}`;
  const criticalKey = (p: AppParams) => `${gridKey(p)}|${p.critical}|${p.seed}`;
  const runsKey = (p: AppParams) => JSON.stringify([currentFormula(p), p.start, p.methods, p.steps, p.methods.map((m) => p.hyper[m]), p.es, p.es.algos.length ? p.seed : 0]);
  const ridgeKey = (p: AppParams) => JSON.stringify([currentFormula(p), p.ridge, p.seed]);
  const onedKey = (p: AppParams) => JSON.stringify([p.oned, p.oned.on ? [p.smooth.sigma, p.seed] : null]);

  let last = store.getState().params;
  let gridTimer: ReturnType<typeof setTimeout> | null = null;
  requestGrid(last);
  requestCritical(last);
  requestRuns(last);
  requestRidge(last);
  requestOneD(last);

  const unsubscribe = store.subscribe((state) => {
    const p = state.params;
    if (p === last) return;
    const prev = last;
    last = p;
    if (gridKey(p) !== gridKey(prev)) {
      // Coalesce bursts (zoom gestures) into one request per frame or so.
      if (gridTimer) clearTimeout(gridTimer);
      gridTimer = setTimeout(() => { gridTimer = null; requestGrid(last); }, 16);
    }
    if (criticalKey(p) !== criticalKey(prev)) requestCritical(p);
    if (runsKey(p) !== runsKey(prev)) requestRuns(p);
    if (ridgeKey(p) !== ridgeKey(prev)) requestRidge(p);
    if (onedKey(p) !== onedKey(prev)) requestOneD(p);
  });

  return {
    crash: (which) => (which === 'surface' ? surface : which === 'runs' ? runs : ridge).post({ type: 'crash', runId: 0 }),
    restarts: () => ({ surface: surface.restarts, runs: runs.restarts, ridge: ridge.restarts }),
    dispose: () => {
      unsubscribe();
      if (gridTimer) clearTimeout(gridTimer);
      surface.dispose();
      runs.dispose();
      ridge.dispose();
    },
  };
}

/** Appends `data` to a growable Float32Array whose first `used` entries are valid; returns the (possibly new) buffer. */
function appendTo(buf: Float32Array, used: number, data: Float32Array): Float32Array {
  let out = buf;
  if (used + data.length > buf.length) {
    out = new Float32Array(Math.max(used + data.length, buf.length * 2));
    out.set(buf.subarray(0, used));
  }
  out.set(data, used);
  return out;
}

/** Appends an evolution strategy's generations (ES_GEN_STRIDE floats each) and their N × 2 samples to a track. */
export function appendGenerations(track: RunTrack, gens: Float32Array, samples: Float32Array, pop: number): void {
  const es = track.es;
  if (!es) return;
  const n = gens.length / ES_GEN_STRIDE;
  es.gens = appendTo(es.gens, es.genCount * ES_GEN_STRIDE, gens);
  es.samples = appendTo(es.samples, es.genCount * pop * 2, samples);
  es.pop = pop;
  es.genCount += n;
}

/** Appends (x, y, f) triples to a track, doubling its buffer when full. */
export function appendPoints(track: RunTrack, pts: Float32Array): void {
  const need = (track.count * 3) + pts.length;
  if (need > track.points.length) {
    const grown = new Float32Array(Math.max(need, track.points.length * 2));
    grown.set(track.points.subarray(0, track.count * 3));
    track.points = grown;
  }
  track.points.set(pts, track.count * 3);
  track.count += pts.length / 3;
}

import { gridX, gridY, allocGridFields, type Domain, type GridFields, type GridSpec } from '../landscapes/grid';
import { findCriticalPoints } from '../math/criticalPoints';
import { gridInterpolant } from '../math/gridInterpolant';
import { lanczosAsync, type LanczosResult } from '../math/lanczos';
import { rngFromSeed } from '../math/rng';
import { slqAsync, type SlqResult } from '../math/slq';
import { firstExamples, type Dataset } from '../nn/dataset';
import { firstLayerImages } from '../nn/firstLayerImages';
import { createHvpOperator, type HvpBatch, type HvpOperator } from '../nn/hvp';
import { filterNormalizedDirection, lossSlice } from '../nn/lossSlice';
import { checkSpec, initParams, modelToJson, ModelError, paramLayout, parseModelJson, type MlpSpec } from '../nn/mlpSpec';
import { evaluateMlp } from '../nn/train';
import { createTrainer, checkTrainSettings, type Trainer } from '../nn/trainer';
import type { CriticalPointMsg } from '../protocol/messages';
import type { NetCurvatureSettings, NetEigs, NetEvalPoint, NetRunState, NetSliceSettings, NetSpectrum, NetTrainSettings } from '../protocol/nn';
import type { Liveness } from './serveLatest';

/** The examples a session trains and evaluates on. */
export interface NetData {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** Hidden units whose incoming weights are sent as images with each evaluation (at most). */
export const FIRST_LAYER_UNITS = 64;
/** Nodes per side of the interpolated grid a slice is drawn from. */
export const SLICE_DISPLAY_SIDE = 193;
/** The bulk's edges are looked for outward from these quantiles of the spectral measure. */
const BULK_QUANTILE = 0.01;
/** A gap wider than this share of the spectrum's range separates the bulk from its outliers. */
const OUTLIER_GAP = 0.05;

/**
 * The outliers of an SLQ density (Ghorbani, Krishnan & Xiao 2019, §3: a few large eigenvalues separated from the
 * bulk). The quadrature nodes of all draws, pooled with their weights, define the spectral measure; from its 1% and
 * 99% quantiles (inside the bulk) the nodes are walked outward, and the first gap wider than 5% of the spectrum's
 * range ends the bulk: the nodes beyond it are outliers. Nodes of different draws closer than 1% of the range are one
 * outlier (their mean).
 */
export function spectrumOutliers(r: Pick<SlqResult, 'nodes' | 'weights'>): { outliers: number[]; bulk: [number, number] } {
  const pts: { x: number; w: number }[] = [];
  const draws = r.nodes.length;
  r.nodes.forEach((xs, d) => xs.forEach((x, i) => pts.push({ x, w: r.weights[d]![i]! / draws })));
  pts.sort((a, b) => a.x - b.x);
  if (pts.length === 0) return { outliers: [], bulk: [0, 0] };
  const quantileIndex = (q: number): number => {
    let c = 0;
    for (let i = 0; i < pts.length; i++) { c += pts[i]!.w; if (c >= q) return i; }
    return pts.length - 1;
  };
  const range = pts[pts.length - 1]!.x - pts[0]!.x || 1;
  const gap = OUTLIER_GAP * range;
  let hi = quantileIndex(1 - BULK_QUANTILE);
  while (hi + 1 < pts.length && pts[hi + 1]!.x - pts[hi]!.x <= gap) hi++;
  let lo = quantileIndex(BULK_QUANTILE);
  while (lo > 0 && pts[lo]!.x - pts[lo - 1]!.x <= gap) lo--;
  const outside = [...pts.slice(0, lo), ...pts.slice(hi + 1)].map((p) => p.x);
  const groups: number[][] = [];
  for (const x of outside) {
    const g = groups[groups.length - 1];
    if (g && x - g[g.length - 1]! <= 0.01 * range) g.push(x);
    else groups.push([x]);
  }
  return { outliers: groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length), bulk: [pts[lo]!.x, pts[hi]!.x] };
}

/**
 * The quadrature's mass on nodes below −10⁻³ · max|node|: the share of clearly negative eigenvalues (a cluster at 0,
 * as a relu network has, spreads into tiny negative Ritz values in float32; those are not counted).
 */
export function negativeMass(r: Pick<SlqResult, 'nodes' | 'weights'>): number {
  let scale = 0;
  for (const xs of r.nodes) for (const x of xs) scale = Math.max(scale, Math.abs(x));
  let m = 0;
  r.nodes.forEach((xs, d) => xs.forEach((x, i) => { if (x < -1e-3 * scale) m += r.weights[d]![i]!; }));
  return m / Math.max(1, r.nodes.length);
}

/**
 * A slice drawn as a surface: the losses L(θ + a u + b v) on a side × side grid over [−span, span]², interpolated
 * bicubically (math/gridInterpolant.ts) onto SLICE_DISPLAY_SIDE² nodes with the jet (value, gradient, Hessian in the
 * plane), and the critical points of the interpolant (math/criticalPoints.ts): the surface view's contours, curvature
 * regions, eigenvector glyphs and critical points then work on a network's loss (critical points only where the grid
 * resolves both curvatures).
 */
export function sliceSurface(samples: Float64Array, side: number, span: number, seed: number, display = SLICE_DISPLAY_SIDE): { fields: GridFields; critical: CriticalPointMsg[] } {
  const domain: Domain = { x0: -span, x1: span, y0: -span, y1: span };
  const interp = gridInterpolant(samples, { domain, nx: side, ny: side });
  const spec: GridSpec = { domain, nx: display, ny: display };
  const fields = allocGridFields(spec);
  const jet = new Float64Array(6);
  for (let j = 0; j < display; j++) {
    for (let i = 0; i < display; i++) {
      interp.jet([gridX(spec, i), gridY(spec, j)], jet);
      const k = j * display + i;
      fields.f[k] = jet[0]!; fields.gx[k] = jet[1]!; fields.gy[k] = jet[2]!;
      fields.hxx[k] = jet[3]!; fields.hxy[k] = jet[4]!; fields.hyy[k] = jet[5]!;
    }
  }
  // Only critical points the grid resolves: along a valley flatter than the computed losses can show (curvature × cell²
  // below 10⁻⁴ of the slice's range), the interpolant's critical points are artefacts of the interpolation.
  let lo = Infinity;
  let hi = -Infinity;
  for (const z of samples) { if (z < lo) lo = z; if (z > hi) hi = z; }
  const cell = (2 * span) / (side - 1);
  const resolved = (l: number) => Math.abs(l) * cell * cell >= 1e-4 * (hi - lo);
  const critical = findCriticalPoints(interp, domain, { seed }).filter((c) => resolved(c.l1) && resolved(c.l2))
    .map(({ x, y, f, kind, l1, l2 }) => ({ x, y, f, kind, l1, l2 }));
  return { fields, critical };
}

/**
 * Which two of the eigenpairs found (ascending) a slice follows: the most negative and the largest when both signs are
 * there, else the two of largest |λ| (the two largest, or the two most negative).
 */
export function slicePair(values: ArrayLike<number>): [number, number] {
  const last = values.length - 1;
  if (values[0]! < 0 && values[last]! > 0) return [0, last];
  return values[0]! >= 0 ? [last - 1, last] : [0, 1];
}

/** What a training run reports while it runs. */
export interface TrainHooks {
  steps(from: number, losses: Float32Array, total: number, stepsPerSecond: number): void;
  evaluated(point: NetEvalPoint, confusion: Uint32Array, firstLayer: Float32Array | null): void;
  spectrum(s: NetSpectrum): void;
  progress(what: 'eigs' | 'density' | 'slice', done: number, total: number): void;
}

/** Yields to the event loop at most every `ms` of work, so that a newer request is read; aborts once superseded. */
function breather(live: Liveness, ms = 50): { signal: AbortSignal; breathe(): Promise<boolean> } {
  const ctl = new AbortController();
  let last = performance.now();
  return {
    signal: ctl.signal,
    async breathe() {
      if (performance.now() - last < ms) return !ctl.signal.aborted;
      last = performance.now();
      if (!(await live.breathe())) ctl.abort();
      return !ctl.signal.aborted;
    },
  };
}

/**
 * One network and what is computed on it, as the network worker keeps it between requests: a training run that a
 * newer request pauses and `resume` continues, the Hessian's eigenpairs (Lanczos on H v, math/lanczos.ts), the
 * density of its spectrum (SLQ, math/slq.ts) and loss slices (nn/lossSlice.ts). Pure: it runs unchanged in the
 * worker, in Node and in tests, on whichever TF.js backend is active.
 */
export class NetSession {
  spec: MlpSpec | null = null;
  params: Float32Array | null = null;
  step = 0;
  state: NetRunState = 'idle';
  private trainer: Trainer | null = null;
  private run: NetTrainSettings | null = null;
  private eig: { step: number; result: LanczosResult } | null = null;
  private batchCache: { samples: number; batch: HvpBatch } | null = null;
  private trainSeconds = 0;

  constructor(readonly data: NetData) {}

  /** Parameters of the network. */
  get n(): number { return this.spec ? paramLayout(this.spec.layers).count : 0; }

  /** A new run: a fresh seeded initialization of `spec`, and a trainer for it (the previous run is dropped). */
  start(spec: MlpSpec, settings: NetTrainSettings): void {
    checkSpec(spec);
    const params = initParams(spec, rngFromSeed(settings.seed));
    const train = this.trainData(settings);
    checkTrainSettings(spec, params, train, settings);
    if (!(Number.isInteger(settings.evalEvery) && settings.evalEvery >= 1)) throw new ModelError(`evaluate every n steps: n must be a positive integer, got ${settings.evalEvery}`);
    this.dropRun();
    this.spec = spec;
    this.params = params;
    this.step = 0;
    this.eig = null;
    this.run = settings;
    this.trainer = createTrainer(spec, params, train, settings);
    this.trainSeconds = 0;
    this.state = 'paused';
  }

  /**
   * Trains until the run's step count or until superseded (then the run is paused and resumable). Reports the
   * minibatch losses about every 100 ms, an evaluation every `evalEvery` steps (and at step 0 and the end), and the
   * spectrum every `densityEvery` steps. Returns the state it left the run in.
   */
  async train(hooks: TrainHooks, live: Liveness, curvature: NetCurvatureSettings): Promise<NetRunState> {
    const run = this.run;
    const trainer = this.trainer;
    if (!run || !trainer || !this.spec) throw new ModelError('there is no training run to go on with: start one');
    this.state = 'training';
    if (this.step === 0) await this.evaluate(hooks);
    let from = this.step;
    let losses: number[] = [];
    let last = performance.now();
    const flush = () => {
      if (losses.length === 0) return;
      hooks.steps(from, Float32Array.from(losses), run.steps, this.step / Math.max(this.trainSeconds, 1e-9));
      from = this.step;
      losses = [];
    };
    try {
      while (this.step < run.steps) {
        const t0 = performance.now();
        losses.push(await trainer.step());
        this.trainSeconds += (performance.now() - t0) / 1000;
        this.step = trainer.steps;
        const evalNow = this.step % run.evalEvery === 0 || this.step === run.steps;
        const densityNow = run.densityEvery > 0 && this.step % run.densityEvery === 0;
        if (evalNow || densityNow || performance.now() - last > 100) {
          flush();
          // Weights that overflowed are never kept: a diverging run leaves the last finite ones.
          const p = await trainer.params();
          if (p.every(Number.isFinite)) this.params = p;
          this.eig = null;
          if (evalNow) await this.evaluate(hooks);
          if (densityNow && !(await this.spectrumInto(hooks, live, curvature))) { this.state = 'paused'; return this.state; }
          last = performance.now();
          if (this.step < run.steps && !(await live.breathe())) { this.state = 'paused'; return this.state; }
        }
      }
      flush();
      this.state = 'done';
      this.dropRun();
      return this.state;
    } catch (e) {
      // A diverged step: the weights stay the last finite ones fetched.
      flush();
      this.state = 'done';
      this.dropRun();
      throw e;
    }
  }

  /** Ends the run (a cancel): the weights reached stay, the optimizer's state goes. */
  end(): void {
    this.dropRun();
  }

  /** Train and test loss and accuracy on the first `evalSamples` of each split, the test confusion matrix, the first layer. */
  async evaluate(hooks: Pick<TrainHooks, 'evaluated'>): Promise<NetEvalPoint> {
    const { spec, params } = this.need();
    const limit = this.run?.evalSamples ?? 2000;
    const train = await evaluateMlp(spec, params, this.data.train, limit);
    const test = await evaluateMlp(spec, params, this.data.test, limit);
    const point = { step: this.step, trainLoss: train.loss, trainAccuracy: train.accuracy, testLoss: test.loss, testAccuracy: test.accuracy };
    hooks.evaluated(point, test.confusion, this.firstLayer());
    return point;
  }

  /** The first FIRST_LAYER_UNITS units' incoming weights as 28 × 28 images in [−1, 1] (null when the input is not 784 wide). */
  firstLayer(): Float32Array | null {
    const { spec, params } = this.need();
    if (spec.layers[0] !== 784 || spec.layers.length < 3) return null;
    const images = firstLayerImages(spec, params, 28).slice(0, FIRST_LAYER_UNITS);
    const out = new Float32Array(images.length * 784);
    images.forEach((im, i) => out.set(im, i * 784));
    return out;
  }

  /** The Hessian's eigenpairs at the current weights (kept for the slice). */
  async eigs(c: NetCurvatureSettings, hooks: Pick<TrainHooks, 'progress'>, live: Liveness): Promise<NetEigs> {
    const t0 = performance.now();
    if (!(Number.isInteger(c.k) && c.k >= 1)) throw new ModelError(`k must be a positive integer, got ${c.k}`);
    const wanted = c.which === 'both' ? 2 * c.k : c.k;
    if (wanted > this.n) throw new ModelError(`${wanted} eigenpairs were asked for, but the network has only ${this.n} parameters`);
    return this.withOperator(c, async (op) => {
      const b = breather(live);
      const { loss, grad } = await op.lossAndGradient();
      const result = await lanczosAsync(op.n, async (v) => { await b.breathe(); return op.hvp(v); },
        { k: c.k, which: c.which, tol: c.tol, maxMatvecs: c.maxMatvecs, seed: 1 },
        (m) => hooks.progress('eigs', m, c.maxMatvecs), b.signal);
      this.eig = { step: this.step, result };
      let g2 = 0;
      for (const g of grad) g2 += g * g;
      return {
        step: this.step, samples: c.samples, values: Array.from(result.values), residuals: Array.from(result.residuals), matvecs: result.matvecs, converged: result.converged,
        loss, gradNorm: Math.sqrt(g2), n: op.n, backend: op.backend, ms: performance.now() - t0,
      };
    });
  }

  /** The spectrum's density by SLQ at the current weights, with its outliers. */
  async density(c: NetCurvatureSettings, hooks: Pick<TrainHooks, 'progress' | 'spectrum'>, live: Liveness): Promise<NetSpectrum | null> {
    return (await this.spectrumInto(hooks, live, c)) ? this.lastSpectrum : null;
  }

  private lastSpectrum: NetSpectrum | null = null;

  private async spectrumInto(hooks: Pick<TrainHooks, 'progress' | 'spectrum'>, live: Liveness, c: NetCurvatureSettings): Promise<boolean> {
    const t0 = performance.now();
    const b = breather(live);
    const total = Math.min(this.n, c.slqSteps) * c.slqDraws;
    try {
      const r = await this.withOperator(c, (op) => slqAsync(op.n, async (v) => { await b.breathe(); return op.hvp(v); },
        { steps: c.slqSteps, draws: c.slqDraws, seed: 1, gridPoints: 400 }, (m) => hooks.progress('density', m, total), b.signal));
      const { outliers, bulk } = spectrumOutliers(r);
      this.lastSpectrum = { step: this.step, grid: r.grid, density: r.density, outliers, bulk, negativeMass: negativeMass(r), matvecs: r.matvecs, ms: performance.now() - t0 };
      hooks.spectrum(this.lastSpectrum);
      return true;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return false;
      throw e;
    }
  }

  /**
   * The loss on a plane through θ: along two of the eigenvectors found (slicePair; found first, k = 1 at each end,
   * when fewer than two are at hand), or along two filter-normalized random directions
   * (Li et al. 2018). Returns the surface and the evaluated losses.
   */
  async slice(s: NetSliceSettings, c: NetCurvatureSettings, hooks: Pick<TrainHooks, 'progress'>, live: Liveness) {
    const t0 = performance.now();
    const { spec, params } = this.need();
    if (!(Number.isInteger(s.side) && s.side >= 4 && s.side <= 101)) throw new ModelError(`the slice's grid must have 4 to 101 nodes a side, got ${s.side}`);
    if (!(s.span > 0 && Number.isFinite(s.span))) throw new ModelError(`the slice's half-width must be a positive number, got ${s.span}`);
    let u: ArrayLike<number>;
    let v: ArrayLike<number>;
    let labels: [string, string];
    if (s.dirs === 'random') {
      const rng = rngFromSeed(s.seed);
      u = filterNormalizedDirection(spec, params, rng);
      v = filterNormalizedDirection(spec, params, rng);
      labels = ['random, filter-normalized', 'random, filter-normalized'];
    } else {
      if (!this.eig || this.eig.step !== this.step || this.eig.result.vectors.length < 2) {
        await this.eigs({ ...c, k: 1, which: 'both' }, hooks, live);
      }
      const r = this.eig!.result;
      const [i, j] = slicePair(r.values);
      u = r.vectors[i]!;
      v = r.vectors[j]!;
      labels = [`eigenvector of λ = ${r.values[i]!.toPrecision(4)}`, `eigenvector of λ = ${r.values[j]!.toPrecision(4)}`];
    }
    const axis = Array.from({ length: s.side }, (_, i) => -s.span + (2 * s.span * i) / (s.side - 1));
    const b = breather(live);
    const samples = await lossSlice(spec, params, u, v, axis, axis, this.batch(c.samples), async (done, total) => {
      hooks.progress('slice', done, total);
      await b.breathe();
    }, b.signal);
    const { fields, critical } = sliceSurface(samples, s.side, s.span, s.seed);
    return { fields, critical, samples, labels, step: this.step, ms: performance.now() - t0 };
  }

  /** Replaces the model by a model file's (checked first: a fault throws and the model stays). */
  setModel(json: string): void {
    let parsed: unknown;
    try { parsed = JSON.parse(json); } catch (e) { throw new ModelError(`the file is not JSON: ${e instanceof Error ? e.message : String(e)}`); }
    const { spec, params } = parseModelJson(parsed);
    if (spec.layers[0] !== this.data.train.inputs) throw new ModelError(`the model takes ${spec.layers[0]} inputs; MNIST images have ${this.data.train.inputs} pixels`);
    if (spec.layers[spec.layers.length - 1] !== 10) throw new ModelError(`the model has ${spec.layers[spec.layers.length - 1]} outputs; MNIST has 10 classes`);
    this.dropRun();
    this.spec = spec;
    this.params = params;
    this.step = 0;
    this.eig = null;
    this.state = 'idle';
  }

  /** The model file of the current network. */
  modelJson(): string {
    const { spec, params } = this.need();
    return JSON.stringify(modelToJson(spec, params));
  }

  private need(): { spec: MlpSpec; params: Float32Array } {
    if (!this.spec || !this.params) throw new ModelError('there is no network yet: train one or load a model');
    return { spec: this.spec, params: this.params };
  }

  private trainData(s: NetTrainSettings): Dataset {
    const d = this.data.train;
    if (!(Number.isInteger(s.trainSamples) && s.trainSamples >= 1)) throw new ModelError(`the training set size must be a positive integer, got ${s.trainSamples}`);
    return s.trainSamples >= d.count ? d : { ...d, count: s.trainSamples, labels: d.labels.subarray(0, s.trainSamples) };
  }

  private batch(samples: number): HvpBatch {
    if (!(Number.isInteger(samples) && samples >= 1)) throw new ModelError(`the curvature's examples must be a positive integer, got ${samples}`);
    if (this.batchCache?.samples !== samples) this.batchCache = { samples, batch: firstExamples(this.data.train, samples) };
    return this.batchCache.batch;
  }

  private async withOperator<R>(c: NetCurvatureSettings, f: (op: HvpOperator) => Promise<R>): Promise<R> {
    const { spec, params } = this.need();
    const op = createHvpOperator(spec, params, this.batch(c.samples), c.hvp);
    try { return await f(op); } finally { op.dispose(); }
  }

  private dropRun(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.run = null;
    if (this.state === 'training' || this.state === 'paused') this.state = 'done';
  }
}

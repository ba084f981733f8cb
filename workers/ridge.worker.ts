/// <reference lib="webworker" />
import { compileFormula } from '../src/landscapes/expression/compileFormula';
import { runOptimizer } from '../src/optimizers/runOptimizer';
import type { RidgeRequest, RidgeResponse, RideMsg } from '../src/protocol/messages';
import {
  gradientDescentRing, initRidgeRider, objectiveFromTape, refineToSaddle2D, stepRidgeRider,
  type Ride, type RidgeRiderOptions, type RidgeObjective,
} from '../src/ridge-rider';
import { ridgeRiderOptions } from '../src/runners/ridgeOptions';
import { RIDGE_RIDER_FIG1, gdBaselineStarts } from '../src/experiments/ridgeRiderFig1';
import { defaultStart2D } from '../src/ridge-rider/startPoint';

/**
 * The ridge worker: Ridge Rider (Parker-Holder et al. 2020, Algorithm 1) on a 2D formula. It refines the start
 * (Newton on ∇f from a click, or the automatic start), optionally runs the Appendix D.1 ring of gradient-descent runs,
 * then steps the search, posting each ride when it ends (with its gradient-descent finish path) and yielding between
 * batches so that a newer request or a cancel supersedes it.
 */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: RidgeResponse, transfer: Transferable[] = []) => ctx.postMessage(msg, transfer);
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let current = 0;

const f32 = (a: ArrayLike<number>): Float32Array => Float32Array.from(a as ArrayLike<number>);

function rideMessage(ride: Ride, obj: RidgeObjective, gdLr: number | null): RideMsg {
  let gdPath: Float32Array | null = null;
  if (gdLr !== null && ride.endAfterGd && obj.surface) {
    const r = runOptimizer('gd', { lr: gdLr }, obj.surface, [ride.end[0]!, ride.end[1]!], { maxSteps: ride.gdSteps ?? 5000 });
    gdPath = f32(r.points);
  }
  return {
    id: ride.id, fingerprint: ride.fingerprint, parent: ride.parent, depth: ride.depth, eigenvalue: ride.eigenvalue,
    f_start: ride.f_start, f_end: ride.f_end, start: ride.start, end: ride.end, steps: ride.steps, end_reason: ride.end_reason,
    note: ride.note, children: ride.children, endAfterGd: ride.endAfterGd ?? null, fAfterGd: ride.fAfterGd ?? null,
    path: f32(ride.path), gdPath,
  };
}

async function search(req: Extract<RidgeRequest, { type: 'ridge' }>): Promise<void> {
  current = req.runId;
  const runId = req.runId;
  const obj = objectiveFromTape(compileFormula(req.formula));
  if (obj.n !== 2 || !obj.surface) throw new Error('Ridge Rider on the surface needs a formula in x and y');
  let start: [number, number] | null = null;
  let message: string;
  let suggestion: [number, number] | null = null;
  const fig1 = req.preset === 'fig1' ? RIDGE_RIDER_FIG1 : null;
  const click = fig1 ? fig1.startGuess : req.click;
  if (click) {
    const r = refineToSaddle2D(obj, [click[0], click[1]], req.domain, { seed: req.seed });
    message = r.message;
    if (r.converged && r.hasNegativeCurvature) start = [r.theta[0]!, r.theta[1]!];
    else if (r.suggestion) suggestion = [r.suggestion.point.x, r.suggestion.point.y];
  } else {
    const p = defaultStart2D(obj.surface, req.domain, req.seed);
    if (p) start = [p.x, p.y];
    message = p ? `automatic start: the ${p.kind} at (${p.x.toPrecision(6)}, ${p.y.toPrecision(6)})` : 'no saddle or maximum in the domain';
  }
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  const f = start ? obj.evaluate(start, g, h) : NaN;
  const eig = start ? [0.5 * (h[0]! + h[3]!) - Math.hypot(0.5 * (h[0]! - h[3]!), h[1]!), 0.5 * (h[0]! + h[3]!) + Math.hypot(0.5 * (h[0]! - h[3]!), h[1]!)] : [];
  post({ type: 'ridge-start', runId, start, f, eigenvalues: eig, click, message: fig1 ? `Figure 1 preset: ${message}` : message, suggestion });
  if (!start) {
    post({ type: 'ridge-end', runId, reason: 'no-start', note: message, totalSteps: 0 });
    return;
  }
  const s = req.settings;
  if (fig1) {
    // The figure's gradient-descent baseline: seeded starts in an annulus around the maximum.
    const { lr, maxSteps } = fig1.gdBaseline;
    const runs = gdBaselineStarts(start, fig1.gdBaseline).map((p0) => {
      const r = runOptimizer('gd', { lr }, obj.surface!, p0, { maxSteps });
      return { path: f32(r.points), angleDeg: NaN, exited: r.stop === 'converged' };
    });
    post({ type: 'ring', runId, kind: 'baseline', lambdaMin: eig[0] ?? NaN, eMin: [], runs });
  } else if (s.ring) {
    const ring = gradientDescentRing(obj, start, s.ringRadius, s.ringCount, s.gdLr, 5000);
    post({
      type: 'ring', runId, kind: 'ring', lambdaMin: ring.lambdaMin, eMin: ring.eMin,
      runs: ring.runs.map((r) => ({ path: f32(r.path), angleDeg: (r.angle * 180) / Math.PI, exited: r.exited })),
    });
  }
  const options: RidgeRiderOptions = fig1 ? fig1.ridgeRider : ridgeRiderOptions(s, req.domain);
  const gdLr = fig1 ? fig1.ridgeRider.gdFinish.lr : s.gdFinish ? s.gdLr : null;
  const state = initRidgeRider(obj, start, options);
  let posted = 0;
  let t0 = performance.now();
  while (state.stop === null) {
    stepRidgeRider(state);
    while (posted < state.rides.length) post({ type: 'ride', runId, ride: rideMessage(state.rides[posted++]!, obj, gdLr) });
    if (performance.now() - t0 > 16) {
      await yieldToEvents();
      if (current !== runId) return;
      t0 = performance.now();
    }
  }
  while (posted < state.rides.length) post({ type: 'ride', runId, ride: rideMessage(state.rides[posted++]!, obj, gdLr) });
  post({ type: 'ridge-end', runId, reason: state.stop.reason, note: state.stop.note, totalSteps: state.totalSteps });
}

ctx.onmessage = (e: MessageEvent<RidgeRequest>) => {
  const req = e.data;
  switch (req.type) {
    case 'ridge':
      search(req).catch((err: unknown) => post({ type: 'error', runId: req.runId, message: `Ridge Rider failed: ${(err as Error).message}` }));
      return;
    case 'cancel':
      current = req.runId;
      return;
    case 'crash':
      throw new Error('crash requested (test hook)');
  }
};

import { describe, expect, it } from 'vitest';
import { ES_GEN_STRIDE, type RideMsg } from '../../src/protocol/messages';
import { createAppStore, lastStep } from '../../src/store/appStore';
import { appendFloats } from '../../src/store/trajectoryBuffer';
import { experimentParams } from '../../src/store/experimentParams';
import { experimentById } from '../../src/experiments';
import type { ProductLayout } from '../../src/surface/gridProducts';

const ride = (id: number, steps: number, gdSteps: number | null): RideMsg => ({
  id, fingerprint: [id], parent: null, depth: 0, eigenvalue: -1, eigenvalueEnd: -1, fStart: 1, fEnd: 0, start: [0, 0], end: [1, 1], steps,
  endReason: 'curvature', note: '', children: [], endAfterGd: null, fAfterGd: null, gdSteps, trace: new Float64Array(2 * (steps + 1)),
  path: new Float64Array(3 * (steps + 1)), gdPath: gdSteps === null ? null : new Float64Array(3 * (gdSteps + 1)),
});

/** The store of slices (src/store): every change replaces what it touches; streamed buffers are append-only. */
describe('app store', () => {
  it('append-only buffers keep every earlier prefix valid, in place while there is room', () => {
    const a = new Float32Array(4);
    const b = appendFloats(a, 0, [1, 2]);
    expect(b).toBe(a);
    const c = appendFloats(b, 2, [3, 4, 5]);
    expect(c).not.toBe(a);
    expect(Array.from(c.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(a.subarray(0, 2))).toEqual([1, 2]);
    // Float64 buffers (trajectories) grow as Float64, keeping full precision.
    const d = appendFloats(new Float64Array(1), 0, [0.67, 0.1 + 0.2]);
    expect(d).toBeInstanceOf(Float64Array);
    expect(Array.from(d)).toEqual([0.67, 0.1 + 0.2]);
  });

  it('a streamed batch replaces the run and the runs record; the snapshot before it is unchanged', () => {
    const store = createAppStore();
    store.getState().resetRuns([{ key: 'gd', capacity: 2, es: false }, { key: 'es:vo', capacity: 2, es: true }]);
    const before = store.getState().runs;
    const gd0 = before.gd!;
    store.getState().appendRun('gd', Float64Array.of(0, 0, 5, 1, 1, 4));
    const after = store.getState().runs;
    expect(after).not.toBe(before);
    expect(after.gd).not.toBe(gd0);
    expect([gd0.count, after.gd!.count]).toEqual([0, 2]);
    expect(after['es:vo']).toBe(before['es:vo']);
    store.getState().appendRun('gd', Float64Array.of(2, 2, 3, 3, 3, 2));
    expect(store.getState().runs.gd!.count).toBe(4);
    expect(Array.from(store.getState().runs.gd!.points.subarray(0, 12))).toEqual([0, 0, 5, 1, 1, 4, 2, 2, 3, 3, 3, 2]);
    expect(Array.from(after.gd!.points.subarray(0, 6))).toEqual([0, 0, 5, 1, 1, 4]);
    const gens = new Float32Array(2 * ES_GEN_STRIDE).fill(1);
    store.getState().appendEs('es:vo', Float64Array.of(0, 0, 1, 1, 1, 1), gens, new Float32Array(2 * 3 * 2), 3);
    const es = store.getState().runs['es:vo']!;
    expect([es.count, es.es!.genCount, es.es!.pop, es.es!.samples.length >= 12]).toEqual([2, 2, 3, true]);
    store.getState().endRun('gd', 'converged', 'done');
    expect(store.getState().runs.gd).toMatchObject({ stop: 'converged', message: 'done', count: 4 });
    expect(lastStep(store.getState().runs)).toBe(3);
  });

  it('each ride message replaces the search; the timeline counts rides and their finishes', () => {
    const store = createAppStore();
    store.getState().resetRidge(true);
    const empty = store.getState().ridge!;
    store.getState().ridgeMessage({ type: 'ride', runId: 1, ride: ride(0, 10, 5) });
    store.getState().ridgeMessage({ type: 'ride', runId: 1, ride: ride(1, 4, null) });
    const r = store.getState().ridge!;
    expect(empty.rides).toEqual([]);
    expect(r.rides.map((x) => x.id)).toEqual([0, 1]);
    expect(lastStep({}, r)).toBe(10 + 5 + 4);
    store.getState().ridgeMessage({ type: 'ridge-end', runId: 1, reason: 'exhausted', note: '', totalSteps: 14 });
    expect(store.getState().ridge!.end).toEqual({ reason: 'exhausted', note: '', totalSteps: 14 });
    expect(store.getState().ridge!.rides).toBe(r.rides);
    store.getState().resetRidge(false);
    expect(store.getState().ridge).toBeNull();
  });

  it('the view\'s layout is stored once per change; a figure applies its settings over the defaults', () => {
    const store = createAppStore();
    const layout: ProductLayout = { width: 800, height: 600, margins: { top: 1, right: 2, bottom: 3, left: 4 }, aspect: 'equal', glyphSpacing: 28, epsRel: 1e-4 };
    store.getState().setLayout(layout);
    const stored = store.getState().layout;
    store.getState().setLayout({ ...layout, margins: { ...layout.margins } });
    expect(store.getState().layout).toBe(stored);
    store.getState().setLayout({ ...layout, width: 801 });
    expect(store.getState().layout!.width).toBe(801);
    store.getState().applyExperiment('fig1');
    expect(store.getState().params).toEqual(experimentParams(experimentById('fig1')!.settings));
    expect(store.getState().params.ridge).toMatchObject({ on: true, preset: 'fig1' });
  });
});

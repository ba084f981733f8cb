import { describe, expect, it } from 'vitest';
import { serveLatest, type LatestRequest } from '../../src/runners/serveLatest';

type Req = LatestRequest & { readonly type: 'work' | 'cancel' | 'crash' };

/** A worker scope stand-in: messages are delivered like postMessage's, one macrotask later. */
function scope() {
  const s: { onmessage: ((e: MessageEvent<Req>) => void) | null; send(r: Req): void } = {
    onmessage: null,
    send: (r) => s.onmessage!({ data: r } as MessageEvent<Req>),
  };
  return s;
}

describe('serveLatest: one request at a time, each superseding the last', () => {
  it('a newer request or a cancel makes the running one stop at its next breath; crash throws', async () => {
    const s = scope();
    const log: string[] = [];
    const failures: string[] = [];
    serveLatest<Req>(s, 'work', async (req, live) => {
      for (let batch = 0; batch < 5; batch++) {
        log.push(`${req.runId}:${batch}`);
        if (!(await live.breathe())) { log.push(`${req.runId}:superseded`); return; }
      }
      log.push(`${req.runId}:done`);
      if (req.runId === 3) throw new Error('boom');
    }, (req, message) => failures.push(`${req.runId}: ${message}`));
    s.send({ type: 'work', runId: 1 });
    s.send({ type: 'work', runId: 2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['1:0', '2:0', '1:superseded', '2:1', '2:2', '2:3', '2:4', '2:done']);
    log.length = 0;
    s.send({ type: 'work', runId: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(failures).toEqual(['3: boom']);
    s.send({ type: 'work', runId: 4 });
    s.send({ type: 'cancel', runId: 5 });
    await new Promise((r) => setTimeout(r, 20));
    expect(log.filter((l) => l.startsWith('4:'))).toEqual(['4:0', '4:superseded']);
    expect(() => s.send({ type: 'crash', runId: 0 })).toThrow(/crash requested/);
  });
});

describe('serveLatest: the pulse of a long request', () => {
  it('breaths tell the client the worker is alive, at most every pulse.ms, and only for the current request', async () => {
    const s = scope();
    const beats: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    serveLatest<Req>(s, 'work', async (req, live) => {
      const t0 = performance.now();
      // 60 ms of breathing about every 2 ms: with a 20 ms pulse, about three beats, never one per breath.
      while (performance.now() - t0 < 60) if (!(await live.breathe())) return;
      if (req.runId === 1) release();
    }, () => undefined, { ms: 20, alive: (req) => beats.push(req.runId) });
    s.send({ type: 'work', runId: 1 });
    await gate;
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.length).toBeLessThanOrEqual(4);
    expect(new Set(beats)).toEqual(new Set([1]));
    // A superseded request stops beating: after a cancel, no beat names it.
    beats.length = 0;
    s.send({ type: 'work', runId: 2 });
    s.send({ type: 'cancel', runId: 3 });
    await new Promise((r) => setTimeout(r, 80));
    expect(beats).toEqual([]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { netClient, netRrSettings } from '../../src/compute/netClient';
import { MNIST_RR_DEFAULTS, SWEEP_SHAPE_RIDE } from '../../src/nn/mnistRrSettings';
import { decodeParams, encodeParams } from '../../src/store/urlCodec';
import type { NetRequest, NetResponse } from '../../src/protocol/nn';
import { createAppStore } from '../../src/store/appStore';

/** A network worker stand-in: it records what it is sent, and `answer` delivers a response as the worker would. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<NetResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: NetRequest[] = [];
  terminated = false;
  constructor() { FakeWorker.made.push(this); }
  postMessage(req: NetRequest) { this.sent.push(req); }
  terminate() { this.terminated = true; }
  answer(res: NetResponse) { this.onmessage!({ data: res } as MessageEvent<NetResponse>); }
}

afterEach(() => { vi.useRealTimers(); FakeWorker.made = []; });

/** The network worker's client: a long run that shows signs of life is not taken for a hang; one that dies stops its table. */
describe('netClient: hang deadline and restarts', () => {
  it('a Table 1 run of minutes survives while the worker reports steps or says it is alive; a silent worker is replaced and the table marked stopped', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const client = netClient(store, () => new FakeWorker() as unknown as Worker);
    store.getState().netAsk('colored');
    const w = FakeWorker.made[0]!;
    const req = w.sent.find((r) => r.type === 'colored')!;
    expect(store.getState().netColored.state).toBe('running');
    // Three minutes of one run: a progress line every 50 s, then 'alive' beats; the 60 s deadline never passes.
    for (let k = 1; k <= 3; k++) {
      vi.advanceTimersByTime(50_000);
      w.answer({ type: 'colored-progress', runId: req.runId, progress: { method: 'irm', run: 0, done: 100 * k, total: 501 } });
    }
    expect(store.getState().netColored.current).toEqual({ method: 'irm', run: 0, done: 300, total: 501 });
    for (let k = 0; k < 3; k++) { vi.advanceTimersByTime(50_000); w.answer({ type: 'alive', runId: req.runId }); }
    expect(FakeWorker.made).toHaveLength(1);
    w.answer({ type: 'colored-row', runId: req.runId, row: { method: 'irm', run: 0, train: 0.7, test: 0.65, seconds: 300 }, done: 1, total: 4 });
    expect(store.getState().netColored.current).toBeNull();
    // Then silence past the deadline: a new worker, MNIST asked again, and the table stopped with its finished row kept.
    vi.advanceTimersByTime(61_000);
    expect(FakeWorker.made).toHaveLength(2);
    expect(w.terminated).toBe(true);
    expect(FakeWorker.made[1]!.sent.map((r) => r.type)).toEqual(['load']);
    const s = store.getState();
    expect(s.netColored.state).toBe('failed');
    expect(s.netColored.rows).toHaveLength(1);
    expect(s.notices.map((n) => n.text).join(' ')).toMatch(/did not answer within 60 s.*Table 1 stopped/);
    client.dispose();
  });
});

describe('netRrSettings: the Ridge Rider settings the worker gets from a link', () => {
  it('carries the ride rules of the link (UpdateRidge, λ at each step, a ride ends) and the defaults without them', () => {
    const { params, ignored } = decodeParams('nn=1&rrv=lanczos&rrw=previous&rrz=steps');
    expect(ignored).toEqual([]);
    const s = netRrSettings(params.net, 7);
    expect([s.update, s.lambdaStart, s.end, s.seed]).toEqual(['lanczos', 'previous', 'steps', 7]);
    const d = netRrSettings(decodeParams('nn=1').params.net, 1);
    expect([d.update, d.lambdaStart, d.end]).toEqual(['gradient', 'rayleigh', 'ridge']);
    // The MIS search's start scale: the link's, else the command line's default.
    expect(d.initScale).toBe(MNIST_RR_DEFAULTS.initScale);
    expect(netRrSettings(decodeParams('nn=1&rry=0.3').params.net, 1).initScale).toBe(0.3);
  });
});

describe('netClient: the small sweep\'s trials', () => {
  it('by default each trial is one long ride (SWEEP_SHAPE_RIDE) on the link\'s network; with rrq=search, the rides as set; never first ridges apart', () => {
    const sent = (hash: string) => {
      const store = createAppStore(decodeParams(hash).params);
      const client = netClient(store, () => new FakeWorker() as unknown as Worker);
      store.setState({ netData: { train: 60000, test: 10000 } as never });
      store.getState().netAsk('rr-sweep');
      const req = FakeWorker.made.at(-1)!.sent.find((r) => r.type === 'rr-sweep');
      client.dispose();
      if (req?.type !== 'rr-sweep') throw new Error('no sweep request');
      return req;
    };
    const ride = sent('nn=1&rrh=784,16,10&rrn=3&rrs=12&rrf=2&rrt=5');
    expect(ride.trials).toBe(5);
    expect(ride.base.layers).toEqual([784, 16, 10]);
    expect(ride.base).toMatchObject({ ...SWEEP_SHAPE_RIDE, firstRidges: 0 });
    const search = sent('nn=1&rrh=784,16,10&rrn=3&rrs=12&rrf=2&rrq=search&rrz=ridge');
    expect([search.base.ridges, search.base.steps, search.base.end, search.base.batches, search.base.firstRidges]).toEqual([3, 12, 'ridge', 'fixed', 0]);
  });
});

describe('the network pane in the link', () => {
  it('a link with np opens that pane; a pane shown by a run or a click goes into the params (and so into the link)', () => {
    const { params, ignored } = decodeParams('nn=1&np=rides');
    expect(ignored).toEqual([]);
    const store = createAppStore(params);
    expect(store.getState().params.net.pane).toBe('rides');
    store.getState().setNetPane('colored');
    expect(store.getState().params.net.pane).toBe('colored');
    expect(encodeParams(store.getState().params)).toMatch(/(^|&)np=colored(&|$)/);
    // A pasted link (params replaced) moves the pane shown.
    store.setState({ params: decodeParams('nn=1&np=spectrum').params });
    expect(store.getState().params.net.pane).toBe('spectrum');
  });
});

describe('netClient: Ridge Rider progress within a ride', () => {
  it('rr-progress updates the step of the ride under way while running, and a finished ride resets it', () => {
    const store = createAppStore(decodeParams('nn=1').params);
    const client = netClient(store, () => new FakeWorker() as unknown as Worker);
    store.setState({ netData: { train: 60000, test: 10000 } as never });
    store.getState().netAsk('ridge-rider');
    const w = FakeWorker.made[0]!;
    const req = w.sent.find((r) => r.type === 'ridge-rider')!;
    expect(store.getState().netRr.state).toBe('running');
    w.answer({ type: 'rr-progress', runId: req.runId, step: 12 });
    expect(store.getState().netRr.step).toBe(12);
    const ride = { fingerprint: [0], eigenvalue: -0.5, endReason: 'loss', steps: 12, loss: [], lambda: [], trainAccuracy: [], testAccuracy: [], digitAccuracy: [], overlap: [], exactLambda: [], eCurvature: [], descent: [], ridgeShare: [], sharpShare: [], eNorm: [] };
    w.answer({ type: 'rr-ride', runId: req.runId, ride: ride as never, done: 1, total: 16 });
    expect(store.getState().netRr.step).toBe(0);
    expect(store.getState().netRr.rides).toHaveLength(1);
    client.dispose();
  });
});

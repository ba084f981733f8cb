import { rngFromSeed, rngInt } from '../math/rng';
import type { Dataset } from './dataset';
import type { MlpSpec } from './mlpSpec';
import { ModelError } from './mlpSpec';
import { createNetProblem, type HvpBatch, type NetProblem } from './netProblem';

/**
 * Minibatches of `batch` indices out of `count`, drawn without replacement epoch by epoch: each epoch is a seeded
 * Fisher–Yates shuffle of 0 … count − 1, read in order (a minibatch may span two epochs).
 */
export function epochSampler(count: number, batch: number, seed: number): () => Uint32Array {
  if (!Number.isInteger(batch) || batch < 1 || batch > count) throw new ModelError(`the minibatch must hold from 1 to ${count} images, got ${batch}`);
  const rng = rngFromSeed(seed);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  let at = count;
  return () => {
    const picked = new Uint32Array(batch);
    for (let k = 0; k < batch; k++) {
      if (at === count) {
        for (let i = count - 1; i > 0; i--) { const j = rngInt(rng, i + 1); const t = order[i]!; order[i] = order[j]!; order[j] = t; }
        at = 0;
      }
      picked[k] = order[at++]!;
    }
    return picked;
  };
}

/** A network's loss whose curvature comes from fresh minibatches: `resample()` draws the next one. */
export interface MinibatchProblem extends NetProblem {
  /** The next minibatch: the following H v products and gradients use it. */
  resample(): void;
  /** Starts the stream of minibatches seeded by `seed` (a fresh shuffle): the next resample() draws its first. */
  restart(seed: number): void;
  /** Minibatches drawn so far (the first included). */
  readonly draws: number;
}

/**
 * The loss of approximate Ridge Rider on fresh minibatches, as SGD sees the data (Parker-Holder et al. 2020, §4: "batch
 * size = 2236" for Fig. 4): ∇L and H v on a minibatch of `batch` training images drawn without replacement, epoch by
 * epoch (a seeded shuffle of all `data.count` images); the value L on the fixed `monitor` set, so that EndRide's "the
 * loss stopped decreasing" compares two points on the same images and not the noise between two minibatches. The
 * caller says when a new minibatch starts (runners/mnistRidge.ts: every UpdateRidge and every GetRidges).
 */
export function createMinibatchProblem(spec: MlpSpec, data: Dataset, o: { readonly batch: number; readonly seed: number; readonly monitor: HvpBatch }): MinibatchProblem {
  let next = epochSampler(data.count, o.batch, o.seed);
  const x = new Float32Array(o.batch * data.inputs);
  const labels = new Uint8Array(o.batch);
  const draw = (): HvpBatch => {
    const picked = next();
    data.fill(picked, x);
    for (let k = 0; k < o.batch; k++) labels[k] = data.labels[picked[k]!]!;
    return { x, labels };
  };
  const monitor = createNetProblem(spec, o.monitor);
  let current = createNetProblem(spec, draw());
  let draws = 1;
  return {
    n: monitor.n, method: monitor.method, backend: monitor.backend,
    get draws() { return draws; },
    resample() {
      const fresh = createNetProblem(spec, draw());
      current.dispose();
      current = fresh;
      draws += 1;
    },
    restart(seed) { next = epochSampler(data.count, o.batch, seed); },
    async lossAndGradient(theta) {
      const f = await monitor.loss(theta);
      return { f, grad: (await current.lossAndGradient(theta)).grad };
    },
    loss: (theta) => monitor.loss(theta),
    hvp: (theta, v) => current.hvp(theta, v),
    dispose() {
      monitor.dispose();
      current.dispose();
    },
  };
}

import { coloredMnist } from '../data/coloredMnist';
import type { MnistSplit } from '../data/mnist';
import type { ColoredProgress, ColoredRow, ColoredTableSettings } from '../protocol/nn';
import { coloredBaseline } from './coloredBaselines';
import { COLORED_RR_DEFAULTS, coloredRidgeRider } from './coloredRidge';

/**
 * Table 1 of Parker-Holder et al. 2020, live: run r of every method (Ridge Rider's protocol, runners/coloredRidge.ts;
 * ERM, IRM and the grayscale oracle, runners/coloredBaselines.ts) on environments drawn with seed + r, round by
 * round, so that every method has partial results early; `onRow` sees each run as it ends, `onStep` every optimizer
 * step of the running one. The same numbers as `colored-mnist --method … --seed s --limit n`.
 */
export async function coloredTable(train: MnistSplit, t: ColoredTableSettings, onRow: (row: ColoredRow, done: number, total: number) => void,
  breathe?: () => Promise<boolean>, onStep?: (p: ColoredProgress) => void): Promise<void> {
  const total = t.runs * t.methods.length;
  let done = 0;
  for (let r = 0; r < t.runs; r++) {
    const seed = t.seed + r;
    const envs = coloredMnist(train, seed);
    for (const method of t.methods) {
      let row: ColoredRow;
      const step = onStep && ((stepsDone: number, steps: number) => onStep({ method, run: r, done: stepsDone, total: steps }));
      if (method === 'rr') {
        const x = await coloredRidgeRider(envs, { ...COLORED_RR_DEFAULTS, limit: t.limit }, seed, { breathe, onStep: step });
        row = {
          method, run: r, train: x.chosen.train, test: x.chosen.test, seconds: x.seconds, chosen: { ride: x.chosen.ride, step: x.chosen.step, validation: x.chosen.validation },
          oracle: { train: x.oracle.train, test: x.oracle.test }, slice: { side: x.slice.side, span: x.slice.span, losses: Array.from(x.slice.losses) },
          candidates: x.candidates.map((c) => ({ ride: c.ride, step: c.step, u: c.u, v: c.v, validation: c.validation, test: c.test })),
        };
      } else {
        const x = await coloredBaseline(envs, method, seed, { limit: t.limit, breathe, onStep: step });
        row = { method, run: r, train: x.train, test: x.test, seconds: x.seconds };
      }
      onRow(row, ++done, total);
    }
  }
}

import * as Plot from '@observablehq/plot';
import type { NetCurves, NetEigs, NetSpectrum } from '../protocol/nn';

/**
 * The network view's charts, drawn with Observable Plot into PlotBoxes (studyCharts.ts): the training curves (the
 * minibatch loss of every step and the held-out train and test points), the accuracies, the density of the Hessian's
 * spectrum by stochastic Lanczos quadrature with its outliers (Ghorbani, Krishnan & Xiao 2019, Fig. 1 style: a log
 * density axis), and the confusion matrix.
 */

type Figure = (SVGSVGElement | HTMLElement) & Plot.Plot;

const STYLE = { fontSize: '11px', background: 'transparent' } as const;
export const TRAIN_COLOR = '#0072B2';
export const TEST_COLOR = '#D55E00';
const MINIBATCH_COLOR = '#9aa3ad';

/** At most this many points of the minibatch curve are drawn: longer runs are averaged in equal bins. */
const MAX_CURVE_POINTS = 1500;

/** The minibatch losses as (step, loss) points, averaged into at most MAX_CURVE_POINTS bins. */
export function minibatchPoints(c: NetCurves): { step: number; loss: number }[] {
  const bin = Math.max(1, Math.ceil(c.count / MAX_CURVE_POINTS));
  const out: { step: number; loss: number }[] = [];
  for (let i = 0; i < c.count; i += bin) {
    let s = 0;
    const m = Math.min(bin, c.count - i);
    for (let j = 0; j < m; j++) s += c.losses[i + j]!;
    out.push({ step: i + m, loss: s / m });
  }
  return out;
}

/** Loss against step: the minibatch loss (grey; bin means on long runs), and the held-out train and test losses. */
export function lossCurvesChart(c: NetCurves, w: number, h: number): Figure | null {
  if (c.count === 0 && c.evals.length === 0) return null;
  const held = c.evals.flatMap((e) => [{ step: e.step, loss: e.trainLoss, split: 'train' }, { step: e.step, loss: e.testLoss, split: 'test' }]);
  return Plot.plot({
    width: w, height: h, marginLeft: 52, marginBottom: 34, style: STYLE,
    x: { label: 'training step', grid: true }, y: { label: 'cross-entropy loss', type: 'log', grid: true, tickFormat: '~g' },
    color: { legend: true, domain: ['minibatch', 'train', 'test'], range: [MINIBATCH_COLOR, TRAIN_COLOR, TEST_COLOR] },
    marks: [
      Plot.lineY(minibatchPoints(c).filter((d) => d.loss > 0), { x: 'step', y: 'loss', z: null, stroke: MINIBATCH_COLOR, strokeWidth: 1 }),
      Plot.lineY(held.filter((d) => d.loss > 0), { x: 'step', y: 'loss', z: 'split', stroke: 'split', strokeWidth: 2 }),
      Plot.dot(held.filter((d) => d.loss > 0), { x: 'step', y: 'loss', fill: 'split', r: 2.5, tip: true, title: (d: { split: string; step: number; loss: number }) => `${d.split} loss ${d.loss.toFixed(4)} at step ${d.step}` }),
    ],
  }) as Figure;
}

/** Accuracy against step, on the held-out train and test images. */
export function accuracyChart(c: NetCurves, w: number, h: number): Figure | null {
  if (c.evals.length === 0) return null;
  const held = c.evals.flatMap((e) => [{ step: e.step, acc: e.trainAccuracy, split: 'train' }, { step: e.step, acc: e.testAccuracy, split: 'test' }]);
  return Plot.plot({
    width: w, height: h, marginLeft: 52, marginBottom: 34, style: STYLE,
    x: { label: 'training step', grid: true }, y: { label: 'accuracy (%)', domain: [0, 100], grid: true, percent: true },
    color: { legend: true, domain: ['train', 'test'], range: [TRAIN_COLOR, TEST_COLOR] },
    marks: [
      Plot.lineY(held, { x: 'step', y: 'acc', z: 'split', stroke: 'split', strokeWidth: 2 }),
      Plot.dot(held, { x: 'step', y: 'acc', fill: 'split', r: 2.5, tip: true, title: (d: { split: string; step: number; acc: number }) => `${d.split} accuracy ${(100 * d.acc).toFixed(2)}% at step ${d.step}` }),
    ],
  }) as Figure;
}

/** The density is drawn down to this fraction of its peak (the log axis needs a floor). */
const DENSITY_FLOOR = 1e-7;

/**
 * The spectrum's density at the step shown (dark) over the earlier ones (light, oldest faintest), on a log density
 * axis so that the outliers' tiny mass shows; the outliers as red rules, the bulk's edges dashed, and the eigenvalues
 * Lanczos found at this step as ticks on the axis.
 */
export function densityChart(spectra: readonly NetSpectrum[], shown: number, eigs: NetEigs | null, w: number, h: number): Figure | null {
  const s = spectra[shown];
  if (!s) return null;
  const peak = Math.max(...s.density);
  const floor = peak * DENSITY_FLOOR;
  const curve = (x: NetSpectrum) => Array.from(x.grid, (t, i) => ({ t, d: Math.max(floor, x.density[i]!), step: x.step }));
  const earlier = spectra.slice(Math.max(0, shown - 4), shown);
  const ticks = eigs && eigs.step === s.step ? eigs.values.map((v) => ({ v })) : [];
  return Plot.plot({
    width: w, height: h, marginLeft: 56, marginBottom: 34, style: STYLE,
    x: { label: 'eigenvalue λ of the Hessian', grid: true }, y: { label: 'density', type: 'log', grid: true, domain: [floor, peak * 2], tickFormat: '~g' },
    marks: [
      ...earlier.map((x, i) => Plot.lineY(curve(x), { x: 't', y: 'd', z: null, stroke: TRAIN_COLOR, strokeOpacity: 0.12 + (0.3 * (i + 1)) / (earlier.length + 1), strokeWidth: 1 })),
      Plot.lineY(curve(s), { x: 't', y: 'd', z: null, stroke: TRAIN_COLOR, strokeWidth: 1.6 }),
      Plot.ruleX([0], { stroke: '#555' }),
      Plot.ruleX(s.bulk, { stroke: '#555', strokeDasharray: '3 3', strokeOpacity: 0.7 }),
      Plot.ruleX(s.outliers, { stroke: TEST_COLOR, strokeWidth: 1.5, title: (v: number) => `outlier λ ≈ ${v.toPrecision(4)}` }),
      Plot.text(s.outliers.slice(-1), { x: (v: number) => v, y: peak, text: (v: number) => v.toPrecision(3), dy: -4, fill: TEST_COLOR, textAnchor: 'middle' }),
      Plot.ruleX(ticks, { x: 'v', y1: floor, y2: floor * 30, stroke: '#000', strokeWidth: 2, title: (d: { v: number }) => `Lanczos λ = ${d.v.toPrecision(5)}` }),
    ],
  }) as Figure;
}

/** The confusion matrix: counts of test images of each true digit (rows) predicted as each digit (columns). */
export function confusionChart(confusion: Uint32Array, w: number, h: number): Figure | null {
  const classes = Math.round(Math.sqrt(confusion.length));
  if (classes * classes !== confusion.length || classes === 0) return null;
  const cells = Array.from(confusion, (count, i) => ({ truth: Math.floor(i / classes), predicted: i % classes, count, diag: Math.floor(i / classes) === i % classes }));
  const side = Math.max(120, Math.min(w, h));
  return Plot.plot({
    width: side, height: side, marginLeft: 44, marginBottom: 40, padding: 0.04, style: STYLE,
    x: { label: 'predicted digit', type: 'band', domain: Array.from({ length: classes }, (_, i) => i) },
    y: { label: 'true digit', type: 'band', domain: Array.from({ length: classes }, (_, i) => i) },
    color: { type: 'sqrt', scheme: 'blues' },
    marks: [
      Plot.cell(cells, { x: 'predicted', y: 'truth', fill: 'count', title: (d: { truth: number; predicted: number; count: number }) => `${d.count} images of ${d.truth} predicted as ${d.predicted}` }),
      Plot.text(cells.filter((d) => d.count > 0), { x: 'predicted', y: 'truth', text: 'count', fontSize: side < 260 ? 8 : 10, fill: (d: { diag: boolean }) => (d.diag ? 'white' : 'black') }),
    ],
  }) as Figure;
}

import * as Plot from '@observablehq/plot';
import { logTicks } from '../charts/logTicks';
import { formatSig } from '../charts/rideTreeLabels';
import type { MnistRrRide } from '../nn/mnistRrSettings';
import { digitMeansByFirstRidge, rideName, rideStarts } from '../nn/ridePaths';
import { SWEEP_VARIANT_WORDS } from '../nn/sweepSummary';
import type { ColoredRow, NetSweepTrial } from '../protocol/nn';
import { TEST_COLOR } from './netCharts';

/**
 * Approximate Ridge Rider's charts on MNIST (Parker-Holder et al. 2020): Fig. 4 (left), the train and test accuracy
 * along the tree's paths from the MIS; Fig. 5, the accuracy per digit averaged over a window of steps from the MIS,
 * one row per index ψ[0] of the eigenvalue of the first ridge taken (0: the most negative).
 */
type Figure = (SVGSVGElement | HTMLElement) & Plot.Plot;
const STYLE = { fontSize: '11px', background: 'transparent' } as const;

/** The first ridge's name, ψ[0] with its sign ("0+": forwards along the most negative eigenvector): the colour of a path. */
const rootName = (r: Pick<MnistRrRide, 'fingerprint'>) => `first ridge ${rideName({ fingerprint: r.fingerprint.slice(0, 1) })}`;

/**
 * The steps axis shared by the charts along the rides: 0 to the longest path (at least 1), whole steps only, so that
 * stacked charts line up and a short run shows no fractional steps. `starts`: the rides' first steps from the MIS
 * (nn/ridePaths.ts's rideStarts), which the charts have already computed.
 */
export function stepAxis(rides: readonly MnistRrRide[], starts: readonly number[]): { label: string; grid: true; domain: [number, number]; ticks: number[] } {
  const last = Math.max(1, ...rides.map((r, i) => starts[i]! + r.steps));
  const raw = last / 8;
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p);
  return { label: 'steps from the MIS along the path', grid: true, domain: [0, last], ticks: Array.from({ length: Math.floor(last / step) + 1 }, (_, i) => i * step) };
}

/**
 * Fig. 4 (left): accuracy (%) against the steps from the MIS along the tree's paths (each ride drawn from where its
 * parent ended, nn/ridePaths.ts), test solid and train dashed, coloured by the first ridge of the path.
 */
export function rideAccuracyChart(rides: readonly MnistRrRide[], w: number, h: number): Figure | null {
  if (rides.length === 0) return null;
  const starts = rideStarts(rides);
  const rows = rides.flatMap((r, i) => r.testAccuracy.map((t, k) => ({ ride: i, name: `ride ${i + 1} (${rideName(r)})`, root: rootName(r), step: starts[i]! + k, test: t, train: r.trainAccuracy[k]! })));
  const best = Math.max(...rows.map((d) => d.test));
  const roots = new Set(rows.map((d) => d.root)).size;
  const x = stepAxis(rides, starts);
  return Plot.plot({
    width: w, height: h, marginLeft: 48, marginBottom: 34, style: STYLE,
    x, y: { label: 'accuracy (%)', domain: [0, 100], grid: true, percent: true },
    color: { legend: roots <= 12, type: 'categorical' },
    marks: [
      Plot.ruleY([best], { stroke: TEST_COLOR, strokeOpacity: 0.4 }),
      Plot.text([best], { x: x.domain[1], y: (d: number) => d, text: (d: number) => `best test ${(100 * d).toFixed(1)}%`, textAnchor: 'end', dy: -6, fill: TEST_COLOR }),
      Plot.lineY(rows, { x: 'step', y: 'train', z: 'ride', stroke: 'root', strokeWidth: 1.2, strokeDasharray: '4,3' }),
      Plot.lineY(rows, { x: 'step', y: 'test', z: 'ride', stroke: 'root', strokeWidth: 2,
        tip: true, title: (d: { name: string; step: number; test: number; train: number }) => `${d.name}\nstep ${d.step} from the MIS\ntest ${(100 * d.test).toFixed(1)}%, train ${(100 * d.train).toFixed(1)}%` }),
    ],
  }) as Figure;
}

/**
 * The ride's direction along the rides (steps counted from the MIS): Theorem 2's |⟨e, v⟩| between e (after
 * UpdateRidge) and the nearest exact eigenvector v by Lanczos, where it was measured (dots; 1: the ride is on its
 * ridge), and at every step cos(step, −∇L) with ∇L where the step landed (dashed; 1: still along −∇L there, < 0: the step
 * overshot the lowest point on its line).
 */
export function rideOverlapChart(rides: readonly MnistRrRide[], w: number, h: number): Figure | null {
  const starts = rideStarts(rides);
  const rows = rides.flatMap((r, i) => r.overlap.map((o, k) => ({ ride: i, name: `ride ${i + 1} (${rideName(r)})`, root: rootName(r), step: starts[i]! + k, o, lambda: r.exactLambda[k]!, curv: r.eCurvature[k]!, neg: r.ridgeShare[k]!, sharp: r.sharpShare[k]! })))
    .filter((d) => Number.isFinite(d.o));
  const downhill = rides.flatMap((r, i) => r.descent.map((c, k) => ({ ride: i, name: `ride ${i + 1} (${rideName(r)})`, root: rootName(r), step: starts[i]! + k, c })))
    .filter((d) => Number.isFinite(d.c));
  if (rows.length === 0 && downhill.length === 0) return null;
  return Plot.plot({
    width: w, height: h, marginLeft: 48, marginBottom: 34, style: STYLE,
    x: stepAxis(rides, starts), y: { label: 'overlap with the ridge (dots) · cos(step, −∇L) (dashed)', domain: [-1, 1], grid: true },
    color: { type: 'categorical' },
    caption: 'dots: |⟨e, exact eigenvector⟩| (1: on its ridge) · dashed: cos(step, −∇L) where the step landed (1: still straight downhill there; below 0: it overshot the lowest point along its line) · in a tip, ∇L\'s shares of length (not parts of 100%) along the negative-curvature and the 10 sharpest eigenvectors',
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.lineY(downhill, { x: 'step', y: 'c', z: 'ride', stroke: 'root', strokeWidth: 1, strokeDasharray: '4,3' }),
      Plot.lineY(rows, { x: 'step', y: 'o', z: 'ride', stroke: 'root', strokeWidth: 1.5 }),
      Plot.dot(rows, { x: 'step', y: 'o', fill: 'root', r: 3 }),
      // One tip for both marks (two would stack where a dot sits on the dashed line): the point nearest the pointer.
      // Five short lines (the caption says what they are), so that the tip fits beside or below the point even in a
      // short chart; where it fits neither above nor below, it hangs below: the tall tips are the checks' (overlap ≥ 0).
      Plot.tip(overlapTips(rows, downhill), Plot.pointer({ x: 'step', y: 'y', title: 'text', lineWidth: 20, preferredAnchor: 'top' })),
    ],
  }) as Figure;
}

/** One tip per ride and step: cos(step, −∇L) there and, where Theorem 2's check ran, what it measured (at the dot). */
function overlapTips(
  rows: readonly { ride: number; name: string; step: number; o: number; lambda: number; curv: number; neg: number; sharp: number }[],
  downhill: readonly { ride: number; name: string; step: number; c: number }[],
): { step: number; y: number; text: string }[] {
  const checks = new Map(rows.map((d) => [`${d.ride}:${d.step}`, d]));
  const tips = downhill.map((d) => {
    const k = checks.get(`${d.ride}:${d.step}`);
    checks.delete(`${d.ride}:${d.step}`);
    const cos = `cos(step, −∇L) = ${d.c.toFixed(3)}`;
    return k ? { step: d.step, y: k.o, text: `${checkWords(k)}\n${cos}` } : { step: d.step, y: d.c, text: `${d.name}, step ${d.step}\n${cos}` };
  });
  return [...tips, ...[...checks.values()].map((k) => ({ step: k.step, y: k.o, text: checkWords(k) }))];
}

function checkWords(d: { name: string; step: number; o: number; lambda: number; curv: number; neg: number; sharp: number }): string {
  return `${d.name}, step ${d.step}\noverlap ${d.o.toFixed(3)} (λ = ${formatSig(d.lambda)})\neᵀHe = ${formatSig(d.curv)}\n${shareWords(d.neg, d.sharp)}`.trimEnd();
}

/**
 * The tip's line on where ∇L points (MnistRrRide.ridgeShare, sharpShare): how much of it any ridge can follow. Shares of
 * length ‖P∇L‖/‖∇L‖, whose squares (not themselves) add up to at most 1 over perpendicular sets, as the caption says.
 */
function shareWords(neg: number, sharp: number): string {
  if (!Number.isFinite(neg) || !Number.isFinite(sharp)) return '';
  return `∇L: ${(100 * neg).toFixed(0)}% negative, ${(100 * sharp).toFixed(0)}% sharpest`;
}

/** Fig. 5: one heatmap row per first ridge ψ[0], one column per digit, the test accuracy over a window of steps from the MIS. */
export function digitHeatmapChart(rides: readonly MnistRrRide[], window: [number, number], title: string, w: number, h: number): Figure | null {
  if (rides.length === 0) return null;
  const byRow = digitMeansByFirstRidge(rides, window);
  const data = byRow.flatMap((r) => r.means.map((a, d) => ({ row: `ψ[0] = ${r.psi0}`, digit: d, a })));
  // A first ridge whose rides all ended before the window keeps its row, with the reason written across it.
  const empty = byRow.filter((r) => !r.means.some((a) => Number.isFinite(a))).map((r) => `ψ[0] = ${r.psi0}`);
  if (!data.some((d) => Number.isFinite(d.a))) {
    return Plot.plot({
      width: w, height: h, style: STYLE, x: { label: `digit · ${title}`, domain: [0, 9] }, y: { axis: null, domain: [0, 1] },
      marks: [Plot.frame({ strokeOpacity: 0.2 }), Plot.text([`No ride reached steps ${window[0]}–${window[1]} from the MIS`], { frameAnchor: 'middle', fontSize: 12 })],
    }) as Figure;
  }
  return Plot.plot({
    width: w, height: h, marginLeft: 64, marginBottom: 34, style: STYLE, padding: 0.04,
    x: { label: `digit · ${title}`, type: 'band', domain: Array.from({ length: 10 }, (_, d) => d) }, y: { label: null, domain: byRow.map((r) => `ψ[0] = ${r.psi0}`) },
    color: { scheme: 'viridis', domain: [0, 1], legend: true, label: 'accuracy', tickFormat: '.0%', ticks: [0.25, 0.5, 0.75, 1] },
    marks: [
      Plot.text(empty, { y: (d: string) => d, frameAnchor: 'middle', text: () => `its rides ended before step ${window[0]}`, fill: 'currentColor', fillOpacity: 0.7, fontSize: 11 }),
      Plot.cell(data.filter((d) => Number.isFinite(d.a)), { x: 'digit', y: 'row', fill: 'a', tip: true, title: (d: { row: string; digit: number; a: number }) => `${d.row}: digit ${d.digit} ${(100 * d.a).toFixed(1)}%` }),
      Plot.text(data.filter((d) => Number.isFinite(d.a)), { x: 'digit', y: 'row', text: (d: { a: number }) => (100 * d.a).toFixed(0), fill: (d: { a: number }) => (d.a > 0.6 ? 'black' : 'white'), fontSize: 9 }),
    ],
  }) as Figure;
}

/** A candidate above chance on the test environment (bluish green) or below it (vermillion). */
export const CANDIDATE_COLORS = { above: '#009E73', below: '#D55E00' } as const;

/**
 * Colored MNIST: the pooled training loss at the MIS on the plane through two of its ridges (θ_r = a u + b v), with
 * every candidate of the run at its θ_r's projection (the chosen one ringed). The rides also move the features, so
 * the plane is the landscape they started on.
 */
export function coloredSliceChart(row: ColoredRow, w: number, h: number): Figure | null {
  const sl = row.slice;
  if (!sl || !row.candidates) return null;
  const chosen = row.candidates.filter((c) => c.ride === row.chosen?.ride && c.step === row.chosen?.step);
  const size = Math.min(w, h + 60);
  return Plot.plot({
    width: size, height: Math.max(120, size - 60), marginLeft: 44, marginBottom: 34, style: STYLE,
    x: { label: 'along ridge u', domain: [-sl.span, sl.span] }, y: { label: 'along ridge v', domain: [-sl.span, sl.span] },
    color: { scheme: 'blues', reverse: true, type: 'log', legend: true, label: 'training loss' },
    marks: [
      Plot.raster(sl.losses as number[], { width: sl.side, height: sl.side, x1: -sl.span, x2: sl.span, y1: -sl.span, y2: sl.span, interpolate: 'barycentric' }),
      Plot.contour(sl.losses as number[], { width: sl.side, height: sl.side, x1: -sl.span, x2: sl.span, y1: -sl.span, y2: sl.span, stroke: 'white', strokeOpacity: 0.5, thresholds: 12 }),
      Plot.line(row.candidates, { x: 'u', y: 'v', z: 'ride', stroke: '#444', strokeWidth: 1 }),
      Plot.dot(row.candidates, { x: 'u', y: 'v', r: 3, fill: (d: { test: number }) => (d.test >= 0.5 ? CANDIDATE_COLORS.above : CANDIDATE_COLORS.below), stroke: 'white', strokeWidth: 0.5, tip: true,
        title: (d: { ride: number; step: number; validation: number; test: number }) => `ride ${d.ride + 1}, step ${d.step}: validation ${(100 * d.validation).toFixed(1)}%, test ${(100 * d.test).toFixed(1)}%` }),
      Plot.dot(chosen, { x: 'u', y: 'v', r: 8, stroke: 'black', strokeWidth: 2 }),
    ],
  }) as Figure;
}

/** Fig. 4 (right), small: each sweep trial's final test accuracy against its α, by variant, a line down to where it started. */
export function sweepChart(trials: readonly NetSweepTrial[], w: number, h: number, alphaRange?: readonly [number, number], caption?: string): Figure | null {
  const rows = trials.filter((t) => Number.isFinite(t.finalTest)).map((t) => ({ ...t, name: SWEEP_VARIANT_WORDS[t.variant] }));
  if (rows.length === 0) return null;
  // The whole range α is drawn from, so that the first trials do not stretch over the width and later ones land in place.
  const lo = Math.min(alphaRange?.[0] ?? Infinity, ...rows.map((d) => d.alpha));
  const hi = Math.max(alphaRange?.[1] ?? -Infinity, ...rows.map((d) => d.alpha));
  const ticks = logTicks(lo, hi, Math.max(3, Math.floor(w / 70)));
  return Plot.plot({
    width: w, height: h, marginLeft: 48, marginBottom: 34, marginRight: 16, style: STYLE, ...(caption ? { caption } : {}),
    x: { label: 'step α (log)', type: 'log', domain: [lo, hi], grid: true, ticks: ticks.length >= 2 ? ticks : undefined, tickFormat: (v: number) => formatSig(v) },
    y: { label: 'test accuracy (%): start ○, final ●', domain: [0, 100], percent: true, grid: true },
    color: { legend: true, domain: Object.values(SWEEP_VARIANT_WORDS), range: ['#0072B2', '#E69F00', '#999999'] },
    marks: [
      // Where a trial that learned nothing sits: guessing one digit scores about 10%.
      Plot.ruleY([0.1], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '2,3' }),
      // The paper's Fig. 4 (right) shows only the trials that ended above 60%.
      Plot.ruleY([0.6], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '6,3' }),
      // Each trial from its start (the MIS's test accuracy, a small ring) up to its final accuracy (the dot).
      Plot.link(rows.filter((d) => Number.isFinite(d.startTest)), { x1: 'alpha', x2: 'alpha', y1: 'startTest', y2: 'finalTest', stroke: 'name', strokeOpacity: 0.6 }),
      Plot.dot(rows.filter((d) => Number.isFinite(d.startTest)), { x: 'alpha', y: 'startTest', stroke: 'name', fill: 'white', r: 2 }),
      Plot.dot(rows, { x: 'alpha', y: 'finalTest', fill: 'name', r: 4, tip: true,
        title: (d: NetSweepTrial & { name: string }) => `${d.name}, trial ${d.index}\nS = ${d.inner}, α = ${formatSig(d.alpha)}\nLR_e = ${formatSig(d.lrE)}, LR_λ = ${formatSig(d.lrLambda)}\n`
          + `batch ${d.batch}\ntest ${(100 * d.startTest).toFixed(1)}% at the start, final ${(100 * d.finalTest).toFixed(1)}% (best ${(100 * d.bestTest).toFixed(1)}%)` }),
      // The lines' labels over the dots, on a halo, so that no dot hides them.
      Plot.text([[0.1, 'chance (10%)'], [0.6, 'the paper shows the trials above 60%']] as const, { y: (d: readonly [number, string]) => d[0], frameAnchor: 'right', text: (d: readonly [number, string]) => d[1], dy: -7,
        fill: 'currentColor', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  }) as Figure;
}

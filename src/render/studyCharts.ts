import * as Plot from '@observablehq/plot';
import { TREE_METHOD_NAMES, type TreeMethod } from '../envs/treeMethodIds';
import type { LeverResult, SweepRow, TreeView } from '../protocol/studies';
import { meanStd } from '../math/meanStd';
import { createFrameScheduler } from './frameScheduler';
import { figureSvgDocument } from './figureSvgDocument';

/**
 * The charts of Ridge Rider's small-n experiments (Parker-Holder et al. 2020, Figs. 2, 3 and 6), drawn with
 * Observable Plot into a box that redraws on resize (createPlotBox): the sweep (share of positive leaves found per
 * method and depth, mean ± std over trees), one tree's shares, the Hessian spectrum with its repeated eigenvalues
 * grouped, and the lever game's payoff per ridge and its action-probability heatmap.
 */

/** Okabe–Ito colours per method, the same in every chart. */
export const METHOD_COLORS: Readonly<Record<TreeMethod, string>> = {
  'rr': '#0072B2', 'gd-random': '#E69F00', 'gd-mis': '#F0E442', 'random-mis': '#999999', 'fixed-ev': '#009E73', 'rand-ridge-plus': '#CC79A7',
};

type Figure = (SVGSVGElement | HTMLElement) & Plot.Plot;

export interface PlotBox {
  /** Replaces what is drawn: a function of the box's width and height that returns a Plot figure (or null). */
  draw(make: ((w: number, h: number) => Figure | null) | null): void;
  toSvg(): string;
  /** Whether a figure is drawn (after any pending redraw): toSvg throws where none is. */
  drawn(): boolean;
  destroy(): void;
}

/** A box that keeps one Plot figure at its own size, redrawn on resize and on draw(). */
export function createPlotBox(container: HTMLElement): PlotBox {
  let make: ((w: number, h: number) => Figure | null) | null = null;
  let figure: Figure | null = null;
  const render = () => {
    figure?.remove();
    figure = null;
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (!make || w <= 0 || h <= 0) return;
    figure = make(w, h);
    if (!figure) return;
    container.append(figure);
    // A figure with a legend is taller than the height its plot was given: draw it again with the legend's room taken off.
    const excess = Math.ceil(figure.getBoundingClientRect().height) - h;
    if (excess > 0 && h - excess > 40) {
      figure.remove();
      figure = make(w, h - excess);
      if (figure) container.append(figure);
    }
  };
  const scheduler = createFrameScheduler(render);
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  return {
    draw(m) { make = m; scheduler.request(); },
    toSvg() {
      scheduler.flush();
      if (!figure) throw new Error('the chart is not drawn yet');
      return figureSvgDocument(figure);
    },
    drawn() { scheduler.flush(); return figure !== null; },
    destroy() { scheduler.cancel(); ro?.disconnect(); figure?.remove(); },
  };
}

const legendOf = (methods: readonly TreeMethod[]) => ({ legend: true, domain: methods.map((m) => TREE_METHOD_NAMES[m]), range: methods.map((m) => METHOD_COLORS[m]) });

/**
 * Fig. 2 (right) / Fig. 3: per depth, per method, the mean share of positive leaves found over the trees done so far,
 * with a ±1 standard deviation bar; `trees` says how many trees a depth will have.
 */
export function sweepChart(rows: readonly SweepRow[], depths: readonly number[], trees: number, w: number, h: number): Figure | null {
  if (rows.length === 0) return null;
  const methods = [...new Set(rows.flatMap((r) => Object.keys(r.fraction) as TreeMethod[]))];
  const stats = depths.flatMap((depth) => methods.map((m) => {
    const v = rows.filter((r) => r.depth === depth && r.fraction[m] !== undefined).map((r) => r.fraction[m]!);
    if (v.length === 0) return null;
    const { mean, std } = meanStd(v);
    return { depth: `depth ${depth} (${v.length}/${trees})`, method: TREE_METHOD_NAMES[m], mean, lo: Math.max(0, mean - std), hi: Math.min(1, mean + std) };
  }).filter((x) => x !== null));
  return Plot.plot({
    width: w, height: h, marginLeft: 48, marginBottom: 40, style: { fontSize: '11px', background: 'transparent' },
    fx: { label: null }, x: { axis: null, domain: methods.map((m) => TREE_METHOD_NAMES[m]) },
    y: { domain: [0, 1], label: 'share of positive leaves found', grid: true, tickFormat: '%' },
    color: legendOf(methods),
    marks: [
      Plot.barY(stats, { fx: 'depth', x: 'method', y: 'mean', fill: 'method', title: (d: { method: string; mean: number }) => `${d.method}: ${(100 * d.mean).toFixed(0)}%` }),
      Plot.ruleX(stats, { fx: 'depth', x: 'method', y1: 'lo', y2: 'hi', stroke: '#222' }),
    ],
  }) as Figure;
}

/** One tree: the share of its positive leaves each method found, in the same colours. */
export function treeSharesChart(view: TreeView, w: number, h: number): Figure | null {
  const methods = Object.keys(view.methods) as TreeMethod[];
  if (methods.length === 0) return null;
  const data = methods.map((m) => ({ method: TREE_METHOD_NAMES[m], share: view.methods[m]!.fraction, found: view.methods[m]!.found.length, color: METHOD_COLORS[m] }));
  return Plot.plot({
    width: w, height: h, marginLeft: 178, marginRight: 28, marginBottom: 36, style: { fontSize: '11px', background: 'transparent' },
    x: { domain: [0, 1], label: `found, of ${view.positive.length} positive leaves`, labelAnchor: 'center', labelArrow: 'none', tickFormat: '%', grid: true }, y: { label: null, domain: data.map((d) => d.method) },
    marks: [
      Plot.barX(data, { y: 'method', x: 'share', fill: 'color' }),
      Plot.text(data, { y: 'method', x: 'share', text: (d: { found: number }) => String(d.found), dx: 10, fill: '#222' }),
    ],
  }) as Figure;
}

/** Groups of equal eigenvalues (relative tolerance): [value, multiplicity] in ascending order. */
export function eigenGroupsOf(values: readonly number[], tol = 1e-6): { value: number; count: number }[] {
  const s = Math.max(1e-300, ...values.map(Math.abs));
  const out: { value: number; count: number }[] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && Math.abs(v - last.value) <= tol * s) last.count++;
    else out.push({ value: v, count: 1 });
  }
  return out;
}

/** Height of a chart's title (styled small in .plot-box), taken off the plot's own height so that the box holds both. */
const TITLE_PX = 24;

/** The Hessian spectrum as bars (ascending; negative red, positive blue), each group of equal eigenvalues one bar marked ×k. */
export function spectrumChart(values: readonly number[], title: string, w: number, h: number): Figure | null {
  if (values.length === 0) return null;
  const groups = eigenGroupsOf(values).map((g, i) => ({ ...g, i, label: g.count > 1 ? `×${g.count}` : '' }));
  return Plot.plot({
    width: w, height: Math.max(60, h - TITLE_PX), marginLeft: 48, marginBottom: 28, style: { fontSize: '11px', background: 'transparent' },
    title, x: { type: 'band', label: 'eigenvalues, ascending (equal ones in one bar)', tickFormat: () => '' }, y: { label: 'λ', grid: true },
    marks: [
      Plot.barY(groups, { x: 'i', y: 'value', fill: (d: { value: number }) => (d.value < 0 ? '#D55E00' : '#0072B2'), title: (d: { value: number; count: number }) => `λ = ${d.value.toPrecision(4)}${d.count > 1 ? ` (×${d.count})` : ''}` }),
      Plot.text(groups, { x: 'i', y: 'value', text: 'label', dy: -6, fill: '#222' }),
      Plot.ruleY([0]),
    ],
  }) as Figure;
}

/** Fig. 6 left: per ridge, cross-play (bar, ±1 std over the repeats) and self-play (dot); the self-play GD baseline's cross-play as a rule. */
export function leverPayoffChart(r: LeverResult, w: number, h: number): Figure {
  const data = r.ridges.map((x) => ({ ridge: `${x.index}${x.multiplicity > 1 ? '*' : ''}`, xp: x.crossPlay, lo: Math.max(0, x.crossPlay - x.crossPlayStd), hi: x.crossPlay + x.crossPlayStd, sp: x.selfPlay }));
  return Plot.plot({
    width: w, height: h, marginLeft: 48, marginBottom: 36, style: { fontSize: '11px', background: 'transparent' },
    x: { label: 'ridge (* one of a repeated eigenvalue)', domain: data.map((d) => d.ridge) }, y: { label: 'payoff', domain: [0, 1], grid: true },
    color: { legend: true, domain: ['cross-play', 'self-play', 'self-play GD: cross-play'], range: ['#0072B2', '#E69F00', '#555'] },
    marks: [
      Plot.barY(data, { x: 'ridge', y: 'xp', fill: '#0072B2', title: (d: { xp: number }) => `cross-play ${d.xp.toFixed(3)}` }),
      Plot.ruleX(data, { x: 'ridge', y1: 'lo', y2: 'hi', stroke: '#222' }),
      Plot.dot(data, { x: 'ridge', y: 'sp', fill: '#E69F00', r: 4, title: (d: { sp: number }) => `self-play ${d.sp.toFixed(3)}` }),
      Plot.ruleY([r.baseline.crossPlay], { stroke: '#555', strokeDasharray: '4 3' }),
    ],
  }) as Figure;
}

/** Height a heatmap needs for its rows to stay legible (the box grows to it on a phone). */
export const leverHeatmapHeight = (r: LeverResult) => 110 + 14 * r.ridges.reduce((a, x) => a + x.examples.length, 0);

/**
 * Fig. 6 right: for each ridge, three replicates' action probabilities (player 1) over the levers. Where a lever's
 * column is too narrow for "k (payoff)", the ticks name the lever only (the payoff is in each cell's tooltip).
 */
export function leverHeatmap(r: LeverResult, payoffs: readonly number[], w: number, h: number): Figure {
  const wide = (w - 130) / Math.max(1, payoffs.length) >= 44;
  const name = (k: number) => (wide ? `${k} (${payoffs[k]})` : String(k));
  const data = r.ridges.flatMap((x) => x.examples.flatMap((probs, run) => probs.map((p, k) => ({ row: `ridge ${x.index} · run ${run + 1}`, lever: name(k), k, p }))));
  return Plot.plot({
    width: w, height: h, marginLeft: 110, marginBottom: 40, style: { fontSize: '10.5px', background: 'transparent' },
    x: { label: wide ? 'lever (payoff)' : 'lever', domain: payoffs.map((_, k) => name(k)) }, y: { label: null },
    color: { scheme: 'blues', domain: [0, 1], legend: true, label: 'probability of the lever', marginLeft: 12 } as Plot.ScaleOptions,
    marks: [Plot.cell(data, { x: 'lever', y: 'row', fill: 'p', title: (d: { p: number; k: number; row: string }) => `${d.row}: lever ${d.k} (payoff ${payoffs[d.k]}) with probability ${d.p.toFixed(3)}` })],
  }) as Figure;
}

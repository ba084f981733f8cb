import type { OneDResult } from '../protocol/messages';
import { pointRows } from './rides';
import { csvTable, type Json } from './trajectories';

/**
 * The 1D view's data (a function f, its Gaussian smoothings f_σ(x) = E[f(x + σε)], the variational bound
 * U(μ, σ) = E_{ε~N(0,1)}[f(μ + σε)] and the runs on it) as exported data.
 */

/** Everything the 1D view draws, as JSON: the curves on the x grid, U on the (μ, σ) grid, the VO and GD runs. */
export function oneDToJson(r: OneDResult): Json {
  return {
    fn: r.fn,
    name: r.name,
    x: Array.from(r.x),
    curves: r.curves.map((c) => ({ label: c.label, sigma: c.sigma, values: Array.from(c.values, (v) => (Number.isFinite(v) ? v : null)) })),
    bound: { mu: Array.from(r.mus), sigma: Array.from(r.sigmaGrid), U: pointRows(r.U, r.mus.length) },
    vo: { start: [r.start, r.sigma0], columns: ['mu', 'sigma'], points: pointRows(r.vo, 2) },
    gd: { start: r.start, columns: ['x', 'f'], points: pointRows(r.gd, 2) },
    minima: r.minima.map((m) => ({ x: m.x, f: m.f, global: m.global })),
  };
}

/** The curves as a wide CSV: x, then f and each f_σ (one column per curve, named by its label). */
export function oneDToCsv(r: OneDResult): string {
  const header = ['x', ...r.curves.map((c) => c.label)];
  const rows: number[][] = [];
  for (let i = 0; i < r.x.length; i++) rows.push([r.x[i]!, ...r.curves.map((c) => c.values[i]!)]);
  return csvTable(header, rows);
}

import { defaultSmoothSettings } from '../es/smoothSettings';
import { computeOneD } from '../runners/oneD';
import type { Experiment, Expectation, Measured } from './experiment';

/** The numbers every 1D figure reads off its view (runners/oneD.ts) at seed 1. */
export interface OneDNumbers {
  /** x₀, where gradient descent and VO start. */
  readonly start: number;
  /** Where gradient descent on f ended, and how far it moved. */
  readonly 'gd.x': number;
  readonly 'gd.moved': number;
  /** Where natural-gradient VO ended: μ, |μ| and σ. */
  readonly 'vo.mu': number;
  readonly 'vo.absMu': number;
  readonly 'vo.sigma': number;
}

/** Runs the 1D view of `fn` at σ and reads the ends of its two runs. */
export function measureOneD(fn: string, sigma: number): OneDNumbers {
  const r = computeOneD(fn, sigma, 1);
  const mu = r.vo[r.vo.length - 2]!;
  const gdX = r.gd[r.gd.length - 2]!;
  return { start: r.start, 'gd.x': gdX, 'gd.moved': Math.abs(gdX - r.start), 'vo.mu': mu, 'vo.absMu': Math.abs(mu), 'vo.sigma': r.vo[r.vo.length - 1]! };
}

/** A figure of the 1D view: the function, σ for the highlighted curve, and what its caption claims. */
export function oneDExperiment(e: {
  readonly id: string; readonly title: string; readonly source: string; readonly caption: string; readonly fn: string; readonly sigma?: number;
  readonly expected: readonly Expectation[]; readonly measure?: () => Measured;
}): Experiment {
  const sigma = e.sigma ?? defaultSmoothSettings().sigma;
  return {
    id: e.id, title: e.title, short: e.title, source: e.source, caption: e.caption, view: 'oned',
    settings: { oned: { on: true, fn: e.fn }, ...(e.sigma !== undefined ? { smooth: { sigma: e.sigma } } : {}) },
    expected: e.expected,
    measure: e.measure ?? (() => ({ ...measureOneD(e.fn, sigma) })),
  };
}

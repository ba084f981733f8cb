import type { ExperimentSettings } from '../experiments';
import { landscapeById } from '../landscapes/registry';
import { defaultParams, type AppParams } from './params';
import { withStepSizes } from './stepSizes';

/**
 * The params that show a figure: the app's defaults with the experiment's settings over them (a landscape brings
 * its own view), as a shared link of that figure would restore them.
 */
export function experimentParams(s: ExperimentSettings): AppParams {
  const p = defaultParams();
  const def = s.landscape !== undefined ? landscapeById(s.landscape) : undefined;
  return withStepSizes({
    ...p,
    ...(s.landscape !== undefined ? { landscape: s.landscape, view: def ? { ...def.domain } : p.view } : {}),
    ...(s.start !== undefined ? { start: [s.start[0], s.start[1]] } : {}),
    ...(s.methods !== undefined ? { methods: [...s.methods] } : {}),
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
    es: { ...p.es, ...s.es, ...(s.es?.algos ? { algos: [...s.es.algos] } : {}) },
    smooth: { ...p.smooth, ...s.smooth },
    oned: { ...p.oned, ...s.oned },
    ridge: { ...p.ridge, ...s.ridge, ...(s.ridge?.end ? { end: [...s.ridge.end] } : {}) },
    mdp: { ...p.mdp, ...s.mdp, methods: [...(s.mdp?.methods ?? p.mdp.methods)] },
    lever: { ...p.lever, ...s.lever, payoffs: [...(s.lever?.payoffs ?? p.lever.payoffs)] },
  }, p.landscape);
}

/** Every key path of the settings, with its value (arrays and numbers as leaves). */
function leaves(o: object, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}

const at = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x === null || typeof x !== 'object' ? undefined : (x as Record<string, unknown>)[k]), o);

const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => same(x, b[i])) : Object.is(a, b));

/**
 * The figure the params show: the experiment all of whose settings the params have, the most specific one when
 * several do (a shared link of a figure shows its caption too); null when none.
 */
export function matchingExperiment<E extends { readonly settings: ExperimentSettings }>(experiments: readonly E[], p: AppParams): E | null {
  let best: E | null = null;
  let bestCount = 0;
  for (const e of experiments) {
    const ls = leaves(e.settings);
    if (ls.length > bestCount && ls.every(([path, v]) => same(at(p, path), v))) { best = e; bestCount = ls.length; }
  }
  return best;
}

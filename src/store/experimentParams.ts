import type { ExperimentSettings } from '../experiments';
import { landscapeById } from '../landscapes/registry';
import { defaultParams, type AppParams } from './params';

/**
 * The params that show a figure: the app's defaults with the experiment's settings over them (a landscape brings
 * its own view), as a shared link of that figure would restore them.
 */
export function experimentParams(s: ExperimentSettings): AppParams {
  const p = defaultParams();
  const def = s.landscape !== undefined ? landscapeById(s.landscape) : undefined;
  return {
    ...p,
    ...(s.landscape !== undefined ? { landscape: s.landscape, view: def ? { ...def.domain } : p.view } : {}),
    ...(s.start !== undefined ? { start: [s.start[0], s.start[1]] } : {}),
    ...(s.methods !== undefined ? { methods: [...s.methods] } : {}),
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
    es: { ...p.es, ...s.es, ...(s.es?.algos ? { algos: [...s.es.algos] } : {}) },
    smooth: { ...p.smooth, ...s.smooth },
    oned: { ...p.oned, ...s.oned },
    ridge: { ...p.ridge, ...s.ridge, ...(s.ridge?.end ? { end: [...s.ridge.end] } : {}) },
  };
}

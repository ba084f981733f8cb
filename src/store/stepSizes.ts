import { landscapeStepSize } from '../landscapes/registry';
import { defaultHyper } from '../optimizers/methods';
import { defaultRidgeSettings } from '../ridge-rider/settings';
import type { AppParams } from './params';

/** The methods whose default step size depends on the surface (registry `stepSize`). */
export const STEP_SIZE_METHODS = ['gd', 'momentum', 'nesterov'] as const;

/** The default η of a method on a landscape (the landscape's safe step size, else the method's default). */
export function defaultStepSize(landscape: string, method: (typeof STEP_SIZE_METHODS)[number]): number {
  return landscapeStepSize(landscape, method, defaultHyper(method).lr!);
}

/** The default η of Ridge Rider's gradient-descent finish on a landscape (that of gradient descent there). */
export function defaultFinishStepSize(landscape: string): number {
  return landscapeStepSize(landscape, 'gd', defaultRidgeSettings().gdLr);
}

/**
 * The params after a change of landscape from `from`: every step size still at its default for `from` takes the
 * default of the new landscape (Rosenbrock's η = 0.001 instead of 0.01, with which gradient descent diverges there);
 * a step size the user set is kept.
 */
export function withStepSizes(p: AppParams, from: string): AppParams {
  let hyper = p.hyper;
  for (const m of STEP_SIZE_METHODS) {
    if (hyper[m].lr === defaultStepSize(from, m)) hyper = { ...hyper, [m]: { ...hyper[m], lr: defaultStepSize(p.landscape, m) } };
  }
  const ridge = p.ridge.gdLr === defaultFinishStepSize(from) ? { ...p.ridge, gdLr: defaultFinishStepSize(p.landscape) } : p.ridge;
  return hyper === p.hyper && ridge === p.ridge ? p : { ...p, hyper, ridge };
}

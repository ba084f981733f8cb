import { RIDGE_EXPERIMENT_IDS, experimentById } from '../experiments';
import { resolveLandscape } from '../landscapes/registry';
import { fmtNum } from '../math/fmtNum';
import { rngFromSeed } from '../math/rng';
import { MAX_STEPS } from '../optimizers/methods';
import { resolveProblem, type StartRequest } from '../problems';
import { ARCHIVE_ORDERS } from '../ridge-rider/archive';
import { GD_FINISH_DEFAULTS } from '../ridge-rider/descend';
import type { EndRideOptions, StepSizeOptions } from '../ridge-rider/endRide';
import { fingerprintText } from '../ridge-rider/getRidges';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import { defaultRidgeSettings, ridgeRiderOptions } from '../ridge-rider/settings';
import { RIDGE_RIDER_DEFAULTS, type RidgeRiderOptions } from '../ridge-rider/state';
import { prepareRidgeSearch } from '../runners/ridgeSearch';
import {
  UsageError, domainFrom, domainOpt, jsonOpt, landscapeFrom, landscapeOpt, parseChoice, parseInteger, parseNumberInRange, parseNumberList, seedFrom, seedOpt,
  type OptionSpec,
} from './args';

/** The defaults of the ridge command: the engine's (ridge-rider/settings.ts), with the GD finish off unless --gd-finish. */
const DEFAULTS = defaultRidgeSettings();

export const RIDGE_ABOUT = 'Ridge Rider (Algorithm 1): follow Hessian eigenvectors of negative curvature from a saddle or maximum, branching';

export const RIDGE_OPTIONS: readonly OptionSpec[] = [
  { ...landscapeOpt, required: false, help: `${landscapeOpt.help} (required unless --preset)` },
  { name: 'preset', kind: 'value', meta: `<${RIDGE_EXPERIMENT_IDS.join('|')}>`, help: 'a paper figure (see "experiments"): its landscape, start and options; other options override' },
  { name: 'start', kind: 'value', meta: '<x,y>', help: 'start point (default: the preset\'s, else the maximum with the most negative λ₁ in the domain, else such a saddle)' },
  { name: 'refine', kind: 'flag', help: 'Newton-refine --start to the nearby critical point first' },
  { name: 'order', kind: 'value', meta: `<${ARCHIVE_ORDERS.join('|')}>`, help: `archive order (default ${DEFAULTS.order})` },
  { name: 'alpha', kind: 'value', meta: '<v>', help: `step size α in (0, 10] (α_max with --backtrack; default ${DEFAULTS.alpha})` },
  { name: 'backtrack', kind: 'flag', help: 'halve α from --alpha until the overlap and loss checks pass (α_min = α/1024)' },
  { name: 'delta', kind: 'value', meta: '<v>', help: `overlap threshold δ_break in (0, 1] (default ${DEFAULTS.deltaBreak})` },
  { name: 'max-rides', kind: 'value', meta: '<n>', help: `cap on rides, 1 to 10000 (default ${DEFAULTS.maxRides})` },
  { name: 'max-steps', kind: 'value', meta: '<n>', help: `cap on ride steps over all rides, 1 to 10^6 (default ${RIDGE_RIDER_DEFAULTS.maxTotalSteps})` },
  { name: 'gd-finish', kind: 'flag', help: 'run gradient descent from every ride end; "end" is then where GD went' },
  { name: 'gd-lr', kind: 'value', meta: '<v>', help: `GD-finish learning rate, 1e-5 to 10 (default ${DEFAULTS.gdLr})` },
  { name: 'gd-steps', kind: 'value', meta: '<n>', help: `GD-finish step budget, 1 to ${MAX_STEPS} (default ${GD_FINISH_DEFAULTS.maxSteps})` },
  { ...domainOpt, help: `${domainOpt.help}; rides leaving it widened by its size on each side end as diverged` },
  { ...seedOpt, help: `${seedOpt.help}: the random order and the critical-point search` }, jsonOpt,
];

/**
 * `ridge`: Ridge Rider set up as the app's worker sets it up (runners/ridgeSearch.ts): from --start (as given, or
 * Newton-refined with --refine), from the preset's start (Newton-refined from its guess), or from the problem's
 * automatic start (a maximum first, else the saddle with the most negative λ₁). The settings' defaults are the
 * engine's; with --preset the figure's options are the base and the other options override them one by one. Prints
 * the start used and, per ride in search order, its fingerprint (ridge indices r = 2i for +v_i, 2i + 1 for −v_i at
 * each branching), parent (the index in this list of the ride it branched from, ridden before it; null at the start;
 * parent_id is that ride's id), start, end (the GD-finish endpoint with the GD finish; the ride's own end is then
 * ride_end), f there, the eigenvalue it was chosen for, steps and end_reason.
 */
export function commandRidge(values: ReadonlyMap<string, string>): string {
  const presetId = values.has('preset') ? parseChoice('preset', values.get('preset')!, RIDGE_EXPERIMENT_IDS) : null;
  const figure = presetId ? experimentById(presetId)! : null;
  const preset = figure?.ridgeRider ?? null;
  const presetLandscape = figure?.settings.landscape;
  if (figure && values.has('landscape')) throw new UsageError(`--preset ${presetId} sets the landscape (${presetLandscape}); drop --landscape`);
  if (!figure && !values.has('landscape')) throw new UsageError('missing required option --landscape <name|formula> for "ridge" (or give --preset)');
  const land = presetLandscape ? resolveLandscape(presetLandscape) : landscapeFrom(values.get('landscape')!);
  const domain = domainFrom(values, land.def.domain);
  const seed = seedFrom(values);
  const base: RidgeRiderOptions = preset ? preset.options : ridgeRiderOptions({ ...DEFAULTS, gdFinish: false }, null);
  const baseStep: StepSizeOptions = base.step ?? {};
  const baseEnd: EndRideOptions = base.endRide ?? {};
  const num = (name: string, fallback: number, min: number, max: number, minOpen: boolean): number => {
    const text = values.get(name);
    return text === undefined ? fallback : parseNumberInRange(name, text, min, max, minOpen);
  };
  const int = (name: string, fallback: number, max: number): number => {
    const text = values.get(name);
    return text === undefined ? fallback : parseInteger(name, text, 1, max);
  };
  const order = parseChoice('order', values.get('order') ?? base.order ?? DEFAULTS.order, ARCHIVE_ORDERS);
  const alpha = num('alpha', baseStep.alpha ?? DEFAULTS.alpha, 0, 10, true);
  const backtrack = values.has('backtrack') || baseStep.mode === 'backtracking';
  const alphaMin = values.has('alpha') || baseStep.alphaMin === undefined ? alpha / 1024 : baseStep.alphaMin;
  const delta = num('delta', baseEnd.deltaBreak ?? DEFAULTS.deltaBreak, 0, 1, true);
  const maxRides = int('max-rides', base.maxRides ?? DEFAULTS.maxRides, 10_000);
  const maxSteps = int('max-steps', base.maxTotalSteps ?? RIDGE_RIDER_DEFAULTS.maxTotalSteps, 1_000_000);
  const baseGd = base.gdFinish || null;
  const gd = values.has('gd-finish') || baseGd !== null;
  for (const k of ['gd-lr', 'gd-steps']) if (values.has(k) && !gd) throw new UsageError(`--${k} needs --gd-finish`);
  const gdLr = num('gd-lr', baseGd?.lr ?? DEFAULTS.gdLr, 1e-5, 10, false);
  const gdSteps = int('gd-steps', baseGd?.maxSteps ?? GD_FINISH_DEFAULTS.maxSteps, MAX_STEPS);
  if (values.has('refine') && !values.has('start')) throw new UsageError('--refine needs --start');
  const name = land.builtin ? land.def.id : JSON.stringify(land.def.formula);
  const problem = resolveProblem({ kind: 'formula', formula: land.def.formula, domain, name });
  const theta = values.has('start') ? parseNumberList('start', values.get('start')!, 2, 'x,y') : null;
  const request: StartRequest = theta ? { kind: values.has('refine') ? 'refine' : 'given', theta } : { kind: 'auto' };
  const options: RidgeRiderOptions = {
    ...base, order, maxRides, maxTotalSteps: maxSteps, gdFinish: gd ? { lr: gdLr, maxSteps: gdSteps } : false,
    step: { mode: backtrack ? 'backtracking' : 'fixed', alpha, ...(backtrack ? { alphaMin } : {}) }, endRide: { ...baseEnd, deltaBreak: delta },
  };
  const prep = prepareRidgeSearch(problem, { start: request, settings: DEFAULTS, seed, preset, options, recordPaths: false });
  const chosen = prep.start;
  if (!chosen.theta) {
    if (request.kind === 'refine') throw new UsageError(`--refine: ${chosen.message}`);
    throw new UsageError(`${name} has no saddle or maximum in [${domain.x0}, ${domain.x1}] × [${domain.y0}, ${domain.y1}]; give --start`);
  }
  const start = chosen.theta as [number, number];
  const rule = preset && request.kind === 'auto' ? `preset ${presetId}: ${chosen.rule}` : chosen.rule;
  let result;
  try {
    result = runRidgeRider(problem.objective, start, prep.options, rngFromSeed(seed));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (result.stop.reason === 'bad-start') throw new UsageError(`--start ${start.join(',')}: ${result.stop.note}`);
  const indexOf = new Map(result.rides.map((r, i) => [r.id, i]));
  const rides = result.rides.map((r) => ({
    id: r.id, fingerprint: r.fingerprint, parent: r.parent === null ? null : indexOf.get(r.parent)!, parent_id: r.parent, start: r.start, direction: r.direction,
    end: gd ? r.endAfterGd! : r.end, f_end: gd ? r.fAfterGd! : r.fEnd, eigenvalue: r.eigenvalue, steps: r.steps, end_reason: r.endReason,
    ...(gd ? { ride_end: r.end, ride_f_end: r.fEnd, gd_steps: r.gdSteps!, gd_stop: r.gdStop! } : {}),
  }));
  const endRide = prep.options.endRide ?? {};
  const ends = { curvature: endRide.curvature ?? true, overlap: endRide.overlap ?? true, loss: endRide.loss ?? true };
  if (values.has('json')) {
    return JSON.stringify({
      landscape: land.builtin ? land.def.id : land.def.formula, preset: presetId, domain, seed, start, start_rule: rule, f_start: result.fStart,
      options: {
        order, alpha, backtrack, ...(backtrack ? { alpha_min: alphaMin } : {}), delta, end_ride: ends, max_rides: maxRides, max_steps: maxSteps,
        gd_finish: gd ? { lr: gdLr, steps: gdSteps } : false,
      },
      rides, search_order: result.order, stop: { reason: result.stop.reason, note: result.stop.note, archive_left: result.stop.archiveLeft },
      total_steps: result.totalSteps,
    });
  }
  const pt = (p: readonly number[]): string => `(${p.map((v) => v.toFixed(4)).join(', ')})`;
  const off = Object.entries(ends).filter(([, on]) => !on).map(([k]) => k);
  const head = `Ridge Rider on ${name}${presetId ? ` (preset ${presetId})` : ''} from ${pt(start)} (${rule}), f = ${fmtNum(result.fStart)}: ${order}, α = ${alpha}`
    + `${backtrack ? ' (backtracking)' : ''}, δ_break = ${delta}${off.length ? `, EndRide without ${off.join(', ')}` : ''}${gd ? `, GD finish (lr ${gdLr})` : ''}`;
  const rows = rides.map((r) => `  #${String(r.id).padEnd(4)} ${fingerprintText(r.fingerprint).padEnd(16)} from ${String(r.parent_id ?? '-').padEnd(4)} ${r.end_reason.padEnd(14)} ${String(r.steps).padStart(5)} steps  end ${pt(r.end)}  f = ${fmtNum(r.f_end)}  λ = ${fmtNum(r.eigenvalue)}`);
  return [head, ...rows, `  ${result.rides.length} ride${result.rides.length === 1 ? '' : 's'}, ${result.totalSteps} steps; stop: ${result.stop.note}`].join('\n');
}

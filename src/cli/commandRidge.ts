import { fmtNum } from '../math/fmtNum';
import { RIDGE_RIDER_FIG1 } from '../experiments/ridgeRiderFig1';
import { resolveLandscape } from '../landscapes/registry';
import { rngFromSeed } from '../math/rng';
import { MAX_STEPS } from '../optimizers/methods';

import { ARCHIVE_ORDERS } from '../ridge-rider/archive';
import type { EndRideOptions, StepSizeOptions } from '../ridge-rider/endRide';
import { fingerprintText } from '../ridge-rider/getRidges';
import { objectiveFromTape } from '../ridge-rider/objective';
import { refineToSaddle } from '../ridge-rider/refineToSaddle';
import { runRidgeRider } from '../ridge-rider/ridgeRider';
import type { RidgeRiderOptions } from '../ridge-rider/state';
import { defaultStart2D } from '../ridge-rider/startPoint';
import {
  UsageError, domainFrom, domainOpt, jsonOpt, landscapeFrom, landscapeOpt, parseChoice, parseInteger, parseNumberInRange, parseNumberList, seedFrom, seedOpt,
  type OptionSpec,
} from './args';

/** Defaults of the ridge command without a preset (the engine's own defaults are in ridge-rider/state.ts and endRide.ts). */
const RIDGE_CLI = { order: 'bfs', alpha: 0.01, delta: 0.95, maxRides: 32, maxSteps: 100_000, gdLr: 0.01, gdSteps: 5000 } as const;

/** Presets of the ridge command: a paper figure's landscape, start and Ridge Rider options (src/experiments). */
const PRESETS = { fig1: RIDGE_RIDER_FIG1 } as const;
type PresetId = keyof typeof PRESETS;
const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export const RIDGE_ABOUT = 'Ridge Rider (Algorithm 1): follow Hessian eigenvectors of negative curvature from a saddle or maximum, branching';

export const RIDGE_OPTIONS: readonly OptionSpec[] = [
  { ...landscapeOpt, required: false, help: `${landscapeOpt.help} (required unless --preset)` },
  { name: 'preset', kind: 'value', meta: `<${PRESET_IDS.join('|')}>`, help: 'a paper figure: its landscape, start and options (fig1: src/experiments/ridgeRiderFig1.ts); other options override' },
  { name: 'start', kind: 'value', meta: '<x,y>', help: 'start point (default: the preset\'s, else the maximum with the most negative λ₁ in the domain, else such a saddle)' },
  { name: 'refine', kind: 'flag', help: 'Newton-refine --start to the nearby critical point first' },
  { name: 'order', kind: 'value', meta: `<${ARCHIVE_ORDERS.join('|')}>`, help: `archive order (default ${RIDGE_CLI.order})` },
  { name: 'alpha', kind: 'value', meta: '<v>', help: `step size α in (0, 10] (α_max with --backtrack; default ${RIDGE_CLI.alpha})` },
  { name: 'backtrack', kind: 'flag', help: 'halve α from --alpha until the overlap and loss checks pass (α_min = α/1024)' },
  { name: 'delta', kind: 'value', meta: '<v>', help: `overlap threshold δ_break in (0, 1] (default ${RIDGE_CLI.delta})` },
  { name: 'max-rides', kind: 'value', meta: '<n>', help: `cap on rides, 1 to 10000 (default ${RIDGE_CLI.maxRides})` },
  { name: 'max-steps', kind: 'value', meta: '<n>', help: `cap on ride steps over all rides, 1 to 10^6 (default ${RIDGE_CLI.maxSteps})` },
  { name: 'gd-finish', kind: 'flag', help: 'run gradient descent from every ride end; "end" is then where GD went' },
  { name: 'gd-lr', kind: 'value', meta: '<v>', help: `GD-finish learning rate, 1e-5 to 10 (default ${RIDGE_CLI.gdLr})` },
  { name: 'gd-steps', kind: 'value', meta: '<n>', help: `GD-finish step budget, 1 to ${MAX_STEPS} (default ${RIDGE_CLI.gdSteps})` },
  { ...domainOpt, help: `${domainOpt.help}; rides leaving it widened by its size on each side end as diverged` },
  { ...seedOpt, help: `${seedOpt.help}: the random order and the critical-point search` }, jsonOpt,
];

/** The options without a preset: fixed α, every EndRide criterion, no GD finish. */
const PLAIN: RidgeRiderOptions = {
  order: RIDGE_CLI.order, step: { mode: 'fixed', alpha: RIDGE_CLI.alpha }, endRide: { deltaBreak: RIDGE_CLI.delta }, maxRides: RIDGE_CLI.maxRides, gdFinish: false,
};

/**
 * `ridge`: Ridge Rider from --start (as given, or Newton-refined with --refine), from the preset's start (Newton-refined
 * from its guess), or from the default start of ridge-rider/startPoint.ts (a maximum first, else the saddle with the
 * most negative λ₁). With --preset the preset's landscape and options are the base and the other options override
 * them one by one. Prints the start used and, per ride in search order, its fingerprint (ridge indices r = 2i for
 * +v_i, 2i + 1 for −v_i at each branching), parent (the index in this list of the ride it branched from, ridden
 * before it; null at the start; parent_id is that ride's id), start, end (the GD-finish endpoint with the GD finish; the ride's own end is
 * then ride_end), f there, the eigenvalue it was chosen for, steps and end_reason.
 */
export function commandRidge(values: ReadonlyMap<string, string>): string {
  const presetId = values.has('preset') ? parseChoice('preset', values.get('preset')!, PRESET_IDS) : null;
  const preset = presetId ? PRESETS[presetId] : null;
  if (preset && values.has('landscape')) throw new UsageError(`--preset ${presetId} sets the landscape (${preset.landscape}); drop --landscape`);
  if (!preset && !values.has('landscape')) throw new UsageError('missing required option --landscape <name|formula> for "ridge" (or give --preset)');
  const land = preset ? resolveLandscape(preset.landscape) : landscapeFrom(values.get('landscape')!);
  const domain = domainFrom(values, land.def.domain);
  const seed = seedFrom(values);
  const base: RidgeRiderOptions = preset ? preset.ridgeRider : PLAIN;
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
  const order = parseChoice('order', values.get('order') ?? base.order ?? RIDGE_CLI.order, ARCHIVE_ORDERS);
  const alpha = num('alpha', baseStep.alpha ?? RIDGE_CLI.alpha, 0, 10, true);
  const backtrack = values.has('backtrack') || baseStep.mode === 'backtracking';
  const alphaMin = values.has('alpha') || baseStep.alphaMin === undefined ? alpha / 1024 : baseStep.alphaMin;
  const delta = num('delta', baseEnd.deltaBreak ?? RIDGE_CLI.delta, 0, 1, true);
  const maxRides = int('max-rides', base.maxRides ?? RIDGE_CLI.maxRides, 10_000);
  const maxSteps = int('max-steps', base.maxTotalSteps ?? RIDGE_CLI.maxSteps, 1_000_000);
  const baseGd = base.gdFinish || null;
  const gd = values.has('gd-finish') || baseGd !== null;
  for (const k of ['gd-lr', 'gd-steps']) if (values.has(k) && !gd) throw new UsageError(`--${k} needs --gd-finish`);
  const gdLr = num('gd-lr', baseGd?.lr ?? RIDGE_CLI.gdLr, 1e-5, 10, false);
  const gdSteps = int('gd-steps', baseGd?.maxSteps ?? RIDGE_CLI.gdSteps, MAX_STEPS);
  if (values.has('refine') && !values.has('start')) throw new UsageError('--refine needs --start');
  const objective = objectiveFromTape(land.tape);
  const name = land.builtin ? land.def.id : JSON.stringify(land.def.formula);
  const span = 0.5 * Math.hypot(domain.x1 - domain.x0, domain.y1 - domain.y0);
  let start: [number, number];
  let rule: string;
  if (values.has('start')) {
    start = parseNumberList('start', values.get('start')!, 2, 'x,y') as [number, number];
    rule = 'given';
    if (values.has('refine')) {
      const r = refineToSaddle(objective, start, { maxStep: span });
      if (!r.converged) throw new UsageError(`--refine: ${r.message}`);
      start = [r.theta[0]!, r.theta[1]!];
      rule = `refined to a ${r.kind}`;
    }
  } else if (preset) {
    const r = refineToSaddle(objective, preset.startGuess, { maxStep: span });
    start = [r.theta[0]!, r.theta[1]!];
    rule = `preset ${presetId}: refined to a ${r.kind}`;
  } else {
    const p = defaultStart2D(objective.surface!, domain, seed);
    if (!p) throw new UsageError(`${name} has no saddle or maximum in [${domain.x0}, ${domain.x1}] × [${domain.y0}, ${domain.y1}]; give --start`);
    start = [p.x, p.y];
    rule = p.kind;
  }
  const w = domain.x1 - domain.x0;
  const h = domain.y1 - domain.y0;
  const endRide: EndRideOptions = { ...baseEnd, deltaBreak: delta, box: { lo: [domain.x0 - w, domain.y0 - h], hi: [domain.x1 + w, domain.y1 + h] } };
  let result;
  try {
    result = runRidgeRider(objective, start, {
      ...base, order, maxRides, maxTotalSteps: maxSteps, gdFinish: gd ? { lr: gdLr, maxSteps: gdSteps } : false,
      step: { mode: backtrack ? 'backtracking' : 'fixed', alpha, ...(backtrack ? { alphaMin } : {}) }, endRide, recordPaths: false,
    }, rngFromSeed(seed));
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

import { fmtNum } from '../math/fmtNum';
import { FormulaError, compileFormula } from '../landscapes/expression/compileFormula';
import { LANDSCAPES, landscapeById } from '../landscapes/registry';
import { LANDSCAPES_1D, landscape1dById, landscape1dTarget } from '../es/landscapes1d';
import { SMOOTHING_METHODS, SMOOTH_DEFAULTS, landscape2dTarget, resolveMethod, smooth, type SmoothingMethod } from '../es/smoothing';
import { MAX_SAMPLES, targetFromTape, type SmoothingTarget } from '../es/smoothingTarget';
import { MAX_GAUSS_HERMITE_NODES } from '../es/gaussHermite';

import { UsageError, jsonOpt, landscapeFrom, parseChoice, parseInteger, parseNumber, parseNumberInRange, seedOpt, type OptionSpec } from './args';

export const SMOOTH_ABOUT = 'Gaussian smoothing f_σ(x) = E[f(x + σε)] and its gradient (the ES/VO objective): closed form, quadrature, convolution, piecewise integration or Monte Carlo';

/** Largest σ accepted on the command line. */
const MAX_SIGMA = 1e4;

export const SMOOTH_OPTIONS: readonly OptionSpec[] = [
  { name: 'landscape', kind: 'value', required: true, meta: '<name|formula>',
    help: `a 2D built-in or formula in x and y, or a 1D one (${LANDSCAPES_1D.map((l) => l.id).join(', ')}, or a formula in x with a one-number --at)` },
  { name: 'sigma', kind: 'value', required: true, meta: '<s>', help: `smoothing scale σ in (0, ${MAX_SIGMA}]` },
  { name: 'at', kind: 'value', required: true, meta: '<x[,y]>', help: 'the point: one number for a 1D function, two for a 2D one' },
  { name: 'method', kind: 'value', meta: `<${SMOOTHING_METHODS.join('|')}>`,
    help: 'auto (default): the closed form if known; else for formulas with min, max, abs, sign, floor, ceil or round dense convolution (1D) '
      + 'or piecewise (2D: adaptive Gauss–Kronrod split at the located kinks and jumps, separable parts in 1D); else Gauss–Hermite quadrature' },
  { name: 'nodes', kind: 'value', meta: '<n>', help: `Gauss–Hermite nodes per axis (default ${SMOOTH_DEFAULTS.nodes1d} in 1D, up to ${MAX_GAUSS_HERMITE_NODES}; ${SMOOTH_DEFAULTS.nodes2d} in 2D, i.e. ${SMOOTH_DEFAULTS.nodes2d}×${SMOOTH_DEFAULTS.nodes2d}, up to 100)` },
  { name: 'samples', kind: 'value', meta: '<n>', help: `Monte Carlo samples, 1 to ${MAX_SAMPLES} (default ${SMOOTH_DEFAULTS.samples}; with --method mc)` },
  { ...seedOpt, help: `${seedOpt.help}: the Monte Carlo perturbations (with --method mc)` },
  jsonOpt,
];

/** Resolves --landscape against --at: a 1D registry id, a 2D built-in, or a formula in x (one coordinate) or x, y (two). */
function targetFrom(text: string, dim: number): { target: SmoothingTarget; landscape: string } {
  const def1 = landscape1dById(text);
  if (def1) {
    if (dim !== 1) throw new UsageError(`${def1.id} is a 1D landscape: give --at with one number`);
    return { target: landscape1dTarget(def1), landscape: def1.id };
  }
  if (dim === 2) {
    const land = landscapeFrom(text);
    if (land.builtin) return { target: landscape2dTarget(land.def), landscape: land.def.id };
    return { target: targetFromTape(land.tape, { name: 'formula' }), landscape: land.def.formula };
  }
  const def2 = landscapeById(text.trim().toLowerCase()) ?? LANDSCAPES.find((l) => l.name.toLowerCase() === text.trim().toLowerCase());
  if (def2) throw new UsageError(`${def2.id} is a 2D landscape: give --at x,y`);
  try {
    return { target: targetFromTape(compileFormula(text, ['x']), { name: 'formula' }), landscape: text.trim() };
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    const ids = [...LANDSCAPES_1D.map((l) => l.id), ...LANDSCAPES.map((l) => l.id)];
    if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(text.trim()) && text.trim() !== 'y') {
      throw new UsageError(`unknown landscape "${text.trim()}": built-ins are ${ids.join(', ')}; or give a formula in x such as "x^2 + sin(3*x)"`);
    }
    throw new UsageError(`bad formula "${text.trim()}" for a one-number --at (a formula in x only): ${e.message}`);
  }
}

/**
 * `smooth`: f_σ(at) = E[f(at + σε)] and ∇f_σ(at) for a 1D or 2D landscape by smooth() of src/es/smoothing.ts. JSON:
 * {landscape, dim, at, sigma, method, detail, value, gradient, gradient_method, skipped, and with mc: samples, seed,
 * stderr {value, gradient}}.
 */
export function commandSmooth(values: ReadonlyMap<string, string>): string {
  const atText = values.get('at')!;
  const parts = atText.split(',');
  if (parts.length < 1 || parts.length > 2) throw new UsageError(`--at must be x or x,y (one or two comma-separated numbers), got "${atText}"`);
  const at = parts.map((p) => {
    try { return parseNumber('at', p); } catch { throw new UsageError(`--at must be x or x,y (one or two comma-separated numbers), got "${atText}"`); }
  });
  const sigma = parseNumberInRange('sigma', values.get('sigma')!, 0, MAX_SIGMA, true);
  const method: SmoothingMethod = values.has('method') ? parseChoice('method', values.get('method')!, SMOOTHING_METHODS) : 'auto';
  const { target, landscape } = targetFrom(values.get('landscape')!, at.length);
  const mc = method === 'mc';
  for (const k of ['samples', 'seed']) if (values.has(k) && !mc) throw new UsageError(`--${k} needs --method mc`);
  if (values.has('nodes') && method !== 'quadrature' && method !== 'auto') throw new UsageError('--nodes needs --method quadrature or auto');
  if (values.has('nodes') && method === 'auto' && resolveMethod(target, 'auto') !== 'quadrature') {
    throw new UsageError(`--nodes sets the Gauss–Hermite rule, but auto uses the ${resolveMethod(target, 'auto')} method for this function; add --method quadrature`);
  }
  const samples = values.has('samples') ? parseInteger('samples', values.get('samples')!, 1, MAX_SAMPLES) : SMOOTH_DEFAULTS.samples;
  const seed = values.has('seed') ? parseInteger('seed', values.get('seed')!, 0, 2 ** 32 - 1) : SMOOTH_DEFAULTS.seed;
  const nodes = values.has('nodes') ? parseInteger('nodes', values.get('nodes')!, 1, target.dim === 1 ? MAX_GAUSS_HERMITE_NODES : 100) : undefined;
  let r;
  try {
    r = smooth(target, at, sigma, { method, samples, seed, ...(nodes !== undefined ? { nodes } : {}) });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.has('json')) {
    return JSON.stringify({
      landscape, dim: target.dim, at, sigma, method: r.method, detail: r.detail, value: r.value, gradient: r.gradient, gradient_method: r.gradientMethod,
      skipped: r.skipped, ...(r.stderr ? { samples, seed, stderr: r.stderr } : {}),
    });
  }
  const pm = (v: number, se?: number): string => (se === undefined ? fmtNum(v) : `${fmtNum(v)} ± ${fmtNum(se)}`);
  const grad = r.gradient.map((g, i) => pm(g, r.stderr?.gradient[i])).join(', ');
  return [
    `f_σ(${at.join(', ')}) = ${pm(r.value, r.stderr?.value)} on ${landscape}, σ = ${sigma}`,
    `∇f_σ = (${grad}) [${r.gradientMethod}]`,
    `method: ${r.method} (${r.detail})${r.skipped ? `; ${r.skipped} non-finite nodes/samples skipped` : ''}`,
  ].join('\n');
}

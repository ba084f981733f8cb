/**
 * The WGSL smoothing generator in Node, without a GPU: structure (determinism, no NaN/Inf literals, both modes,
 * integer powers unrolled, no formula text copied) and semantics: the value-only body of `f_checked` is run by a small
 * Float64 interpreter for the WGSL subset it uses (lets of scalar expressions) and must match JetEvaluator.value on the
 * same tape with f32-rounded constants to 2e-7·(1 + |v|), with its domain flag false exactly where JS is NaN (or a
 * pole); the kernel's sample loop, replayed with that body, reproduces smoothMonteCarloValue / smoothQuadratureValue.
 * The real f32 GPU path is compared with smoothGrid2D in test/browser/gpuSmooth.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import type { Tape } from '../../src/landscapes/expression/tape';
import { LANDSCAPES, resolveLandscape } from '../../src/landscapes/registry';
import { generateSmoothWgsl, smoothUniformData, SMOOTH_UNIFORM_BYTES } from '../../src/gpu/wgslSmooth';
import { mcSamples, quadratureSamples } from '../../src/gpu/smoothKernel';
import { mcSampleSetFromSeed, smoothMonteCarloValue } from '../../src/es/smoothingMonteCarlo';
import { smoothQuadratureValue } from '../../src/es/smoothingQuadrature';
import { targetFromTape } from '../../src/es/smoothingTarget';
import { mulberry32 } from '../../src/math/rng';
import { evalExpr, withF32Constants, type Value } from './wgslInterpreter';

const FORMULAS = [
  'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)',
  'sinc(x) * sinc(y/2)',
  'min(x^2, y) + max(sin(x), cos(y))',
  '(x*y + 1) / (x^2 + y^2 + 1)',
  'x^-2 + y^3 - x^-3*y + x^7',
  'x^2000 + y^1001 + x^-1500',
  'log(x) + sin(3*y)',
  'sqrt(x) * cos(y)',
  'asin(x/3) + y',
  'x^0.5 + y^2',
  'pow(x, y/4)',
  'x / y',
  'cbrt(x) + abs(y)^1.5 + (x^2+1)^0.25',
  'tan(x/4) + acos(x/6) + atan(x*y) + sinh(x/2) * cosh(y/3) + log2(x^2 + 1) + log10(y^2 + 2)',
  'floor(x) + ceil(y) + round(x*y) + sign(x - y) * y',
  'max(x, -1e39) + y + 1e-39 * x',
  '-x - -y + -(x*y) - 2.5',
  'x',
  '3',
];

const tapes = (): { label: string; tape: Tape; domain: { x0: number; x1: number; y0: number; y1: number } }[] => [
  ...LANDSCAPES.map((l) => ({ label: l.id, tape: resolveLandscape(l.id).tape, domain: l.domain })),
  ...FORMULAS.map((f) => ({ label: f, tape: compileFormula(f), domain: { x0: -5, x1: 5, y0: -5, y1: 5 } })),
];

describe('generateSmoothWgsl: structure', () => {
  it('is deterministic and differs between the modes only in the accumulation', () => {
    for (const { tape } of tapes()) {
      for (const mode of ['mc', 'quadrature'] as const) expect(generateSmoothWgsl(tape, mode)).toBe(generateSmoothWgsl(tape, mode));
      const mc = generateSmoothWgsl(tape, 'mc').split('\n');
      const q = generateSmoothWgsl(tape, 'quadrature').split('\n');
      expect(mc.length).toBe(q.length);
      expect(mc.filter((l, i) => l !== q[i]).length).toBe(3); // header comment, the weighted sample, the mass
    }
    expect(generateSmoothWgsl(compileFormula('x*y'), 'mc')).toContain('let wf = r.v;');
    expect(generateSmoothWgsl(compileFormula('x*y'), 'quadrature')).toContain('let wf = e.x * r.v;');
  });

  it('has no NaN or infinity literals (every numeric literal is a finite f32), no pow() of an integer exponent up to 1024; braces balance', () => {
    for (const { label, tape } of tapes()) {
      const code = generateSmoothWgsl(tape, 'mc');
      const noComments = code.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
      expect(noComments, label).not.toMatch(/NaN|Infinity/);
      // nan and inf appear only as the uniforms P.nan / P.inf and their declarations.
      expect(noComments.replace(/P\.(nan|inf)\b|\b(nan|inf): f32/g, ''), label).not.toMatch(/\b(nan|inf)\b/i);
      for (const m of noComments.matchAll(/(?<![A-Za-z_0-9.])[0-9]+\.[0-9]*(?:e-?[0-9]+)?f?/g)) {
        expect(Number.isFinite(Math.fround(Number(m[0].replace(/f$/, '')))), `${label}: ${m[0]}`).toBe(true);
      }
      for (const m of noComments.matchAll(/pow\([^,]+, \(?(-?[0-9.e-]+)f\)?\)/g)) {
        const c = Number(m[1]);
        expect(!Number.isInteger(c) || Math.abs(c) > 1024, `${label}: ${m[0]}`).toBe(true);
      }
      expect(code.split('{').length, label).toBe(code.split('}').length);
    }
  });

  it('takes the formula from fixed templates and numbers only, and emits the sinc helpers exactly when used', () => {
    const code = generateSmoothWgsl(compileFormula('sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)'), 'mc');
    expect(code).not.toContain('x^2');
    expect(code).not.toContain('rl_sinc');
    expect(generateSmoothWgsl(compileFormula('sinc(x) * y'), 'mc')).toContain('fn rl_sinc(');
    expect(() => generateSmoothWgsl({ ...compileFormula('x*y'), vars: ['x'] }, 'mc')).toThrow(/two variables/);
    expect(() => generateSmoothWgsl(compileFormula('x*y'), 'bogus' as 'mc')).toThrow(/mode/);
  });

  it('packs the uniforms: grid, NaN/∞ patterns, σ and the sample count', () => {
    const buf = smoothUniformData({ domain: { x0: -1, x1: 2, y0: -3, y1: 4 }, nx: 64, ny: 32 }, 0.5, 1024);
    expect(buf.byteLength).toBe(SMOOTH_UNIFORM_BYTES);
    const f = new Float32Array(buf);
    const u = new Uint32Array(buf);
    expect([f[0], f[1], f[2], f[3], u[4], u[5]]).toEqual([-1, 2, -3, 4, 64, 32]);
    expect(Number.isNaN(f[6])).toBe(true);
    expect(f[7]).toBe(Infinity);
    expect([f[8], u[9]]).toEqual([0.5, 1024]);
  });

  it('sample sets: tensor Gauss–Hermite weights sum to 1 in the JS loop order; MC weights 1/N', () => {
    const q = quadratureSamples(20);
    expect(q.weights.length).toBe(400);
    expect(q.eps.length).toBe(800);
    expect(q.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(q.eps[1]).toBe(q.eps[3]); // y fixed while x runs
    const m = mcSamples(mcSampleSetFromSeed(2, 64, 3));
    expect(m.weights.every((w) => w === Math.fround(1 / 64))).toBe(true);
    expect(() => mcSamples(mcSampleSetFromSeed(1, 8, 3))).toThrow(/2D/);
  });
});

describe('generateSmoothWgsl: f_checked computes JetEvaluator.value (Float64 interpretation)', () => {
  it.each(tapes().map((t) => [t.label, t] as const))('%s', (_label, t) => {
    const body = shaderBody(generateSmoothWgsl(t.tape, 'mc'));
    const ev = new JetEvaluator(withF32Constants(t.tape));
    const rng = mulberry32(7);
    const { x0, x1, y0, y1 } = t.domain;
    const points: [number, number][] = [[0, 0], [1, 1], [-1, 0.5], [0, 2], [x0, y1], [-2, -3]];
    for (let i = 0; i < 60; i++) points.push([x0 + (x1 - x0) * rng(), y0 + (y1 - y0) * rng()]);
    for (const [x, y] of points) {
      const ref = ev.value([x, y]);
      const [v, ok] = runBody(body, x, y);
      // The contract of the kernel: a sample is skipped (not defined, or not finite) exactly where JS skips it.
      const skipGpu = !ok || !Number.isFinite(v);
      if (!Number.isFinite(ref)) { expect(skipGpu, `(${x}, ${y}): JS ${ref}, WGSL ${v} ok ${ok}`).toBe(true); continue; }
      // Departure: log(0) = −∞ may flow into a finite JS value (exp(y·log x) at x = 0); the kernel calls it undefined.
      if (!ok && (x === 0 || y === 0)) continue;
      expect(ok, `(${x}, ${y}): JS ${ref}`).toBe(true);
      if (!Number.isFinite(Math.fround(ref))) continue; // f32 overflow: no guarantee on the GPU either
      expect(Math.abs(v - ref), `(${x}, ${y}): ${v} vs ${ref}`).toBeLessThanOrEqual(2e-7 * (1 + Math.abs(ref)));
    }
  });

  it('the sample loop reproduces smoothMonteCarloValue and smoothQuadratureValue, skipping undefined samples', () => {
    for (const formula of ['log(x) + sin(3*y)', 'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)', 'x / y + sqrt(y)']) {
      const tape = compileFormula(formula);
      const target = targetFromTape(withF32Constants(tape));
      const body = shaderBody(generateSmoothWgsl(tape, 'mc'));
      const set = mcSampleSetFromSeed(2, 256, 11);
      const mc = mcSamples(set);
      const q = quadratureSamples(12);
      for (const [x, y] of [[0.3, -0.2], [-1, 1], [2, 0.1], [-4.9, 0]] as const) {
        for (const sigma of [0.1, 0.7]) {
          const replay = (s: typeof mc, weighted: boolean): number => {
            let sum = 0;
            let mass = 0;
            for (let k = 0; k < s.weights.length; k++) {
              const [v, ok] = runBody(body, x + sigma * s.eps[2 * k]!, y + sigma * s.eps[2 * k + 1]!);
              if (!ok || !Number.isFinite(v)) continue;
              sum += (weighted ? s.weights[k]! : 1) * v;
              mass += weighted ? s.weights[k]! : 1;
            }
            return sum / mass;
          };
          const check = (got: number, ref: number, what: string): void => {
            if (Number.isNaN(ref)) expect(got, what).toBeNaN();
            else expect(Math.abs(got - ref), `${what}: ${got} vs ${ref}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(ref)));
          };
          // The eps of the kernel are f32: the JS reference gets the same f32 offsets.
          const f32Set = { ...set, eps: Float64Array.from(mc.eps) };
          check(replay(mc, false), smoothMonteCarloValue(target, [x, y], sigma, f32Set), `${formula} mc (${x}, ${y}) σ ${sigma}`);
          check(replay(q, true), smoothQuadratureValue(target, [x, y], sigma, 12), `${formula} quadrature (${x}, ${y}) σ ${sigma}`);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A minimal interpreter for the body of f_checked (let statements of scalar f32 expressions), in Float64.

interface Body { lets: { name: string; expr: string }[]; value: string; ok: string }

function shaderBody(code: string): Body {
  const start = code.indexOf('fn f_checked(');
  const lines = code.slice(start).split('\n').slice(1).map((l) => l.trim());
  const lets: Body['lets'] = [];
  for (const l of lines) {
    let m = /^let ([A-Za-z_][A-Za-z0-9_]*) = (.*);$/.exec(l);
    if (m) { if (m[1] !== 'px' && m[1] !== 'py') lets.push({ name: m[1]!, expr: m[2]! }); continue; }
    m = /^return FVal\(([^,]+), (.*)\);$/.exec(l);
    if (m) return { lets, value: m[1]!, ok: m[2]! };
    throw new Error(`unexpected line: ${l}`);
  }
  throw new Error('no return');
}

function runBody(body: Body, x: number, y: number): [number, boolean] {
  const env = new Map<string, Value>([['px', x], ['py', y]]);
  for (const { name, expr } of body.lets) env.set(name, evalExpr(expr, env));
  return [evalExpr(body.value, env) as number, evalExpr(body.ok, env) as boolean];
}

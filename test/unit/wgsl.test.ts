/**
 * The WGSL grid generator in Node, without a GPU: structural checks on the generated text (literals, pow() on
 * negative bases, determinism, single assignment, helpers) and a semantic check: the shader body is evaluated by a
 * small interpreter for the WGSL subset it uses (no eval: a Pratt parser below, in Float64) and must reproduce
 * JetEvaluator's jets to 2e-7·(1 + |value|) (the shader's constants are f32, and products of constants are folded
 * in f32 at generation time; the reference runs on the same tape with f32-rounded constants), so the jet rules of
 * the codegen are verified in CI even where WebGPU is missing.
 * The real f32 GPU path is compared with the JS path in test/browser/gpuGrid.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/landscapes/expression/compileFormula';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { TapeBuilder, tapeEndingAt, type Tape } from '../../src/landscapes/expression/tape';
import { LANDSCAPES, resolveLandscape } from '../../src/landscapes/registry';
import { generateGridWgsl, gridUniformData, GRID_UNIFORM_BYTES } from '../../src/gpu/wgslGrid';
import { F32_MAX, wgslF32 } from '../../src/gpu/wgslFormat';
import { mulberry32 } from '../../src/math/rng';
import { BUILTINS, evalExpr, identifiers, withF32Constants, type Value } from './wgslInterpreter';

/** Formulas that exercise every op code, every unary function and the special cases of the generator. */
const FORMULAS = [
  'sin(3*x)*cos(2*y) + 0.1*(x^2+y^2)',
  'sinc(x) * sinc(y/2)',
  'min(x^2, y) + max(sin(x), cos(y))',
  'max(x, y, x*y) - min(x + y, 2)',
  '(x*y + 1) / (x^2 + y^2 + 1)',
  'abs(x) + abs(y - 1) * x',
  'x^-2 + y^3 - x^-3*y + x^7',
  'x^2000 + y^1001 + x^-1500',
  'sqrt(x^2 + y^2)',
  'cos(sqrt(x^2 + y^2))',
  'log(1 + x^2) * tanh(y) + exp(-(x^2 + y^2)/4)',
  'cbrt(x) + abs(y)^1.5 + (x^2+1)^0.25',
  'tan(x/4) + asin(y/6) + acos(x/6) + atan(x*y)',
  'sinh(x/2) * cosh(y/3) + log2(x^2 + 1) + log10(y^2 + 2)',
  'pow(x^2 + 1, y/4)',
  'floor(x) + ceil(y) + round(x*y) + sign(x - y) * y',
  'max(x, -1e39) + y + 1e-39 * x',
  'x * 1e30 + y * 1e-30 + 1e-40 * x + 1e-7',
  '-x - -y + -(x*y) - 2.5',
  '3e38 * x^2 + x^2 * 1.5e38 + y^2 * 1.6e38 - y^2 * 1.6e38',
  'x^2 / 1e-30 + y / 3 + (x + 1)^2 * 1e30',
  'x',
  '3',
];

const tapes = (): { label: string; tape: Tape; domain: { x0: number; x1: number; y0: number; y1: number } }[] => [
  ...LANDSCAPES.map((l) => ({ label: l.id, tape: resolveLandscape(l.id).tape, domain: l.domain })),
  ...FORMULAS.map((f) => ({ label: f, tape: compileFormula(f), domain: { x0: -5, x1: 5, y0: -5, y1: 5 } })),
];

describe('wgslF32', () => {
  it('prints short, exact f32 literals in WGSL grammar', () => {
    expect(wgslF32(0)).toBe('0.0f');
    expect(wgslF32(-0)).toBe('0.0f');
    expect(wgslF32(1)).toBe('1.0f');
    expect(wgslF32(100)).toBe('100.0f');
    expect(wgslF32(0.1)).toBe('0.1f');
    expect(wgslF32(-2.5)).toBe('-2.5f');
    expect(wgslF32(Math.PI)).toBe('3.1415927f');
    expect(wgslF32(1e21)).toBe('1.0e21f');
    expect(wgslF32(1.5e-7)).toBe('1.5e-7f');
    expect(wgslF32(3.4e38)).toBe('3.4e38f');
  });

  it('returns null for what is not a finite f32, and flushes subnormals', () => {
    for (const c of [NaN, Infinity, -Infinity, 3.5e38, -1e39, Number.MAX_VALUE]) expect(wgslF32(c)).toBeNull();
    expect(wgslF32(1e-40)).toBe('0.0f');
    expect(wgslF32(-1e-45)).toBe('0.0f');
    expect(wgslF32(1.2e-38)).not.toBe('0.0f');
  });

  it('round-trips every value exactly through f32 (seeded sample over many magnitudes)', () => {
    const rng = mulberry32(12345);
    for (let i = 0; i < 5000; i++) {
      const c = (rng() - 0.5) * Math.pow(10, Math.floor(rng() * 76) - 37);
      const lit = wgslF32(c)!;
      expect(lit).toMatch(/^-?[0-9]+\.[0-9]+(e-?[0-9]+)?f$/);
      const back = Number(lit.slice(0, -1));
      expect(Math.fround(back)).toBe(Math.abs(Math.fround(c)) < 1.1754943508222875e-38 ? 0 : Math.fround(c));
      expect(lit.length).toBeLessThanOrEqual(17); // at most 9 digits, a point, a sign, e-NN and f
    }
  });
});

describe('generateGridWgsl: structure', () => {
  const all = tapes();

  it.each(all.map((t) => [t.label, t] as const))('%s: no NaN/Infinity literals, all float literals finite f32', (_label, t) => {
    const code = generateGridWgsl(t.tape);
    const body = code.replace(/P\.(nan|inf)\b/g, 'P_X').replace(/nan: f32, inf: f32,/, '');
    expect(body).not.toMatch(/\b(nan|NaN|inf|Infinity|infinity)\b/);
    for (const m of code.matchAll(/(?<![A-Za-z_0-9.])([0-9]+\.[0-9]*(?:e[+-]?[0-9]+)?)f?\b/g)) {
      const v = Number(m[1]);
      expect(Number.isFinite(v) && Math.abs(v) <= F32_MAX, `literal ${m[0]}`).toBe(true);
    }
  });

  it.each(all.map((t) => [t.label, t] as const))('%s: pow() never takes a possibly negative base with an integer exponent', (_label, t) => {
    const code = generateGridWgsl(t.tape);
    for (const call of powCalls(code)) {
      const expo = call.args[1]!.replace(/^\((.*)\)$/, '$1').replace(/f$/, '');
      const n = Number(expo);
      if (Number.isFinite(n) && Number.isInteger(n)) expect(call.args[0], `pow(${call.args.join(', ')})`).toMatch(/^abs\(/);
    }
  });

  it('integer powers are unrolled into multiplications, not pow()', () => {
    for (const f of ['x^2 + y^3', 'x^-1 + y^-4', 'x^7 * y^10', '(x - y)^5', 'x^1024 + y^-1024']) {
      expect(powCalls(generateGridWgsl(compileFormula(f))), f).toHaveLength(0);
    }
    // Huge integers keep the sign explicitly: sign(u) for odd, |u| for even exponents.
    const big = generateGridWgsl(compileFormula('x^2001'));
    expect(big).toContain('(sign(px) * pow(abs(px), 2001.0f))');
    expect(big).toContain('pow(abs(px), 2000.0f)');
  });

  it.each(all.map((t) => [t.label, t] as const))('%s: deterministic, single assignment, every name declared before use', (label, t) => {
    const code = generateGridWgsl(t.tape);
    expect(generateGridWgsl(compileFormula(LANDSCAPES.find((l) => l.id === label)?.formula ?? label))).toBe(code);
    const { lets, stores } = shaderBody(code);
    const declared = new Set(['px', 'py', 'P', 'n', 'k', 'id']);
    for (const { name, expr } of lets) {
      expect(declared.has(name), `${name} declared twice`).toBe(false);
      for (const ident of identifiers(expr)) expect(declared.has(ident) || BUILTINS.has(ident), `${ident} used before declaration in ${name}`).toBe(true);
      declared.add(name);
    }
    expect(stores.map((s) => s.q)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const s of stores) for (const ident of identifiers(s.expr)) expect(declared.has(ident) || BUILTINS.has(ident)).toBe(true);
    expect(code).toContain('@compute @workgroup_size(8, 8)');
    expect(code).toContain('@group(0) @binding(0) var<uniform> P: Params;');
    expect(code).toContain('@group(0) @binding(1) var<storage, read_write> fields: array<f32>;');
    expect(code.split('{').length).toBe(code.split('}').length);
    // Literal-only expressions are WGSL const-expressions, where f32 overflow or x/0 fails shader creation: the
    // generator must fold them, so the only constant right-hand sides left are single literals.
    for (const { expr } of [...lets, ...stores]) {
      if (identifiers(expr).length === 0) expect(expr, 'unfolded constant expression').toMatch(/^\(?-?[0-9][0-9.]*(e-?[0-9]+)?f\)?$/);
    }
    expect(code).not.toMatch(/--|\+-|\*-|\/-/); // no `--` token, no binary operator directly before a unary minus
  });

  it('folds literal-only products, sums and quotients in f32, so no const-expression overflows or divides by zero', () => {
    const code = generateGridWgsl(compileFormula('3e38 * x^2 + x^2 / 1e-39 + y^2 * 1.5e38 + y^2 * 1.6e38'));
    expect(code).not.toMatch(/[0-9]f \* \(?[0-9]|[0-9]f\)? \/ \(?[0-9]|[0-9]f\)? [+-] \(?[0-9]/);
    expect(code).toMatch(/fields\[3u \* n \+ k\] = [A-Za-z_0-9.]+;/);
    // f_xx = 6e38 + 2/0 and f_yy = 3e38 + 3.2e38 overflow f32: they come from the uniforms, not from literals.
    expect(shaderBody(code).lets.filter((l) => /P\.inf/.test(l.expr)).length).toBeGreaterThanOrEqual(2);
  });

  it('emits the sinc helpers exactly when sinc is used', () => {
    expect(generateGridWgsl(compileFormula('sinc(x) + y'))).toContain('fn rl_sinc_d2(u: f32) -> f32');
    expect(generateGridWgsl(compileFormula('sin(x) + y'))).not.toContain('rl_sinc');
  });

  it('takes non-finite constants from the uniforms, never from literals', () => {
    // compileFormula refuses NaN/±∞ constants, but tapes may be built directly, and a finite f64 constant beyond
    // the f32 range (1e39) reaches the generator from typed formulas.
    const withConst = (c: number): Tape => {
      const b = new TapeBuilder(['x', 'y']);
      const out = b.add(b.add(b.variable(0), b.variable(1)), b.constant(c));
      return tapeEndingAt(b.build(), out);
    };
    expect(generateGridWgsl(withConst(Infinity))).toMatch(/= P\.inf;/);
    expect(generateGridWgsl(withConst(-Infinity))).toMatch(/= \(-P\.inf\);/);
    expect(generateGridWgsl(withConst(NaN))).toMatch(/= P\.nan;/);
    expect(generateGridWgsl(compileFormula('x * 1e39'))).toMatch(/= P\.inf;/);
    expect(generateGridWgsl(compileFormula('max(x, -1e39) + y'))).toMatch(/= \(-P\.inf\);/);
    const u = gridUniformData({ domain: { x0: -1, x1: 2, y0: -3, y1: 4 }, nx: 7, ny: 9 });
    expect(u.byteLength).toBe(GRID_UNIFORM_BYTES);
    expect(Array.from(new Float32Array(u, 0, 4))).toEqual([-1, 2, -3, 4]);
    expect(Array.from(new Uint32Array(u, 16, 2))).toEqual([7, 9]);
    expect(new Float32Array(u)[6]).toBeNaN();
    expect(new Float32Array(u)[7]).toBe(Infinity);
  });

  it('skips structurally zero jet components (constants, cross partials of separable terms)', () => {
    const code = generateGridWgsl(compileFormula('x^2 + y^2'));
    expect(code).toContain('fields[4u * n + k] = 0.0f;'); // f_xy of a separable function is not computed at all
    expect(shaderBody(code).lets.length).toBeLessThanOrEqual(6);
  });

  it('never copies text from the formula: only numbers, fixed names and the function templates appear', () => {
    const code = generateGridWgsl(compileFormula('  sin( x )*  cos(y) + 0.5  '));
    expect(code).not.toContain('sin( x )');
    expect(code).not.toMatch(/(?<![.\w])[xy](?!\w)/); // the variables are px, py in the shader (id.x is the invocation id)
  });

  it('rejects tapes that are not in two variables', () => {
    expect(() => generateGridWgsl(compileFormula('x + y + z', ['x', 'y', 'z']))).toThrow(/two variables/);
    expect(() => generateGridWgsl(compileFormula('x', ['x']))).toThrow(/two variables/);
  });
});

describe('generateGridWgsl: the shader body computes the same jets as JetEvaluator (Float64 interpretation)', () => {
  it.each(tapes().map((t) => [t.label, t] as const))('%s', (_label, t) => {
    const program = shaderBody(generateGridWgsl(t.tape));
    // The shader holds constants as f32: compare with the JS jets of the same tape with f32-rounded constants.
    const ev = new JetEvaluator(withF32Constants(t.tape));
    const rng = mulberry32(7);
    const { x0, x1, y0, y1 } = t.domain;
    const points: [number, number][] = [[0, 0], [1, 1], [-1, 0.5], [0, 2], [x0, y1]];
    for (let i = 0; i < 40; i++) points.push([x0 + (x1 - x0) * rng(), y0 + (y1 - y0) * rng()]);
    let checked = 0;
    for (const [x, y] of points) {
      const ref = ev.jet([x, y]);
      const got = runBody(program, x, y);
      for (let q = 0; q < 6; q++) {
        const r = ref[q]!;
        if (!Number.isFinite(Math.fround(r))) continue; // NaN/∞ (in f32) nodes carry no guarantee on the GPU (WGSL) either
        checked++;
        expect(Math.abs(got[q]! - r), `field ${q} at (${x}, ${y}): ${got[q]} vs ${r}`).toBeLessThanOrEqual(2e-7 * (1 + Math.abs(r)));
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a zero derivative factor masks an infinite inner gradient, as in the JS chain rule', () => {
    const t = compileFormula('cos(sqrt(x^2 + y^2))');
    const ref = new JetEvaluator(t).jet([0, 0]);
    const got = runBody(shaderBody(generateGridWgsl(t)), 0, 0);
    expect(ref[1]).toBe(0);
    expect(got[0]).toBe(1);
    expect(got[1]).toBe(0);
    expect(got[2]).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A minimal interpreter for the WGSL the generator emits (let statements of scalar f32 expressions), in Float64.

interface Body { lets: { name: string; expr: string }[]; stores: { q: number; expr: string }[] }

function shaderBody(code: string): Body {
  const main = code.slice(code.indexOf('let py ='));
  const lines = main.split('\n').slice(1).map((l) => l.trim());
  const lets: Body['lets'] = [];
  const stores: Body['stores'] = [];
  for (const l of lines) {
    let m = /^let ([A-Za-z_][A-Za-z0-9_]*) = (.*);$/.exec(l);
    if (m) { lets.push({ name: m[1]!, expr: m[2]! }); continue; }
    m = /^fields\[(?:(\d)u \* n \+ )?k\] = (.*);$/.exec(l);
    if (m) { stores.push({ q: m[1] ? Number(m[1]) : 0, expr: m[2]! }); continue; }
    if (l === '}' || l === '') continue;
    throw new Error(`unexpected line: ${l}`);
  }
  return { lets, stores };
}

function runBody(body: Body, x: number, y: number): number[] {
  const env = new Map<string, Value>([['px', x], ['py', y]]);
  for (const { name, expr } of body.lets) env.set(name, evalExpr(expr, env));
  const out = new Array<number>(6).fill(NaN);
  for (const s of body.stores) out[s.q] = evalExpr(s.expr, env) as number;
  return out;
}

function powCalls(code: string): { args: string[] }[] {
  const calls: { args: string[] }[] = [];
  let at = code.indexOf('pow(');
  while (at >= 0) {
    if (at > 0 && /[A-Za-z0-9_]/.test(code[at - 1]!)) { at = code.indexOf('pow(', at + 4); continue; }
    let depth = 0;
    const args: string[] = [];
    let start = at + 4;
    for (let j = at + 3; j < code.length; j++) {
      const ch = code[j];
      if (ch === '(') depth++;
      else if (ch === ')') { depth--; if (depth === 0) { args.push(code.slice(start, j).trim()); break; } }
      else if (ch === ',' && depth === 1) { args.push(code.slice(start, j).trim()); start = j + 1; }
    }
    calls.push({ args });
    at = code.indexOf('pow(', at + 4);
  }
  return calls;
}


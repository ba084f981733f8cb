import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormulaError, MAX_FORMULA_LENGTH, compileFormula, tryCompileFormula } from '../../src/landscapes/expression/compileFormula';
import { UNARY_FUNCTIONS } from '../../src/landscapes/expression/functions';
import { JetEvaluator } from '../../src/landscapes/expression/jet';
import { Op, type Tape } from '../../src/landscapes/expression/tape';
import { LANDSCAPES } from '../../src/landscapes/registry';
import { mulberry32 } from '../../src/math/rng';


function compileError(text: string): FormulaError {
  try {
    compileFormula(text);
  } catch (e) {
    expect(e, JSON.stringify(text)).toBeInstanceOf(FormulaError);
    return e as FormulaError;
  }
  throw new Error(`${JSON.stringify(text)} compiled, expected a FormulaError`);
}

describe('compileFormula: malformed input gives a FormulaError with a message and a position', () => {
  // [input, message pattern, 0-based position (null: none expected)]
  const CASES: [string, RegExp, number | null][] = [
    ['(x+y', /Parenthesis \) expected/, 4],
    ['sqrt(x', /Parenthesis \) expected/, 6],
    ['(((x)', /Parenthesis \) expected/, 5],
    ['x+y)', /Unexpected operator \)/, 3],
    ['sin(x))', /Unexpected operator \)/, 6],
    [')', /Value expected/, 0],
    ['((()))', /Value expected/, 3],
    ['', /formula is empty/, null],
    ['   \t ', /formula is empty/, null],
    ['x+', /Unexpected end of expression/, 2],
    ['*x', /Value expected/, 0],
    ['x**y', /Value expected/, 2],
    ['x +* y', /Value expected/, 3],
    ['2^^3', /Value expected/, 2],
    ['z+1', /unknown name "z"/, 0],
    ['x + foo', /unknown name "foo"/, 4],
    ['foo(x)', /unknown function "foo"/, 0],
    ['x * bar(y)', /unknown function "bar"/, 4],
    ['sin', /sin is a function: write sin\(\.\.\.\)/, 0],
    ['sin(x,y)', /sin takes one argument, got 2/, 0],
    ['1 + cos()', /cos takes one argument, got 0/, 4],
    ['log(x, 2)', /log takes one argument, got 2/, 0],
    ['min(x)', /min needs at least two arguments/, 0],
    ['pow(x)', /pow needs two arguments/, 0],
    ['x mod 2', /operator "mod" is not supported/, 2],
    ['x and y', /operator "and" is not supported/, 2],
    ['x(2)', /unknown function "x"/, 0],
    ['x'.repeat(MAX_FORMULA_LENGTH + 1), /longer than 500 characters/, MAX_FORMULA_LENGTH],
    ['Infinity', /number out of range/, null],
    ['1e400 * x', /number out of range/, null],
  ];
  for (const [input, message, position] of CASES) {
    it(`${JSON.stringify(input.length > 30 ? `${input.slice(0, 30)}…` : input)} → ${message.source}`, () => {
      const e = compileError(input);
      expect(e.message).toMatch(message);
      expect(e.position).toBe(position);
      expect(e.name).toBe('FormulaError');
      if (position !== null) expect(e.message).toContain(`(at character ${position + 1})`);
      const r = tryCompileFormula(input);
      expect(r.ok).toBe(false);
    });
  }

  it('locates unsupported operators written without spaces', () => {
    // The position search for an operator symbol requires non-word characters around it, so `x<y` finds none.
    expect(compileError('x<y').position).toBe(1);
    expect(compileError('x%2').position).toBe(1);
    expect(compileError('x==y').position).toBe(1);
  });

  it('refuses a non-string formula', () => {
    expect(compileError(42 as unknown as string).message).toMatch(/must be text/);
  });
});

describe('compileFormula: hostile input fails cleanly and evaluates nothing', () => {
  let reads = 0;
  let calls = 0;
  const g = globalThis as Record<string, unknown>;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const funcProtoBefore = Object.getOwnPropertyNames(Function.prototype).sort();
  beforeAll(() => {
    // Sentinels: any code that reads these names (as globals or as properties of any object) counts a read.
    Object.defineProperty(globalThis, 'ridgelabSentinel', { get: () => { reads++; return 1; }, configurable: true });
    Object.defineProperty(globalThis, 'ridgelabCall', { value: () => { calls++; return 1; }, configurable: true, writable: true });
    Object.defineProperty(Object.prototype, 'ridgelabProbe', { get: () => { reads++; return 1; }, configurable: true });
  });
  afterAll(() => {
    delete g.ridgelabSentinel;
    delete g.ridgelabCall;
    delete (Object.prototype as Record<string, unknown>).ridgelabProbe;
  });

  const HOSTILE = [
    'constructor', '__proto__', 'prototype', 'x.constructor', 'x["constructor"]', "x['constructor']", 'x.__proto__', 'x["__proto__"]',
    'f(x)=1', 'import("fs")', 'require("fs")', 'evaluate("1")', 'parse("1")', 'compile("1")', 'this', 'globalThis', 'window', 'self',
    'process', 'process.exit(1)', 'eval("1")', 'Function("return 1")()', '[1,2]', '{a:1}', 'x ? 1 : 2', '"abc"', "'abc'", '1;2', '1\n2',
    'a=1', 'x=1', 'pi=3', 'sin=cos', 'cos.constructor("return 1")', 'cos.constructor("return 1")()', 'sin["constructor"]("return 1")()',
    'sin.call(1)', 'x.toString()', 'valueOf()', 'toString', 'hasOwnProperty(x)', 'ridgelabSentinel', 'ridgelabSentinel + x',
    'ridgelabCall()', 'ridgelabCall(x)', 'x.ridgelabProbe', 'x["ridgelabProbe"]', 'ridgelabProbe', 'globalThis.ridgelabSentinel',
    'ridgelabSentinel = 2', 'globalThis.polluted = 1', '__proto__.polluted = 1', 'x.__proto__.polluted = 1', '{}["__proto__"]["polluted"]=1',
    'f(x) = ridgelabCall(x)', 'x => 1', '() => 1', '`abc`', 'new Function()', 'x[1]', '1:3', 'x to cm', 'true', 'null', 'undefined',
    'x == y', 'x < y', 'x!', "x'", 'not x', 'x & y', 'x | y', 'x << 1', '@', '$x', '\\x', 'import', 'Math.PI', 'mathjs', 'e.constructor',
  ];

  it('each is a FormulaError, via compileFormula and tryCompileFormula', () => {
    for (const text of HOSTILE) {
      const e = compileError(text);
      expect(e.message.length, text).toBeGreaterThan(0);
      const r = tryCompileFormula(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error).toBeInstanceOf(FormulaError);
    }
  });

  it('reads and calls nothing, and pollutes no prototype or global', () => {
    const globalsBefore = Object.getOwnPropertyNames(globalThis).sort();
    for (const text of HOSTILE) tryCompileFormula(text);
    expect(reads).toBe(0);
    expect(calls).toBe(0);
    expect(g.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => k !== 'ridgelabProbe').sort()).toEqual(protoBefore);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(funcProtoBefore);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(globalsBefore);
  });

  it('the sentinels do count when touched (the check above can fail)', () => {
    const before = reads;
    void (globalThis as Record<string, unknown>).ridgelabSentinel;
    void ({} as Record<string, unknown>).ridgelabProbe;
    expect(reads).toBe(before + 2);
    reads = before;
  });
});

describe('compileFormula: very long and deeply nested formulas', () => {
  it('refuses formulas over 500 characters before parsing', () => {
    expect(compileError(`x + ${'1 + '.repeat(200)}y`).message).toMatch(/longer than 500/);
    expect(compileFormula(`x${' '.repeat(MAX_FORMULA_LENGTH - 2)}y`).instrs.length).toBe(3);
  });

  it('compiles moderately nested formulas and refuses deeper ones with "nested too deeply"', () => {
    expect(compileFormula(`${'('.repeat(100)}x${')'.repeat(100)}`).instrs.length).toBe(1);
    expect(compileFormula(`${'sin('.repeat(99)}x${')'.repeat(99)}`).instrs.length).toBe(100);
    for (const text of [`${'('.repeat(249)}x${')'.repeat(249)}`, `${'-'.repeat(499)}x`, `${'x^'.repeat(249)}x`, `${'x*'.repeat(249)}x`]) {
      expect(compileError(text).message).toMatch(/nested too deeply/);
    }
  });

  it('refuses deeply nested parentheses without overflowing the stack', () => {
    // mathjs' recursive-descent parser overflows the stack beyond ~280 open parentheses in Node (far fewer on a
    // deeper stack or a smaller worker stack); the overflow is caught, but the formula should be refused before.
    for (const n of [280, 300, 400, 499]) {
      const text = `${'('.repeat(n)}x${')'.repeat(Math.max(0, 499 - n))}`.slice(0, MAX_FORMULA_LENGTH);
      const e = compileError(text);
      expect(e.message, `${n} open parentheses`).not.toMatch(/call stack|recursion/i);
      expect(e.message, `${n} open parentheses`).toMatch(/nested too deeply|Parenthesis/);
    }
    for (const text of ['['.repeat(499), '{'.repeat(499), `${'sin('.repeat(124)}x`, `${'min(x,'.repeat(83)}y`]) {
      expect(compileError(text).message, text.slice(0, 10)).not.toMatch(/call stack|recursion/i);
    }
  });
});

// ------------------------------------------------------------------------------------------------------------
// Jets against finite differences.
//
// Gradient: central differences of the value, h_i = 1e-5·max(1, |p_i|). Hessian: central differences of the
// jet gradient with the same h. Truncation error ~h²·|f'''|/6, rounding ~ε|f|/h; both stay below 1e-7 of the
// scale on these functions (measured max 6e-8, on Ackley). The check is
//   |fd − exact| ≤ 1e-6 · max(1, ‖exact‖∞)          (relative tolerance 1e-6, absolute below unit scale),
// so any wrong derivative rule (off by a factor, sign or term) fails by orders of magnitude.
// ------------------------------------------------------------------------------------------------------------

const TOL = 1e-6;

interface JetCheckCase {
  readonly formula: string;
  /** x0, x1, y0, y1 of the sampling box. */
  readonly box: readonly [number, number, number, number];
  /** Independent JavaScript reference of the value. */
  readonly ref?: (x: number, y: number) => number;
  /** Points to skip (kinks, branch ties, discontinuities). */
  readonly avoid?: (x: number, y: number) => boolean;
}

const nearInt = (v: number, d = 1e-3) => Math.abs(v - Math.round(v)) < d;

const TYPED: JetCheckCase[] = [
  { formula: 'sin(x)*cos(y) + tan(0.3*x*y)', box: [-2, 2, -2, 2], ref: (x, y) => Math.sin(x) * Math.cos(y) + Math.tan(0.3 * x * y) },
  { formula: 'asin(0.4*x) + acos(0.3*y) + atan(x*y)', box: [-2, 2, -2, 2], ref: (x, y) => Math.asin(0.4 * x) + Math.acos(0.3 * y) + Math.atan(x * y) },
  { formula: 'sinh(0.5*x) * cosh(0.3*y) + tanh(x - y)', box: [-3, 3, -3, 3], ref: (x, y) => Math.sinh(0.5 * x) * Math.cosh(0.3 * y) + Math.tanh(x - y) },
  { formula: 'exp(-(x^2+y^2)/4) + log(1 + x^2 + y^2) + log2(2 + x*y/5) + log10(3 + sin(x))', box: [-2, 2, -2, 2],
    ref: (x, y) => Math.exp(-(x * x + y * y) / 4) + Math.log(1 + x * x + y * y) + Math.log2(2 + (x * y) / 5) + Math.log10(3 + Math.sin(x)) },
  { formula: 'sqrt(1 + x^2 + y^2) + cbrt(x + 3) + cbrt(y - 3) + abs(x - y)', box: [-2, 2, -2, 2],
    ref: (x, y) => Math.sqrt(1 + x * x + y * y) + Math.cbrt(x + 3) + Math.cbrt(y - 3) + Math.abs(x - y), avoid: (x, y) => Math.abs(x - y) < 1e-3 },
  { formula: 'sinc(x) * sinc(y/2) + sinc(x/40) + sinc(y/50)', box: [-3, 3, -3, 3],
    ref: (x, y) => { const s = (u: number) => (u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u)); return s(x) * s(y / 2) + s(x / 40) + s(y / 50); } },
  { formula: 'min(x^2, y) + max(sin(x), cos(y), x*y/4)', box: [-2, 2, -2, 2],
    ref: (x, y) => Math.min(x * x, y) + Math.max(Math.sin(x), Math.cos(y), (x * y) / 4),
    avoid: (x, y) => {
      const m = [Math.sin(x), Math.cos(y), (x * y) / 4].sort((a, b) => b - a);
      return Math.abs(x * x - y) < 1e-3 || m[0]! - m[1]! < 1e-3;
    } },
  { formula: '(x^2 + 1)/(y^2 + 2) - x/(1 + y^2)^2 + 1/(x - 5)', box: [-2, 2, -2, 2],
    ref: (x, y) => (x * x + 1) / (y * y + 2) - x / (1 + y * y) ** 2 + 1 / (x - 5) },
  { formula: 'x^-2 + y^-3 + x^0.5 + y^(2/3) + (x - 3)^-1', box: [0.5, 2, 0.5, 2],
    ref: (x, y) => x ** -2 + y ** -3 + x ** 0.5 + y ** (2 / 3) + 1 / (x - 3) },
  { formula: '(x + 2)^y + x^(y/3 + 1) + 2^x + pow(y + 3, x)', box: [0.5, 2, -1, 2],
    ref: (x, y) => (x + 2) ** y + x ** (y / 3 + 1) + 2 ** x + (y + 3) ** x },
  { formula: 'pow(x, 3) - 2*pow(y, 2.5) + (-x)^3 + (x - 4)^4', box: [-2, 2, 0.2, 2],
    ref: (x, y) => x ** 3 - 2 * y ** 2.5 + (-x) ** 3 + (x - 4) ** 4 },
  { formula: 'ln(2 + x) + arcsin(y/3) + arccos(x/3) + arctan(y)', box: [-1.5, 1.5, -1.5, 1.5],
    ref: (x, y) => Math.log(2 + x) + Math.asin(y / 3) + Math.acos(x / 3) + Math.atan(y) },
  { formula: '-x^2 + 2^-y^2 + 2x y + 3(x - y)^2 - -y', box: [-2, 2, -2, 2],
    ref: (x, y) => -(x ** 2) + 2 ** -(y ** 2) + 2 * x * y + 3 * (x - y) ** 2 + y },
  { formula: 'e^x * pi + tau*y - e*pi', box: [-2, 2, -2, 2], ref: (x, y) => Math.E ** x * Math.PI + 2 * Math.PI * y - Math.E * Math.PI },
  { formula: 'sign(x)*floor(y) + ceil(x) + round(y) + x*y', box: [-2, 2, -2, 2],
    ref: (x, y) => Math.sign(x) * Math.floor(y) + Math.ceil(x) + Math.round(y) + x * y,
    avoid: (x, y) => Math.abs(x) < 1e-3 || nearInt(x) || nearInt(y) || nearInt(y + 0.5) },
  { formula: '1/(x^2 + y^2 + 0.5) - x*y/(y^2 + 1)', box: [-3, 3, -3, 3], ref: (x, y) => 1 / (x * x + y * y + 0.5) - (x * y) / (y * y + 1) },
];

function randomPoints(c: JetCheckCase, n: number, rng: () => number): [number, number][] {
  const out: [number, number][] = [];
  const [x0, x1, y0, y1] = c.box;
  while (out.length < n) {
    const x = x0 + (x1 - x0) * rng();
    const y = y0 + (y1 - y0) * rng();
    if (!c.avoid?.(x, y)) out.push([x, y]);
  }
  return out;
}

/** Largest FD discrepancy (relative as documented above) of the gradient and of the Hessian at p. */
interface JetLike { value(p: ArrayLike<number>): number; jet(p: ArrayLike<number>): Float64Array }

function fdErrors(ev: JetLike, p: [number, number]): { grad: number; hess: number; jet: Float64Array } {
  const jet = ev.jet(p).slice();
  const g = [jet[1]!, jet[2]!];
  const H = [[jet[3]!, jet[4]!], [jet[4]!, jet[5]!]];
  const gScale = Math.max(1, Math.abs(g[0]!), Math.abs(g[1]!));
  const hScale = Math.max(1, ...H.flat().map(Math.abs));
  let grad = 0;
  let hess = 0;
  for (let i = 0; i < 2; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(p[i]!));
    const pp: [number, number] = i === 0 ? [p[0] + h, p[1]] : [p[0], p[1] + h];
    const pm: [number, number] = i === 0 ? [p[0] - h, p[1]] : [p[0], p[1] - h];
    const step = pp[i]! - pm[i]!;
    grad = Math.max(grad, Math.abs((ev.value(pp) - ev.value(pm)) / step - g[i]!) / gScale);
    const jp = ev.jet(pp).slice();
    const jm = ev.jet(pm);
    for (let j = 0; j < 2; j++) hess = Math.max(hess, Math.abs((jp[1 + j]! - jm[1 + j]!) / step - H[i]![j]!) / hScale);
  }
  return { grad, hess, jet };
}

describe('jets: exact gradient and Hessian against central differences', () => {
  for (const l of LANDSCAPES) {
    it(`built-in ${l.id}`, () => {
      const ev = new JetEvaluator(compileFormula(l.formula));
      const rng = mulberry32(0x5eed + l.id.length);
      // Ackley's cone tip at the origin is not differentiable: stay 1e-2 away.
      const c: JetCheckCase = { formula: l.formula, box: [l.domain.x0, l.domain.x1, l.domain.y0, l.domain.y1],
        avoid: l.id === 'ackley' ? (x, y) => Math.hypot(x, y) < 1e-2 : undefined };
      for (const p of randomPoints(c, 150, rng)) {
        const { grad, hess } = fdErrors(ev, p);
        expect(grad, `${l.id} gradient at (${p})`).toBeLessThan(TOL);
        expect(hess, `${l.id} Hessian at (${p})`).toBeLessThan(TOL);
      }
    });
  }

  for (const c of TYPED) {
    it(`typed ${c.formula}`, () => {
      const tape = compileFormula(c.formula);
      const ev = new JetEvaluator(tape);
      const rng = mulberry32(0xf0f0 + c.formula.length);
      for (const p of randomPoints(c, 150, rng)) {
        const { grad, hess, jet } = fdErrors(ev, p);
        expect(grad, `gradient at (${p})`).toBeLessThan(TOL);
        expect(hess, `Hessian at (${p})`).toBeLessThan(TOL);
        expect(Number.isFinite(jet[0]!)).toBe(true);
        expect(ev.value(p), `value() and jet() agree at (${p})`).toBe(jet[0]);
        if (c.ref) {
          const r = c.ref(p[0], p[1]);
          expect(Math.abs(jet[0]! - r), `value vs JS reference at (${p}): ${jet[0]} vs ${r}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(r)));
        }
      }
    });
  }

  it('the typed formulas call every whitelisted function, min, max, pow and the aliases', () => {
    const text = TYPED.map((c) => c.formula).join(' ');
    for (const f of UNARY_FUNCTIONS) expect(text, f.name).toMatch(new RegExp(`\\b${f.name}\\(`));
    for (const name of ['min', 'max', 'pow', 'ln', 'arcsin', 'arccos', 'arctan']) expect(text).toMatch(new RegExp(`\\b${name}\\(`));
  });

  it('piecewise-constant functions are flagged and have zero derivatives', () => {
    const tape = compileFormula('floor(x) + 2*round(y)');
    expect(tape.piecewiseConstant).toBe(true);
    expect(Array.from(new JetEvaluator(tape).jet([1.3, 2.2]))).toEqual([1 + 4, 0, 0, 0, 0, 0]);
    expect(compileFormula('sin(x)').piecewiseConstant).toBe(false);
  });

  it('agrees with hand-derived derivatives of sin(x)·y²', () => {
    const jet = new JetEvaluator(compileFormula('sin(x)*y^2')).jet([0.7, 1.3]);
    expect(jet[0]).toBeCloseTo(Math.sin(0.7) * 1.69, 14);
    expect(jet[1]).toBeCloseTo(Math.cos(0.7) * 1.69, 14);
    expect(jet[2]).toBeCloseTo(2 * 1.3 * Math.sin(0.7), 14);
    expect(jet[3]).toBeCloseTo(-Math.sin(0.7) * 1.69, 14);
    expect(jet[4]).toBeCloseTo(2 * 1.3 * Math.cos(0.7), 14);
    expect(jet[5]).toBeCloseTo(2 * Math.sin(0.7), 14);
  });

  it('the check can fail: a gradient or Hessian off by 1e-4 relative is caught', () => {
    const ev = new JetEvaluator(compileFormula(LANDSCAPES[0]!.formula));
    const perturbed = (slot: number): JetLike => ({
      value: (p) => ev.value(p),
      jet: (p) => { const j = ev.jet(p).slice(); j[slot]! *= 1 + 1e-4; return j; },
    });
    const p: [number, number] = [1.1, -0.4];
    expect(fdErrors(ev, p).grad).toBeLessThan(TOL);
    expect(fdErrors(perturbed(1), p).grad).toBeGreaterThan(TOL);
    expect(fdErrors(perturbed(4), p).hess).toBeGreaterThan(TOL);
  });
});

describe('tape: constant folding and common-subexpression sharing', () => {
  const ops = (t: Tape) => t.instrs.map((i) => i.op);

  it('folds constant sub-expressions', () => {
    const t = compileFormula('2*3 + x');
    expect(t.instrs).toHaveLength(3);
    expect(t.instrs.filter((i) => i.op === Op.Const).map((i) => i.c)).toEqual([6]);
    expect(compileFormula('sin(pi/2)*x').instrs).toHaveLength(1); // sin(π/2) = 1 exactly, and 1·x = x
    expect(compileFormula('x + 0*1 - 0').instrs).toHaveLength(1);
    expect(compileFormula('x^1').instrs).toHaveLength(1);
    expect(ops(compileFormula('x^0'))).toEqual([Op.Const]);
    expect(compileFormula('x - x').instrs).toEqual([{ op: Op.Const, a: -1, b: -1, c: 0 }]);
    expect(compileFormula('-(-x)').instrs).toHaveLength(1);
    const c = compileFormula('exp(log(2)) * cos(0) + sqrt(16)');
    expect(c.instrs).toHaveLength(1);
    expect(c.instrs[0]!.c).toBeCloseTo(6, 14);
  });

  it('shares identical sub-expressions', () => {
    const shared = compileFormula('sin(x) + sin(x)');
    const unshared = compileFormula('sin(x) + sin(y)');
    expect(shared.instrs).toHaveLength(3); // x, sin x, add
    expect(unshared.instrs).toHaveLength(5);
    expect(shared.instrs.length).toBeLessThan(unshared.instrs.length);
    expect(compileFormula('x*y + y*x').instrs).toHaveLength(4); // commutative operands are canonicalized
    expect(compileFormula('(x+1)^2 + (x+1)^2 + (1+x)^2').instrs.length).toBeLessThanOrEqual(7);
    // Himmelblau: x² and y² are computed once each even though they appear in both terms.
    const h = compileFormula('(x^2 + y - 11)^2 + (x + y^2 - 7)^2 + x^2 + y^2');
    expect(h.instrs.filter((i) => i.op === Op.PowConst && i.c === 2).length).toBe(4);
  });

  it('every instruction reads only earlier ones and the output is the last', () => {
    for (const f of [...LANDSCAPES.map((l) => l.formula), ...TYPED.map((c) => c.formula)]) {
      const t = compileFormula(f);
      t.instrs.forEach((ins, k) => {
        if (ins.op !== Op.Const && ins.op !== Op.Var) expect(ins.a, f).toBeLessThan(k);
        if (ins.op === Op.Add || ins.op === Op.Sub || ins.op === Op.Mul || ins.op === Op.Div || ins.op === Op.Min || ins.op === Op.Max) {
          expect(ins.b, f).toBeLessThan(k);
        }
      });
    }
  });
});

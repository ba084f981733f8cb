/**
 * The whitelist of elementary functions a formula may call, each with its value and its first and second
 * derivatives, in JavaScript (Float64) and as WGSL snippets (f32). Both evaluators and the WGSL generator read
 * this one table, so the JS path, the GPU path and the derivatives cannot drift apart.
 *
 * For v = f(u): `d1(u, v) = f'(u)`, `d2(u, v) = f''(u)`. The WGSL templates receive the names of WGSL
 * expressions holding u and v and return a WGSL expression.
 */
export interface UnaryFunction {
  readonly name: string;
  readonly f: (u: number) => number;
  readonly d1: (u: number, v: number) => number;
  readonly d2: (u: number, v: number) => number;
  readonly wgsl: {
    readonly f: (u: string) => string;
    readonly d1: (u: string, v: string) => string;
    readonly d2: (u: string, v: string) => string;
    /**
     * Where φ(u) is defined (a WGSL bool). JavaScript gives NaN outside it, but WGSL's results there are
     * indeterminate (log of a negative may come back as log|u|), so the shader tracks it and writes NaN itself.
     */
    readonly domain?: (u: string) => string;
  };
  /** Piecewise-constant functions have zero derivative almost everywhere. */
  readonly piecewiseConstant?: boolean;
}

const PI = Math.PI;

/** Normalized sinc, sin(πu)/(πu), with its removable singularity filled by a Taylor series for |πu| < 0.1. */
function sinc(u: number): number {
  const s = PI * u;
  if (Math.abs(s) < 0.1) { const s2 = s * s; return 1 - s2 / 6 + (s2 * s2) / 120 - (s2 * s2 * s2) / 5040; }
  return Math.sin(s) / s;
}
function sincD1(u: number): number {
  const s = PI * u;
  if (Math.abs(s) < 0.1) { const s2 = s * s; return PI * (-s / 3 + (s * s2) / 30 - (s * s2 * s2) / 840); }
  return PI * (s * Math.cos(s) - Math.sin(s)) / (s * s);
}
function sincD2(u: number): number {
  const s = PI * u;
  if (Math.abs(s) < 0.1) { const s2 = s * s; return PI * PI * (-1 / 3 + s2 / 10 - (s2 * s2) / 168 + (s2 * s2 * s2) / 6480); }
  return PI * PI * ((2 - s * s) * Math.sin(s) - 2 * s * Math.cos(s)) / (s * s * s);
}

const zero = () => 0;
const wgslZero = () => '0.0';

export const UNARY_FUNCTIONS: readonly UnaryFunction[] = [
  { name: 'sin', f: Math.sin, d1: (u) => Math.cos(u), d2: (_u, v) => -v,
    wgsl: { f: (u) => `sin(${u})`, d1: (u) => `cos(${u})`, d2: (_u, v) => `(-${v})` } },
  { name: 'cos', f: Math.cos, d1: (u) => -Math.sin(u), d2: (_u, v) => -v,
    wgsl: { f: (u) => `cos(${u})`, d1: (u) => `(-sin(${u}))`, d2: (_u, v) => `(-${v})` } },
  { name: 'tan', f: Math.tan, d1: (_u, v) => 1 + v * v, d2: (_u, v) => 2 * v * (1 + v * v),
    wgsl: { f: (u) => `tan(${u})`, d1: (_u, v) => `(1.0 + ${v} * ${v})`, d2: (_u, v) => `(2.0 * ${v} * (1.0 + ${v} * ${v}))` } },
  { name: 'asin', f: Math.asin, d1: (u) => 1 / Math.sqrt(1 - u * u), d2: (u) => u / Math.pow(1 - u * u, 1.5),
    wgsl: { f: (u) => `asin(${u})`, d1: (u) => `inverseSqrt(1.0 - ${u} * ${u})`, d2: (u) => `(${u} * pow(1.0 - ${u} * ${u}, -1.5))`, domain: (u) => `abs(${u}) <= 1.0` } },
  { name: 'acos', f: Math.acos, d1: (u) => -1 / Math.sqrt(1 - u * u), d2: (u) => -u / Math.pow(1 - u * u, 1.5),
    wgsl: { f: (u) => `acos(${u})`, d1: (u) => `(-inverseSqrt(1.0 - ${u} * ${u}))`, d2: (u) => `(-${u} * pow(1.0 - ${u} * ${u}, -1.5))`, domain: (u) => `abs(${u}) <= 1.0` } },
  { name: 'atan', f: Math.atan, d1: (u) => 1 / (1 + u * u), d2: (u) => (-2 * u) / ((1 + u * u) * (1 + u * u)),
    wgsl: { f: (u) => `atan(${u})`, d1: (u) => `(1.0 / (1.0 + ${u} * ${u}))`, d2: (u) => `(-2.0 * ${u} / ((1.0 + ${u} * ${u}) * (1.0 + ${u} * ${u})))` } },
  { name: 'sinh', f: Math.sinh, d1: (u) => Math.cosh(u), d2: (_u, v) => v,
    wgsl: { f: (u) => `sinh(${u})`, d1: (u) => `cosh(${u})`, d2: (_u, v) => v } },
  { name: 'cosh', f: Math.cosh, d1: (u) => Math.sinh(u), d2: (_u, v) => v,
    wgsl: { f: (u) => `cosh(${u})`, d1: (u) => `sinh(${u})`, d2: (_u, v) => v } },
  { name: 'tanh', f: Math.tanh, d1: (_u, v) => 1 - v * v, d2: (_u, v) => -2 * v * (1 - v * v),
    wgsl: { f: (u) => `tanh(${u})`, d1: (_u, v) => `(1.0 - ${v} * ${v})`, d2: (_u, v) => `(-2.0 * ${v} * (1.0 - ${v} * ${v}))` } },
  { name: 'exp', f: Math.exp, d1: (_u, v) => v, d2: (_u, v) => v,
    wgsl: { f: (u) => `exp(${u})`, d1: (_u, v) => v, d2: (_u, v) => v } },
  { name: 'log', f: Math.log, d1: (u) => 1 / u, d2: (u) => -1 / (u * u),
    wgsl: { f: (u) => `log(${u})`, d1: (u) => `(1.0 / ${u})`, d2: (u) => `(-1.0 / (${u} * ${u}))`, domain: (u) => `${u} > 0.0` } },
  { name: 'log2', f: Math.log2, d1: (u) => 1 / (u * Math.LN2), d2: (u) => -1 / (u * u * Math.LN2),
    wgsl: { f: (u) => `log2(${u})`, d1: (u) => `(1.0 / (${u} * 0.6931471805599453))`, d2: (u) => `(-1.0 / (${u} * ${u} * 0.6931471805599453))`, domain: (u) => `${u} > 0.0` } },
  { name: 'log10', f: Math.log10, d1: (u) => 1 / (u * Math.LN10), d2: (u) => -1 / (u * u * Math.LN10),
    wgsl: { f: (u) => `(log(${u}) * 0.4342944819032518)`, d1: (u) => `(1.0 / (${u} * 2.302585092994046))`, d2: (u) => `(-1.0 / (${u} * ${u} * 2.302585092994046))`, domain: (u) => `${u} > 0.0` } },
  { name: 'sqrt', f: Math.sqrt, d1: (_u, v) => 0.5 / v, d2: (_u, v) => -0.25 / (v * v * v),
    wgsl: { f: (u) => `sqrt(${u})`, d1: (_u, v) => `(0.5 / ${v})`, d2: (_u, v) => `(-0.25 / (${v} * ${v} * ${v}))`, domain: (u) => `${u} >= 0.0` } },
  { name: 'cbrt', f: Math.cbrt, d1: (_u, v) => 1 / (3 * v * v), d2: (_u, v) => -2 / (9 * v * v * v * v * v),
    wgsl: { f: (u) => `(sign(${u}) * pow(abs(${u}), 1.0 / 3.0))`, d1: (_u, v) => `(1.0 / (3.0 * ${v} * ${v}))`, d2: (_u, v) => `(-2.0 / (9.0 * ${v} * ${v} * ${v} * ${v} * ${v}))` } },
  { name: 'abs', f: Math.abs, d1: (u) => Math.sign(u), d2: zero,
    wgsl: { f: (u) => `abs(${u})`, d1: (u) => `sign(${u})`, d2: wgslZero } },
  { name: 'sign', f: Math.sign, d1: zero, d2: zero, piecewiseConstant: true,
    wgsl: { f: (u) => `sign(${u})`, d1: wgslZero, d2: wgslZero } },
  { name: 'floor', f: Math.floor, d1: zero, d2: zero, piecewiseConstant: true,
    wgsl: { f: (u) => `floor(${u})`, d1: wgslZero, d2: wgslZero } },
  { name: 'ceil', f: Math.ceil, d1: zero, d2: zero, piecewiseConstant: true,
    wgsl: { f: (u) => `ceil(${u})`, d1: wgslZero, d2: wgslZero } },
  { name: 'round', f: Math.round, d1: zero, d2: zero, piecewiseConstant: true,
    wgsl: { f: (u) => `floor(${u} + 0.5)`, d1: wgslZero, d2: wgslZero } },
  { name: 'sinc', f: sinc, d1: (u) => sincD1(u), d2: (u) => sincD2(u),
    wgsl: { f: (u) => `rl_sinc(${u})`, d1: (u) => `rl_sinc_d1(${u})`, d2: (u) => `rl_sinc_d2(${u})` } },
];

/** Lookup by name through a Map, so that names such as `constructor` or `__proto__` never reach an object's prototype. */
export const UNARY_BY_NAME: ReadonlyMap<string, number> = new Map(UNARY_FUNCTIONS.map((fn, i) => [fn.name, i]));

/** Aliases users commonly type. */
export const FUNCTION_ALIASES: ReadonlyMap<string, string> = new Map([['ln', 'log'], ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan']]);

/** Named constants a formula may use. */
export const NAMED_CONSTANTS: ReadonlyMap<string, number> = new Map([['pi', Math.PI], ['e', Math.E], ['tau', 2 * Math.PI]]);

/**
 * WGSL helpers the `sinc` templates call; the generator emits them once per shader. Below |πu| = 1 the closed forms
 * of sinc' and sinc'' subtract nearly equal terms, which in f32 amplifies the sin/cos error (2⁻¹¹ in WGSL), so the
 * Taylor series (through s⁸) is used there.
 */
export const WGSL_SINC_HELPERS = `
fn rl_sinc(u: f32) -> f32 {
  let s = 3.14159265358979 * u;
  if (abs(s) < 1.0) { let t = s * s; return 1.0 + t * (-1.0 / 6.0 + t * (1.0 / 120.0 + t * (-1.0 / 5040.0 + t * (1.0 / 362880.0)))); }
  return sin(s) / s;
}
fn rl_sinc_d1(u: f32) -> f32 {
  let s = 3.14159265358979 * u;
  if (abs(s) < 1.0) { let t = s * s; return 3.14159265358979 * s * (-1.0 / 3.0 + t * (1.0 / 30.0 + t * (-1.0 / 840.0 + t * (1.0 / 45360.0 + t * (-1.0 / 3991680.0))))); }
  return 3.14159265358979 * (s * cos(s) - sin(s)) / (s * s);
}
fn rl_sinc_d2(u: f32) -> f32 {
  let s = 3.14159265358979 * u;
  if (abs(s) < 1.0) { let t = s * s; return 9.8696044010894 * (-1.0 / 3.0 + t * (1.0 / 10.0 + t * (-1.0 / 168.0 + t * (1.0 / 6480.0 + t * (-1.0 / 443520.0))))); }
  return 9.8696044010894 * ((2.0 - s * s) * sin(s) - 2.0 * s * cos(s)) / (s * s * s);
}
`;

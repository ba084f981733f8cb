import { methodSpec, type MethodId } from './methods';

/**
 * Completes and checks a method's hyper-parameters against the ranges of METHODS (methods.ts): every key of the
 * method's spec takes the given value or its default; each value must be finite and lie in [min, max].
 * Throws an Error naming the parameter and the allowed range, e.g.
 *   "adam: beta2 = 1.5 is out of range; allowed 0.5 ≤ beta2 ≤ 0.99999".
 * Keys the method does not have are an error too (a typo such as `betta` must not be ignored silently).
 */
export function validateHyper(method: MethodId, hyper: Readonly<Record<string, number>> = {}): Record<string, number> {
  const spec = methodSpec(method);
  if (!spec) throw new Error(`unknown method "${String(method)}"`);
  const known = new Set(spec.hyper.map((h) => h.key));
  for (const key of Object.keys(hyper)) {
    if (!known.has(key)) {
      throw new Error(`${method}: unknown hyper-parameter "${key}"; ${method} takes ${[...known].join(', ')}`);
    }
  }
  const out: Record<string, number> = {};
  for (const h of spec.hyper) {
    const given = Object.prototype.hasOwnProperty.call(hyper, h.key) ? hyper[h.key] : undefined;
    const v = given === undefined ? h.defaultValue : given;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`${method}: ${h.key} must be a finite number, got ${String(v)}; allowed ${h.min} ≤ ${h.key} ≤ ${h.max}`);
    }
    if (v < h.min || v > h.max) {
      throw new Error(`${method}: ${h.key} = ${v} is out of range; allowed ${h.min} ≤ ${h.key} ≤ ${h.max}`);
    }
    out[h.key] = v;
  }
  return out;
}

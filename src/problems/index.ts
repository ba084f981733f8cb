import { resolveFormulaProblem, type FormulaProblemSpec } from './formulaProblem';
import type { ResolvedProblem } from './problem';

export type { ResolvedProblem, StartChoice, StartRequest } from './problem';
export type { FormulaProblemSpec } from './formulaProblem';

/**
 * Every kind of problem a worker can resolve: a tagged union of plain data, so that it crosses postMessage as is.
 * A new kind is a new file in this folder exporting its spec type and resolver, one member here and one row below.
 */
export type ProblemSpec = FormulaProblemSpec;

const RESOLVERS: { readonly [K in ProblemSpec['kind']]: (spec: Extract<ProblemSpec, { kind: K }>) => ResolvedProblem } = {
  formula: resolveFormulaProblem,
};

/** The objective, box, start rule and summary of a problem (throws for a malformed spec, e.g. a formula that does not parse). */
export function resolveProblem(spec: ProblemSpec): ResolvedProblem {
  const resolve = RESOLVERS[spec.kind] as ((s: ProblemSpec) => ResolvedProblem) | undefined;
  if (!resolve) throw new Error(`unknown problem kind "${String((spec as { kind: unknown }).kind)}"`);
  return resolve(spec);
}

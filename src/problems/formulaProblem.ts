import { compileFormula } from '../landscapes/expression/compileFormula';
import type { Domain } from '../landscapes/grid';
import { fmtNum } from '../math/fmtNum';
import { symEig } from '../math/symEig';
import { objectiveFromTape, type RidgeObjective } from '../ridge-rider/objective';
import { refineToSaddle2D } from '../ridge-rider/refineToSaddle';
import { startCandidates2D } from '../ridge-rider/startPoint';
import type { ResolvedProblem, StartChoice } from './problem';

/** A surface f(x, y) typed as a formula (or a built-in landscape's formula), shown on `domain`. */
export interface FormulaProblemSpec {
  readonly kind: 'formula';
  readonly formula: string;
  readonly domain: Domain;
  /** How messages name it (a built-in landscape's id); default: the formula. */
  readonly name?: string;
}

/**
 * A 2D formula as a problem: the exact objective of its tape (second-order jets), drawn on the surface. A ride may
 * wander the domain widened by its own size on each side; leaving that box ends it as 'diverged'. Starts: the
 * automatic one is the maximum with the most negative curvature in the domain, else such a saddle
 * (ridge-rider/startPoint.ts); a click or a guess is refined by Newton on ∇f (ridge-rider/refineToSaddle.ts), which
 * offers the nearest saddle or maximum when it lands in a minimum. Throws FormulaError for a malformed formula.
 */
export function resolveFormulaProblem(spec: FormulaProblemSpec): ResolvedProblem {
  const objective = objectiveFromTape(compileFormula(spec.formula));
  const { domain } = spec;
  const w = domain.x1 - domain.x0;
  const h = domain.y1 - domain.y0;
  const name = spec.name ?? spec.formula;
  return {
    kind: 'formula', name, n: 2, objective, drawable: true, summary: null,
    box: { lo: [domain.x0 - w, domain.y0 - h], hi: [domain.x1 + w, domain.y1 + h] },
    chooseStart(request, seed): StartChoice {
      if (request.kind === 'auto') {
        const { start: p, degenerate: d } = startCandidates2D(objective.surface!, domain, seed);
        if (!p && d) {
          // Beside the degenerate point (2 % of the domain's width along x) the refinement finds curvature to follow.
          const beside = [d.x + 0.02 * w, d.y];
          return {
            ...none('auto', `no saddle or maximum in the domain. The only candidate, the degenerate point at (${fmtNum(d.x)}, ${fmtNum(d.y)}), `
              + 'has a zero Hessian: no direction curves downward there, so there is no ridge to follow from it. You can start beside it (the '
              + 'suggested point), where Newton finds slightly negative curvature to ride.'),
            suggestion: beside,
          };
        }
        if (!p) return none('auto', 'no saddle or maximum in the domain');
        return at(objective, [p.x, p.y], true, p.kind, `automatic start: the ${p.kind} at (${p.x.toPrecision(6)}, ${p.y.toPrecision(6)})`, null);
      }
      const theta: [number, number] = [request.theta[0]!, request.theta[1]!];
      if (request.kind === 'given') {
        const given = at(objective, theta, false, 'given', `given start (${fmtNum(theta[0])}, ${fmtNum(theta[1])})`, null);
        return { ...given, ridges: given.eigenvalues.length > 0 && given.eigenvalues[0]! < 0 };
      }
      const r = refineToSaddle2D(objective, theta, domain, { seed });
      const suggestion = r.suggestion ? [r.suggestion.point.x, r.suggestion.point.y] : null;
      if (!r.converged) return { ...none(`refine`, r.message), suggestion };
      return at(objective, r.theta, r.hasNegativeCurvature, `refined to a ${r.kind}`, r.message, suggestion);
    },
  };
}

function none(rule: string, message: string): StartChoice {
  return { theta: null, ridges: false, rule, message, suggestion: null, f: NaN, eigenvalues: [] };
}

/** A start at θ with L and the Hessian's eigenvalues there. */
function at(objective: RidgeObjective, theta: readonly number[], ridges: boolean, rule: string, message: string, suggestion: number[] | null): StartChoice {
  const n = objective.n;
  const hess = new Float64Array(n * n);
  const f = objective.evaluate(theta, new Float64Array(n), hess);
  const eigenvalues = hess.every(Number.isFinite) ? Array.from(symEig(hess, n).values) : [];
  return { theta: [...theta], ridges, rule, message, suggestion, f, eigenvalues };
}

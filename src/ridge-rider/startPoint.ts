import type { Domain } from '../landscapes/grid';
import { findCriticalPoints, type CriticalPoint } from '../math/criticalPoints';
import type { Objective } from '../optimizers/objective';

/**
 * The default Ridge Rider start on a 2D surface, when the user gives none (§3: RR starts "at or near a strict saddle
 * point"). Rule: among the isolated critical points of `domain` found by math/criticalPoints (seeded), take the
 * maxima first (every direction there is a ridge, as in the paper's Figure 1, which starts at the maximum), else the
 * saddles; within the kind, the most negative smallest eigenvalue λ₁; ties by x, then y. Degenerate points (the
 * monkey saddle's origin, where ∇²f = 0) have no ridges and are never chosen. Null when there is no saddle or maximum.
 */
export function defaultStart2D(surface: Objective, domain: Domain, seed = 1): CriticalPoint | null {
  return startCandidates2D(surface, domain, seed).start;
}

/**
 * The default start (defaultStart2D) and, when there is none, the isolated degenerate critical point nearest the
 * domain's centre (the monkey saddle's origin), so that the user can be told why it is not used and offered a point
 * beside it.
 */
export function startCandidates2D(surface: Objective, domain: Domain, seed = 1): { start: CriticalPoint | null; degenerate: CriticalPoint | null } {
  const all = findCriticalPoints(surface, domain, { seed });
  const points = all.filter((p) => p.isolated && (p.kind === 'maximum' || p.kind === 'saddle'));
  const rank = (p: CriticalPoint): number => (p.kind === 'maximum' ? 0 : 1);
  points.sort((a, b) => rank(a) - rank(b) || a.l1 - b.l1 || a.x - b.x || a.y - b.y);
  const cx = (domain.x0 + domain.x1) / 2;
  const cy = (domain.y0 + domain.y1) / 2;
  const degenerate = all.filter((p) => p.isolated && p.kind === 'degenerate')
    .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0] ?? null;
  return { start: points[0] ?? null, degenerate };
}

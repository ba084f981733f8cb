import type { MnistRrDirections } from '../nn/mnistRrSettings';

/** For each reference: what its rides follow, and how rides that start at the same point differ. */
const REFERENCES: Readonly<Record<Exclude<MnistRrDirections, 'eigen'>, { what: string; same: string }>> = {
  gradient: {
    what: 'steepest descent: every step goes straight downhill, along −∇L/‖∇L‖, and no curvature is used',
    same: 'rides that start at the same point are the same ride but for the minibatches they draw, when the images are fresh ones',
  },
  random: {
    what: 'Rand-Ridge+: each ride follows a random downhill direction instead of an eigenvector',
    same: 'rides that start at the same point differ in their random directions (and in their minibatches, when the images are fresh ones)',
  },
};

/**
 * What the rides' charts mean when the run did not follow ridges: under Rand-Ridge+ or steepest descent the tree keeps
 * Ridge Rider's shape (GetRidges still ranks the eigenvalues at each branching point), so "first ridge 0+" and Fig. 5's
 * rows ψ[0] name positions in the tree, not directions of negative curvature. Null for Ridge Rider itself.
 */
export function directionsNote(directions: MnistRrDirections): string | null {
  if (directions === 'eigen') return null;
  const { what, same } = REFERENCES[directions];
  return `These rides are ${what}. The search keeps Ridge Rider’s tree, so “first ridge 0+” and the rows ψ[0] below name places in that tree, not ridges; ${same}.`;
}

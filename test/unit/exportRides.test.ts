import { describe, expect, it } from 'vitest';
import { oneDToCsv, oneDToJson } from '../../src/export/oneD';
import { ridesToJson, rideTrajectories } from '../../src/export/rides';
import { trajectoriesToCsv } from '../../src/export/trajectories';
import { landscapeById } from '../../src/landscapes/registry';
import { rngFromSeed } from '../../src/math/rng';
import { resolveProblem } from '../../src/problems';
import { runRidgeRider } from '../../src/ridge-rider';
import { defaultRidgeSettings } from '../../src/ridge-rider/settings';
import { computeOneD } from '../../src/runners/oneD';
import { prepareRidgeSearch, rideMessage } from '../../src/runners/ridgeSearch';

/** A real search: Himmelblau from its maximum, with the gradient-descent finish, as the worker runs it. */
function himmelblauRides() {
  const def = landscapeById('himmelblau')!;
  const problem = resolveProblem({ kind: 'formula', formula: def.formula, domain: def.domain, name: def.id });
  const p = prepareRidgeSearch(problem, { start: { kind: 'auto' }, settings: { ...defaultRidgeSettings(), gdFinish: true, maxRides: 8 }, seed: 1, preset: null });
  const rr = runRidgeRider(problem.objective, p.start.theta!, p.options, rngFromSeed(1));
  return { rr, msgs: rr.rides.map((r) => rideMessage(r, 2)) };
}

/** Splits CSV text into rows of cells (no quoted cells in these files). */
const rowsOf = (csv: string) => csv.trim().split('\n').map((l) => l.split(','));

describe('Ridge Rider rides as exported data', () => {
  it('JSON: one record per ride with fingerprint, eigenvalue, start, end, end reason, and the path and its GD finish at full precision', () => {
    const { rr, msgs } = himmelblauRides();
    const doc = JSON.parse(JSON.stringify(ridesToJson(msgs, 2, ['L', 'λ'])));
    expect(doc).toHaveLength(rr.rides.length);
    rr.rides.forEach((ride, k) => {
      const d = doc[k];
      expect(d.fingerprint).toEqual(ride.fingerprint);
      expect(d.eigenvalue).toBe(ride.eigenvalue);
      expect(d.start).toEqual(ride.start);
      expect(d.end).toEqual(ride.end);
      expect(d.endReason).toBe(ride.endReason);
      expect(d.steps).toBe(ride.steps);
      expect(d.endAfterGd).toEqual(ride.endAfterGd);
      // The path: (x, y, L) rows, start first, end last, exactly the engine's doubles.
      expect(d.path).toHaveLength(ride.steps + 1);
      expect(d.path.flat()).toEqual(Array.from(ride.path!));
      expect(d.path[0].slice(0, 2)).toEqual(ride.start);
      expect(d.path.at(-1).slice(0, 2)).toEqual(ride.end);
      expect(d.gdPath.flat()).toEqual(Array.from(ride.gdPath!));
      expect(d.gdPath.at(-1).slice(0, 2)).toEqual(ride.endAfterGd);
      expect(d.trace[0]).toEqual([ride.fStart, ride.trace[1]]);
    });
    expect(doc.slice(0, 4).map((d: { label: string }) => d.label)).toEqual(['0+', '0−', '1+', '1−']);
  });

  it('CSV: every ride and its finish, one row per point, reading back to the same doubles', () => {
    const { rr, msgs } = himmelblauRides();
    const rows = rowsOf(trajectoriesToCsv(rideTrajectories(msgs)));
    expect(rows[0]).toEqual(['trace', 'kind', 'step', 'x', 'y', 'f', 'end', 'eigenvalue']);
    const ride = rr.rides[2]!;
    const mine = rows.filter((r) => r[0] === 'ride 1+' && r[1] === 'ride');
    expect(mine).toHaveLength(ride.steps + 1);
    mine.forEach((r, i) => {
      expect(Number(r[2])).toBe(i);
      expect([Number(r[3]), Number(r[4]), Number(r[5])]).toEqual(Array.from(ride.path!.subarray(3 * i, 3 * i + 3)));
      expect(r[6]).toBe(ride.endReason);
      expect(Number(r[7])).toBe(ride.eigenvalue);
    });
    const finish = rows.filter((r) => r[0] === 'ride 1+' && r[1] === 'gd-finish');
    expect(finish.length).toBe(ride.gdPath!.length / 3);
    expect([Number(finish.at(-1)![3]), Number(finish.at(-1)![4])]).toEqual(ride.endAfterGd);
  });
});

describe('the 1D view as exported data', () => {
  it('JSON holds the curves, the bound U(μ, σ) and both runs; CSV has x and one column per curve', () => {
    const r = computeOneD('wall', 0.5, 1);
    const doc = JSON.parse(JSON.stringify(oneDToJson(r)));
    expect(doc.x).toHaveLength(r.x.length);
    expect(doc.curves.map((c: { label: string }) => c.label)).toEqual(r.curves.map((c) => c.label));
    expect(doc.bound.U).toHaveLength(r.sigmaGrid.length);
    expect(doc.bound.U[0]).toHaveLength(r.mus.length);
    expect(doc.bound.U.flat()).toEqual(Array.from(r.U, (v) => (Number.isFinite(v) ? v : null)));
    expect(doc.vo.points.flat()).toEqual(Array.from(r.vo));
    expect(doc.gd.points.flat()).toEqual(Array.from(r.gd));
    const csv = oneDToCsv(r).trim().split('\n');
    expect(csv).toHaveLength(r.x.length + 1);
    const row = csv[7]!.split(',').map(Number);
    expect(row[0]).toBe(r.x[6]);
    r.curves.forEach((c, k) => expect(row[1 + k]).toBe(c.values[6]));
  });
});

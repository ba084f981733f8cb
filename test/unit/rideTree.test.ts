import { describe, expect, it } from 'vitest';
import type { EndReason } from '../../src/ridge-rider/endRide';
import { END_REASONS } from '../../src/ridge-rider/endRide';
import {
  boxApply, fitTransform, layoutRideTree, nodeVisibility, pathToRoot, revealedRideIds, rideKey, rideLinkPath, rideTreeRows, ROOT_KEY,
  type Box,
} from '../../src/charts/rideTreeLayout';
import {
  END_REASON_BADGES, endReasonBadge, fingerprintLabel, formatSig, rideDetailLabel, rideTooltip, type RideNodeInput,
} from '../../src/charts/rideTreeLabels';
import { mulberry32 } from '../../src/math/rng';


const ride = (id: number, parent: number | null, fingerprint: number[], extra: Partial<RideNodeInput> = {}): RideNodeInput => ({
  id, parent, fingerprint, eigenvalue: -1.23456, fStart: 1, fEnd: 0.5, steps: 10, endReason: 'curvature', color: '#1f77b4', ...extra,
});

/** A random search tree of n rides in BFS-like id order: each ride branches off an earlier one or the start. */
function randomTree(n: number, seed: number): RideNodeInput[] {
  const rng = mulberry32(seed);
  const rides: RideNodeInput[] = [];
  for (let id = 0; id < n; id++) {
    const parent = id < 2 || rng() < 0.1 ? null : Math.floor(rng() * id);
    const fp = [...(parent === null ? [] : rides[parent]!.fingerprint), Math.floor(rng() * 4)];
    const reason = END_REASONS[Math.floor(rng() * END_REASONS.length)]!;
    rides.push(ride(id, parent, fp, { eigenvalue: -rng() * 100, fEnd: (rng() - 0.5) * 1e4, endReason: reason,
      ...(rng() < 0.5 ? { fAfterGd: -rng() } : {}) }));
  }
  return rides;
}

const inside = (b: Box, w: number, h: number) => b.x0 >= -1e-9 && b.y0 >= -1e-9 && b.x1 <= w + 1e-9 && b.y1 <= h + 1e-9;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('ride tree labels', () => {
  it('writes fingerprints as eigen-index and direction', () => {
    expect(fingerprintLabel([0, 3])).toBe('0+ 1−');
    expect(fingerprintLabel([5])).toBe('2−');
    expect(fingerprintLabel([])).toBe('∅');
  });

  it('has a short badge for every end reason and passes unknown ones through', () => {
    for (const r of END_REASONS) expect(END_REASON_BADGES[r].length).toBeGreaterThan(0);
    expect(endReasonBadge('curvature')).toBe('λ≥0');
    expect(endReasonBadge('max-ride-steps')).toBe('max steps');
    expect(endReasonBadge('alpha-min')).toBe('α min');
    expect(endReasonBadge('search-cap')).toBe('cap');
    expect(endReasonBadge('something-new')).toBe('something-new');
  });

  it('formats numbers with 3 significant digits and a typographic minus', () => {
    expect(formatSig(-1.23456)).toBe('−1.23');
    expect(formatSig(0.000123456)).toBe('1.23e−4');
    expect(formatSig(123456)).toBe('1.23e5');
    expect(formatSig(2)).toBe('2');
    expect(formatSig(99.96)).toBe('100');
    expect(formatSig(0)).toBe('0');
    expect(formatSig(NaN)).toBe('NaN');
    expect(formatSig(-Infinity)).toBe('−∞');
    expect(formatSig(1.23456, 4)).toBe('1.235');
  });

  it('shows λ and the end loss, and the loss after gradient descent when present', () => {
    expect(rideDetailLabel({ eigenvalue: -2.5, fEnd: 0.12345 })).toBe('λ −2.5 · L 0.1235');
    expect(rideDetailLabel({ eigenvalue: -2.5, fEnd: 0.12345, fAfterGd: -1 })).toBe('λ −2.5 · L 0.1235 → −1');
  });

  it('puts every detail in the tooltip', () => {
    const t = rideTooltip(ride(7, 3, [0, 3], { note: 'λ = 0.001 ≥ 0', fAfterGd: -0.25 }), 'missing-parent');
    for (const s of ['#7', '0+ 1−', '[0, 3]', '−1.23456', '1 → 0.5', '−0.25', 'steps: 10', 'λ≥0', 'curvature', 'λ = 0.001 ≥ 0', '#3']) {
      expect(t).toContain(s);
    }
    expect(t).toContain('not in the list');
  });
});

describe('ride tree hierarchy', () => {
  it('hangs rides from their parents and top-level rides from the start', () => {
    const rows = rideTreeRows([ride(0, null, [0]), ride(1, null, [1]), ride(2, 0, [0, 2])]);
    expect(rows.map((r) => [r.key, r.parentKey])).toEqual([[ROOT_KEY, null], ['r0', ROOT_KEY], ['r1', ROOT_KEY], ['r2', 'r0']]);
    expect(rows.every((r) => r.orphan === null)).toBe(true);
  });

  it('attaches rides with missing parents to the start with a flag, and never throws', () => {
    const rows = rideTreeRows([ride(5, 99, [0, 1]), ride(6, 5, [0, 1, 0])]);
    const r5 = rows.find((r) => r.id === 5)!;
    expect(r5.parentKey).toBe(ROOT_KEY);
    expect(r5.orphan).toBe('missing-parent');
    expect(rows.find((r) => r.id === 6)!.parentKey).toBe('r5');
    expect(() => layoutRideTree(rows, 'start')).not.toThrow();
  });

  it('cuts parent loops and drops duplicate ids', () => {
    const rides = [ride(1, 2, [0]), ride(2, 1, [1]), ride(3, 1, [0, 0]), ride(4, 4, [2]), ride(1, null, [3])];
    const rows = rideTreeRows(rides);
    expect(rows.length).toBe(5);
    expect(rows.filter((r) => r.orphan === 'cycle').map((r) => r.id)).toEqual([1, 4]);
    expect(rows.find((r) => r.id === 1)!.ride).toBe(rides[0]);
    const lay = layoutRideTree(rows, 'start');
    expect(lay.nodes.length).toBe(5);
    expect(lay.links.length).toBe(4);
  });

  it('finds the path to the start of the highlighted ride', () => {
    const rows = rideTreeRows([ride(0, null, [0]), ride(1, null, [1]), ride(2, 0, [0, 2]), ride(3, 2, [0, 2, 1])]);
    expect(pathToRoot(rows, 3)).toEqual([3, 2, 0]);
    expect(pathToRoot(rows, 1)).toEqual([1]);
    expect(pathToRoot(rows, null)).toEqual([]);
    expect(pathToRoot(rows, 42)).toEqual([]);
  });

  it('reveals the first rides of the search order', () => {
    const rides = [ride(0, null, [0]), ride(1, null, [1]), ride(2, 1, [1, 0]), ride(3, 0, [0, 0])];
    const order = [1, 0, 2, 3];
    expect([...revealedRideIds(rides, order, 2)]).toEqual([1, 0]);
    expect([...revealedRideIds(rides, order, 0)]).toEqual([]);
    expect([...revealedRideIds(rides, order, 2.7)]).toEqual([1, 0]);
    expect(revealedRideIds(rides, order, Infinity).size).toBe(4);
    expect(revealedRideIds(rides, order, NaN).size).toBe(0);
    // Ids not in the rides are skipped; rides not in the order come after it.
    expect([...revealedRideIds(rides, [9, 3], 3)]).toEqual([3, 0, 1]);
    expect(revealedRideIds(rides, [], Infinity).size).toBe(4);
  });

  it('hides unrevealed rides, or ghosts them, and ghosts unrevealed ancestors of revealed ones', () => {
    const rows = rideTreeRows([ride(0, null, [0]), ride(1, 0, [0, 0]), ride(2, null, [1])]);
    const hidden = nodeVisibility(rows, new Set([0]), false);
    expect(hidden.get(ROOT_KEY)).toBe('shown');
    expect([hidden.get('r0'), hidden.get('r1'), hidden.get('r2')]).toEqual(['shown', 'hidden', 'hidden']);
    expect(nodeVisibility(rows, new Set([0]), true).get('r2')).toBe('ghost');
    const odd = nodeVisibility(rows, new Set([1]), false);
    expect([odd.get('r0'), odd.get('r1')]).toEqual(['ghost', 'shown']);
  });
});

describe('ride tree layout', () => {
  it('puts the start at the left and children one column right of their parent', () => {
    const lay = layoutRideTree(rideTreeRows(randomTree(20, 3)), 'start (0, 0)\nL = 1');
    const byKey = new Map(lay.nodes.map((n) => [n.row.key, n]));
    const root = byKey.get(ROOT_KEY)!;
    expect(root.x).toBe(0);
    for (const l of lay.links) {
      expect(l.target.x - l.source.x).toBeCloseTo(lay.columnWidth, 9);
      expect(l.target.depth).toBe(l.source.depth + 1);
    }
    expect(lay.nodes.every((n) => n.x >= root.x)).toBe(true);
    expect(byKey.get(rideKey(5))!.lines[0]).toBe(fingerprintLabel(randomTree(20, 3)[5]!.fingerprint));
  });

  it('draws edges from right of the parent label (or the start circle) to the child circle', () => {
    const lay = layoutRideTree(rideTreeRows(randomTree(20, 4)), 'start');
    for (const l of lay.links) {
      const nums = rideLinkPath(l.source, l.target, 6).match(/-?[\d.e+-]+/g)!.map(Number);
      const [x0, y0] = nums;
      const [x1, y1] = nums.slice(-2);
      expect(x0).toBeGreaterThanOrEqual(l.source.row.ride ? l.source.box.x1 : l.source.x + 6);
      expect(x0).toBeLessThan(l.target.box.x0);
      expect(y0).toBeCloseTo(l.source.y, 9);
      expect([x1, y1]).toEqual([l.target.x, l.target.y]);
    }
  });

  it('orders siblings by their last ridge index', () => {
    const lay = layoutRideTree(rideTreeRows([ride(0, null, [3]), ride(1, null, [0]), ride(2, null, [2]), ride(3, null, [1])]), 's');
    const ys = [1, 3, 2, 0].map((id) => lay.nodes.find((n) => n.row.id === id)!.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('keeps node label boxes apart', () => {
    for (const seed of [1, 2, 3]) {
      const lay = layoutRideTree(rideTreeRows(randomTree(60, seed)), 'start');
      const boxes = lay.nodes.map((n) => n.box);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `nodes ${i}, ${j} (seed ${seed})`).toBe(false);
      }
    }
  });

  it('fits every node inside the container for 1, 4, 20 and 60 rides', () => {
    const sizes: [number, number][] = [[320, 200], [480, 360], [900, 600], [1400, 300], [200, 900]];
    for (const n of [0, 1, 4, 20, 60]) {
      const lay = layoutRideTree(rideTreeRows(randomTree(n, 10 + n)), 'start (0.12, −0.34), L = 1.25');
      expect(lay.nodes.length).toBe(n + 1);
      for (const [w, h] of sizes) {
        for (const top of [0, 22]) {
          const t = fitTransform(lay.bounds, w, h, 10, top);
          expect(t.k).toBeGreaterThan(0);
          expect(t.k).toBeLessThanOrEqual(1);
          for (const node of lay.nodes) {
            const b = boxApply(node.box, t);
            expect(inside(b, w, h), `${n} rides in ${w}×${h}: ${JSON.stringify(b)}`).toBe(true);
            expect(b.y0).toBeGreaterThanOrEqual(top);
          }
        }
      }
    }
  });

  it('does not magnify small trees and shrinks large ones', () => {
    const small = layoutRideTree(rideTreeRows(randomTree(1, 1)), 'start');
    expect(fitTransform(small.bounds, 1000, 800).k).toBe(1);
    const big = layoutRideTree(rideTreeRows(randomTree(60, 1)), 'start');
    expect(fitTransform(big.bounds, 400, 300).k).toBeLessThan(1);
  });
});

// Type-level check that every EndReason has a badge (fails to compile when one is added without a badge).
const _allBadges: Record<EndReason, string> = END_REASON_BADGES;

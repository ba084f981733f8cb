import { stratify, tree, type HierarchyPointNode } from 'd3-hierarchy';
import {
  endReasonBadge, fingerprintLabel, rideDetailLabel, textWidth, type OrphanReason, type RideNodeInput,
} from './rideTreeLabels';

/**
 * Pure layout of the Ridge Rider search tree (no DOM): the hierarchy from a list of rides, replay visibility, the
 * highlighted path, and a tidy tree (d3-hierarchy, Reingold–Tilford) laid out left to right: the start point at
 * the left, one column per branching depth, siblings one row apart. Left to right keeps every label horizontal and
 * beside its node; the column width is the widest label, so no label reaches the next column, and rows are a label
 * block high, so no two labels overlap. Large trees are scaled to fit (fitTransform) and zoomed by the user.
 */

/** Key of the virtual root (the start point); rides are keyed `r<id>`. */
export const ROOT_KEY = 'start';
export const rideKey = (id: number): string => `r${id}`;

/** A row for d3 stratify: the root (id null) or a ride with the key of the node it hangs from. */
export interface TreeRow {
  readonly key: string;
  readonly id: number | null;
  readonly parentKey: string | null;
  readonly ride: RideNodeInput | null;
  /** Set when the ride hangs from the start although its `parent` is set (a parent not in the list, or a loop). */
  readonly orphan: OrphanReason | null;
}

/**
 * The rows of the tree, the root first, then the rides in list order. Never throws: a duplicate id keeps its first
 * ride; a ride whose parent is not in the list (a capped search, a partial list) or whose parent chain loops hangs
 * from the root with `orphan` set; rides with non-finite ids are dropped.
 */
export function rideTreeRows(rides: readonly RideNodeInput[]): TreeRow[] {
  const byId = new Map<number, RideNodeInput>();
  for (const r of rides) if (Number.isFinite(r.id) && !byId.has(r.id)) byId.set(r.id, r);
  const parent = new Map<number, number | null>();
  const orphan = new Map<number, OrphanReason>();
  for (const [id, r] of byId) {
    if (r.parent === null || r.parent === undefined) parent.set(id, null);
    else if (!byId.has(r.parent)) { parent.set(id, null); orphan.set(id, 'missing-parent'); }
    else parent.set(id, r.parent);
  }
  // Break loops: walk up from each ride; the first id met twice is cut from its parent.
  const grounded = new Set<number>();
  for (const id of byId.keys()) {
    const seen: number[] = [];
    const onWalk = new Set<number>();
    let cur: number | null = id;
    while (cur !== null && !grounded.has(cur)) {
      if (onWalk.has(cur)) { parent.set(cur, null); orphan.set(cur, 'cycle'); break; }
      onWalk.add(cur);
      seen.push(cur);
      cur = parent.get(cur) ?? null;
    }
    for (const s of seen) grounded.add(s);
  }
  const rows: TreeRow[] = [{ key: ROOT_KEY, id: null, parentKey: null, ride: null, orphan: null }];
  for (const [id, r] of byId) {
    const p = parent.get(id) ?? null;
    rows.push({ key: rideKey(id), id, parentKey: p === null ? ROOT_KEY : rideKey(p), ride: r, orphan: orphan.get(id) ?? null });
  }
  return rows;
}

/**
 * The rides shown after `revealed` steps of a replay: the first `revealed` ids of the search order. `order` is
 * filtered to ids in `rides` (first occurrence); rides missing from it follow in list order, so an empty order with
 * revealed = Infinity shows every ride. NaN or negative `revealed` shows none.
 */
export function revealedRideIds(rides: readonly RideNodeInput[], order: readonly number[], revealed: number): Set<number> {
  const ids = new Set(rides.map((r) => r.id));
  const seq: number[] = [];
  const inSeq = new Set<number>();
  for (const id of [...order, ...rides.map((r) => r.id)]) {
    if (ids.has(id) && !inSeq.has(id)) { inSeq.add(id); seq.push(id); }
  }
  const n = revealed >= seq.length ? seq.length : revealed > 0 ? Math.floor(revealed) : 0;
  return new Set(seq.slice(0, n));
}

/** Ride ids from `id` up to its top-level ride (following the rows' parents, loops already cut); empty if unknown. */
export function pathToRoot(rows: readonly TreeRow[], id: number | null): number[] {
  if (id === null) return [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: number[] = [];
  let row = byKey.get(rideKey(id));
  while (row && row.id !== null && out.length < rows.length) {
    out.push(row.id);
    row = row.parentKey === null ? undefined : byKey.get(row.parentKey);
  }
  return out;
}

/** 'shown': revealed; 'ghost': faint (not revealed yet, with ghosting on, or an unrevealed ancestor of a revealed ride). */
export type NodeVisibility = 'shown' | 'ghost' | 'hidden';

/** Visibility per row key; the root is always shown. */
export function nodeVisibility(rows: readonly TreeRow[], revealed: ReadonlySet<number>, ghost: boolean): Map<string, NodeVisibility> {
  const vis = new Map<string, NodeVisibility>();
  for (const r of rows) vis.set(r.key, r.id === null || revealed.has(r.id) ? 'shown' : ghost ? 'ghost' : 'hidden');
  for (const r of rows) {
    if (r.id === null || !revealed.has(r.id)) continue;
    for (const a of pathToRoot(rows, r.id)) if (vis.get(rideKey(a)) === 'hidden') vis.set(rideKey(a), 'ghost');
  }
  return vis;
}

/** Sizes of the layout in CSS pixels (before the fit scale). */
export interface RideTreeMetrics {
  /** Distance between sibling rows. */
  readonly rowHeight: number;
  readonly radius: number;
  readonly fontSize: number;
  readonly detailFontSize: number;
  /** Space between a node's label block and the next column's circles. */
  readonly gap: number;
  /** Space between a circle and its label. */
  readonly labelGap: number;
}

export const RIDE_TREE_METRICS: RideTreeMetrics = { rowHeight: 34, radius: 6, fontSize: 11, detailFontSize: 9.5, gap: 26, labelGap: 6 };

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A placed node: (x, y) is the circle's centre; `box` holds the circle and its labels. */
export interface PlacedNode {
  readonly row: TreeRow;
  readonly depth: number;
  readonly x: number;
  readonly y: number;
  readonly box: Box;
  /** Label lines: the root's label lines, or [fingerprint, detail] of a ride. */
  readonly lines: readonly string[];
  readonly badge: string;
}

export interface RideTreeLayout {
  readonly nodes: readonly PlacedNode[];
  /** One per ride: from its parent (or the root) to it. */
  readonly links: readonly { readonly source: PlacedNode; readonly target: PlacedNode }[];
  readonly bounds: Box;
  readonly columnWidth: number;
}

/** Width of a ride's label block: fingerprint + badge on line 1, detail on line 2. */
function labelWidth(lines: readonly string[], badge: string, m: RideTreeMetrics): number {
  return Math.max(textWidth(`${lines[0] ?? ''}  `, m.fontSize) + textWidth(badge, m.detailFontSize), textWidth(lines[1] ?? '', m.detailFontSize));
}

/** The root's label lines (split on "\n"), drawn left of the start node, right-aligned. */
export const rootLabelLines = (label: string): string[] => (label ? label.split('\n') : []);

/**
 * Lays out the rows (rideTreeRows) from the start at (0, 0) to the right. Siblings are ordered by their last
 * ridge index, then id. Every ride gets a column slot, revealed or not, so a replay never moves a node. `compact`
 * (a narrow screen) labels each ride with its own branch choice only (the last entry of its fingerprint, e.g. "1−":
 * the path to it spells the rest), and the start as "start", so that the tree fits a phone's width at a legible
 * size; the whole fingerprint, the end reason and the details stay in each node's tooltip and accessible name.
 */
export function layoutRideTree(rows: readonly TreeRow[], rootLabel: string, m: RideTreeMetrics = RIDE_TREE_METRICS, compact = false): RideTreeLayout {
  const labels = new Map<string, { lines: string[]; badge: string }>();
  let widest = 0;
  for (const r of rows) {
    if (!r.ride) continue;
    const fp = r.ride.fingerprint;
    const l = {
      lines: compact ? [fingerprintLabel(fp.slice(-1))] : [fingerprintLabel(fp), rideDetailLabel(r.ride)], badge: compact ? '' : endReasonBadge(r.ride.endReason),
    };
    labels.set(r.key, l);
    widest = Math.max(widest, labelWidth(l.lines, l.badge, m));
  }
  const columnWidth = 2 * m.radius + m.labelGap + widest + m.gap;
  const root = stratify<TreeRow>().id((r) => r.key).parentId((r) => r.parentKey)(rows as TreeRow[]);
  const lastIndex = (r: TreeRow) => r.ride?.fingerprint[r.ride.fingerprint.length - 1] ?? 0;
  root.sort((a, b) => lastIndex(a.data) - lastIndex(b.data) || (a.data.id ?? 0) - (b.data.id ?? 0));
  const placed = tree<TreeRow>().nodeSize([m.rowHeight, columnWidth]).separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(root);

  const rootLines = compact ? ['start'] : rootLabelLines(rootLabel);
  const lineH = m.fontSize * 1.25;
  const byNode = new Map<HierarchyPointNode<TreeRow>, PlacedNode>();
  const nodes: PlacedNode[] = [];
  for (const d of placed.descendants()) {
    const x = d.y;
    const y = d.x;
    let box: Box;
    let lines: readonly string[];
    let badge = '';
    if (d.data.ride === null) {
      lines = rootLines;
      const w = Math.max(0, ...rootLines.map((s) => textWidth(s, m.fontSize)));
      const h = Math.max(2 * m.radius, rootLines.length * lineH);
      box = { x0: x - m.radius - (w > 0 ? m.labelGap + w : 0), y0: y - h / 2 - 2, x1: x + m.radius + 2, y1: y + h / 2 + 2 };
    } else {
      const l = labels.get(d.data.key)!;
      lines = l.lines;
      badge = l.badge;
      box = {
        x0: x - m.radius - 2, y0: y - m.fontSize - 3,
        x1: x + m.radius + m.labelGap + labelWidth(l.lines, l.badge, m), y1: y + 5 + m.detailFontSize * 1.2,
      };
    }
    const p: PlacedNode = { row: d.data, depth: d.depth, x, y, box, lines, badge };
    byNode.set(d, p);
    nodes.push(p);
  }
  const links = placed.links().map((l) => ({ source: byNode.get(l.source)!, target: byNode.get(l.target)! }));
  const bounds = nodes.reduce<Box>((b, n) => ({
    x0: Math.min(b.x0, n.box.x0), y0: Math.min(b.y0, n.box.y0), x1: Math.max(b.x1, n.box.x1), y1: Math.max(b.y1, n.box.y1),
  }), { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity });
  return { nodes, links, bounds, columnWidth };
}

/**
 * Horizontal cubic from the parent to the child's circle. It leaves a ride from the end of its label block (so no
 * edge crosses a label; the block's width is an estimate, a little generous) and the start from its circle.
 */
export function rideLinkPath(s: PlacedNode, t: PlacedNode, radius: number): string {
  const x0 = s.row.ride ? s.box.x1 + 2 : s.x + radius;
  const mx = (x0 + t.x) / 2;
  return `M${x0},${s.y}C${mx},${s.y} ${mx},${t.y} ${t.x},${t.y}`;
}

/** A uniform scale k and translation: screen = k · layout + (x, y). */
export interface FitXf {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The transform that fits `bounds` centred into width × height less `pad` on every side and `top` above (a
 * title), never magnifying past `maxScale`: wide or deep trees shrink to fit, small ones keep their size.
 */
export function fitTransform(bounds: Box, width: number, height: number, pad = 10, top = 0, maxScale = 1): FitXf {
  const aw = Math.max(1, width - 2 * pad);
  const ah = Math.max(1, height - top - 2 * pad);
  const bw = Math.max(1e-9, bounds.x1 - bounds.x0);
  const bh = Math.max(1e-9, bounds.y1 - bounds.y0);
  const k = Math.min(maxScale, aw / bw, ah / bh);
  return { k, x: pad + (aw - bw * k) / 2 - bounds.x0 * k, y: top + pad + (ah - bh * k) / 2 - bounds.y0 * k };
}

/** A box under a fit transform. */
export const boxApply = (b: Box, t: FitXf): Box => ({ x0: t.k * b.x0 + t.x, y0: t.k * b.y0 + t.y, x1: t.k * b.x1 + t.x, y1: t.k * b.y1 + t.y });

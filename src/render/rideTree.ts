import { select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { createFrameScheduler } from './frameScheduler';
import { endReasonBadge, endReasonColor, fingerprintLabel, rideDetailLabel, rideTooltip, type RideNodeInput } from '../charts/rideTreeLabels';
import {
  fitTransform, layoutRideTree, nodeVisibility, rideLinkPath, pathToRoot, revealedRideIds, rideTreeRows, RIDE_TREE_METRICS,
  type FitXf, type NodeVisibility, type PlacedNode, type RideTreeLayout, type RideTreeMetrics, type TreeRow,
} from '../charts/rideTreeLayout';
import { FONT_FAMILY, SVG_NS } from './svgScaffold';

/**
 * The Ridge Rider search tree (Parker-Holder et al. 2020, Algorithm 1): the start point at the left, one node per
 * ride (a circle in the ride's path colour, its fingerprint, λ at its start, its end loss and an end-reason
 * badge), edges from parent to child, the highlighted ride's path to the start drawn thick, and rides past the
 * replay position hidden (or ghosted). d3 owns the <svg>; the caller owns `container` (architecture.md,
 * convention 8). update() merges a patch and redraws once on the next animation frame. The tree is fitted to the
 * container (shrunk, never magnified past 1); wheel/drag zoom and pan on top of the fit, double-click resets.
 * Nodes are focusable: focus = hover, Enter/Space = click. Every style is a presentation attribute, so toSvg()
 * is a clone of the drawing.
 */

export type { RideNodeInput } from '../charts/rideTreeLabels';

/** What the tree draws; update() takes any subset. Arrays are compared by reference: pass new ones on change. */
export interface RideTreeState {
  readonly rides: readonly RideNodeInput[];
  /** Ride ids in search order (RidgeRiderResult.order); rides not listed count as coming after it. */
  readonly order: readonly number[];
  /** How many rides of `order` are shown (replay); Infinity: all. */
  readonly revealed: number;
  /** Ride whose path to the start is drawn thick; null: none. */
  readonly highlighted: number | null;
  /** Label of the start node, e.g. "start (0.1, −0.3)\nL = 1.25"; "\n" breaks lines. */
  readonly rootLabel: string;
  /** Heading above the tree; empty or absent: none. */
  readonly title?: string;
}

export interface RideTreeOptions {
  /** Ride under the pointer or focused; null when it leaves. */
  readonly onHover?: (id: number | null) => void;
  /** A click on a ride, or Enter/Space on a focused one. */
  readonly onClick?: (id: number) => void;
  /** Draw rides past the replay position as faint dashed outlines instead of hiding them (default false). */
  readonly ghostUnrevealed?: boolean;
  /** Largest fit scale (default 1: small trees are not magnified). */
  readonly maxScale?: number;
  readonly metrics?: Partial<RideTreeMetrics>;
  /** Colour of labels and the start node (default '#222'). */
  readonly textColor?: string;
  /** Accessible name (default 'Ridge Rider search tree'). */
  readonly ariaLabel?: string;
  readonly initial?: Partial<RideTreeState>;
}

export interface RideTreeView {
  /** Merges a patch and schedules one redraw on the next animation frame. */
  update(patch: Partial<RideTreeState>): void;
  /** Draws now if a redraw is pending. */
  flush(): void;
  state(): RideTreeState;
  /** The current layout (node positions before the fit transform). */
  layout(): RideTreeLayout;
  /** Back to the fitted view (undoes the user's zoom/pan). */
  resetZoom(): void;
  /** A standalone SVG document of the whole tree at its natural size (scale 1), white background. */
  toSvg(): string;
  destroy(): void;
}

/** Below this fit scale the labels are too small to read: the tree is drawn at it and scrolls. */
const MIN_LEGIBLE_SCALE = 0.8;

/** Containers narrower than this draw compact labels (fingerprint and badge). */
const COMPACT_BELOW_PX = 520;

const DEFAULT_STATE: RideTreeState = { rides: [], order: [], revealed: Infinity, highlighted: null, rootLabel: 'start', title: '' };
const PAD = 10;
const TITLE_H = 22;
const EDGE = '#a0a0a0';
const HALO = { stroke: '#ffffff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

type G = Selection<SVGGElement, unknown, null, undefined>;

type TextSel = Selection<SVGTextElement, unknown, null, undefined>;

function attrs(sel: TextSel, a: Record<string, string | number>): TextSel {
  for (const [k, v] of Object.entries(a)) sel.attr(k, v);
  return sel;
}

export function createRideTree(container: HTMLElement, opts: RideTreeOptions = {}): RideTreeView {
  const m: RideTreeMetrics = { ...RIDE_TREE_METRICS, ...opts.metrics };
  const textColor = opts.textColor ?? '#222';
  const ghost = opts.ghostUnrevealed ?? false;
  let state: RideTreeState = { ...DEFAULT_STATE, ...opts.initial };

  const svgEl = document.createElementNS(SVG_NS, 'svg');
  const svg = select(svgEl).attr('xmlns', SVG_NS).attr('font-family', FONT_FAMILY).attr('font-size', m.fontSize)
    .attr('fill', textColor).attr('role', 'group').attr('aria-label', opts.ariaLabel ?? 'Ridge Rider search tree')
    .attr('style', 'display:block;touch-action:none;user-select:none;-webkit-user-select:none');
  container.append(svgEl);
  const bg = svg.append('rect').attr('data-layer', 'bg').attr('fill', 'transparent').attr('width', '100%').attr('height', '100%');
  const title = svg.append('text').attr('x', PAD).attr('y', 16).attr('font-size', 13).attr('font-weight', 600);
  const zoomG: G = svg.append('g').attr('data-layer', 'zoom');
  const fitG: G = zoomG.append('g').attr('data-layer', 'fit');
  const linksG: G = fitG.append('g').attr('data-layer', 'links').attr('fill', 'none');
  const nodesG: G = fitG.append('g').attr('data-layer', 'nodes');

  // Derived data, memoized on input references.
  let rowsFor: readonly RideNodeInput[] | null = null;
  let rows: TreeRow[] = [];
  let layoutKey: [TreeRow[], string, boolean] | null = null;
  let lay: RideTreeLayout = layoutRideTree(rideTreeRows([]), state.rootLabel, m);
  /** Narrow containers (a phone) get the compact labels, so that the tree fits at a legible size. */
  const compact = () => container.clientWidth > 0 && container.clientWidth < COMPACT_BELOW_PX;
  const derive = () => {
    if (rowsFor !== state.rides) { rows = rideTreeRows(state.rides); rowsFor = state.rides; }
    const c = compact();
    if (!layoutKey || layoutKey[0] !== rows || layoutKey[1] !== state.rootLabel || layoutKey[2] !== c) {
      lay = layoutRideTree(rows, state.rootLabel, m, c);
      layoutKey = [rows, state.rootLabel, c];
    }
  };

  let fit: FitXf = { k: 1, x: 0, y: 0 };
  let fitFor: RideTreeLayout | null = null;
  let user: ZoomTransform = zoomIdentity;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.25, 16])
    // A compact (phone) tree scrolls with a finger; the mouse wheel and drags still zoom and pan.
    .filter((e: Event) => (e.type === 'wheel' || !(e as MouseEvent).button) && !(compact() && e.type.startsWith('touch')))
    .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => {
      user = e.transform;
      zoomG.attr('transform', user.toString());
    });
  select(svgEl).call(behavior).on('dblclick.zoom', null).on('dblclick', (e: MouseEvent) => {
    if (e.target === bg.node() || e.target === svgEl) view.resetZoom();
  });

  /** Pans a focused node into view when the user's zoom has it off screen. */
  const ensureVisible = (p: PlacedNode) => {
    const fx = fit.k * p.x + fit.x;
    const fy = fit.k * p.y + fit.y;
    const [sx, sy] = user.apply([fx, fy]);
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w > 0 && h > 0 && (sx < PAD || sy < PAD || sx > w - PAD || sy > h - PAD)) behavior.translateTo(select(svgEl), fx, fy);
  };

  const hover = (id: number | null) => opts.onHover?.(id);
  // What each element was last styled from: the layout object and a signature of its look. Attributes are set only
  // when either changed (a replay step or a hover then touches a few of 60 nodes; an unchanged DOM costs no relayout).
  const styled = new WeakMap<Element, { ref: unknown; sig: string }>();
  const restyle = (el: Element, ref: unknown, sig: string): boolean => {
    const prev = styled.get(el);
    if (prev && prev.ref === ref && prev.sig === sig) return false;
    styled.set(el, { ref, sig });
    return true;
  };
  let drawnTitle: string | null = null;
  let drawnSize = '';

  /** Draws the nodes and links (size-independent) and, when the container has a size, the fit. */
  const draw = () => {
    derive();
    const revealed = revealedRideIds(state.rides, state.order, state.revealed);
    const vis = nodeVisibility(rows, revealed, ghost);
    const path = new Set(pathToRoot(rows, state.highlighted).filter((id) => revealed.has(id)));
    const visOf = (n: PlacedNode): NodeVisibility => vis.get(n.row.key) ?? 'hidden';
    const onPath = (n: PlacedNode) => n.row.id === null ? path.size > 0 : path.has(n.row.id);

    type Link = { source: PlacedNode; target: PlacedNode };
    linksG.selectAll<SVGPathElement, Link>('path')
      .data(lay.links.filter((l) => visOf(l.target) !== 'hidden'), (l) => l.target.row.key)
      .join('path')
      .each(function (l) {
        const v = visOf(l.target);
        const hl = onPath(l.target);
        if (!restyle(this, l, `${v}|${hl}`)) return;
        select(this).attr('d', rideLinkPath(l.source, l.target, m.radius)).attr('stroke', hl ? textColor : EDGE)
          .attr('stroke-width', hl ? 3 : 1.25).attr('stroke-dasharray', v === 'ghost' || l.target.row.orphan ? '4 3' : null)
          .attr('opacity', v === 'ghost' ? 0.4 : null);
      });

    // Rides in search order, so Tab walks the tree as the search did; the start first.
    const rank = new Map<number, number>();
    state.order.forEach((id, i) => { if (!rank.has(id)) rank.set(id, i); });
    const shown = lay.nodes.filter((n) => visOf(n) !== 'hidden')
      .sort((a, b) => (a.row.id === null ? -1 : b.row.id === null ? 1
        : (rank.get(a.row.id) ?? Infinity) - (rank.get(b.row.id) ?? Infinity) || a.row.id - b.row.id));
    nodesG.selectAll<SVGGElement, PlacedNode>('g.node')
      .data(shown, (n) => n.row.key)
      .join((enter) => enter.append('g').attr('class', 'node').each(function (n) { buildNode(select(this), n); }))
      .order()
      .each(function (n) {
        // Restyle only nodes whose look changed (a replay step or a hover touches a few of 60).
        if (!restyle(this, n, `${visOf(n)}|${onPath(n)}|${n.row.id === state.highlighted}`)) return;
        styleNode(select(this), n, visOf(n), onPath(n), n.row.id === state.highlighted);
      });

    if (drawnTitle !== (state.title ?? '')) {
      drawnTitle = state.title ?? '';
      title.text(drawnTitle).attr('display', drawnTitle ? null : 'none');
    }
    const w = container.clientWidth;
    const top = drawnTitle ? TITLE_H : 0;
    // Compact (narrow) trees fit the width only, at a legible scale, and are as tall as they need to be: the
    // container scrolls. Others fit the container.
    const tall = layoutKey?.[2] === true;
    const b = lay.bounds;
    const h = tall ? Math.ceil(Math.min(opts.maxScale ?? 1, Math.max(0.6, (w - 2 * PAD) / Math.max(1, b.x1 - b.x0))) * (b.y1 - b.y0) + 2 * PAD + top)
      : container.clientHeight;
    const sizeKey = `${w},${h},${drawnTitle !== ''}`;
    if (w > 0 && h > 0 && (sizeKey !== drawnSize || fitFor !== lay)) {
      drawnSize = sizeKey;
      fitFor = lay;
      svg.attr('width', w).attr('height', h);
      fit = fitTransform(lay.bounds, w, h, PAD, top, opts.maxScale ?? 1);
      if (tall && fit.k < 0.6) fit = { k: 0.6, x: PAD - b.x0 * 0.6, y: top + PAD - b.y0 * 0.6 };
      if (!tall && fit.k < MIN_LEGIBLE_SCALE) {
        // Too big to fit legibly (a wide search in a short dock): keep the labels readable, fit the width when that
        // allows it, and let the container scroll (and the tree pan) instead.
        const k = Math.max(MIN_LEGIBLE_SCALE, Math.min(opts.maxScale ?? 1, (w - 2 * PAD) / Math.max(1, b.x1 - b.x0)));
        const spare = Math.max(0, w - 2 * PAD - k * (b.x1 - b.x0));
        fit = { k, x: PAD + spare / 2 - b.x0 * k, y: top + PAD - b.y0 * k };
        svg.attr('height', Math.ceil(k * (b.y1 - b.y0) + 2 * PAD + top));
      }
      fitG.attr('transform', `translate(${fit.x},${fit.y}) scale(${fit.k})`);
      svg.style('touch-action', tall ? 'pan-y' : 'none');
    }
  };

  /** The parts of a node; the data bound to the group decides the rest at each draw (styleNode). */
  const buildNode = (g: G, n: PlacedNode) => {
    g.append('circle').attr('data-part', 'ring').attr('fill', 'none');
    g.append('circle').attr('data-part', 'dot').attr('r', m.radius);
    g.append('title');
    if (n.row.id === null) {
      g.append('text').attr('data-part', 'root').attr('text-anchor', 'end').attr('x', -m.radius - m.labelGap);
      return;
    }
    const id = n.row.id;
    const t1 = attrs(g.append('text'), { ...HALO, 'data-part': 'fp', x: m.radius + m.labelGap, y: -4, 'font-weight': 600 });
    t1.append('tspan').attr('data-part', 'fp-text');
    t1.append('tspan').attr('data-part', 'badge').attr('font-size', m.detailFontSize).attr('font-weight', 500);
    attrs(g.append('text'), { ...HALO, 'data-part': 'detail', x: m.radius + m.labelGap, y: 5 + m.detailFontSize * 0.85 })
      .attr('font-size', m.detailFontSize).attr('fill', '#555');
    g.attr('cursor', 'pointer').attr('role', 'button')
      .on('pointerenter', () => hover(id)).on('pointerleave', () => hover(null))
      .on('focus', function (this: SVGGElement) {
        hover(id);
        const d = select<SVGGElement, PlacedNode>(this).datum();
        ensureVisible(d);
      })
      .on('blur', () => hover(null))
      .on('click', () => opts.onClick?.(id))
      .on('keydown', (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); opts.onClick?.(id); }
      });
  };

  const styleNode = (g: G, n: PlacedNode, v: NodeVisibility, highlightedPath: boolean, isTarget: boolean) => {
    g.attr('transform', `translate(${n.x},${n.y})`).attr('opacity', v === 'ghost' ? 0.4 : null);
    g.select('[data-part="ring"]').attr('r', m.radius + (isTarget ? 4 : 3)).attr('stroke', textColor)
      .attr('stroke-width', isTarget ? 2.5 : 1.5).attr('display', highlightedPath ? null : 'none');
    const dot = g.select('[data-part="dot"]');
    if (n.row.ride === null) {
      dot.attr('fill', '#ffffff').attr('stroke', textColor).attr('stroke-width', 2);
      g.select('[data-part="root"]').selectAll('tspan').data(n.lines).join('tspan')
        .attr('x', -m.radius - m.labelGap).attr('dy', (_, i) => (i === 0 ? `${0.35 - (n.lines.length - 1) * 0.625}em` : '1.25em'))
        .text((s) => s);
      g.select('title').text(n.lines.join('\n'));
      return;
    }
    const r = n.row.ride;
    dot.attr('fill', v === 'ghost' ? 'none' : r.color).attr('stroke', v === 'ghost' ? r.color : '#ffffff')
      .attr('stroke-width', 1.5).attr('stroke-dasharray', v === 'ghost' ? '2 2' : null);
    g.attr('tabindex', v === 'shown' ? 0 : null).attr('aria-hidden', v === 'shown' ? null : 'true')
      .attr('aria-label', `Ride ${r.id}, ${fingerprintLabel(r.fingerprint)}, ${rideDetailLabel(r)}, ${endReasonBadge(r.endReason)}`);
    g.select('[data-part="fp-text"]').text(n.lines[0] ?? '');
    g.select('[data-part="badge"]').attr('dx', '0.6em').attr('fill', endReasonColor(r.endReason)).text(n.badge);
    g.select('[data-part="detail"]').text(n.lines[1] ?? '');
    g.select('title').text(rideTooltip(r, n.row.orphan));
  };

  const scheduler = createFrameScheduler(draw);
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  scheduler.request();

  const view: RideTreeView = {
    update(patch) {
      state = { ...state, ...patch };
      scheduler.request();
    },
    flush: () => scheduler.flush(),
    state: () => state,
    layout: () => { derive(); return lay; },
    resetZoom() {
      select(svgEl).call(behavior.transform, zoomIdentity);
    },
    toSvg() {
      scheduler.flush();
      if (!layoutKey) draw();
      const top = state.title ? TITLE_H : 0;
      const b = lay.bounds;
      const width = Math.ceil(b.x1 - b.x0 + 2 * PAD);
      const height = Math.ceil(b.y1 - b.y0 + 2 * PAD + top);
      const clone = svgEl.cloneNode(true) as SVGSVGElement;
      clone.removeAttribute('style');
      for (const [k, v] of Object.entries({ xmlns: SVG_NS, version: '1.1', width, height, viewBox: `0 0 ${width} ${height}` })) {
        clone.setAttribute(k, String(v));
      }
      clone.querySelector('[data-layer="bg"]')?.setAttribute('fill', '#ffffff');
      clone.querySelector('[data-layer="zoom"]')?.removeAttribute('transform');
      clone.querySelector('[data-layer="fit"]')?.setAttribute('transform', `translate(${PAD - b.x0},${PAD + top - b.y0})`);
      clone.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
      const text = new XMLSerializer().serializeToString(clone);
      return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${text}`;
    },
    destroy() {
      scheduler.cancel();
      ro?.disconnect();
      select(svgEl).on('.zoom', null).on('dblclick', null);
      svgEl.remove();
    },
  };
  return view;
}

import { hierarchy, tree as treeLayout, type HierarchyPointNode } from 'd3-hierarchy';
import { select } from 'd3-selection';
import type { TreeJson } from '../envs/binaryTree';
import { createFrameScheduler } from './frameScheduler';
import { exportSvgDocument } from './svgDocument';
import { FONT_FAMILY, SVG_NS } from './svgScaffold';

/**
 * The tree MDP of Ridge Rider's RL experiment as a picture (Parker-Holder et al. 2020, Fig. 2 left): the root at the
 * left, decision nodes as dots, leaves as squares coloured by their reward (blue positive, red negative, as in the
 * paper). Given a policy, each edge is as thick as the probability of taking it from the root and labelled with
 * p(branch | node); leaves found by Ridge Rider carry the fingerprint of the ride that found them. d3 owns the <svg>;
 * the caller owns `container`. Every style is a presentation attribute, so toSvg() is a clone.
 */
export interface MdpTreeState {
  readonly tree: TreeJson | null;
  /** p(right | node) per decision node in increasing node index (θ's order), or null: no policy drawn. */
  readonly pRight: ArrayLike<number> | null;
  /** Labels next to leaves (a ride's fingerprint), by node index. */
  readonly tags: ReadonlyMap<number, string>;
  /** A leaf drawn with a ring (the one the highlighted ride found); null: none. */
  readonly highlightLeaf: number | null;
  readonly title: string;
}

export interface MdpTreeOptions {
  readonly onLeafHover?: (leaf: number | null) => void;
  readonly onLeafClick?: (leaf: number) => void;
  readonly ariaLabel?: string;
}

export interface MdpTreeView {
  update(patch: Partial<MdpTreeState>): void;
  toSvg(): string;
  destroy(): void;
}

export const POSITIVE_COLOR = '#0072B2';
export const NEGATIVE_COLOR = '#D55E00';

interface Node { readonly id: number; readonly children?: Node[] }

/** The nested form d3-hierarchy reads (node indices; children left then right). */
function nested(t: TreeJson, id = 0): Node {
  const ch = t.nodes[id]!.children;
  return ch ? { id, children: [nested(t, ch[0]), nested(t, ch[1])] } : { id };
}

export function createMdpTree(container: HTMLElement, opts: MdpTreeOptions = {}): MdpTreeView {
  let state: MdpTreeState = { tree: null, pRight: null, tags: new Map(), highlightLeaf: null, title: '' };
  const svgEl = document.createElementNS(SVG_NS, 'svg');
  const svg = select(svgEl).attr('xmlns', SVG_NS).attr('font-family', FONT_FAMILY).attr('font-size', 11).attr('fill', '#222')
    .attr('role', 'img').attr('aria-label', opts.ariaLabel ?? 'The tree MDP').attr('preserveAspectRatio', 'xMidYMid meet')
    .style('width', '100%').style('height', '100%').style('display', 'block');
  container.append(svgEl);
  let size: [number, number] = [0, 0];
  let built: Built | null = null;

  /**
   * The elements, made once per tree, container size and title-or-none: a new policy, ring, tag or title only changes
   * their attributes (paint), so the leaf under the pointer stays the same element while the playhead moves and a
   * click on it is never lost to a redraw between the button's press and release.
   */
  const build = (t: TreeJson, cw: number, ch: number): Built => {
    svg.selectAll('*').remove();
    const root = hierarchy(nested(t));
    const leaves = root.leaves().length;
    const depth = root.height;
    // Spacing fitted to the container, so that the drawing's scale stays near 1 and its text readable; a large tree
    // keeps a minimum spacing and is scaled down as a whole.
    const dy = Math.max(14, Math.min(34, (ch - 46) / Math.max(1, leaves)));
    const narrow = cw < 500;
    const extra = narrow ? 130 : 160; // left margin and the leaves' labels
    const dx = Math.max(narrow ? 40 : 60, Math.min(220, (cw - extra - 40) / Math.max(1, depth)));
    const laid = treeLayout<Node>().nodeSize([dy, dx])(root);
    let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
    laid.each((n) => { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); });
    const titled = state.title !== '';
    const top = titled ? 26 : 8;
    const w = y1 - y0 + extra;
    const h = x1 - x0 + top + 20;
    size = [w, h];
    svg.attr('viewBox', `0 0 ${w} ${h}`);
    const title = titled ? svg.append('text').attr('x', 4).attr('y', 16).attr('font-size', 13).attr('font-weight', 600) : null;
    const body = svg.append('g').attr('transform', `translate(${40 - y0},${top - x0})`);
    const decisions = t.nodes.map((n, i) => (n.children ? i : -1)).filter((i) => i >= 0);
    const dIndex = new Map(decisions.map((id, k) => [id, k]));
    const edgeGroup = body.append('g').attr('fill', 'none');
    const labelGroup = body.append('g').attr('font-size', 9.5).attr('fill', '#444');
    const edges: Built['edges'][number][] = [];
    for (const link of laid.links()) {
      const a = link.source as HierarchyPointNode<Node>;
      const d = link.target as HierarchyPointNode<Node>;
      const path = edgeGroup.append('path').attr('d', `M${a.y},${a.x}C${(a.y + d.y) / 2},${a.x} ${(a.y + d.y) / 2},${d.x} ${d.y},${d.x}`).node()!;
      const label = dy >= 18
        ? labelGroup.append('text').attr('x', (a.y + d.y) / 2).attr('y', (a.x + d.x) / 2 - 3).attr('text-anchor', 'middle')
          .attr('stroke', '#fff').attr('stroke-width', 3).attr('paint-order', 'stroke').node()!
        : null;
      edges.push({ path, label, target: d.data.id, decision: dIndex.get(a.data.id)!, right: t.nodes[a.data.id]!.children![1] === d.data.id });
    }
    const nodeGroup = body.append('g');
    const leafParts: Built['leaves'][number][] = [];
    laid.each((n) => {
      const node = t.nodes[n.data.id]!;
      const g = nodeGroup.append('g').attr('transform', `translate(${n.y},${n.x})`).attr('data-node', n.data.id);
      if (node.children) {
        g.append('circle').attr('r', 3.5).attr('fill', '#555');
        return;
      }
      const id = n.data.id;
      const rw = node.reward!;
      const color = rw > 0 ? POSITIVE_COLOR : NEGATIVE_COLOR;
      g.attr('data-leaf', rw > 0 ? 'positive' : 'negative').attr('tabindex', 0);
      if (opts.onLeafClick) g.style('cursor', 'pointer');
      const ring = g.append('rect').attr('x', -10).attr('y', -10).attr('width', 20).attr('height', 20).attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 2).node()!;
      g.append('rect').attr('x', -6).attr('y', -6).attr('width', 12).attr('height', 12).attr('fill', color);
      const tip = g.append('title').node()!;
      const text = g.append('text').attr('x', 10).attr('dy', '0.35em').attr('fill', color).attr('font-weight', 600).node()!;
      if (opts.onLeafHover) { g.on('mouseenter', () => opts.onLeafHover!(id)).on('mouseleave', () => opts.onLeafHover!(null)); }
      if (opts.onLeafClick) g.on('click', () => opts.onLeafClick!(id)).on('keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') opts.onLeafClick!(id); });
      leafParts.push({ id, reward: rw, ring, tip, text });
    });
    return { tree: t, cw, ch, titled, title: title?.node() ?? null, edges, leaves: leafParts, decisions: dIndex };
  };

  /** The policy (edge widths, opacities and p labels), the ring, the tags, the leaves' tooltips and the title. */
  const paint = (b: Built) => {
    const t = b.tree;
    const p = state.pRight;
    // Reach probabilities from the root, when a policy is given.
    const reach = new Map<number, number>([[0, 1]]);
    if (p) {
      const visit = (id: number) => {
        const ch = t.nodes[id]!.children;
        if (!ch) return;
        const pr = p[b.decisions.get(id)!]!;
        reach.set(ch[0], reach.get(id)! * (1 - pr));
        reach.set(ch[1], reach.get(id)! * pr);
        visit(ch[0]);
        visit(ch[1]);
      };
      visit(0);
    }
    if (b.title) b.title.textContent = state.title;
    for (const e of b.edges) {
      const r = p ? reach.get(e.target)! : 0.5;
      e.path.setAttribute('stroke', p ? '#335' : '#9aa');
      e.path.setAttribute('stroke-opacity', String(p ? 0.25 + 0.75 * r : 1));
      e.path.setAttribute('stroke-width', String(p ? 1 + 7 * r : 1.2));
      if (e.label) {
        const pr = p ? p[e.decision]! : 0;
        e.label.textContent = p ? (e.right ? pr : 1 - pr).toFixed(2) : '';
        e.label.setAttribute('display', p ? 'inline' : 'none');
      }
    }
    for (const l of b.leaves) {
      l.ring.setAttribute('display', state.highlightLeaf === l.id ? 'inline' : 'none');
      l.tip.textContent = `leaf ${l.id}: reward ${l.reward}${p ? `, reached with probability ${reach.get(l.id)!.toPrecision(3)}` : ''}`;
      const tag = state.tags.get(l.id);
      l.text.textContent = `${l.reward > 0 ? '+' : ''}${l.reward}${tag ? `  ${tag}` : ''}`;
    }
  };

  const draw = () => {
    const t = state.tree;
    if (!t) { svg.selectAll('*').remove(); built = null; return; }
    const cw = container.clientWidth || 900;
    const ch = container.clientHeight || 600;
    if (!built || built.tree !== t || built.cw !== cw || built.ch !== ch || built.titled !== (state.title !== '')) built = build(t, cw, ch);
    paint(built);
  };
  const scheduler = createFrameScheduler(draw);
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => scheduler.request()) : null;
  ro?.observe(container);
  return {
    update(patch) { state = { ...state, ...patch }; scheduler.request(); },
    toSvg() { scheduler.flush(); return exportSvgDocument(svgEl, Math.ceil(size[0]), Math.ceil(size[1])); },
    destroy() { scheduler.cancel(); ro?.disconnect(); svgEl.remove(); },
  };
}

/** What build() made and paint() updates. */
interface Built {
  readonly tree: TreeJson;
  readonly cw: number;
  readonly ch: number;
  readonly titled: boolean;
  readonly title: SVGTextElement | null;
  readonly edges: readonly { path: SVGPathElement; label: SVGTextElement | null; target: number; decision: number; right: boolean }[];
  readonly leaves: readonly { id: number; reward: number; ring: SVGRectElement; tip: Element; text: SVGTextElement }[];
  readonly decisions: ReadonlyMap<number, number>;
}

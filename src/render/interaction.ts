import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { IDENTITY_ZOOM, inRect, pxToDataZoomed, type PlotFrame, type ZoomXf } from '../surface/coords';
import type { DataPoint } from './types';

/**
 * Zoom/pan (d3-zoom) and pointer events on the SVG overlay. During a gesture the view only re-transforms what it
 * already has (onTransform); when the gesture ends (wheel: 150 ms after the last tick; drag: on release) it
 * reports the transform once (onGestureEnd), and the view turns it into a domain. Gestures start only inside
 * the plot rectangle. Double-click does not zoom (two clicks would set the start point). A click that ends a drag
 * is not a click: d3-zoom swallows it, and a press that moved more than 4 px is ignored as well.
 */

export interface InteractionHandlers {
  readonly frame: () => PlotFrame | null;
  readonly onTransform: (t: ZoomXf) => void;
  readonly onGestureEnd: (t: ZoomXf) => void;
  readonly onHover?: (p: DataPoint | null) => void;
  readonly onClick?: (p: DataPoint) => void;
}

export interface Interaction {
  /** The transform of the gesture in progress (identity between gestures once the view has applied it). */
  transform(): ZoomXf;
  /** Back to identity without firing handlers (after the new domain is applied). */
  reset(): void;
  destroy(): void;
}

function localXY(svg: SVGSVGElement, e: Event): [number, number] | null {
  const b = svg.getBoundingClientRect();
  const te = e as TouchEvent;
  if (te.touches && te.touches.length > 0) return [te.touches[0]!.clientX - b.left, te.touches[0]!.clientY - b.top];
  const me = e as MouseEvent;
  if (typeof me.clientX === 'number') return [me.clientX - b.left, me.clientY - b.top];
  return null;
}

export function attachInteraction(svg: SVGSVGElement, h: InteractionHandlers): Interaction {
  const sel = select(svg);
  let current: ZoomXf = IDENTITY_ZOOM;
  let programmatic = false;
  let moved = false;

  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([1 / 64, 512])
    .filter((event: Event) => {
      const me = event as MouseEvent;
      if (event.type !== 'wheel' && (me.ctrlKey || me.button)) return false;
      const fr = h.frame();
      const p = localXY(svg, event);
      return !!fr && !!p && inRect(fr.rect, p[0], p[1]);
    })
    .on('start', () => { if (!programmatic) moved = false; })
    .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => {
      if (programmatic) return;
      const t = e.transform;
      if (t.k !== current.k || t.x !== current.x || t.y !== current.y) moved = true;
      current = { k: t.k, x: t.x, y: t.y };
      h.onTransform(current);
    })
    .on('end', () => {
      if (programmatic || !moved) return;
      moved = false;
      h.onGestureEnd(current);
    });
  sel.call(behavior).on('dblclick.zoom', null);

  let down: [number, number] | null = null;
  let hovering = false;
  const onDown = (e: PointerEvent) => { down = [e.clientX, e.clientY]; };
  const onMove = (e: PointerEvent) => {
    if (!h.onHover) return;
    const fr = h.frame();
    const p = localXY(svg, e);
    if (fr && p && inRect(fr.rect, p[0], p[1])) {
      const [x, y] = pxToDataZoomed(fr, current, p[0], p[1]);
      hovering = true;
      h.onHover({ x, y });
    } else if (hovering) {
      hovering = false;
      h.onHover(null);
    }
  };
  const onLeave = () => { if (hovering && h.onHover) { hovering = false; h.onHover(null); } };
  const onClick = (e: MouseEvent) => {
    const d = down;
    down = null;
    if (!h.onClick || (d && Math.hypot(e.clientX - d[0], e.clientY - d[1]) > 4)) return;
    const fr = h.frame();
    const p = localXY(svg, e);
    if (!fr || !p || !inRect(fr.rect, p[0], p[1])) return;
    const [x, y] = pxToDataZoomed(fr, current, p[0], p[1]);
    h.onClick({ x, y });
  };
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerleave', onLeave);
  svg.addEventListener('click', onClick);

  return {
    transform: () => current,
    reset() {
      current = IDENTITY_ZOOM;
      programmatic = true;
      try { sel.call(behavior.transform, zoomIdentity); } finally { programmatic = false; }
    },
    destroy() {
      sel.on('.zoom', null);
      svg.removeEventListener('pointerdown', onDown);
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerleave', onLeave);
      svg.removeEventListener('click', onClick);
    },
  };
}

import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { dataToPxZoomed, IDENTITY_ZOOM, inRect, pxToDataZoomed, type PlotFrame, type ZoomXf } from '../surface/coords';
import type { DataPoint } from './types';

/**
 * Zoom/pan (d3-zoom) and pointer events on the SVG overlay. During a gesture the view only re-transforms what it
 * already has (onTransform); when the gesture ends (wheel: 150 ms after the last tick; drag: on release) it
 * reports the transform once (onGestureEnd), and the view turns it into a domain. Gestures start only inside
 * the plot rectangle. Double-click does not zoom (two clicks would set the start point). A click that ends a drag
 * is not a click: d3-zoom swallows it, and a press that moved more than 4 px is ignored as well. A press on the
 * draggable point (the runs' start) drags it instead of panning: onDrag on every move and on release.
 */

export interface InteractionHandlers {
  readonly frame: () => PlotFrame | null;
  readonly onTransform: (t: ZoomXf) => void;
  readonly onGestureEnd: (t: ZoomXf) => void;
  readonly onHover?: (p: DataPoint | null) => void;
  readonly onClick?: (p: DataPoint) => void;
  /** A point the user can drag (the start of the runs), in data coordinates, or null. */
  readonly draggable?: () => DataPoint | null;
  /** The dragged point's new position, on every move ('move') and once on release ('end'). */
  readonly onDrag?: (p: DataPoint, phase: 'move' | 'end') => void;
}

/** A press within this many pixels of the draggable point drags it instead of panning. */
export const DRAG_GRAB_PX = 12;

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

  /** The pointer dragging the draggable point, if any. */
  let dragging: number | null = null;
  const nearDraggable = (px: number, py: number): boolean => {
    const fr = h.frame();
    const d = h.draggable?.();
    if (!fr || !d || !h.onDrag) return false;
    const [dx, dy] = dataToPxZoomed(fr, current, d.x, d.y);
    return Math.hypot(dx - px, dy - py) <= DRAG_GRAB_PX;
  };
  const dataAt = (e: Event): DataPoint | null => {
    const fr = h.frame();
    const p = localXY(svg, e);
    if (!fr || !p) return null;
    const [x, y] = pxToDataZoomed(fr, current, Math.max(fr.rect.left, Math.min(fr.rect.left + fr.rect.width, p[0])),
      Math.max(fr.rect.top, Math.min(fr.rect.top + fr.rect.height, p[1])));
    return { x, y };
  };

  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([1 / 64, 512])
    .filter((event: Event) => {
      if (dragging !== null && event.type !== 'wheel') return false;
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
  let dragMoved = false;
  const onDown = (e: PointerEvent) => {
    down = [e.clientX, e.clientY];
    const p = localXY(svg, e);
    if (e.button === 0 && p && nearDraggable(p[0], p[1])) {
      dragging = e.pointerId;
      dragMoved = false;
      svg.setPointerCapture?.(e.pointerId);
      svg.style.cursor = 'grabbing';
    }
  };
  const onUp = (e: PointerEvent) => {
    if (dragging === null || e.pointerId !== dragging) return;
    dragging = null;
    svg.style.cursor = '';
    const p = dataAt(e);
    if (dragMoved && p) h.onDrag?.(p, 'end');
  };
  const onMove = (e: PointerEvent) => {
    if (dragging !== null && e.pointerId === dragging) {
      const p = dataAt(e);
      if (p && down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) > 2) { dragMoved = true; h.onDrag?.(p, 'move'); }
      return;
    }
    const lp = localXY(svg, e);
    svg.style.cursor = lp && nearDraggable(lp[0], lp[1]) ? 'grab' : '';
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
    if (dragMoved) { dragMoved = false; return; }
    if (!h.onClick || (d && Math.hypot(e.clientX - d[0], e.clientY - d[1]) > 4)) return;
    const fr = h.frame();
    const p = localXY(svg, e);
    if (!fr || !p || !inRect(fr.rect, p[0], p[1])) return;
    const [x, y] = pxToDataZoomed(fr, current, p[0], p[1]);
    h.onClick({ x, y });
  };
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointerup', onUp);
  svg.addEventListener('pointercancel', onUp);
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
      svg.removeEventListener('pointerup', onUp);
      svg.removeEventListener('pointercancel', onUp);
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerleave', onLeave);
      svg.removeEventListener('click', onClick);
    },
  };
}

import type { CurvatureKind } from '../math/symEig2';
import { formatReadout } from '../surface/colorScale';
import type { Affine2 } from '../surface/coords';
import { glyphPath, type EigenGlyph } from '../surface/eigenField';
import type { G } from './svgScaffold';
import type { CriticalPointMark, DataPoint, ViewMarker } from './types';

/**
 * SVG drawing of the static overlays: contour lines, curvature regions, eigenvector glyphs, critical points and
 * the start/extra markers. Each function replaces its group's content from already computed geometry.
 */

/** Colour-blind-safe pair (Okabe–Ito blue / vermillion): positive curvature, negative curvature. */
export const CURVATURE_POS = '#0072B2';
export const CURVATURE_NEG = '#D55E00';
/** Length in pixels of a direction arrow (the ES gradient estimate and the exact smoothed gradient). */
const ARROW_PX = 42;
/** Half-length in pixels of the eigenvector cross drawn at the cursor. */
const EIGEN_CURSOR_PX = 26;
export const REGION_OPACITY = 0.3;
const INK = '#111';

export function drawContourLines(g: G, paths: readonly string[], strokes: readonly string[]): void {
  g.selectAll<SVGPathElement, string>('path')
    .data(paths)
    .join('path')
    .attr('d', (d) => d)
    .attr('stroke', (_, i) => strokes[i] ?? 'rgba(0,0,0,0.35)')
    .attr('stroke-width', 0.9)
    .attr('vector-effect', 'non-scaling-stroke');
}

/** Region fills as path strings (pixels), or null to clear. */
export interface RegionPaths {
  readonly convex: string;
  readonly saddle: string;
  readonly concave: string;
}

export function drawCurvatureRegions(g: G, paths: RegionPaths | null, saddlePatternId: string): void {
  const rows = paths
    ? [
        { d: paths.convex, fill: CURVATURE_POS, opacity: REGION_OPACITY, name: 'convex: both eigenvalues > 0' },
        { d: paths.saddle, fill: `url(#${saddlePatternId})`, opacity: 1, name: 'saddle-like: eigenvalues of opposite signs' },
        { d: paths.concave, fill: CURVATURE_NEG, opacity: REGION_OPACITY, name: 'concave: both eigenvalues < 0' },
      ]
    : [];
  const sel = g.selectAll<SVGPathElement, (typeof rows)[number]>('path')
    .data(rows)
    .join('path')
    .attr('d', (r) => r.d)
    .attr('fill', (r) => r.fill)
    .attr('fill-opacity', (r) => r.opacity)
    .attr('fill-rule', 'evenodd')
    .attr('stroke', 'none');
  sel.selectAll('title').data((r) => [r.name]).join('title').text((t) => t);
}

/** Eigenvector crosses: one halo path and one coloured path per eigenvalue sign (glyphs, or their glyphPath strings). */
export function drawEigenGlyphs(g: G, glyphs: readonly EigenGlyph[] | { readonly pos: string; readonly neg: string } | null): void {
  const paths = glyphs && !Array.isArray(glyphs) ? glyphs as { readonly pos: string; readonly neg: string } : null;
  const list = glyphs && Array.isArray(glyphs) ? glyphs as readonly EigenGlyph[] : null;
  const pos = paths ? paths.pos : list ? glyphPath(list, 1) : '';
  const neg = paths ? paths.neg : list ? glyphPath(list, -1) : '';
  const rows = glyphs
    ? [
        { d: pos, stroke: 'rgba(255,255,255,0.75)', w: 3.4 },
        { d: neg, stroke: 'rgba(255,255,255,0.75)', w: 3.4 },
        { d: pos, stroke: CURVATURE_POS, w: 1.6 },
        { d: neg, stroke: CURVATURE_NEG, w: 1.6 },
      ]
    : [];
  g.selectAll<SVGPathElement, (typeof rows)[number]>('path')
    .data(rows)
    .join('path')
    .attr('d', (r) => r.d)
    .attr('stroke', (r) => r.stroke)
    .attr('stroke-width', (r) => r.w)
    .attr('vector-effect', 'non-scaling-stroke');
}

/** Marker shape of each critical-point kind: distinct shapes, not only colours. */
export const CRITICAL_SHAPES: Readonly<Record<CurvatureKind, { readonly d: string; readonly fill: string; readonly label: string }>> = {
  minimum: { d: 'M-5,0A5,5 0 1,0 5,0A5,5 0 1,0 -5,0Z', fill: '#ffffff', label: 'minimum' },
  saddle: { d: 'M-4.5,-4.5L4.5,4.5M-4.5,4.5L4.5,-4.5', fill: 'none', label: 'saddle' },
  maximum: { d: 'M0,-6.5L5.8,4L-5.8,4Z', fill: '#ffffff', label: 'maximum' },
  degenerate: { d: 'M0,-6.5L6.5,0L0,6.5L-6.5,0Z', fill: '#F0E442', label: 'degenerate' },
};

/** Appends a critical-point shape (with a white halo) at the origin of g; shared with the legend. */
export function appendCriticalShape(g: G, kind: CurvatureKind): void {
  const s = CRITICAL_SHAPES[kind];
  g.append('path').attr('d', s.d).attr('fill', 'none').attr('stroke', '#fff').attr('stroke-width', kind === 'saddle' ? 4.6 : 3.6)
    .attr('stroke-linecap', 'round');
  g.append('path').attr('d', s.d).attr('fill', s.fill).attr('stroke', INK).attr('stroke-width', kind === 'saddle' ? 2.2 : 1.4)
    .attr('stroke-linecap', 'round').attr('stroke-linejoin', 'round');
}

/** Tooltip text of a critical point. */
export function criticalTitle(p: CriticalPointMark): string {
  return `${CRITICAL_SHAPES[p.kind].label} at (${formatReadout(p.x)}, ${formatReadout(p.y)})\n`
    + `f = ${formatReadout(p.f)}\nλ₁ = ${formatReadout(p.l1)}, λ₂ = ${formatReadout(p.l2)}`;
}

/** Beyond this many critical points the markers are drawn at SMALL_SCALE, so that a lattice does not cover the surface. */
export const CRITICAL_SMALL_ABOVE = 60;
/** Beyond this many, only the minima are drawn (the legend says how many of how many). */
export const CRITICAL_MINIMA_ONLY_ABOVE = 200;
const SMALL_SCALE = 0.55;

/** Which critical points are drawn, and how: all at full size, all small, or the minima only, small. */
export function criticalPointPlan(points: readonly CriticalPointMark[]): { shown: CriticalPointMark[]; scale: number; total: number } {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const total = finite.length;
  if (total > CRITICAL_MINIMA_ONLY_ABOVE) return { shown: finite.filter((p) => p.kind === 'minimum'), scale: SMALL_SCALE, total };
  return { shown: finite, scale: total > CRITICAL_SMALL_ABOVE ? SMALL_SCALE : 1, total };
}

/** Draws the critical points (thinned beyond a count: criticalPointPlan); returns how many are shown of how many. */
export function drawCriticalPoints(g: G, points: readonly CriticalPointMark[] | null, a: Affine2): { shown: number; total: number } {
  g.selectAll('*').remove();
  if (!points) return { shown: 0, total: 0 };
  const plan = criticalPointPlan(points);
  for (const p of plan.shown) {
    const m = g.append('g')
      .attr('transform', `translate(${(a.ax * p.x + a.bx).toFixed(1)},${(a.ay * p.y + a.by).toFixed(1)})${plan.scale !== 1 ? ` scale(${plan.scale})` : ''}`)
      .attr('data-kind', p.kind);
    m.append('title').text(criticalTitle(p));
    appendCriticalShape(m, p.kind);
  }
  return { shown: plan.shown.length, total: plan.total };
}

/** The start point (a target) and extra markers ('pending': dashed ring, 'pin': small dot). */
export function drawMarkers(g: G, start: DataPoint | null, markers: readonly ViewMarker[], a: Affine2): void {
  g.selectAll('*').remove();
  const at = (p: DataPoint) => `translate(${(a.ax * p.x + a.bx).toFixed(1)},${(a.ay * p.y + a.by).toFixed(1)})`;
  for (const m of markers) {
    if (!Number.isFinite(m.x) || !Number.isFinite(m.y)) continue;
    const mg = g.append('g').attr('transform', at(m)).attr('pointer-events', 'none');
    if (m.label) mg.append('title').text(m.label);
    if (m.kind === 'ellipse') {
      mg.attr('data-marker', 'ellipse');
      const rx = Math.abs(a.ax * (m.rx ?? 0));
      const ry = Math.abs(a.ay * (m.ry ?? 0));
      if (Number.isFinite(rx) && Number.isFinite(ry)) {
        mg.append('ellipse').attr('rx', rx.toFixed(1)).attr('ry', ry.toFixed(1)).attr('fill', m.color ?? INK).attr('fill-opacity', 0.08)
          .attr('stroke', m.color ?? INK).attr('stroke-width', 1.6).attr('stroke-dasharray', m.dashed ? '4,3' : null);
      }
    } else if (m.kind === 'points') {
      mg.attr('data-marker', 'points').attr('transform', null);
      const pts = m.points ?? new Float32Array(0);
      let d = '';
      for (let k = 0; k + 1 < pts.length; k += 2) {
        const px = a.ax * pts[k]! + a.bx;
        const py = a.ay * pts[k + 1]! + a.by;
        if (Number.isFinite(px) && Number.isFinite(py)) d += `M${px.toFixed(1)},${py.toFixed(1)}h0`;
      }
      mg.append('path').attr('d', d).attr('stroke', m.color ?? INK).attr('stroke-opacity', 0.55).attr('stroke-width', 3).attr('stroke-linecap', 'round');
    } else if (m.kind === 'arrow') {
      mg.attr('data-marker', 'arrow');
      const px = a.ax * (m.dx ?? 0);
      const py = a.ay * (m.dy ?? 0);
      const len = Math.hypot(px, py);
      if (len > 0 && Number.isFinite(len)) {
        const ux = (ARROW_PX * px) / len;
        const uy = (ARROW_PX * py) / len;
        const head = `M${ux.toFixed(1)},${uy.toFixed(1)}l${(-0.3 * ux + 0.18 * uy).toFixed(1)},${(-0.3 * uy - 0.18 * ux).toFixed(1)}M${ux.toFixed(1)},${uy.toFixed(1)}l${(-0.3 * ux - 0.18 * uy).toFixed(1)},${(-0.3 * uy + 0.18 * ux).toFixed(1)}`;
        const d = `M0,0L${ux.toFixed(1)},${uy.toFixed(1)}${head}`;
        mg.append('path').attr('d', d).attr('stroke', '#fff').attr('stroke-width', 4.5).attr('stroke-linecap', 'round').attr('fill', 'none');
        mg.append('path').attr('d', d).attr('stroke', m.color ?? INK).attr('stroke-width', 2).attr('stroke-linecap', 'round').attr('fill', 'none')
          .attr('stroke-dasharray', m.dashed ? '4,3' : null);
      }
    } else if (m.kind === 'eigen') {
      mg.attr('data-marker', 'eigen');
      for (const ax of m.axes ?? []) {
        const px = a.ax * ax.dx;
        const py = a.ay * ax.dy;
        const len = Math.hypot(px, py);
        if (!(len > 0) || !Number.isFinite(ax.lambda)) continue;
        const ux = (EIGEN_CURSOR_PX * px) / len;
        const uy = (EIGEN_CURSOR_PX * py) / len;
        const d = `M${(-ux).toFixed(1)},${(-uy).toFixed(1)}L${ux.toFixed(1)},${uy.toFixed(1)}`;
        mg.append('path').attr('d', d).attr('stroke', '#fff').attr('stroke-width', 5).attr('stroke-linecap', 'round');
        mg.append('path').attr('d', d).attr('stroke', ax.lambda < 0 ? CURVATURE_NEG : CURVATURE_POS).attr('stroke-width', 2.4).attr('stroke-linecap', 'round');
      }
    } else if (m.kind === 'pending') {
      mg.append('circle').attr('r', 7).attr('fill', 'none').attr('stroke', '#fff').attr('stroke-width', 3.2);
      mg.append('circle').attr('r', 7).attr('fill', 'none').attr('stroke', m.color ?? INK).attr('stroke-width', 1.5).attr('stroke-dasharray', '3,2.5');
    } else {
      mg.append('circle').attr('r', 3.5).attr('fill', m.color ?? INK).attr('stroke', '#fff').attr('stroke-width', 1.2);
    }
  }
  if (start && Number.isFinite(start.x) && Number.isFinite(start.y)) {
    const sg = g.append('g').attr('transform', at(start)).attr('data-marker', 'start');
    sg.append('title').text(`start (${formatReadout(start.x)}, ${formatReadout(start.y)})`);
    sg.append('circle').attr('r', 7.5).attr('fill', 'none').attr('stroke', '#fff').attr('stroke-width', 3.4);
    sg.append('circle').attr('r', 7.5).attr('fill', 'none').attr('stroke', INK).attr('stroke-width', 1.6);
    sg.append('path').attr('d', 'M-11,0H-4M4,0H11M0,-11V-4M0,4V11').attr('stroke', '#fff').attr('stroke-width', 3);
    sg.append('path').attr('d', 'M-11,0H-4M4,0H11M0,-11V-4M0,4V11').attr('stroke', INK).attr('stroke-width', 1.4);
  }
}

import type { Domain, GridFields } from '../landscapes/grid';
import type { CriticalPointSummary } from '../math/criticalPoints';
import type { StopReason } from '../optimizers/methods';
import type { ColormapId } from '../surface/colorScale';
import type { AspectMode, Margins } from '../surface/coords';
import type { GridProducts, ProductLayout } from '../surface/gridProducts';
import type { Floats } from '../surface/trajectoryPath';
import type { TraceKeySection } from './colorbar';

/** A point in data coordinates. */
export interface DataPoint {
  readonly x: number;
  readonly y: number;
}

/** A critical point with its Hessian eigenvalues l1 ≤ l2 (as math/criticalPoints reports it). */
export type CriticalPointMark = CriticalPointSummary;

/**
 * One optimizer run. `points` holds (x, y, f) triples; only the first `count` points are valid (default: all),
 * so a growable buffer can be passed as is. The valid prefix must be append-only while `points` stays the same
 * array (a new run, or a rewritten one, must come in a new array). `upTo` is the step index to draw to and may be
 * fractional (the head is interpolated) or Infinity (everything).
 */
export interface RunTrace {
  readonly id: string;
  readonly color: string;
  readonly label: string;
  readonly points: Floats;
  readonly count?: number;
  readonly upTo: number;
  /** Opacity of the whole run (line, casing and markers), e.g. to dim runs around a highlighted one. Default 1. */
  readonly opacity?: number;
  /** SVG stroke-dasharray of the line (a dotted second ride, a dashed baseline). */
  readonly dash?: string;
  /** Stroke width (default 2). */
  readonly width?: number;
  readonly stop?: StopReason | null;
  readonly message?: string;
}

/** An extra marker: 'pending' (a dashed ring, e.g. a start point being chosen) or 'pin' (a small filled dot). */
export interface ViewMarker {
  readonly x: number;
  readonly y: number;
  /**
   * 'eigen': the Hessian's eigenvectors through the point (`axes`), each coloured by the sign of its eigenvalue;
   * 'ellipse': a search distribution's 1σ ellipse (`rx`, `ry` in data units); 'points': a generation's samples
   * (`points`, x, y pairs); 'arrow': a direction (`dx`, `dy`, data units) drawn with a fixed pixel length.
   */
  readonly kind: 'pending' | 'pin' | 'eigen' | 'ellipse' | 'points' | 'arrow';
  readonly label?: string;
  readonly color?: string;
  /** For 'eigen': unit eigenvectors (data coordinates) and their eigenvalues. */
  readonly axes?: readonly { readonly dx: number; readonly dy: number; readonly lambda: number }[];
  readonly rx?: number;
  readonly ry?: number;
  readonly points?: Float32Array;
  readonly dx?: number;
  readonly dy?: number;
  /** Dashed stroke (ellipse, arrow). */
  readonly dashed?: boolean;
}

/**
 * Everything the surface view draws. update() takes any subset; fields not given keep their value. Arrays and
 * the grid are compared by reference (pass a new array when the contents change), except `runs`, whose entries
 * are compared field by field each frame (count, upTo, stop, …), so a mutated growable buffer is picked up.
 */
export interface SurfaceViewState {
  /** The fields on a grid; null while none is computed. It is drawn where its own spec.domain lies. */
  readonly grid: GridFields | null;
  /** Drawing products derived for `grid` elsewhere (the surface worker); those whose inputs match are drawn as they are. */
  readonly products: GridProducts | null;
  /** The visible domain (the plot rectangle maps it to pixels). */
  readonly domain: Domain;
  readonly colormap: ColormapId;
  /** log₁₀(f − min f + ε) colouring and contouring (resolve the params' 'auto' before passing it). */
  readonly log: boolean;
  readonly contours: boolean;
  readonly contourCount: number;
  /** Hessian eigenvector crosses. */
  readonly eigenvectors: boolean;
  /** Convex / saddle / concave region fills. */
  readonly curvature: boolean;
  /** Critical point markers. */
  readonly critical: boolean;
  readonly criticalPoints: readonly CriticalPointMark[];
  readonly runs: readonly RunTrace[];
  /** The legend of the traces (methods, rides, baselines), under the colour bar and in every export. */
  readonly traceKeys: readonly TraceKeySection[];
  /** The runs' start point (a target marker), or null. */
  readonly start: DataPoint | null;
  readonly markers: readonly ViewMarker[];
  /** Title line (e.g. the landscape name); always part of the export. Empty: no title. */
  readonly title: string;
  /** The axes' names (default x and y; a network's slice is in a and b), and the value's (default f; a slice's is L). */
  readonly axisNames?: readonly [string, string];
  readonly valueName?: string;
}

/** Construction options; all optional. */
export interface SurfaceViewOptions {
  /** The visible domain after a zoom/pan gesture ends (the app should set it as `domain` and recompute the grid). */
  readonly onViewChange?: (domain: Domain) => void;
  /** Pointer position in data coordinates while over the plot; null when it leaves. */
  readonly onHover?: (p: DataPoint | null) => void;
  /** A click (not the end of a drag) in the plot, in data coordinates. */
  readonly onClick?: (p: DataPoint) => void;
  /** Dragging the start marker: its new position on every move and on release (the caller moves the start). */
  readonly onDragStart?: (p: DataPoint, phase: 'move' | 'end') => void;
  /** The view's size and layout when first drawn and whenever it changes, so that products can be derived for its frame. */
  readonly onLayout?: (layout: ProductLayout) => void;
  /** Default 'equal': one data unit has the same pixel length in x and y (the plot is letterboxed). */
  readonly aspect?: AspectMode;
  readonly margins?: Partial<Margins>;
  /** Eigenvector glyph lattice spacing in CSS pixels (default 28). */
  readonly glyphSpacing?: number;
  /** ε of the log scale relative to the range of f (default 1e-4). */
  readonly logEpsRel?: number;
  /** Extra wait after a gesture ends before onViewChange, in ms (default 0: at the gesture's end). */
  readonly viewChangeDelay?: number;
  /** Colour of axes, ticks and labels (default '#333'). */
  readonly textColor?: string;
  /** Accessible name of the figure (default 'Loss surface'). */
  readonly ariaLabel?: string;
  /** Initial state (the rest of update()). */
  readonly initial?: Partial<SurfaceViewState>;
}

/** Milliseconds spent in each layer during the last drawn frame (0 when a layer was not redrawn). */
export type FrameStats = Record<'total' | 'heatmap' | 'contours' | 'overlays' | 'axes' | 'trajectories', number>;

export interface SurfaceView {
  /** Merges a state patch and schedules one redraw on the next animation frame. */
  update(patch: Partial<SurfaceViewState>): void;
  /** Draws now if a redraw is pending. */
  flush(): void;
  /** Current state (after merges). */
  state(): SurfaceViewState;
  /** The domain on screen right now (differs from state().domain during a zoom/pan gesture). */
  visibleDomain(): Domain;
  /** Size of the area the plot may use, for fitDomainToAspect. */
  plotArea(): { width: number; height: number };
  /** Timings of the last drawn frame. */
  lastFrame(): FrameStats;
  /** A standalone SVG document of the current view, heatmap embedded as a PNG data URL. */
  toSvg(): string;
  /** The same composition rasterized at `scale` × the CSS size (default 2). */
  toPngBlob(scale?: number): Promise<Blob>;
  destroy(): void;
}

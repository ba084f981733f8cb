import { fingerprintText } from '../ridge-rider/getRidges';
import type { EndReason } from '../ridge-rider/endRide';

/**
 * Text of the Ridge Rider tree view (rideTree.ts): node labels, end-reason badges and tooltips. Pure (no DOM), so
 * the same strings are unit-tested, drawn, and used for the layout's width estimates.
 */

/**
 * One ride as the tree view needs it. A `Ride` of the engine (ridge-rider/state.ts) plus a `color` fits as is
 * (`{ ...ride, color }`); only the fields listed here are read.
 */
export interface RideNodeInput {
  readonly id: number;
  /** The ride it branched off from; null for rides from the start point. */
  readonly parent: number | null;
  /** Ψ: ridge index per branching, root first (r = 2i for +v_i, 2i + 1 for −v_i). */
  readonly fingerprint: readonly number[];
  /** λ of the ridge at the ride's start. */
  readonly eigenvalue: number;
  readonly fStart?: number;
  readonly fEnd: number;
  /** L after the gradient-descent finish, when it ran. */
  readonly fAfterGd?: number;
  readonly steps: number;
  readonly endReason: EndReason;
  readonly note?: string;
  /** The ride's path colour on the surface (any CSS colour). */
  readonly color: string;
}

/** Short badge per end reason (endRide.ts). */
export const END_REASON_BADGES: Readonly<Record<EndReason, string>> = {
  curvature: 'λ≥0', overlap: 'overlap', loss: 'loss', 'max-ride-steps': 'max steps', 'alpha-min': 'α min', diverged: 'diverged',
  'search-cap': 'cap',
};

/** Badge colour: green where the search branched on (λ ≥ 0), red for divergence, amber for a cap, grey otherwise. */
export const END_REASON_COLORS: Readonly<Record<EndReason, string>> = {
  curvature: '#2e7d32', overlap: '#616161', loss: '#616161', 'max-ride-steps': '#8d6e00', 'alpha-min': '#616161', diverged: '#c62828',
  'search-cap': '#8d6e00',
};

/** The badge of an end reason; an unknown reason (a newer engine) comes back as it is, never throws. */
export function endReasonBadge(reason: string): string {
  return (END_REASON_BADGES as Record<string, string | undefined>)[reason] ?? String(reason);
}

export function endReasonColor(reason: string): string {
  return (END_REASON_COLORS as Record<string, string | undefined>)[reason] ?? '#616161';
}

const MINUS = '\u2212';

/**
 * x with `digits` significant digits, trailing zeros dropped, a typographic minus; plain notation for
 * 10⁻³ ≤ |x| < 10⁵, else scientific ("1.23e−7"). Non-finite values: "NaN", "∞", "−∞".
 */
export function formatSig(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e-3 && a < 1e5) {
    s = String(Number(x.toPrecision(digits)));
    if (s.includes('e')) s = x.toExponential(digits - 1);
  } else {
    const [m = '', e = ''] = x.toExponential(digits - 1).split('e');
    s = `${m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m}e${Number(e)}`;
  }
  return s.replace(/-/g, MINUS);
}

/** The fingerprint line: "0+ 1−"; the empty fingerprint (never produced by the engine) reads "∅". */
export function fingerprintLabel(fp: readonly number[]): string {
  return fp.length === 0 ? '∅' : fingerprintText(fp);
}

/** The second line: "λ −1.23 · L 0.5" or, with the GD finish, "λ −1.23 · L 0.5 → 0.012". Loss with 4 digits. */
export function rideDetailLabel(r: Pick<RideNodeInput, 'eigenvalue' | 'fEnd' | 'fAfterGd'>): string {
  const gd = r.fAfterGd !== undefined ? ` → ${formatSig(r.fAfterGd, 4)}` : '';
  return `λ ${formatSig(r.eigenvalue, 3)} · L ${formatSig(r.fEnd, 4)}${gd}`;
}

/** Why a node hangs off the start although its `parent` is set (hierarchy building in rideTreeLayout.ts). */
export type OrphanReason = 'missing-parent' | 'cycle';

/** The tooltip (<title>) of a ride: every detail, one per line. */
export function rideTooltip(r: RideNodeInput, orphan: OrphanReason | null = null): string {
  const lines = [
    `Ride #${r.id} · Ψ = ${fingerprintLabel(r.fingerprint)} [${r.fingerprint.join(', ')}]`,
    `λ at start: ${formatSig(r.eigenvalue, 6)}`,
    `L: ${r.fStart !== undefined ? `${formatSig(r.fStart, 6)} → ` : ''}${formatSig(r.fEnd, 6)}`
      + (r.fAfterGd !== undefined ? ` (→ ${formatSig(r.fAfterGd, 6)} after gradient descent)` : ''),
    `steps: ${r.steps}`,
    `end: ${endReasonBadge(r.endReason)} (${r.endReason})${r.note ? ` — ${r.note}` : ''}`,
  ];
  if (r.parent !== null) lines.push(`parent: ride #${r.parent}`);
  if (orphan === 'missing-parent') lines.push(`parent #${r.parent ?? '?'} is not in the list (capped search?): drawn from the start`);
  if (orphan === 'cycle') lines.push(`parent chain loops back to this ride: drawn from the start`);
  return lines.join('\n');
}

/** Estimated width of text in px: `em` × font size per character (system-ui averages about 0.55 em). */
export function textWidth(text: string, fontSize: number, em = 0.6): number {
  return Array.from(text).length * fontSize * em;
}

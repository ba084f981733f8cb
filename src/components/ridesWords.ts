import type { MnistRrRide } from '../nn/mnistRrSettings';
import type { EndReason } from '../ridge-rider/endRide';

/** Why a ride on the network ended, in words (EndRide's reasons, ridge-rider/endRide.ts). */
export const RIDE_END_WORDS: Readonly<Record<EndReason, string>> = {
  'curvature': 'the curvature along it turned non-negative (λ ≥ 0: the ridge ended)',
  'overlap': 'its direction turned too fast (overlap below δ_break)',
  'loss': 'the loss stopped falling',
  'max-ride-steps': 'the step cap was reached',
  'alpha-min': 'the step shrank to its smallest size',
  'diverged': 'the loss diverged',
  'search-cap': 'the search reached its cap',
};

/**
 * Why the rides ended, counted, e.g. "Rides ended because the loss stopped falling (3) or the step cap
 * was reached (1)."; and, when every ride ended before its first step, what that means for the figures.
 */
export function rideEndSummary(rides: readonly Pick<MnistRrRide, 'endReason' | 'steps'>[]): string {
  if (rides.length === 0) return '';
  const counts = new Map<EndReason, number>();
  for (const r of rides) counts.set(r.endReason as EndReason, (counts.get(r.endReason as EndReason) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${RIDE_END_WORDS[k] ?? k} (${n})`);
  const why = `${rides.length === 1 ? 'The ride' : 'Rides'} ended because ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`}.`;
  if (rides.every((r) => r.steps === 0)) {
    const none = `${why} ${rides.length === 1 ? 'It' : 'Every ride'} ended before taking a step, so the charts have nothing to draw.`;
    return rides.every((r) => r.endReason === 'loss')
      ? `${none} Near the start point what is left of the gradient can outweigh the curvature over a small step, so one sign of ±e goes uphill at once: `
        + 'take more rides (the other sign goes downhill), a larger α, or the “Quick” settings.'
      : none;
  }
  return why;
}

/**
 * Time left, as an upper bound (rides may end before the step cap): the seconds so far per step taken, times the steps
 * that the remaining rides could still take. Null until a step has been taken.
 */
export function rideTimeLeft(o: { readonly elapsedSeconds: number; readonly stepsDone: number; readonly stepsCap: number }): string | null {
  if (!(o.stepsDone > 0) || !(o.elapsedSeconds > 0)) return null;
  const s = (o.elapsedSeconds / o.stepsDone) * Math.max(0, o.stepsCap - o.stepsDone);
  const words = s < 90 ? `${Math.max(1, Math.round(s))} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
  return `at most about ${words} left (${(o.elapsedSeconds / o.stepsDone).toPrecision(2)} s per step)`;
}

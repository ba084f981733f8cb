import { CANDIDATE_COLORS } from '../render/rrCharts';
import type { ViewMarker } from '../render';
import type { NetSliceResult } from '../store/networkSlice';

/**
 * The markers of Colored MNIST's slice on the surface view: the MIS at the centre, every candidate (a point of a ride)
 * at its projection (u, v) on the plane, coloured by its test accuracy, and a dashed ring on the one chosen on validation.
 */
export function coloredSliceMarkers(c: NonNullable<NetSliceResult['colored']>): ViewMarker[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const markers: ViewMarker[] = [{ x: 0, y: 0, kind: 'pin', label: 'the MIS: where every ride starts', color: '#000' }];
  for (const d of c.candidates) {
    markers.push({
      x: d.u, y: d.v, kind: 'pin', color: d.test >= 0.5 ? CANDIDATE_COLORS.above : CANDIDATE_COLORS.below,
      label: `ride ${d.ride + 1}, step ${d.step}: validation ${pct(d.validation)}, test ${pct(d.test)}`,
    });
  }
  const chosen = c.candidates.find((d) => d.ride === c.chosen?.ride && d.step === c.chosen?.step);
  if (chosen) markers.push({ x: chosen.u, y: chosen.v, kind: 'pending', color: '#000', label: `chosen on validation: ride ${chosen.ride + 1}, step ${chosen.step}` });
  return markers;
}

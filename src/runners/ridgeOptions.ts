import type { Domain } from '../landscapes/grid';
import type { RidgeSettings } from '../protocol/messages';
import type { RidgeRiderOptions } from '../ridge-rider';

/**
 * The engine options for the settings the UI exposes. The bounding box is the domain widened by its own size on
 * each side (as the CLI's): a ride that leaves it ends as 'diverged'.
 */
export function ridgeRiderOptions(s: RidgeSettings, domain: Domain): RidgeRiderOptions {
  const w = domain.x1 - domain.x0;
  const h = domain.y1 - domain.y0;
  return {
    order: s.order,
    step: s.stepMode === 'fixed' ? { mode: 'fixed', alpha: s.alpha } : { mode: 'backtracking', alpha: s.alpha },
    endRide: {
      curvature: s.end.includes('curvature'), overlap: s.end.includes('overlap'), loss: s.end.includes('loss'),
      deltaBreak: s.deltaBreak, maxRideSteps: s.maxRideSteps,
      box: { lo: [domain.x0 - w, domain.y0 - h], hi: [domain.x1 + w, domain.y1 + h] },
    },
    getRidges: { maxEigen: s.topN > 0 ? s.topN : Infinity, onePerGroup: s.onePerGroup },
    gdFinish: s.gdFinish ? { lr: s.gdLr } : false,
    maxRides: s.maxRides,
  };
}

import { describe, expect, it } from 'vitest';
import { coloredSliceMarkers } from '../../src/components/coloredSliceMarkers';
import { CANDIDATE_COLORS } from '../../src/render/rrCharts';

const candidates = [
  { ride: 0, step: 0, u: 0, v: 0, validation: 0.5, test: 0.5 },
  { ride: 0, step: 1, u: 0.3, v: -0.1, validation: 0.8, test: 0.2 },
  { ride: 1, step: 1, u: -0.2, v: 0.4, validation: 0.7, test: 0.7 },
];

describe('coloredSliceMarkers', () => {
  it('marks the MIS, every candidate at its projection coloured by its test accuracy, and rings the chosen one', () => {
    const m = coloredSliceMarkers({ run: 2, candidates, chosen: { ride: 0, step: 1, validation: 0.8 } });
    expect(m).toHaveLength(1 + candidates.length + 1);
    expect(m[0]).toMatchObject({ x: 0, y: 0, kind: 'pin' });
    expect(m.slice(1, 4).map((x) => [x.x, x.y, x.color])).toEqual([[0, 0, CANDIDATE_COLORS.above], [0.3, -0.1, CANDIDATE_COLORS.below], [-0.2, 0.4, CANDIDATE_COLORS.above]]);
    expect(m[2]!.label).toBe('ride 1, step 1: validation 80.0%, test 20.0%');
    expect(m[4]).toMatchObject({ x: 0.3, y: -0.1, kind: 'pending' });
  });

  it('draws no ring when the chosen candidate is not among them', () => {
    const m = coloredSliceMarkers({ run: 0, candidates, chosen: undefined });
    expect(m.filter((x) => x.kind === 'pending')).toHaveLength(0);
  });
});

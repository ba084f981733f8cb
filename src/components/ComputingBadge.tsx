import { figureKind } from '../store/appStore';
import { useAppStore } from './StoreContext';

/**
 * What the figure is waiting for: until the first surface arrives, a message over the empty plot; afterwards, while
 * a newer surface (a coarse first paint being refined, a new σ, a zoom) is computed, a small badge in its corner.
 */
export function ComputingBadge() {
  const surface = useAppStore((s) => figureKind(s.params) === 'surface');
  const first = useAppStore((s) => s.surface === null);
  const pending = useAppStore((s) => s.surfacePending || s.surface?.coarse === true);
  if (!surface) return null;
  if (first) return <div className="computing first" role="status" data-testid="computing">Computing the surface…</div>;
  if (pending) return <div className="computing" role="status" data-testid="computing">computing…</div>;
  return null;
}

import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, kept current as the window changes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', onChange);
      return () => m.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** The phone layout: one column, figure first, controls below. */
export const NARROW = '(max-width: 800px)';

/** The window's inner height, kept current. */
export function useWindowHeight(): number {
  return useSyncExternalStore(
    (onChange) => { window.addEventListener('resize', onChange); return () => window.removeEventListener('resize', onChange); },
    () => window.innerHeight,
  );
}

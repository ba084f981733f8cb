import type { AppStore } from './appStore';
import { decodeParams, encodeParams } from './urlCodec';

/** Changes closer together than this are one step of the history (a drag, a slider's sweep, typing). */
export const HISTORY_SETTLE_MS = 1000;

/**
 * Keeps the URL hash equal to the encoded params and applies a hash the user pastes or edits, or that Back and
 * Forward bring back. Each burst of changes (changes less than HISTORY_SETTLE_MS apart) is one history entry: its
 * first write pushes a new entry, the later ones replace it, so Back steps through the user's earlier states and
 * not through every frame of a drag. Fields the codec had to ignore are reported as one notice.
 */
export function startUrlSync(store: AppStore): () => void {
  let written = location.hash.replace(/^#/, '');
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The start-up's own normalization of the link replaces the entry it was opened with.
  let lastChange = performance.now();
  let burstPushed = true;

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.params === prev.params) return;
    const now = performance.now();
    if (now - lastChange > HISTORY_SETTLE_MS) burstPushed = false;
    lastChange = now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const next = encodeParams(store.getState().params);
      if (next === written) return;
      written = next;
      if (burstPushed) history.replaceState(null, '', `#${written}`);
      else { history.pushState(null, '', `#${written}`); burstPushed = true; }
    }, 150);
  });

  const onHashChange = () => {
    const hash = location.hash.replace(/^#/, '');
    if (hash === written) return;
    written = hash;
    if (timer) { clearTimeout(timer); timer = null; }
    const { params, ignored } = decodeParams(hash, store.getState().params);
    store.setState({ params, formulaProblem: null });
    // Applying an entry is not a new step of the history.
    burstPushed = true;
    lastChange = performance.now();
    reportIgnored(store, ignored);
  };
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('popstate', onHashChange);
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('popstate', onHashChange);
  };
}

export function reportIgnored(store: AppStore, ignored: readonly { key: string; reason: string }[]): void {
  if (ignored.length === 0) return;
  const list = ignored.map((i) => `${i.key} (${i.reason})`).join('; ');
  store.getState().notify('warning', `Some settings in the link were ignored and set to defaults: ${list}.`);
}

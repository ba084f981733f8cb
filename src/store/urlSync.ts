import type { AppStore } from './appStore';
import { decodeParams, encodeParams } from './urlCodec';

/**
 * Keeps the URL hash equal to the encoded params (replaceState, so the history is not flooded) and applies a
 * hash the user pastes or edits. Fields the codec had to ignore are reported as one notice.
 */
export function startUrlSync(store: AppStore): () => void {
  let written = location.hash.replace(/^#/, '');
  let timer: ReturnType<typeof setTimeout> | null = null;

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.params === prev.params) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      written = encodeParams(store.getState().params);
      history.replaceState(null, '', `#${written}`);
    }, 150);
  });

  const onHashChange = () => {
    const hash = location.hash.replace(/^#/, '');
    if (hash === written) return;
    written = hash;
    const { params, ignored } = decodeParams(hash, store.getState().params);
    store.setState({ params, formulaProblem: null });
    reportIgnored(store, ignored);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    window.removeEventListener('hashchange', onHashChange);
  };
}

export function reportIgnored(store: AppStore, ignored: readonly { key: string; reason: string }[]): void {
  if (ignored.length === 0) return;
  const list = ignored.map((i) => `${i.key} (${i.reason})`).join('; ');
  store.getState().notify('warning', `Some settings in the link were ignored and set to defaults: ${list}.`);
}

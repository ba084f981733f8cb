import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { INTRO_SEEN } from './components/Intro';
import { StoreContext } from './components/StoreContext';
import { startCompute, type ComputeController } from './compute/controller';
import { startPlayback } from './store/playback';
import { createAppStore, type AppStore } from './store/appStore';
import { decodeParams } from './store/urlCodec';
import { reportIgnored, startUrlSync } from './store/urlSync';
import './styles.css';

const { params, ignored } = decodeParams(location.hash.replace(/^#/, ''));
const store = createAppStore(params);
reportIgnored(store, ignored);
// A first visit to the plain address opens the introduction (a shared link shows what it was shared for).
try {
  if (!location.hash && !localStorage.getItem(INTRO_SEEN)) store.getState().setIntroOpen(true);
} catch { /* storage unavailable: no introduction */ }

const compute = startCompute(store, {
  surface: () => new Worker(new URL('../workers/surface.worker.ts', import.meta.url), { type: 'module', name: 'surface' }),
  runs: () => new Worker(new URL('../workers/runs.worker.ts', import.meta.url), { type: 'module', name: 'runs' }),
  ridge: () => new Worker(new URL('../workers/ridge.worker.ts', import.meta.url), { type: 'module', name: 'ridge' }),
  tree: () => new Worker(new URL('../workers/tree.worker.ts', import.meta.url), { type: 'module', name: 'tree' }),
  study: () => new Worker(new URL('../workers/study.worker.ts', import.meta.url), { type: 'module', name: 'study' }),
  net: () => new Worker(new URL('../workers/nn.worker.ts', import.meta.url), { type: 'module', name: 'net' }),
});
startPlayback(store);
startUrlSync(store);

declare global {
  interface Window {
    /** Handles for tests and the console: the store and the compute controller. */
    __ridgelab?: { store: AppStore; compute: ComputeController };
  }
}
window.__ridgelab = { store, compute };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);

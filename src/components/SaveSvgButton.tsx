import { baseName, download } from './exporting';
import { useStoreApi } from './StoreContext';

/** A small button that saves a view below the figure (the search tree, the loss chart) as an SVG document. */
export function SaveSvgButton({ what, suffix, toSvg }: { what: string; suffix: string; toSvg: () => string | null }) {
  const store = useStoreApi();
  const save = () => {
    try {
      const svg = toSvg();
      if (!svg) throw new Error(`the ${what} is not drawn yet`);
      download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName(store)}-${suffix}.svg`);
    } catch (e) {
      store.getState().notify('error', `Export failed: ${(e as Error).message}`);
    }
  };
  return <button className="save-svg" data-save={suffix} onClick={save} title={`Save the ${what} as an SVG document`}>SVG</button>;
}

import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';

/** Colour map, scale, contours and the curvature overlays, drawn from their URL fields (store/urlCodec.ts). */
export function ViewPanel() {
  const contours = useAppStore((s) => s.params.contours);
  const resetView = useAppStore((s) => s.resetView);
  return (
    <section className="panel" aria-labelledby="view-h">
      <h2 id="view-h">View</h2>
      <div className="row"><ParamControl field="cm" /><ParamControl field="sc" /></div>
      <ParamControl field="ov" optionData="overlay" />
      <ParamControl field="cc" disabled={!contours} />
      <button onClick={resetView}>Reset view</button>
    </section>
  );
}

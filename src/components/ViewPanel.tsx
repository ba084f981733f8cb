import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

/** Colour map, scale, contours and the curvature overlays, drawn from their URL fields (store/urlCodec.ts). */
export function ViewPanel() {
  const contours = useAppStore((s) => s.params.contours);
  const resetView = useAppStore((s) => s.resetView);
  return (
    <Section id="view" title="View" help="hessian">
      <div className="row"><ParamControl field="cm" /><ParamControl field="sc" /></div>
      <ParamControl field="ov" optionData="overlay" />
      <ParamControl field="cc" disabled={!contours} />
      <button onClick={resetView}>Reset view</button>
    </Section>
  );
}

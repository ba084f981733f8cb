import { MNIST_RR_PRESETS, type MnistRrSettings } from '../nn/mnistRrSettings';
import { defaultNetParams, type NetParams } from '../store/params';
import { useAppStore } from './StoreContext';

/** The settings a preset sets, in the app's terms; what the preset leaves out is the app's default. */
type Tuned = Pick<NetParams, 'rrInner' | 'rrAlpha' | 'rrLrE' | 'rrLrLambda' | 'rrBatch' | 'rrStepScale'>;

const tuned = (s: Partial<MnistRrSettings>): Tuned => {
  const d = defaultNetParams();
  return {
    rrInner: s.inner ?? d.rrInner, rrAlpha: s.alpha ?? d.rrAlpha, rrLrE: s.lrE ?? d.rrLrE, rrLrLambda: s.lrLambda ?? d.rrLrLambda,
    rrBatch: s.batch ?? d.rrBatch, rrStepScale: s.stepScale ?? d.rrStepScale,
  };
};

const PRESETS: readonly { id: string; label: string; title: string; values: Tuned }[] = [
  { id: 'app', label: 'Quick (the app’s)', title: 'S = 5, α = 0.2, LR_e = LR_λ = 0.05 scaled by λ², batch 256: a search of a few minutes on a small network', values: tuned({}) },
  { id: 'fig4', label: 'Fig. 4 (paper)', title: 'The Fig. 4 caption: S = 236, α = 0.00264, LR_e = 0.000510, LR_λ = 4.34e−6, batch 2236, plain rates. Thousands of tiny steps: hours here', values: tuned(MNIST_RR_PRESETS.fig4) },
  { id: 'fig5', label: 'Fig. 5 (paper)', title: 'The Fig. 5 caption: S = 1, α = 0.000232, LR_e = 3.20e−6, LR_λ = 0.00055, batch 2824, plain rates', values: tuned(MNIST_RR_PRESETS.fig5) },
];

/**
 * Ridge Rider's step settings on the network as the paper's captions give them (Parker-Holder et al. 2020, Figs. 4 and
 * 5) or the app's quick ones: one click sets S, α, LR_e, LR_λ, the batch and how the rates are scaled. The one in use is marked.
 */
export function RrPresets() {
  const net = useAppStore((s) => s.params.net);
  const setParams = useAppStore((s) => s.setParams);
  const same = (v: Tuned) => (Object.keys(v) as (keyof Tuned)[]).every((k) => net[k] === v[k]);
  return (
    <div className="row rr-presets" role="group" aria-label="Step settings">
      <span className="hint">Step settings:</span>
      {PRESETS.map((p) => (
        <button key={p.id} data-rr-preset={p.id} aria-pressed={same(p.values)} className={same(p.values) ? 'chip active' : 'chip'} title={p.title}
          onClick={() => setParams({ net: { ...net, ...p.values } })}>{p.label}</button>
      ))}
    </div>
  );
}

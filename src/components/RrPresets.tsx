import { MNIST_RR_PRESETS, type MnistRrSettings } from '../nn/mnistRrSettings';
import { defaultNetParams, type NetParams } from '../store/params';
import { useAppStore } from './StoreContext';

/** The settings a preset sets, in the app's terms; what the preset leaves out is the app's default. */
type Tuned = Pick<NetParams, 'rrInner' | 'rrAlpha' | 'rrLrE' | 'rrLrLambda' | 'rrBatch' | 'rrStepScale' | 'rrUpdateRates' | 'rrFirst' | 'rrRidges'>;

const tuned = (s: Partial<MnistRrSettings>): Tuned => {
  const d = defaultNetParams();
  return {
    rrInner: s.inner ?? d.rrInner, rrAlpha: s.alpha ?? d.rrAlpha, rrLrE: s.lrE ?? d.rrLrE, rrLrLambda: s.lrLambda ?? d.rrLrLambda,
    rrBatch: s.batch ?? d.rrBatch, rrStepScale: s.stepScale ?? d.rrStepScale, rrUpdateRates: s.updateRates ?? d.rrUpdateRates, rrFirst: s.firstRidges ?? d.rrFirst, rrRidges: s.ridges ?? d.rrRidges,
  };
};

/** Fig. 5 compares rides by their first ridge: one search per ψ[0] = 0…3, each leaving the MIS along +v_k and −v_k. */
const FIG5_LAYOUT: Partial<MnistRrSettings> = { firstRidges: 4, ridges: 2 };

/** What a paper's preset costs here, shown while it is chosen. */
const PAPER_COST = 'The captions’ steps are 75 (Fig. 4) and 860 (Fig. 5) times shorter than the Quick preset’s, and the paper takes thousands '
  + 'per ride (Fig. 5 averages steps 4000–5000), so on a laptop’s CPU a run at these settings takes hours; the status line estimates the time left. '
  + 'The “Quick” settings show the same figures in minutes.';

const PRESETS: readonly { id: string; label: string; title: string; values: Tuned }[] = [
  { id: 'app', label: 'Quick (the app’s)', title: 'S = 5, α = 0.2, LR_e = LR_λ = 0.05 scaled by λ² and halved where a step would raise UpdateRidge\'s loss, batch 256: a search of a few minutes on a small network', values: tuned({}) },
  { id: 'fig4', label: 'Fig. 4 (paper)', title: 'The Fig. 4 caption: S = 236, α = 0.00264, LR_e = 0.000510, LR_λ = 4.34e−6, batch 2236, plain rates at every step. Thousands of tiny steps: hours here', values: tuned(MNIST_RR_PRESETS.fig4) },
  { id: 'fig5', label: 'Fig. 5 (paper)', title: 'The Fig. 5 caption: S = 1, α = 0.000232, LR_e = 3.20e−6, LR_λ = 0.00055, batch 2824, plain rates at every step; one search per first ridge ψ[0] = 0…3', values: tuned({ ...MNIST_RR_PRESETS.fig5, ...FIG5_LAYOUT }) },
];

/**
 * Ridge Rider's step settings on the network as the paper's captions give them (Parker-Holder et al. 2020, Figs. 4 and
 * 5) or the app's quick ones: one click sets S, α, LR_e, LR_λ, the batch, how the rates are scaled and kept, and the searches
 * (Fig. 5: one per first ridge). The one in use is marked; a paper's preset says what it costs here.
 */
export function RrPresets() {
  const net = useAppStore((s) => s.params.net);
  const setParams = useAppStore((s) => s.setParams);
  const same = (v: Tuned) => (Object.keys(v) as (keyof Tuned)[]).every((k) => net[k] === v[k]);
  const paper = PRESETS.some((p) => p.id !== 'app' && same(p.values));
  return (
    <>
      <div className="row rr-presets" role="group" aria-label="Presets">
        <span className="hint">Presets:</span>
        {PRESETS.map((p) => (
          <button key={p.id} data-rr-preset={p.id} aria-pressed={same(p.values)} className={same(p.values) ? 'chip active' : 'chip'} title={p.title}
            onClick={() => setParams({ net: { ...net, ...p.values } })}>{p.label}</button>
        ))}
      </div>
      {paper && <p className="hint" data-testid="rr-preset-cost">{PAPER_COST}</p>}
    </>
  );
}

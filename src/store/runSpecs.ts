import { methodSpec } from '../optimizers/methods';
import type { RunKey } from '../protocol/messages';
import type { EsRunAlgo } from '../es/esRunSettings';

/** Names and colours of the evolution strategies (Paul Tol's muted palette, colour-blind safe, apart from the optimizers' Okabe–Ito colours). */
export const ES_SPECS: Readonly<Record<EsRunAlgo, { name: string; color: string; update: string }>> = {
  es: { name: 'ES (fixed σ)', color: '#332288', update: 'μ ← μ − η_μ (1/(Nσ)) Σ uₙεₙ (Salimans et al. 2017)' },
  vo: { name: 'VO (regular gradient)', color: '#882255', update: 'ES step on μ; β = log σ² ← β − η_β (1/2N) Σ uₙ(‖εₙ‖² − d)' },
  'vo-natural': { name: 'VO (natural gradient)', color: '#117733', update: 'μ ← μ − η_μ σ(1/N) Σ uₙεₙ; β ← β − η_β (1/(dN)) Σ uₙ(‖εₙ‖² − d)' },
  'vo-sep': { name: 'VO (separable σ)', color: '#AA4499', update: 'per-coordinate σᵢ with the regular gradient' },
  snes: { name: 'SNES', color: '#999933', update: 'μ ← μ + η_μ σ ⊙ Σ uₖsₖ; σ ← σ ⊙ exp(½η_σ Σ uₖ(sₖ² − 1)) (Wierstra et al. 2014)' },
  xnes: { name: 'xNES', color: '#44AA99', update: 'full covariance σB, natural-gradient updates in exponential coordinates (Wierstra et al. 2014)' },
  ensemble: { name: 'Exploration ensemble', color: '#DDCC77', update: '8 explorers: a step along the explorer\'s own coordinate with probability p_t, else a gradient step; p_t and the steps decay (after "Learning to Optimize with Gradient Based Exploration Strategies"). 10 steps per generation; the path follows whichever explorer is best at each step, so it jumps between them; the ellipse is the coordinate step h_t' },
};

/** Display name and colour of a run key: an optimizer (methods.ts) or 'es:<algo>'. */
export function runSpec(key: RunKey): { name: string; color: string } {
  if (key.startsWith('es:')) {
    const s = ES_SPECS[key.slice(3) as EsRunAlgo];
    if (s) return s;
  }
  const m = methodSpec(key);
  return m ? { name: m.name, color: m.color } : { name: key, color: '#555' };
}

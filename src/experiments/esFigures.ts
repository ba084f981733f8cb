/**
 * Presets that rebuild the figures of the ES/VO sources (seeds 002: Havtorn's VO thesis slides; 004: the ES/VO
 * article), each as the link state that shows it (decoded by store/urlCodec.ts like any shared link) and a caption
 * saying what the source figure shows, so the user can check it. Settings: es-vo.md §3.1 (Havtorn's Himmelblau
 * figures) and §1.1, §4 (the 1D functions). Where a source is not reproduced exactly, the caption says how it differs.
 */
export interface EsFigurePreset {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  /** What the source figure shows, and what to look for here. */
  readonly caption: string;
  /** The link state (URL hash without '#'). */
  readonly hash: string;
}

export const ES_FIGURES: readonly EsFigurePreset[] = [
  {
    id: 'havtorn-himmelblau', title: 'Himmelblau: GD, ES, VO regular and VO natural', source: 'Havtorn, VO thesis slides (seed 002), figures #1–#3',
    caption: 'From (0, 0), 60 generations of N = 200 samples with σ₀ = 1, η_μ = 100, η_β = 10 and NES utilities in Havtorn\'s sort order; GD with η = 0.01. '
      + 'Source captions: GD converges smoothly to (3, 2); ES finds a minimum but struggles to converge due to the fixed variance (it jitters); '
      + 'VO with the regular gradient drives the variance towards zero with larger and larger gradients and is kicked away; VO with the natural gradient converges. '
      + 'Difference: the natural β step here is the exact isotropic natural gradient, half of Havtorn\'s code step at d = 2 (es-vo.md §3.1).',
    hash: 'l=himmelblau&m=gd&e=es,vo,vo-natural&esh=nes-havtorn&s=0,0',
  },
  {
    id: 'sinc-map', title: '−sinc: the bound U(μ, σ) seen from above', source: 'Havtorn (seed 002); Huszár\'s figure via Javanmard',
    caption: 'U(μ, σ) = E[f(μ + σε)] over μ ∈ [−5, 5] and σ ∈ [0, 2], red high and blue low: the bound is smooth for every σ > 0 and its valley at μ = 0 deepens as σ → 0. '
      + 'Gradient descent from x₀ = 3 stops in the local minimum at 2.46; natural-gradient VO slides to μ = 0 while σ shrinks. Computed exactly (quadrature), not by the source\'s 15000 common samples, so it is symmetric.',
    hash: 'o=1&of=sinc',
  },
  {
    id: 'quantized-sinc-map', title: 'Quantized sinc: steps with zero gradient', source: 'Havtorn (seed 002)',
    caption: 'f = ⌊−5 sinc(x)⌋/5 is piecewise constant: its gradient is zero almost everywhere, so gradient descent cannot move, yet U(μ, σ) is smooth for σ > 0 '
      + 'and VO descends it to the plateau around 0. f is drawn as a step plot; the smoothings are exact (sums of Φ over the jumps).',
    hash: 'o=1&of=sinc-quantized',
  },
  {
    id: 'narrow-wide', title: 'Narrow versus wide minimum', source: 'Havtorn (seed 002)',
    caption: 'A wide local basin at x = −2 (f = −1.25) and a narrow global one at x = 2.25 (f = −1.625). On the U(μ, σ) map the wide basin survives at large σ and the narrow one only near σ = 0: '
      + 'VO from x₀ = −4 with σ₀ = 1 prefers the wide minimum.',
    hash: 'o=1&of=narrow-wide',
  },
  {
    id: 'sigma-series', title: 'Smoothing at σ = 0.35, 0.2 and 0.1', source: 'the ES/VO article (seed 004)',
    caption: 'The article plots a 1D function and its Gaussian smoothings at σ = 0.35, 0.2 and 0.1: the larger σ, the fewer and shallower the local minima. '
      + 'Its exact function is unpublished; −sinc stands in (all five of its minima survive at these σ; merging starts near σ ≈ 1). Move the σ slider to add a curve.',
    hash: 'o=1&of=sinc&sms=0.35',
  },
  {
    id: 'wall', title: 'A wall that ES tunnels through', source: 'the ES/VO article (seed 004), stand-in of es-vo.md §4',
    caption: 'A bowl around x = 2 behind a narrow barrier at 0 (height 3, width 0.1). Gradient descent from x₀ = −2 stops at the barrier; the smoothed loss has no barrier for σ ≳ 0.5, '
      + 'so VO (σ₀ = 1) passes it and then shrinks σ into the minimum at 2. The article\'s own wall function is unpublished.',
    hash: 'o=1&of=wall&sms=0.2',
  },
  {
    id: 'plateau', title: 'A plateau where gradient descent cannot start', source: 'the ES/VO article (seed 004), stand-in of es-vo.md §4',
    caption: 'f = min(x², 1) from x₀ = 3: the gradient is exactly 0, so gradient descent never moves. f_σ\'(3) is 0 at σ = 0.1, about 10⁻⁸ at 0.35 and 0.029 at 1: '
      + 'only a large σ "sees" the basin, and VO with σ₀ = 1 finds it.',
    hash: 'o=1&of=plateau&sms=1',
  },
];

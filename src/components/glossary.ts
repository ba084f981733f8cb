/** A paper or article a glossary entry cites, with a link a reader can open. */
export interface Reference {
  readonly label: string;
  readonly url: string;
}

export const PAPERS = {
  ridgeRider: { label: 'Parker-Holder et al. 2020, "Ridge Rider: Finding Diverse Solutions by Following Eigenvectors of the Hessian" (NeurIPS)', url: 'https://arxiv.org/abs/2011.06505' },
  otherPlay: { label: 'Hu et al. 2020, "“Other-Play” for Zero-Shot Coordination" (ICML)', url: 'https://arxiv.org/abs/2003.02979' },
  dauphin: { label: 'Dauphin et al. 2014, "Identifying and attacking the saddle point problem in high-dimensional non-convex optimization"', url: 'https://arxiv.org/abs/1406.2572' },
  momentum: { label: 'Goh 2017, "Why Momentum Really Works" (Distill)', url: 'https://distill.pub/2017/momentum/' },
  adam: { label: 'Kingma and Ba 2014, "Adam: A Method for Stochastic Optimization"', url: 'https://arxiv.org/abs/1412.6980' },
  salimans: { label: 'Salimans et al. 2017, "Evolution Strategies as a Scalable Alternative to Reinforcement Learning"', url: 'https://arxiv.org/abs/1703.03864' },
  nes: { label: 'Wierstra et al. 2014, "Natural Evolution Strategies" (JMLR 15)', url: 'https://www.jmlr.org/papers/volume15/wierstra14a/wierstra14a.pdf' },
  vo: { label: 'Staines and Barber 2012, "Variational Optimization"', url: 'https://arxiv.org/abs/1212.4507' },
  huszar: { label: 'Huszár 2017, "Evolution Strategies, Variational Optimisation and Natural ES" (inference.vc)', url: 'http://www.inference.vc/evolution-strategies-variational-optimisation-and-natural-es-2/' },
  havtorn: { label: 'Havtorn 2018, "Variational Optimization of Neural Networks" (master\'s thesis, DTU Compute)', url: 'https://github.com/JakobHavtorn/Master-Thesis' },
} as const satisfies Record<string, Reference>;

/** One term of the glossary: what it means here, in plain words, and where to read more. */
export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly text: string;
  readonly refs?: readonly Reference[];
}

/**
 * Every term the panels use, in the order a newcomer meets them. The "?" of a panel opens the glossary at its entry;
 * the help button in the header opens it at the top.
 */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { id: 'surface', term: 'Loss surface, f(x, y)', text: 'A function of two numbers drawn as a map: colour is the value f, the lines are contours (points of equal f). Optimizers look for low points. Pick a built-in function or type your own formula in x and y.' },
  { id: 'gradient', term: 'Gradient ∇f', text: 'The direction in which f rises fastest, and how fast. Gradient descent steps against it.' },
  { id: 'hessian', term: 'Hessian, eigenvalues λ and eigenvectors', text: 'The Hessian ∇²f measures curvature: how the slope changes. Its eigenvectors are the directions of pure curvature and its eigenvalues λ say how curved f is along them: λ > 0 curves up (a valley across), λ < 0 curves down (a ridge along). "Hessian eigenvectors" in the View panel draws both at many points.' },
  { id: 'critical', term: 'Critical points: minimum, saddle, maximum', text: 'Points where ∇f = 0. At a minimum every λ > 0, at a maximum every λ < 0, at a saddle some are positive and some negative; "degenerate" means a λ is 0, so curvature alone cannot tell. They are found by Newton\'s method from many starts.', refs: [PAPERS.dauphin] },
  { id: 'optimizers', term: 'Optimizers and the step size η', text: 'Gradient descent (GD) moves x ← x − η∇f. Momentum and Nesterov add a velocity that remembers past steps (β, how much); Adam scales each coordinate by its recent gradient size; damped Newton divides by the curvature, so it heads for any critical point, saddles and maxima too. A step size η larger than 2/λ_max (the largest curvature) makes gradient descent overshoot and diverge (with momentum β the limit is 2(1 + β)/λ_max); the panel shows the limit at the start and offers a safe η.', refs: [PAPERS.momentum, PAPERS.adam] },
  { id: 'ridge', term: 'Ridge Rider and ridges', text: 'Ridge Rider starts at a saddle or maximum and, instead of following the gradient, follows an eigenvector of the Hessian with negative curvature (λ < 0): a "ridge". Each such direction, in both senses, leads to a different part of the surface, so following all of them and branching again where a ride ends finds diverse solutions that gradient descent misses.', refs: [PAPERS.ridgeRider] },
  { id: 'ride', term: 'Ride', text: 'One walk along a ridge: θ ← θ + α d, where d is the ridge\'s direction, re-measured after every step (UpdateRidge picks the eigenvector that best continues d). A ride ends when EndRide says so; then the search branches along the negative eigenvectors at its end.', refs: [PAPERS.ridgeRider] },
  { id: 'fingerprint', term: 'Fingerprint Ψ and the 0+ / 1− notation', text: 'The list of choices that led to a ride, one per branching, from the start. At each branching the eigenvectors are numbered from the most negative eigenvalue up (0, 1, …); "+" follows +v_i and "−" follows −v_i. So "0+ 1−" means: first along +v₀ (the most negative curvature) from the start, then along −v₁ where that ride ended. The paper calls it Ψ and writes index r = 2i for +v_i and 2i + 1 for −v_i.', refs: [PAPERS.ridgeRider] },
  { id: 'alpha', term: 'Step size α (and backtracking)', text: 'How far a ride moves per step. With backtracking, each step starts from α (α_max) and halves until the new direction still overlaps the old one by δ_break and the loss falls; when α drops below α_min the ride ends ("alpha-min").' },
  { id: 'deltaBreak', term: 'δ_break (overlap threshold)', text: 'Two successive ridge directions belong to the same ridge when their overlap |⟨d, d′⟩| is at least δ_break (0.95 in the paper\'s experiments). A sharper turn means the ridge has ended or split.' },
  { id: 'endRide', term: 'EndRide', text: 'When a ride stops: the followed eigenvalue is no longer negative (λ ≥ 0: the ridge is gone), the direction turns too fast (overlap < δ_break), the loss stops decreasing, or the ride\'s step budget is spent. The tree marks each ride with its reason.' },
  { id: 'archive', term: 'Archive order: breadth-first, depth-first, best-first', text: 'Rides waiting to be ridden sit in an archive. Breadth-first rides every ridge of a branching before going deeper; depth-first follows the newest branch first; best-first takes the ridge that starts lowest.' },
  { id: 'topN', term: 'Top N', text: 'Branch only along the N most negative eigenvectors at each branching point (0: all of them). The paper\'s tree experiments use the top 6.' },
  { id: 'groups', term: 'Eigenvalue groups', text: 'Symmetric problems have repeated eigenvalues: a whole plane (or more) of directions with the same curvature, all leading to equivalent solutions. "One ridge per group" explores one direction per group instead of every basis vector.' },
  { id: 'mis', term: 'MIS (maximally invariant saddle)', text: 'The paper\'s starting point: a saddle that is as symmetric as the problem, so that its negative eigenvectors break the symmetry in every possible way. On a 2D surface RidgeLab starts at the maximum, or the saddle with the most negative curvature, or where you click, refined by Newton\'s method.', refs: [PAPERS.ridgeRider] },
  { id: 'gdFinish', term: 'Gradient-descent finish (GD finish)', text: 'Gradient descent from where each ride ends, to the minimum of the basin it reached ("a locally convex region … at which point gradient descent could be performed", §3 of the paper).' },
  { id: 'ring', term: 'Ring of gradient-descent runs', text: 'The paper\'s Appendix D.1: gradient descent started on a small circle around a saddle always leaves along the direction of most negative curvature. The ring draws these runs and reports their exit angles.' },
  { id: 'treeMdp', term: 'Tree MDP, MIS and the baselines', text: 'A small reinforcement-learning problem: from the root, go left or right at every decision node until a leaf, which pays +10 (blue) or −1 (red). The policy has one number θ per decision node, p(right) = sigmoid(θ), and its loss is minus the expected reward, so its gradient and Hessian are exact. Ridge Rider starts at a maximally invariant saddle (MIS: θ = 0, the policy that makes every leaf equally likely, or the paper\'s small-gradient high-entropy point) and counts a positive leaf as found when a ride ends with a policy that reaches it. The baselines: gradient descent from random starts (R) or from the MIS (S), random directions from the MIS, Fixed-EV (eigenvectors followed without updating them) and Rand-Ridge+ (random ascent directions in place of eigenvectors).', refs: [PAPERS.ridgeRider] },
  { id: 'lever', term: 'Lever game, self-play and cross-play', text: 'Two players each pull one of ten levers and earn its payoff only if they pull the same one. Seven levers pay 1, two pay 0.8, one pays 0.6. Agents trained together (self-play) agree on some 1-lever, but strangers trained apart pick different ones: their cross-play, the payoff when one agent of one run meets one of another, is low. Zero-shot coordination asks for a rule that strangers can follow independently: Ridge Rider\'s ridges from the symmetric MIS are the same for everyone, and the ridge that raises the unique 0.6 lever cross-plays 0.6 every time.', refs: [PAPERS.ridgeRider, PAPERS.otherPlay] },
  { id: 'sigma', term: 'Smoothing σ and f_σ', text: 'f_σ(x) = E[f(x + σε)] with ε ~ N(0, I): f averaged over a Gaussian blur of width σ. Small bumps disappear as σ grows. This is the loss that evolution strategies actually descend.', refs: [PAPERS.huszar] },
  { id: 'es', term: 'Evolution strategies (ES) and variational optimization (VO)', text: 'Methods that never use the gradient: they sample N points around the mean μ with spread σ, evaluate f there, and move μ towards the better samples. ES keeps σ fixed; VO also learns σ, minimizing the bound U(μ, σ) = E[f(μ + σε)]; the natural-gradient versions rescale the steps by the geometry of the Gaussian.', refs: [PAPERS.salimans, PAPERS.vo, PAPERS.havtorn] },
  { id: 'population', term: 'Population N and σ₀', text: 'N is the number of samples per generation (more samples, less noisy steps); σ₀ the initial spread of the search distribution.' },
  { id: 'shaping', term: 'Fitness shaping', text: 'Before estimating the step, each sample\'s loss is replaced by a score: its rank (centered ranks), a log-rank utility (NES utilities), a standardized value (z-score), or nothing. Shaping makes the step independent of the loss\'s scale and robust to outliers. "Reversed" ranks the worst sample first, as in Havtorn\'s code.', refs: [PAPERS.nes, PAPERS.havtorn] },
  { id: 'etaMu', term: 'Learning rates η_μ and η_σ', text: 'How far a generation moves the mean μ (η_μ) and the spread σ (η_σ; for VO, of β = log σ²). 0 uses each algorithm\'s default for the chosen shaping.' },
  { id: 'antithetic', term: 'Antithetic sampling', text: 'Samples come in mirrored pairs ε and −ε: the noise of the estimate cancels for the symmetric part of f, for the same N.' },
  { id: 'bound', term: 'The bound U(μ, σ)', text: 'The 1D view draws U(μ, σ) = E[f(μ + σε)] over the mean μ (across) and σ (up), seen from above: at σ = 0 it is f itself. VO walks on this map, and can reach minima that gradient descent on f cannot.', refs: [PAPERS.huszar, PAPERS.havtorn] },
];

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.id === id);
}

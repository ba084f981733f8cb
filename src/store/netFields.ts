import { ACTIVATIONS, MAX_MLP_PARAMS, paramLayout, type Activation } from '../nn/mlpSpec';
import type { LanczosWhich } from '../math/lanczos';
import type { HvpMethod } from '../nn/hvp';
import { SMALL_SWEEP_RANGES, SWEEP_SHAPE_RIDE, type MnistRrDirections, type MnistRrSettings, type SweepShape } from '../nn/mnistRrSettings';
import { formatSig } from '../charts/rideTreeLabels';
import type { NetBackend } from '../protocol/nn';
import { choiceField, flagField, inSection, numberField, numberListField, type ParamField } from './fieldKinds';
import type { AppParams, NetPane } from './params';

const net = <K extends keyof AppParams['net']>(k: K) => inSection('net', k);

/** The most layers a network of the app has (input and output included). */
export const MAX_NET_LAYERS = 8;

function checkLayers(v: readonly number[]): string | null {
  if (v.length < 2) return 'a network needs at least an input and an output width';
  if (v[0] !== 784) return `the input width must be 784 (an MNIST image has 28 × 28 pixels), got ${v[0]}`;
  if (v[v.length - 1] !== 10) return `the output width must be 10 (the digits 0–9), got ${v[v.length - 1]}`;
  const bad = v.find((n) => !Number.isInteger(n) || n < 1 || n > 4096);
  if (bad !== undefined) return `widths are whole numbers from 1 to 4096, got ${bad}`;
  const count = paramLayout(v).count;
  return count > MAX_MLP_PARAMS ? `that network has ${count} parameters, more than the limit of ${MAX_MLP_PARAMS}` : null;
}

const ACTIVATION_TEXT: Readonly<Record<Activation, string>> = {
  relu: 'max(0, x): the paper\'s; piecewise linear, so the Hessian comes only from the softmax and the kinks',
  tanh: 'tanh(x): smooth and saturating',
  sigmoid: '1 / (1 + e^−x): smooth and saturating',
  softplus: 'log(1 + eˣ): a smooth relu',
};

/**
 * The network view in the link: keys nn, nbk, nl, na, no, nlr, nb, nst, nts, nee, nes, nde (the network and its training),
 * nhs, nhv, nk, nw, ntol, nmv, nqs, nqd (the curvature), nsd, nsr, nsg (the slice), rrh, rrn, rrs, rra, rre, rrl, rri, rrb, rrm, rrg, rrk, rrv, rru, rrw, rrz, rrp, rrd, rro, rrx, rrf, rrt, rrq, rry
 * (Ridge Rider on the network), crn, crl (Table 1 on Colored MNIST), np (the pane shown).
 */
/** A sweep range in words: "0.01 to 0.2" (six significant digits, so a batch of 1024 stays 1024). */
const span = ([lo, hi]: readonly [number, number]) => `${formatSig(lo, 6)} to ${formatSig(hi, 6)}`;

export const NET_FIELDS: readonly ParamField<unknown>[] = [
  flagField({ key: 'nn', label: 'show the network', group: 'net', ...net('on') }),
  choiceField<NetBackend>({ key: 'nbk', label: 'backend', group: 'net', what: 'backend', ...net('backend'),
    help: 'Where the network computes. Changing it restarts the network worker: save the model first to keep it', options: [
    { value: 'auto', label: 'automatic', help: 'WebGPU on a graphics card; on a software WebGPU adapter, wasm (much faster there)' },
    { value: 'webgpu', label: 'WebGPU', help: 'The graphics card through WebGPU' },
    { value: 'webgl', label: 'WebGL', help: 'The graphics card through WebGL 2' },
    { value: 'wasm', label: 'wasm', help: 'The CPU, WebAssembly with SIMD' },
    { value: 'cpu', label: 'plain JavaScript', help: 'The CPU, TF.js\'s reference kernels (slowest)' }] }),
  numberListField({ key: 'nl', label: 'layers', group: 'net', maxLength: MAX_NET_LAYERS, check: checkLayers,
    help: 'Layer widths, input first: 784 pixels in, hidden layers, 10 digits out (the paper: 784, 128, 128, 10)', ...net('layers') }),
  choiceField<Activation>({ key: 'na', label: 'activation', group: 'net', what: 'activation', options: ACTIVATIONS.map((a) => ({ value: a, label: a, help: ACTIVATION_TEXT[a] })), ...net('activation') }),
  choiceField<'adam' | 'sgd'>({ key: 'no', label: 'optimizer', group: 'net', what: 'optimizer', ...net('optimizer'),
    options: [{ value: 'adam', label: 'Adam', help: 'Kingma & Ba 2015, β = 0.9, 0.999' }, { value: 'sgd', label: 'SGD', help: 'Plain minibatch gradient descent' }] }),
  numberField({ key: 'nlr', label: 'step size η', group: 'net', min: 1e-6, max: 10, integer: false, log: true, help: 'Learning rate: how far each training step moves the weights', ...net('lr') }),
  numberField({ key: 'nb', label: 'batch', group: 'net', min: 1, max: 60_000, integer: true, log: true, help: 'Images per training step', ...net('batch') }),
  numberField({ key: 'nst', label: 'steps', group: 'net', min: 1, max: 1_000_000, integer: true, log: true, help: 'Training steps of a run', ...net('steps') }),
  numberField({ key: 'nts', label: 'training images', group: 'net', min: 1, max: 60_000, integer: true, log: true,
    help: 'Train on the first n of the 60,000 training images', ...net('trainSamples') }),
  numberField({ key: 'nee', label: 'evaluate every', group: 'net', min: 1, max: 100_000, integer: true, log: true,
    help: 'Steps between the points of the train and test curves', ...net('evalEvery') }),
  numberField({ key: 'nes', label: 'evaluation images', group: 'net', min: 1, max: 60_000, integer: true, log: true,
    help: 'Each curve point is the loss and accuracy on the first n images of the split (at most 10,000 for the test set)', ...net('evalSamples') }),
  numberField({ key: 'nde', label: 'spectrum every', group: 'net', min: 0, max: 100_000, integer: true, log: false,
    help: 'Steps between live spectra while training (0: none). Each costs the density\'s Hessian-vector products', ...net('densityEvery') }),
  numberListField({ key: 'rrh', label: 'layers', group: 'net', maxLength: MAX_NET_LAYERS, check: checkLayers,
    help: 'The network Ridge Rider trains from its MIS, input first. Each ride step costs S + 1 passes over the batch and each branching a Lanczos run, so small networks run in a minute; the paper: 784, 128, 10', ...net('rrLayers') }),
  numberField({ key: 'rry', label: 'start scale', group: 'net', min: 1e-3, max: 10, integer: false, log: true,
    help: 'The search for the MIS starts from the network\'s random initial weights times this factor, and descends ½‖∇L‖² from there: small weights give a saddle where every digit looks alike. On a 784-128-128-10 network the best of the first two rides reached 41% test accuracy from 0.1 and 84–86% from 0.3, 0.5 or 1; on 784-128-10, 86% from 0.1 and 88% from 0.3; on 784-32-10, 88% from 0.1 and 84% from 0.3', ...net('rrInitScale') }),
  numberField({ key: 'rrn', label: 'rides', group: 'net', min: 1, max: 64, integer: true, log: false,
    help: 'Rides of the search (of each search, with first ridges apart). The first leaves the MIS along the most negative eigenvector; later ones branch where rides end (depth first: where the latest ended)', ...net('rrRidges') }),
  numberField({ key: 'rrs', label: 'steps per ride', group: 'net', min: 1, max: 5000, integer: true, log: true, help: 'The most steps a ride takes', ...net('rrSteps') }),
  numberField({ key: 'rra', label: 'step α', group: 'net', min: 1e-6, max: 10, integer: false, log: true, help: 'Each ride step moves the weights by α along the ridge: θ ← θ − α e', ...net('rrAlpha') }),
  numberField({ key: 'rre', label: 'LR_e', group: 'net', min: 0, max: 10, integer: false, log: false,
    help: 'UpdateRidge\'s step size for the eigenvector e (scaled by λ² or plain: see "rates"). 0 follows the first eigenvector without updating it: the paper\'s ablation. Scaled by λ², the update is stable only while LR_e < 1/(λ_max − λ)²: as training sharpens the largest curvature λ_max, a larger LR_e swings e onto the steepest directions and the ride stalls (with LR_e = 0.05 and λ ≈ −0.5, once λ_max passes about 4). “UpdateRidge steps: halved on a rise” (the default) keeps the update stable at any LR_e', ...net('rrLrE') }),
  numberField({ key: 'rrl', label: 'LR_λ', group: 'net', min: 0, max: 10, integer: false, log: false, help: 'UpdateRidge\'s step size for the eigenvalue λ (scaled by λ² or plain: see "rates")', ...net('rrLrLambda') }),
  choiceField<'lambda2' | 'plain'>({ key: 'rrk', label: 'rates', group: 'net', what: 'rate scaling', ...net('rrStepScale'), options: [
    { value: 'lambda2', label: 'scaled by λ²', help: 'LR_e and LR_λ times λ²: the loss ‖Hê/λ − ê‖² has curvature of order 1/λ², so the same rates work at any scale' },
    { value: 'plain', label: 'plain (the paper’s)', help: 'LR_e and LR_λ as given, as in the paper\'s captions' }] }),
  choiceField<MnistRrSettings['update']>({ key: 'rrv', label: 'UpdateRidge', group: 'net', what: 'ridge update', ...net('rrUpdate'), options: [
    { value: 'gradient', label: 'gradient steps (Algorithm 2)', help: 'After each step, S gradient steps on ‖Hê/λ − ê‖² move e and λ towards the nearest eigenpair; with small eigen-gaps e drifts off its ridge (see the chart of the ride\'s direction)' },
    { value: 'lanczos', label: 'Lanczos (exact rule)', help: 'After each step, Lanczos finds the most negative eigenvectors and the ride takes the one nearest its last direction, as exact Ridge Rider does: the ride stays on a ridge. S, LR_e, LR_λ and "λ at each step" are then unused; each step costs a Lanczos run' }] }),
  choiceField<MnistRrSettings['updateRates']>({ key: 'rru', label: 'UpdateRidge steps', group: 'net', what: 'update steps', ...net('rrUpdateRates'), options: [
    { value: 'fixed', label: 'at LR_e, LR_λ', help: 'Every step at the rates given, as in the paper. They go unstable once LR_e > 1/(λ_max − λ)²: as training sharpens the largest curvature λ_max, e then swings onto the steepest directions and leaves its ridge' },
    { value: 'backtrack', label: 'halved on a rise', help: 'A step that raises ‖Hê/λ − ê‖² is undone and retried at half the rates, so that this loss never rises, whatever LR_e; one more Hessian-vector product per update' }] }),
  choiceField<MnistRrSettings['lambdaStart']>({ key: 'rrw', label: 'λ at each step', group: 'net', what: 'eigenvalue start', ...net('rrLambdaStart'), options: [
    { value: 'rayleigh', label: 'warm start', help: 'UpdateRidge starts from λ ≈ λ′ + e′ᵀ(H − H′)e′, the curvature along the last direction at the new weights' },
    { value: 'previous', label: 'carried over', help: 'UpdateRidge starts from the last λ, so only LR_λ moves it; with LR_λ = 0 the ride keeps its first eigenvalue and e follows the direction whose curvature is nearest it' }] }),
  choiceField<MnistRrSettings['end']>({ key: 'rrz', label: 'a ride ends', group: 'net', what: 'ride end', ...net('rrEnd'), options: [
    { value: 'ridge', label: 'with its ridge', help: 'When λ turns non-negative, the direction turns past δ_break = 0.95 or the loss stops falling; the search branches there (the paper\'s Algorithm 1)' },
    { value: 'loss', label: 'when the loss stops falling', help: 'Only when the loss stops falling: with patience 0 at the first step that would raise it, else after "patience" steps in a row that do not lower it below the ride\'s lowest. The ride goes on past λ = 0 along its direction, then branches' },
    { value: 'steps', label: 'at the step cap', help: 'Only after "steps per ride": the loss may rise' }] }),
  numberField({ key: 'rrp', label: 'patience', group: 'net', min: 0, max: 10_000, integer: true, log: false,
    help: 'How many steps in a row may fail to lower the loss below the ride\'s lowest before the ride ends ("a ride ends": with its ridge or when the loss stops falling). The ride then ends at its lowest point: the steps past it are dropped, and its branches start there. 0: the first step that would raise the loss ends the ride. With fresh minibatches the loss wobbles while its trend still falls: a patience of 10–50 lets the ride go on', ...net('rrPatience') }),
  numberField({ key: 'rri', label: 'inner steps S', group: 'net', min: 0, max: 1000, integer: true, log: false,
    help: 'UpdateRidge\'s gradient steps on ‖Hê/λ − ê‖² after each ride step, each one Hessian-vector product', ...net('rrInner') }),
  numberField({ key: 'rrb', label: 'batch', group: 'net', min: 1, max: 60_000, integer: true, log: true,
    help: 'Images per batch: the loss, its gradient and the Hessian-vector products on n training images (which ones: see "images")', ...net('rrBatch') }),
  choiceField<'fixed' | 'fresh'>({ key: 'rrm', label: 'images', group: 'net', what: 'batch images', ...net('rrBatches'), options: [
    { value: 'fixed', label: 'the first n', help: 'Always the first n training images: fast and repeatable, but the rides fit those images only' },
    { value: 'fresh', label: 'fresh minibatches', help: 'A new minibatch of n images from all 60,000 for every ride step and branching, as SGD sees the data; the loss that ends a ride stays on the first n' }] }),
  choiceField<'lanczos' | 'power'>({ key: 'rrg', label: 'eigensolver', group: 'net', what: 'eigensolver', ...net('rrSolver'), options: [
    { value: 'lanczos', label: 'Lanczos', help: 'GetRidges finds the most negative eigenvectors by Lanczos (thick restarts): few Hessian-vector products' },
    { value: 'power', label: 'power method', help: 'The power method on the shifted Hessian, one eigenvector after another: simpler, and slow where eigenvalues lie close together' }] }),
  choiceField<MnistRrDirections>({ key: 'rrd', label: 'directions', group: 'net', what: 'directions', ...net('rrDirections'), options: [
    { value: 'eigen', label: 'ridges', help: 'Ridge Rider: the Hessian\'s eigenvectors of negative eigenvalue' },
    { value: 'random', label: 'random (Rand-Ridge+)', help: 'The paper\'s ablation: random unit directions, each turned to go downhill' },
    { value: 'gradient', label: 'steepest descent', help: 'For comparison: every step straight downhill, −∇L/‖∇L‖, with the same step α, images and end rule; no curvature is used' }] }),
  numberField({ key: 'rro', label: 'check every', group: 'net', min: 0, max: 1000, integer: true, log: false,
    help: 'Every n ride steps, Lanczos finds the four most negative exact eigenvectors there and the ride records how well its direction matches the nearest of them (the paper\'s Theorem 2; near 0: it has left them), and how much of the gradient ∇L lies in those directions and in the 10 sharpest ones; 0: never. Each check costs several hundred Hessian-vector products', ...net('rrOverlapEvery') }),
  choiceField<'dfs' | 'bfs'>({ key: 'rrx', label: 'search', group: 'net', what: 'search order', ...net('rrOrder'), options: [
    { value: 'dfs', label: 'depth first', help: 'Branch from where the latest ride ended: each ride goes on from the last, so the path learns more and more' },
    { value: 'bfs', label: 'breadth first', help: 'Ride every ridge of the MIS before branching: compares the first ridges side by side' }] }),
  numberField({ key: 'rrf', label: 'first ridges apart', group: 'net', min: 0, max: 16, integer: true, log: false,
    help: 'K ≥ 1: K searches of the set number of rides, the k-th leaving the MIS along its k-th ridge (the paper\'s Fig. 5 rows, ψ[0] = k); 0: one search over the MIS\'s ridges', ...net('rrFirst') }),
  numberField({ key: 'rrt', label: 'sweep trials', group: 'net', min: 1, max: 300, integer: true, log: true,
    help: `Trials of the small sweep: each draws S (${span(SMALL_SWEEP_RANGES.inner)}), α (${span(SMALL_SWEEP_RANGES.alpha)}), LR_e (${span(SMALL_SWEEP_RANGES.lrE)}), LR_λ (${span(SMALL_SWEEP_RANGES.lrLambda)}) `
      + `and the batch (${span(SMALL_SWEEP_RANGES.batch)}) at random; Ridge Rider, LR_e = 0 and Rand-Ridge+ in turn`, ...net('rrTrials') }),
  choiceField<SweepShape>({ key: 'rrq', label: 'each sweep trial', group: 'net', what: 'sweep trial', ...net('rrSweepShape'), options: [
    { value: 'ride', label: 'one long ride', help: `Each trial is one ride from the starting point, up to ${SWEEP_SHAPE_RIDE.steps} steps, ending after ${SWEEP_SHAPE_RIDE.patience} steps without a new lowest loss (fresh minibatches, λ carried over): where Ridge Rider and its two ablations come apart, as in the paper's Fig. 4 (right)` },
    { value: 'search', label: 'the rides as set', help: 'Each trial is the search set above (its rides, steps, order and end rule). With many short rides LR_e = 0 climbs too: each of its branches starts on the eigenvectors found where the last ride ended' }] }),
  numberField({ key: 'crn', label: 'runs per method', group: 'net', min: 1, max: 30, integer: true, log: false,
    help: 'Restarts of each method, each with its own environments and initialization (the paper: 30 for Ridge Rider, 10 for the baselines)', ...net('coloredRuns') }),
  numberField({ key: 'crl', label: 'images per environment', group: 'net', min: 100, max: 25_000, integer: true, log: true,
    help: 'Train and test on the first n images of each environment (the paper: all, 25,000 + 25,000 and 10,000); fewer run faster', ...net('coloredLimit') }),
  choiceField<NetPane>({ key: 'np', label: 'pane', group: 'net', what: 'pane', ...net('pane'), options: [
    { value: 'training', label: 'training', help: 'Training: loss and accuracy curves' },
    { value: 'spectrum', label: 'spectrum', help: 'The Hessian\'s spectrum' },
    { value: 'slice', label: 'loss slice', help: 'The loss on a plane of two directions' },
    { value: 'rides', label: 'Ridge Rider', help: 'Approximate Ridge Rider on the network' },
    { value: 'colored', label: 'Colored MNIST', help: 'Table 1 on Colored MNIST' }] }),
  numberField({ key: 'nhs', label: 'Hessian images', group: 'net', min: 1, max: 60_000, integer: true, log: true,
    help: 'The curvature is the Hessian of the loss on the first n training images', ...net('samples') }),
  choiceField<HvpMethod>({ key: 'nhv', label: 'Hessian × v by', group: 'net', what: 'Hessian-vector product', ...net('hvp'), options: [
    { value: 'autodiff', label: 'double backprop', help: 'Exact: the gradient of ⟨∇L, v⟩ (Pearlmutter 1994)' },
    { value: 'fd', label: 'finite differences', help: '(∇L(θ + εv) − ∇L(θ − εv)) / 2ε: two gradients, relative error about 1e-4 in float32' }] }),
  numberField({ key: 'nk', label: 'k', group: 'net', min: 1, max: 50, integer: true, log: false, help: 'Eigenpairs wanted (at each end for "both")', ...net('k') }),
  choiceField<LanczosWhich>({ key: 'nw', label: 'which', group: 'net', what: 'end of the spectrum', ...net('which'), options: [
    { value: 'largest', label: 'largest', help: 'The k largest eigenvalues: the sharpest directions' },
    { value: 'smallest', label: 'most negative', help: 'The k smallest eigenvalues: negative curvature, where Ridge Rider rides' },
    { value: 'both', label: 'both ends', help: 'k of each' }] }),
  numberField({ key: 'ntol', label: 'tolerance', group: 'net', min: 1e-8, max: 0.5, integer: false, log: true,
    help: 'Stop when every ‖Hv − λv‖ is below this times the largest |λ|', ...net('tol') }),
  numberField({ key: 'nmv', label: 'max products', group: 'net', min: 10, max: 100_000, integer: true, log: true,
    help: 'Cap on Hessian-vector products of one eigenvalue computation', ...net('maxMatvecs') }),
  numberField({ key: 'nqs', label: 'density: Lanczos steps', group: 'net', min: 2, max: 500, integer: true, log: true,
    help: 'Lanczos steps per random start of the density (Ghorbani et al. 2019 use 90)', ...net('slqSteps') }),
  numberField({ key: 'nqd', label: 'density: random starts', group: 'net', min: 1, max: 100, integer: true, log: true,
    help: 'Random starts averaged in the density (Ghorbani et al. use 10)', ...net('slqDraws') }),
  choiceField<'eigen' | 'random'>({ key: 'nsd', label: 'directions', group: 'net', what: 'slice directions', ...net('sliceDirs'), options: [
    { value: 'eigen', label: 'Hessian eigenvectors', help: 'Two of the eigenvectors found: the most negative and the largest λ when both signs are there, else the two of largest |λ|' },
    { value: 'random', label: 'random, filter-normalized', help: 'Two random directions scaled unit by unit to the weights (Li et al. 2018)' }] }),
  numberField({ key: 'nsr', label: 'half-width', group: 'net', min: 1e-4, max: 100, integer: false, log: true,
    help: 'The slice shows θ + a u + b v for a and b from −this to +this', ...net('sliceSpan') }),
  numberField({ key: 'nsg', label: 'grid', group: 'net', min: 4, max: 101, integer: true, log: false,
    help: 'Losses computed per side of the slice (between them the surface is interpolated)', ...net('sliceSide') }),
] as readonly ParamField<unknown>[];

/**
 * The classic first- and second-order optimizers the explorer compares, with their hyper-parameters. This one
 * table drives the engine, the UI controls, the URL codec and the CLI.
 */
export const METHOD_IDS = ['gd', 'momentum', 'nesterov', 'adam', 'newton'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export interface HyperSpec {
  readonly key: string;
  readonly label: string;
  /** Math symbol shown next to the control. */
  readonly symbol: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  /** Slider on a log scale. */
  readonly log: boolean;
}

export interface MethodSpec {
  readonly id: MethodId;
  readonly name: string;
  /** Colour-blind-safe categorical colour (Okabe–Ito). */
  readonly color: string;
  readonly update: string;
  readonly hyper: readonly HyperSpec[];
}

const lr = (d: number): HyperSpec => ({ key: 'lr', label: 'learning rate', symbol: 'η', defaultValue: d, min: 1e-5, max: 10, log: true });
const beta: HyperSpec = { key: 'beta', label: 'momentum', symbol: 'β', defaultValue: 0.9, min: 0, max: 0.999, log: false };

export const METHODS: readonly MethodSpec[] = [
  { id: 'gd', name: 'Gradient descent', color: '#E69F00', update: 'x ← x − η∇f(x)', hyper: [lr(0.01)] },
  { id: 'momentum', name: 'Momentum', color: '#56B4E9', update: 'v ← βv + ∇f(x); x ← x − ηv', hyper: [lr(0.01), beta] },
  { id: 'nesterov', name: 'Nesterov', color: '#009E73', update: 'v ← βv + ∇f(x − ηβv); x ← x − ηv', hyper: [lr(0.01), beta] },
  { id: 'adam', name: 'Adam', color: '#CC79A7', update: 'm ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; x ← x − η m̂/(√v̂ + ε)',
    hyper: [lr(0.05), { key: 'beta1', label: 'β₁', symbol: 'β₁', defaultValue: 0.9, min: 0, max: 0.999, log: false },
      { key: 'beta2', label: 'β₂', symbol: 'β₂', defaultValue: 0.999, min: 0.5, max: 0.99999, log: false },
      { key: 'eps', label: 'ε', symbol: 'ε', defaultValue: 1e-8, min: 1e-12, max: 1, log: true }] },
  { id: 'newton', name: 'Damped Newton', color: '#D55E00', update: 'x ← x − η(∇²f + λI)⁻¹∇f',
    hyper: [lr(1), { key: 'damping', label: 'damping', symbol: 'λ', defaultValue: 0.01, min: 0, max: 1000, log: false }] },
];

const BY_ID: ReadonlyMap<string, MethodSpec> = new Map(METHODS.map((m) => [m.id, m]));

export function methodSpec(id: string): MethodSpec | undefined {
  return BY_ID.get(id);
}

export function isMethodId(id: string): id is MethodId {
  return BY_ID.has(id);
}

/** Default hyper-parameters of a method, as a plain record. */
export function defaultHyper(id: MethodId): Record<string, number> {
  return Object.fromEntries(methodSpec(id)!.hyper.map((h) => [h.key, h.defaultValue]));
}

/** Why a run ended. */
export type StopReason = 'converged' | 'max-steps' | 'diverged' | 'cancelled';

export const MAX_STEPS = 100_000;

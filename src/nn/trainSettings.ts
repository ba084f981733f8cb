/** Minibatch training settings: SGD or Adam (Kingma & Ba 2015, β = 0.9, 0.999), η, batch size, steps, seed. */
export interface TrainSettings {
  readonly optimizer: 'sgd' | 'adam';
  readonly lr: number;
  readonly batch: number;
  readonly steps: number;
  readonly seed: number;
}

export const TRAIN_DEFAULTS: TrainSettings = { optimizer: 'adam', lr: 1e-3, batch: 128, steps: 1000, seed: 1 };

/**
 * Published Colored MNIST numbers (accuracy %, mean and 95% interval where given), set beside ours in Table 1:
 * Parker-Holder et al. 2020, Table 1 (Ridge Rider over 30 runs; ERM and IRM); the IRM reference's own output
 * (Arjovsky et al. 2019, code/colored_mnist, 10 restarts, ± one standard deviation), whose hyper-parameters were chosen
 * on the test environment.
 */
export interface ColoredReference {
  readonly train: number;
  readonly test: number;
  readonly trainPm?: number;
  readonly testPm?: number;
}

export const RR_PAPER: Readonly<Record<'rr' | 'erm' | 'irm', ColoredReference>> = {
  rr: { train: 65.5, trainPm: 1.68, test: 58.4, testPm: 2.41 },
  erm: { train: 87.4, trainPm: 1.7, test: 17.8, testPm: 1.33 },
  irm: { train: 69.7, trainPm: 0.71, test: 65.7, testPm: 1.42 },
};

export const IRM_REPOSITORY: Readonly<Record<'erm' | 'irm' | 'grayscale', ColoredReference>> = {
  erm: { train: 87.4, trainPm: 0.2, test: 17.1, testPm: 0.7 },
  irm: { train: 70.8, trainPm: 0.9, test: 66.9, testPm: 2.5 },
  grayscale: { train: 73.5, trainPm: 0.2, test: 73.0, testPm: 0.5 },
};

/** Chance, and the best an invariant classifier can do (the digit predicts the label 75% of the time). */
export const COLORED_CHANCE = 50;
export const COLORED_OPTIMUM = 75;

import type { Experiment } from './experiment';
import { havtornHimmelblau } from './havtornHimmelblau';
import { narrowWide } from './narrowWide';
import { plateau } from './plateau';
import { quantizedSincMap } from './quantizedSincMap';
import { ridgeRiderFig1 } from './ridgeRiderFig1';
import { sigmaSeries } from './sigmaSeries';
import { sincMap } from './sincMap';
import { wall } from './wall';
import { leverFig6 } from './leverFig6';
import { treeFig2 } from './treeFig2';
import { treeFig3 } from './treeFig3';

export { checkMeasured, type CheckedNumber, type Experiment, type ExperimentSettings, type Expectation, type Measured, type RidgePreset } from './experiment';

/**
 * Every paper figure the app rebuilds, in the order the Figures panel lists them: the registry that the panel, the CLI
 * (`experiments`, `experiment <id>`) and the tests read. A new figure is a new file exporting its Experiment, and
 * one line here.
 */
export const EXPERIMENTS: readonly Experiment[] = [ridgeRiderFig1, havtornHimmelblau, sincMap, quantizedSincMap, narrowWide, sigmaSeries, wall, plateau, treeFig2, treeFig3, leverFig6];

export function experimentById(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** The figures with a Ridge Rider search of their own (the ids a Ridge Rider preset may name). */
export const RIDGE_EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.filter((e) => e.ridgeRider).map((e) => e.id);

import type { EsRunSettings } from '../es/esRunSettings';
import type { SmoothSettings } from '../es/smoothSettings';
import type { MethodId } from '../optimizers/methods';
import type { RidgeSettings } from '../ridge-rider/settings';
import type { TreeMethod } from '../envs/treeMethodIds';
import type { TreeMis } from '../envs/treeMis';
import type { SolutionCriterion } from '../envs/treePolicy';
import type { TreeSweep } from '../envs/treeSweeps';
import type { RidgePreset } from '../runners/ridgeSearch';

export type { GdBaseline, RidgePreset } from '../runners/ridgeSearch';

/**
 * A paper figure, rebuilt: one entry of the experiments registry (index.ts), one file each. The Figures panel shows
 * it and applies its settings, the CLI runs it (`experiment <id>`), and the tests check that a headless run measures
 * what its caption claims.
 */
export interface Experiment {
  /** Stable id: the link's and the CLI's name for it. */
  readonly id: string;
  readonly title: string;
  /** A short name for buttons: "Figure 1". */
  readonly short: string;
  /** Where the figure comes from, as a reader finds it (authors, year, title, figure number). */
  readonly source: string;
  /** What the source figure shows, what to look for here, and where this differs from the source. */
  readonly caption: string;
  /** How it is rebuilt here, when the caption is the source's own words: the surface, the settings, what is drawn. */
  readonly notes?: string;
  /** Which view shows the figure. */
  readonly view: 'surface' | 'oned' | 'mdp' | 'lever';
  /** The app settings that show it, over the app's defaults (the store turns them into params and a link). */
  readonly settings: ExperimentSettings;
  /** For a Ridge Rider figure: the search it runs in place of the panel's settings (the worker's and the CLI's). */
  readonly ridgeRider?: RidgePreset;
  /** The numbers the caption claims, each with how a run must match it. */
  readonly expected: readonly Expectation[];
  /** Runs the figure headless (Node, a worker, a test) and measures those numbers. Deterministic. */
  measure(): Measured;
}

/**
 * App settings as a deep-partial of the app's params over engine types (store/params.ts AppParams has the same
 * shape): what is not given keeps its default; a landscape brings its own view.
 */
export interface ExperimentSettings {
  readonly landscape?: string;
  readonly start?: readonly [number, number];
  readonly methods?: readonly MethodId[];
  readonly seed?: number;
  readonly es?: Partial<EsRunSettings>;
  readonly smooth?: Partial<SmoothSettings>;
  readonly oned?: { readonly on?: boolean; readonly fn?: string };
  readonly ridge?: Partial<RidgeSettings> & { readonly on?: boolean; readonly preset?: string };
  /** The tree MDP view: the random tree shown, the methods' switches, and which sweep its sweep pane runs. */
  readonly mdp?: {
    readonly on?: boolean; readonly depth?: number; readonly sparsity?: number; readonly rewards?: 'paper' | 'level'; readonly tree?: number;
    readonly mis?: TreeMis; readonly criterion?: SolutionCriterion; readonly budget?: number; readonly alpha?: number; readonly topN?: number;
    readonly methods?: readonly TreeMethod[]; readonly sweep?: TreeSweep;
  };
  /** The lever game view. */
  readonly lever?: { readonly on?: boolean; readonly payoffs?: readonly number[]; readonly runs?: number; readonly repeats?: number; readonly clusterTol?: number };
}

/** What a run measured, by name. */
export type Measured = Readonly<Record<string, number | string>>;

/** A claimed number and how a measured one matches it. */
export type Expectation =
  /** |measured − value| ≤ tolerance. */
  | { readonly name: string; readonly label: string; readonly is: 'near'; readonly value: number; readonly tolerance: number }
  /** measured < value, or > value. */
  | { readonly name: string; readonly label: string; readonly is: 'below' | 'above'; readonly value: number }
  /** measured === value (counts, reasons, fingerprints). */
  | { readonly name: string; readonly label: string; readonly is: 'equal'; readonly value: number | string };

/** An expectation without its name and label: how a number must match. */
export type ExpectedValue = Expectation extends infer E ? (E extends Expectation ? Omit<E, 'name' | 'label'> : never) : never;

/** One row of a check: the expectation, the measured value, and whether it matches. */
export interface CheckedNumber {
  readonly name: string;
  readonly label: string;
  readonly measured: number | string | null;
  readonly expected: ExpectedValue;
  readonly matches: boolean;
}

/** Compares measured numbers with an experiment's expectations, row by row (a missing number does not match). */
export function checkMeasured(expected: readonly Expectation[], measured: Measured): CheckedNumber[] {
  return expected.map((e) => {
    const got = measured[e.name];
    const { name, label, ...rest } = e;
    let matches = false;
    if (got !== undefined) {
      if (e.is === 'equal') matches = got === e.value;
      else if (typeof got === 'number') {
        matches = e.is === 'near' ? Math.abs(got - e.value) <= e.tolerance : e.is === 'below' ? got < e.value : got > e.value;
      }
    }
    return { name, label, measured: got ?? null, expected: rest as ExpectedValue, matches };
  });
}

/** Expectations |x − value| ≤ tolerance for every number of a record, named `prefix.key`. */
export function nearAll(prefix: string, label: string, values: Readonly<Record<string, number>>, tolerance: number): Expectation[] {
  return Object.entries(values).map(([k, value]) => ({ name: `${prefix}.${k}`, label: `${label}: ${k}`, is: 'near' as const, value, tolerance }));
}

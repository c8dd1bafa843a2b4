// The drift report: exactly what `mlops drift --format json` prints and what the editor's drift view
// reads. Every number is finite or null, never NaN or Infinity.
import type { DriftCompat, DriftMethod } from '../pipeline/spec';

/** A test actually run on a feature (`auto` resolved). */
export type TestMethod = Exclude<DriftMethod, 'auto'>;

export type FeatureKind = 'numeric' | 'categorical' | 'other';

/** Shared equal-width bins over both samples, for plotting. */
export interface NumericHistogram {
  type: 'numeric';
  /** bins + 1 ascending edges; the last bin includes its right edge. */
  edges: number[];
  reference: number[];
  current: number[];
}

/** The most frequent categories of both samples; the rest are summed into `other*`. */
export interface CategoricalHistogram {
  type: 'categorical';
  categories: string[];
  reference: number[];
  current: number[];
  otherReference: number;
  otherCurrent: number;
}

export type Histogram = NumericHistogram | CategoricalHistogram;

/**
 * Every statistic that could be computed for a feature, whichever one decided. With compat `evidently`
 * the same fields hold Evidently's definitions (report.compat says which; README, "Data drift").
 */
export interface FeatureStats {
  ks?: { statistic: number; pValue: number; exact: boolean };
  /** Wasserstein-1 distance in the column's own unit. */
  wasserstein?: number;
  /** Wasserstein-1 divided by the reference's standard deviation (floored at 0.001, as Evidently). */
  wassersteinNormed?: number;
  psi?: number;
  jensenShannon?: number;
  /**
   * Categories (or, for a numeric column, its values when at most 5, else the reference's deciles):
   * the 2×k homogeneity test; with compat `evidently` the goodness of fit against the reference
   * proportions, whose statistic is infinite (null in JSON) when the reference lacks a current value.
   */
  chiSquare?: { statistic: number; dof: number; pValue: number };
  zTest?: { statistic: number; pValue: number };
  /** Share of current values whose category never occurs in the reference. */
  unseenShare?: number;
}

export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  /** The test that decided `drifted`; null when the feature was skipped or its test refused. */
  method: TestMethod | null;
  /** The deciding test's statistic (D, χ², z, or the distance); null when it could not be computed. */
  statistic: number | null;
  /** The deciding test's p-value; null for distances. */
  pValue: number | null;
  threshold: number | null;
  /** The deciding test crossed its threshold, or (allNullCurrent) the column stopped arriving. */
  drifted: boolean;
  histogram: Histogram | null;
  /** `compared` features make up the drifted share; `skipped` ones (with the reason first in notes) do not. */
  status: 'compared' | 'skipped';
  /** Present (true) when every current value is missing: flagged on its own, status skipped, out of the share. */
  allNullCurrent?: true;
  stats: FeatureStats;
  /**
   * Values compared (missing ones left out) and values missing (null, NaN, infinite, not a number);
   * all 0 for a skipped feature whose values were never read.
   */
  values: { reference: number; current: number; referenceMissing: number; currentMissing: number };
  notes: string[];
}

export interface DataSummary {
  path: string;
  rows: number;
  /** Rows read for numeric statistics when the file was sampled (absent when every row was read). */
  sampledRows?: number;
}

export interface DriftReport {
  reference: DataSummary;
  current: DataSummary;
  features: FeatureDrift[];
  /** Drifted features / compared features (0 when nothing could be compared). */
  driftedShare: number;
  /** driftedShare >= driftShare: the one verdict. */
  datasetDrift: boolean;
  driftShare: number;
  /** Features a test ran on (status compared). */
  compared: number;
  /** Compared features whose test drifted (allNullCurrent features are not among them). */
  drifted: number;
  /** Features whose current values are all missing: the columns that stopped arriving, flagged apart from the share. */
  allNullCurrent: string[];
  /** Whose definitions the statistics follow: `none` (ours) or `evidently`. */
  compat: DriftCompat;
  columns: { onlyInReference: string[]; onlyInCurrent: string[] };
  notes: string[];
}

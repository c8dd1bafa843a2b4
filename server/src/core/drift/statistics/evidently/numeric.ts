// A numeric column's statistics as Evidently computes them (compat: evidently). KS (SciPy's auto mode)
// and the normed Wasserstein distance are the same as ours; PSI and Jensen–Shannon use Evidently's
// binning and definitions; columns Evidently types categorical, or with at most 5 values, also get
// its chi-squared goodness of fit and (categorical, or at most 2 values) z-test on per-value counts.
import type { FeatureStats } from '../../model';
import { distinctCount, EVIDENTLY_PER_VALUE_MAX, histogramCounts, perValueCounts, sturgesEdges } from './binning';
import { chiSquareGoodnessOfFit, evidentlyJensenShannon, evidentlyPsi, evidentlyZTest } from './tests';

/** Evidently's column types (ColumnType.Numerical and ColumnType.Categorical). */
export type EvidentlyType = 'numerical' | 'categorical';

/**
 * Evidently's Dataset.from_pandas types an integer column with at most this many distinct values as
 * categorical (its INTEGER_CARDINALITY_LIMIT); the preset takes the type from the current dataset.
 */
export const EVIDENTLY_CATEGORICAL_INTEGERS = 10;
/** Up to this many distinct values (both samples) Evidently's default picks chi-squared, z or JS over KS/Wasserstein. */
const FEW_VALUES = 5;

export interface EvidentlyNumericOptions {
  /** Both columns are integer-typed with no missing value, so their concatenation has an integer dtype. */
  integers: boolean;
  /** The current column is integer-typed with no missing value, so pandas reads it as an integer dtype. */
  currentIntegers: boolean;
  /** Typed from the data rather than a contract: Evidently's own type inference applies. */
  inferred: boolean;
}

/** Share of current values whose value the reference never holds. */
function unseenShare(reference: number[], current: number[]): number {
  let unseen = 0;
  let total = 0;
  for (let i = 0; i < current.length; i++) {
    total += current[i]!;
    if (reference[i] === 0) unseen += current[i]!;
  }
  return total > 0 ? unseen / total : 0;
}

/**
 * Evidently's statistics for two ascending, finite, non-empty samples. `distinct` is the number of
 * distinct values over both (counted up to 6), `base` holds the KS and Wasserstein results.
 */
export function evidentlyNumericStats(reference: Float64Array, current: Float64Array, distinct: number, base: FeatureStats,
  options: EvidentlyNumericOptions): { stats: FeatureStats; evidentlyType: EvidentlyType } {
  const referenceDistinct = distinctCount(reference, EVIDENTLY_PER_VALUE_MAX);
  const evidentlyType: EvidentlyType = options.inferred && options.currentIntegers
    && distinctCount(current, EVIDENTLY_CATEGORICAL_INTEGERS) <= EVIDENTLY_CATEGORICAL_INTEGERS ? 'categorical' : 'numerical';
  // Per value for categorical columns and numerical ones with few reference values (which covers every
  // column with at most 5 values in both samples), else Sturges bins over both samples.
  const byValue = evidentlyType === 'categorical' || referenceDistinct <= EVIDENTLY_PER_VALUE_MAX ? perValueCounts(reference, current) : undefined;
  let binned: { reference: number[]; current: number[] };
  if (byValue) {
    binned = byValue;
  } else {
    const min = Math.min(reference[0]!, current[0]!);
    const max = Math.max(reference[reference.length - 1]!, current[current.length - 1]!);
    const edges = sturgesEdges(min, max, reference.length + current.length, options.integers);
    binned = { reference: histogramCounts(reference, edges), current: histogramCounts(current, edges) };
  }
  const stats: FeatureStats = { ...base, psi: evidentlyPsi(binned.reference, binned.current), jensenShannon: evidentlyJensenShannon(binned.reference, binned.current) };
  if (byValue && (evidentlyType === 'categorical' || distinct <= FEW_VALUES)) {
    stats.chiSquare = chiSquareGoodnessOfFit(byValue.reference, byValue.current);
    stats.unseenShare = unseenShare(byValue.reference, byValue.current);
    // Values ascend, so index 0 is the first value in sorted order, as Evidently's z-test takes it.
    if (evidentlyType === 'categorical' || byValue.values.length <= 2) stats.zTest = evidentlyZTest(byValue.reference, byValue.current, 0);
  }
  return { stats, evidentlyType };
}

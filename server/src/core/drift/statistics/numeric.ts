// Every numeric statistic of one feature from its two sorted samples: KS, Wasserstein-1 (raw and
// normed), PSI, Jensen–Shannon and the chi-squared homogeneity test on the reference's quantile bins,
// plus the histogram for plotting. A column with at most FEW_DISTINCT values is binned by value and
// gets the categorical tests instead. With compat 'evidently' the binned statistics follow Evidently.
import { jensenShannon, psi } from './binned';
import { alignCounts, categoricalHistogram, categoricalStats, chiSquareHomogeneity, smallExpectedCells } from './categorical';
import { countsAtEdges, distinctUnion, ecdfDistances, lowerBound, populationStd, quantileEdges } from './ecdf';
import { evidentlyNumericStats, type EvidentlyType } from './evidently/numeric';
import { ksPValue } from './ks/pValue';
import { FEW_DISTINCT } from '../verdict/methods';
import type { FeatureStats, Histogram, NumericHistogram } from '../model';

/** Reference deciles: the usual PSI binning. */
export const QUANTILE_BINS = 10;
export const HISTOGRAM_BINS = 20;
/** Evidently's floor for the normalising standard deviation, so a constant reference does not divide by 0. */
export const STD_FLOOR = 0.001;

export interface NumericComparison {
  stats: FeatureStats;
  histogram: Histogram;
  /** Distinct values over both samples, counted up to FEW_DISTINCT + 1. */
  distinct: number;
  referenceStd: number;
  /** With compat 'evidently': the type Evidently gives the column, which decides its tests. */
  evidentlyType?: EvidentlyType;
  /** Cells of the chi-squared table (by value, or by decile) whose expected count is below 5 (ours only). */
  smallExpectedCells?: number;
}

export interface NumericOptions {
  /** Evidently's definitions of PSI, JS, chi-squared and z (KS and Wasserstein are the same either way). */
  compat?: 'evidently';
  /** Both columns are integer-typed with no missing value (numpy's integer histogram rule applies). */
  integers?: boolean;
  /** The current column is integer-typed with no missing value (Evidently's type inference looks at it). */
  currentIntegers?: boolean;
  /** Typed from the data rather than a contract (Evidently's type inference applies). */
  inferred?: boolean;
}

function allIntegers(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isInteger(a[i]!)) return false;
  return true;
}

/**
 * Equal-width bins over the range of both samples; the last bin includes the maximum. Integer data
 * spanning fewer values than `bins` gets one bin per integer (edges at the half-way points), so counts
 * such as support calls show no empty bins between values.
 */
export function equalWidthHistogram(a: Float64Array, b: Float64Array, bins = HISTOGRAM_BINS): NumericHistogram {
  const lo = Math.min(a[0]!, b[0]!);
  const hi = Math.max(a[a.length - 1]!, b[b.length - 1]!);
  const perInteger = hi > lo && hi - lo < bins && allIntegers(a) && allIntegers(b);
  const k = perInteger ? hi - lo + 1 : hi > lo ? bins : 1;
  const edges = perInteger ? Array.from({ length: k + 1 }, (_, i) => lo - 0.5 + i)
    : Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + ((hi - lo) * i) / k));
  const count = (s: Float64Array) => edges.slice(0, k).map((e, i) => (i === k - 1 ? s.length : lowerBound(s, edges[i + 1]!)) - lowerBound(s, e));
  return { type: 'numeric', edges, reference: count(a), current: count(b) };
}

/** Per-value counts of a column with few distinct values, as aligned categories. */
function valueCounts(a: Float64Array, b: Float64Array, values: number[]) {
  const edges = values.slice(0, -1);
  const reference = countsAtEdges(a, edges);
  const current = countsAtEdges(b, edges);
  const labels = values.map((v) => String(v));
  return alignCounts(new Map(labels.map((l, i) => [l, reference[i]!])), new Map(labels.map((l, i) => [l, current[i]!])));
}

/** All numeric statistics for two ascending, finite, non-empty samples (reference first). */
export function compareNumeric(reference: Float64Array, current: Float64Array, options: NumericOptions = {}): NumericComparison {
  const { ks, wasserstein } = ecdfDistances(reference, current);
  const referenceStd = populationStd(reference);
  const base: FeatureStats = {
    ks: { statistic: ks, ...ksPValue(ks, reference.length, current.length) },
    wasserstein,
    wassersteinNormed: wasserstein / Math.max(referenceStd, STD_FLOOR),
  };
  const values = distinctUnion(reference, current, FEW_DISTINCT);
  if (options.compat === 'evidently') {
    const { stats, evidentlyType } = evidentlyNumericStats(reference, current, values.length, base,
      { integers: options.integers ?? false, currentIntegers: options.currentIntegers ?? false, inferred: options.inferred ?? false });
    const histogram = values.length <= FEW_DISTINCT ? categoricalHistogram(valueCounts(reference, current, values)) : equalWidthHistogram(reference, current);
    return { stats, histogram, distinct: values.length, referenceStd, evidentlyType };
  }
  if (values.length <= FEW_DISTINCT) {
    const counts = valueCounts(reference, current, values);
    return { stats: { ...base, ...categoricalStats(counts) }, histogram: categoricalHistogram(counts), distinct: values.length, referenceStd,
      smallExpectedCells: smallExpectedCells(counts.reference, counts.current) };
  }
  const edges = quantileEdges(reference, QUANTILE_BINS);
  const r = countsAtEdges(reference, edges);
  const c = countsAtEdges(current, edges);
  const stats = { ...base, psi: psi(r, c), jensenShannon: jensenShannon(r, c), chiSquare: chiSquareHomogeneity(r, c) };
  return { stats, histogram: equalWidthHistogram(reference, current), distinct: values.length, referenceStd, smallExpectedCells: smallExpectedCells(r, c) };
}

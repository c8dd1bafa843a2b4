// Turns what was read into statistics: categorical columns from their counts, and the notes that go
// with a feature's data (constant columns, capped categories, infinities, unparseable values).
import type { CategoryCounts } from '../../data/columns';
import { alignCounts, categoricalHistogram, categoricalStats, smallExpectedCells } from '../statistics/categorical';
import { evidentlyCategoricalStats } from '../statistics/evidently/categorical';
import type { Measured } from './feature';
import type { NumericComparison } from '../statistics/numeric';

/** Label of the bucket that gathers categories beyond the cap (never a real category: it starts with NUL). */
const OTHER = '\u0000other';

/** Categorical statistics from the category counts of both files (Evidently's definitions with compat 'evidently'). */
export function measureCategorical(reference: CategoryCounts, current: CategoryCounts, cap: number, compat?: 'none' | 'evidently'): Measured {
  const aligned = alignCounts(reference.counts, current.counts);
  const notes: string[] = [];
  const forStats = { categories: [...aligned.categories], reference: [...aligned.reference], current: [...aligned.current] };
  if (reference.other + current.other > 0) {
    // Categories past the cap are tested as one bucket: exact for the frequent ones, approximate for the tail.
    forStats.categories.push(OTHER);
    forStats.reference.push(reference.other);
    forStats.current.push(current.other);
    notes.push(`${Math.max(reference.distinct, current.distinct)} distinct values: the ${cap} most frequent per file are compared one by one, the rest as one bucket (so the unseen share is a lower bound)`);
  }
  if (reference.counts.size === 1 && reference.other === 0) notes.push(`constant in the reference (every value is "${[...reference.counts.keys()][0]}")`);
  const histogram = categoricalHistogram(aligned, { reference: reference.other, current: current.other });
  const evidently = compat === 'evidently';
  const stats = evidently ? evidentlyCategoricalStats(forStats) : categoricalStats(forStats);
  return { stats, histogram, distinct: forStats.categories.length, notes,
    ...(evidently ? { evidentlyType: 'categorical' as const } : { smallExpectedCells: smallExpectedCells(forStats.reference, forStats.current) }) };
}

/** Numeric statistics as a report measurement, with a note when the reference is constant. */
export function measuredNumeric(c: NumericComparison, constantValue: number | undefined): Measured {
  const notes = c.referenceStd === 0 && constantValue !== undefined
    ? [`constant in the reference (every value is ${constantValue}): normed Wasserstein divides by the 0.001 floor`] : [];
  return { stats: c.stats, histogram: c.histogram, distinct: c.distinct, notes,
    ...(c.evidentlyType ? { evidentlyType: c.evidentlyType } : {}), ...(c.smallExpectedCells !== undefined ? { smallExpectedCells: c.smallExpectedCells } : {}) };
}

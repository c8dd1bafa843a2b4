// One feature's entry in the report, from its statistics (or from why it was skipped or refused).
import type { EvidentlyType } from '../statistics/evidently/numeric';
import { chooseEvidentlyMethod, chooseMethod, verdict, type ComparedKind } from './methods';
import type { FeatureDrift, FeatureStats, Histogram, TestMethod } from '../model';
import type { FeaturePlan } from '../input/plan';
import { requestedMethod, thresholdFor, type DriftConfig } from '../config';

export interface ValueCounts { reference: number; current: number; referenceMissing: number; currentMissing: number }

/** Below this many values on either side a note warns that the test has little to go on. */
export const FEW_VALUES = 30;

export function skippedFeature(plan: FeaturePlan, values: ValueCounts, reason = plan.skip ?? 'skipped'): FeatureDrift {
  return {
    name: plan.name, kind: plan.kind, method: null, statistic: null, pValue: null, threshold: null, drifted: false,
    histogram: null, status: 'skipped', stats: {}, values, notes: [reason, ...plan.notes],
  };
}

/**
 * A feature whose current values are all missing while the reference has some. No test can run, so it
 * is not a member of the drifted share; it is flagged on its own (`allNullCurrent`, and `drifted`
 * because a column that stopped arriving is the largest change it can show), and the report lists it.
 */
export function allNullCurrentFeature(plan: FeaturePlan, values: ValueCounts): FeatureDrift {
  const rows = values.current + values.currentMissing;
  return {
    ...skippedFeature(plan, values, `every current value is missing (${values.currentMissing} of ${rows} rows): the column stopped arriving, `
      + 'so no test can run; flagged on its own (allNullCurrent) and left out of the drifted share'),
    drifted: true, allNullCurrent: true,
  };
}

export interface Measured {
  stats: FeatureStats;
  histogram: Histogram;
  /** Distinct values over both samples (numeric: counted up to FEW_DISTINCT + 1). */
  distinct: number;
  notes: string[];
  /** With compat 'evidently': the column type Evidently would give it. */
  evidentlyType?: EvidentlyType;
  /** Cells of our chi-squared table with an expected count below 5. */
  smallExpectedCells?: number;
}

/** Statistics were computed but no verdict is given: out of the share, with the reason first. */
function refusedFeature(plan: FeaturePlan, measured: Measured, values: ValueCounts, reason: string): FeatureDrift {
  return { ...skippedFeature(plan, values, reason), histogram: measured.histogram, stats: measured.stats, notes: [reason, ...plan.notes, ...measured.notes] };
}

type Choice = { method: TestMethod; note?: string } | { refused: string };

function choose(plan: FeaturePlan, measured: Measured, values: ValueCounts, config: DriftConfig): Choice {
  const requested = requestedMethod(config, plan.name);
  if (config.compat === 'evidently') {
    if (plan.read === 'epoch') return { refused: 'Evidently\'s preset computes no drift for date/time columns (it leaves them out): not tested, left out of the drifted share' };
    return chooseEvidentlyMethod(requested, measured.evidentlyType ?? (plan.kind === 'numeric' ? 'numerical' : 'categorical'), values.reference, measured.distinct);
  }
  const kind: ComparedKind = plan.kind === 'numeric' ? 'numeric' : 'categorical';
  return chooseMethod(requested, kind, values.reference, measured.distinct);
}

function methodNotes(method: TestMethod, measured: Measured, config: DriftConfig, plan: FeaturePlan): string[] {
  const chi = measured.stats.chiSquare;
  if (method !== 'chisquare' || !chi) return [];
  if (config.compat === 'evidently') {
    return chi.statistic === Infinity ? ['a current value the reference never had gives Evidently\'s goodness-of-fit statistic an expected count of 0: the statistic is infinite and p is 0'] : [];
  }
  const notes = plan.kind === 'numeric' && measured.histogram.type === 'numeric' ? [`chi-squared homogeneity on the reference's deciles (${chi.dof + 1} bins)`] : [];
  const small = measured.smallExpectedCells ?? 0;
  if (small > 0) notes.push(`${small} cell${small === 1 ? ' has' : 's have'} an expected count below 5: the chi-squared p-value is approximate`);
  return notes;
}

/** Chooses the test (auto or requested), applies its threshold and returns the report entry. */
export function comparedFeature(plan: FeaturePlan, measured: Measured, values: ValueCounts, config: DriftConfig): FeatureDrift {
  const choice = choose(plan, measured, values, config);
  if ('refused' in choice) return refusedFeature(plan, measured, values, choice.refused);
  const threshold = thresholdFor(config, plan.name, choice.method);
  const v = verdict(choice.method, measured.stats, threshold);
  if (!v.ran) {
    // Never counted as compared-and-fine: a test with no result is no test.
    return refusedFeature(plan, measured, values, `method ${choice.method} gives no result on this column: not tested, left out of the drifted share`);
  }
  const notes = [...plan.notes, ...measured.notes, ...(choice.note ? [choice.note] : []), ...methodNotes(choice.method, measured, config, plan)];
  if (values.reference < FEW_VALUES || values.current < FEW_VALUES) {
    const fewest = Math.min(values.reference, values.current);
    notes.push(`only ${fewest} value${fewest === 1 ? '' : 's'} in the ${values.reference <= values.current ? 'reference' : 'current'} file: too few for a reliable test`);
  }
  return {
    name: plan.name, kind: plan.kind, method: choice.method, statistic: finite(v.statistic), pValue: finite(v.pValue),
    threshold, drifted: v.drifted, histogram: measured.histogram, status: 'compared', stats: measured.stats, values, notes,
  };
}

/** JSON has no NaN or Infinity: anything not finite becomes null. */
function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

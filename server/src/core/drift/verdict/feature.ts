// One feature's entry in the report, from its statistics (or from why it was skipped).
import type { ComparedKind } from './methods';
import { smallExpectedCells } from '../statistics/categorical';
import { chooseMethod, verdict } from './methods';
import type { FeatureDrift, FeatureStats, Histogram } from '../model';
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
 * A feature whose current values are all missing while the reference has some: counted as drifted,
 * with no statistic, because a column that stopped arriving is the largest change it can show.
 */
export function vanishedFeature(plan: FeaturePlan, values: ValueCounts): FeatureDrift {
  return {
    ...skippedFeature(plan, values, `every current value is missing (${values.currentMissing} rows): counted as drifted, the column stopped arriving`),
    status: 'compared', drifted: true,
  };
}

export interface Measured {
  stats: FeatureStats;
  histogram: Histogram;
  /** Distinct values over both samples (numeric: counted up to FEW_DISTINCT + 1). */
  distinct: number;
  notes: string[];
}

/** Chooses the test (auto or requested), applies its threshold and returns the report entry. */
export function comparedFeature(plan: FeaturePlan, measured: Measured, values: ValueCounts, config: DriftConfig): FeatureDrift {
  const kind: ComparedKind = plan.kind === 'numeric' ? 'numeric' : 'categorical';
  const choice = chooseMethod(requestedMethod(config, plan.name), kind, values.reference, measured.distinct);
  const threshold = thresholdFor(config, plan.name, choice.method);
  const v = verdict(choice.method, measured.stats, threshold);
  const notes = [...plan.notes, ...measured.notes, ...(choice.note ? [choice.note] : [])];
  const h = measured.histogram;
  if (choice.method === 'chisquare' && h.type === 'categorical') {
    const small = smallExpectedCells([...h.reference, h.otherReference], [...h.current, h.otherCurrent]);
    if (small > 0) notes.push(`${small} cell${small === 1 ? ' has' : 's have'} an expected count below 5: the chi-squared p-value is approximate`);
  }
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

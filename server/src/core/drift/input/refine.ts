// Second look at each planned feature once both files are profiled: empty files, columns that are
// entirely missing, text that does not parse as numbers, and identifier-like text all end here with a
// note, so the statistics only ever see comparable, non-empty samples.
import type { ColumnProfile } from '../../data/columns';
import { FEW_VALUES } from '../verdict/feature';
import type { FeaturePlan } from './plan';

export type Disposition =
  | { action: 'skip'; reason: string }
  /** Reference has values, current has none: flagged on its own, no test, out of the share. */
  | { action: 'allNullCurrent' }
  | { action: 'compare' };

/** Text with more distinct values than this, and mostly distinct, is treated as free text or an id. */
export const HIGH_CARDINALITY = 1000;

function notNumbers(plan: FeaturePlan, ref: ColumnProfile, cur: ColumnProfile): Disposition | undefined {
  const sides = ([['reference', ref], ['current', cur]] as const).filter(([side, p]) => plan.numberChecks[side] && p.notNumbers.has(plan.name));
  if (sides.length === 0) return undefined;
  const [side, p] = sides[0]!;
  const bad = p.notNumbers.get(plan.name)!;
  const what = `${bad.count} ${side} value${bad.count === 1 ? ' is' : 's are'} not numbers (e.g. ${JSON.stringify(bad.example.length > 40 ? `${bad.example.slice(0, 40)}…` : bad.example)})`;
  if (plan.inferred) {
    return { action: 'skip', reason: `numbers in one file, text in the other: ${what}; fix the export or type the column in a contract to compare the numbers` };
  }
  plan.notes.push(`${what}: left out as missing (the contract says this column holds numbers)`);
  return undefined;
}

function identifierLike(plan: FeaturePlan, ref: ColumnProfile): Disposition | undefined {
  if (plan.read !== 'category' || !plan.inferred || plan.explicit) return undefined;
  const counts = ref.categories.get(plan.name);
  const nonNull = ref.nonNull.get(plan.name) ?? 0;
  if (!counts) return undefined;
  if (counts.distinct === nonNull && nonNull >= FEW_VALUES) {
    return { action: 'skip', reason: `identifier-like: all ${nonNull} reference values are distinct, so every current value would look new (mark it primaryKey or unique in the contract, or list it under monitoring.drift.features to compare it anyway)` };
  }
  if (counts.distinct > HIGH_CARDINALITY && counts.distinct > nonNull / 2) {
    return { action: 'skip', reason: `free text or identifier-like: ${counts.distinct} distinct values in ${nonNull} reference rows (list it under monitoring.drift.features to compare it anyway)` };
  }
  return undefined;
}

/** What to do with a planned feature given both profiles (plans that are already skipped stay skipped). */
export function dispose(plan: FeaturePlan, ref: ColumnProfile, cur: ColumnProfile): Disposition {
  if (plan.read === null) return { action: 'skip', reason: plan.skip ?? 'skipped' };
  if (ref.rows === 0 || cur.rows === 0) {
    return { action: 'skip', reason: `the ${ref.rows === 0 ? 'reference' : 'current'} file has no rows` };
  }
  const mismatch = notNumbers(plan, ref, cur);
  if (mismatch) return mismatch;
  // Numeric columns are counted as they are read; empty ones are handled after sorting (numericBatch.ts).
  if (plan.read !== 'category') return { action: 'compare' };
  const r = ref.nonNull.get(plan.name) ?? 0;
  const c = cur.nonNull.get(plan.name) ?? 0;
  if (r === 0 && c === 0) return { action: 'skip', reason: 'no values in either file (every value is missing)' };
  if (r === 0) return { action: 'skip', reason: 'every reference value is missing: nothing to compare against' };
  if (c === 0) return { action: 'allNullCurrent' };
  return identifierLike(plan, ref) ?? { action: 'compare' };
}

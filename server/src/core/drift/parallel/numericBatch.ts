// Numeric features in batches: read the reference columns, start sorting them (on workers when there
// are any) while the current columns are read, then compare each pair as soon as both are sorted.
// A batch holds as many columns as fit the memory budget, so 100 numeric columns of 10M rows do not
// need 16 GB.
import { readNumericColumns, type NumericRead } from '../../data/columns';
import { allNullCurrentFeature, comparedFeature, skippedFeature, type ValueCounts } from '../verdict/feature';
import { measuredNumeric } from '../verdict/measure';
import type { FeatureDrift } from '../model';
import type { NumericComparison } from '../statistics/numeric';
import type { FeaturePlan } from '../input/plan';
import type { NumericEngine } from './pool';
import { DEFAULT_MAX_ROWS, type DriftInput, type DriftSide } from '../input/driftInput';
import type { SortedColumn } from '../sorting/sort';

export const DEFAULT_MEMORY_BUDGET = 512 * 1024 * 1024;

/** The numeric features' report entries, by name. */
export async function numericFeatures(plans: FeaturePlan[], ref: DriftSide, cur: DriftSide, engine: NumericEngine, input: DriftInput): Promise<Map<string, FeatureDrift>> {
  const out = new Map<string, FeatureDrift>();
  const maxRows = input.maxRows ?? DEFAULT_MAX_ROWS;
  const perColumn = 8 * (Math.min(ref.profile.rows, maxRows) + Math.min(cur.profile.rows, maxRows));
  const batchSize = Math.max(1, Math.floor((input.memoryBudget ?? DEFAULT_MEMORY_BUDGET) / Math.max(1, perColumn)));
  for (let i = 0; i < plans.length; i += batchSize) {
    if (input.signal?.aborted) throw new Error('drift computation cancelled');
    const batch = plans.slice(i, i + batchSize);
    const results = await runBatch(batch, ref, cur, engine, input, maxRows);
    batch.forEach((plan, k) => out.set(plan.name, results[k]!));
  }
  return out;
}

async function runBatch(plans: FeaturePlan[], ref: DriftSide, cur: DriftSide, engine: NumericEngine, input: DriftInput, maxRows: number): Promise<FeatureDrift[]> {
  const reads: NumericRead[] = plans.map((p) => ({ name: p.name, as: p.read === 'epoch' ? 'epoch' : 'number' }));
  const options = (s: DriftSide) => ({ rows: s.profile.rows, maxRows, seed: input.seed ?? 1, shared: engine.shared });
  const refValues = await readNumericColumns(ref.source!, reads, options(ref));
  const refSorted = refValues.map((v) => handled(engine.sort(v)));
  // The reference columns are being sorted (on workers) while DuckDB reads the current file.
  const curValues = await readNumericColumns(cur.source!, reads, options(cur));
  const curSorted = curValues.map((v) => handled(engine.sort(v)));
  return Promise.all(plans.map(async (plan, k) => {
    const [r, c] = await Promise.all([refSorted[k]!, curSorted[k]!]);
    const values: ValueCounts = { reference: r.length, current: c.length, referenceMissing: r.missing + r.infinite, currentMissing: c.missing + c.infinite };
    const notes = infiniteNotes(r, c);
    if (r.length === 0) return skippedFeature(plan, values, 'no finite reference value: nothing to compare against');
    if (c.length === 0) return allNullCurrentFeature(plan, values);
    const compat = input.config.compat === 'evidently' ? 'evidently' as const : undefined;
    // pandas reads an integer column with nothing missing as an integer dtype: Evidently types such a
    // current column by its distinct values, and numpy bins integer data differently.
    const currentIntegers = plan.integer.current && values.currentMissing === 0;
    const integers = currentIntegers && plan.integer.reference && values.referenceMissing === 0;
    const comparison: NumericComparison = await engine.compare(refValues[k]!.subarray(0, r.length), curValues[k]!.subarray(0, c.length),
      { compat, integers, currentIntegers, inferred: plan.inferred });
    const measured = measuredNumeric(comparison, refValues[k]![0]);
    measured.notes.push(...notes);
    return comparedFeature(plan, measured, values, input.config);
  }));
}

/** Marks a promise as handled now (it is awaited later), so a failure while the next file is read is not an unhandled rejection. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function infiniteNotes(r: SortedColumn, c: SortedColumn): string[] {
  const notes: string[] = [];
  if (r.infinite > 0) notes.push(`${r.infinite} infinite reference values left out as missing`);
  if (c.infinite > 0) notes.push(`${c.infinite} infinite current values left out as missing`);
  return notes;
}

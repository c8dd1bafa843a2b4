// The numeric work on one column, as messages: sort a sample in place, or compare two sorted samples.
// The same function runs in a worker thread (server/src/workers/drift.ts) and inline, so both paths
// give identical numbers.
import { compareNumeric, type NumericComparison, type NumericOptions } from '../statistics/numeric';
import { sortFinite, type SortedColumn } from '../sorting/sort';

export type DriftTask =
  | { id: number; op: 'sort'; values: Float64Array }
  | { id: number; op: 'compare'; reference: Float64Array; current: Float64Array; options?: NumericOptions };

export type DriftTaskResult =
  | { id: number; ok: true; sorted?: SortedColumn; comparison?: NumericComparison }
  | { id: number; ok: false; error: string };

/** Scratch space for the radix sort, kept between tasks so a million-row column allocates nothing. */
let scratch = new Float64Array(0);

/** Runs one task. `values` may live on a SharedArrayBuffer: the sort then happens where the caller sees it. */
export function runDriftTask(task: DriftTask): DriftTaskResult {
  try {
    if (task.op === 'sort') {
      if (scratch.length < task.values.length) scratch = new Float64Array(task.values.length);
      return { id: task.id, ok: true, sorted: sortFinite(task.values, scratch) };
    }
    return { id: task.id, ok: true, comparison: compareNumeric(task.reference, task.current, task.options) };
  } catch (e) {
    return { id: task.id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

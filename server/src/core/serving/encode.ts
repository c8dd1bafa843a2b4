/**
 * The feature matrix of rows already read as numbers (fastRead.ts): numeric inputs as their values
 * (fill applied) and categories as codes (position among the step's categories + 1, 0 for a value
 * outside them, -1 for a missing value). It gives exactly the Float32Array training's transformRows
 * gives for the same rows - the same arithmetic on the same doubles, and one-hot cells that are 0 or
 * 1 - without a JavaScript string per category cell, which is what made batch scoring slow.
 */
import type { FeatureStep, Preprocessing } from '../training/preprocess';

/** Codes of a category column: 1-based position among the step's categories, 0 outside them, -1 missing. */
export const UNKNOWN_CODE = 0;
export const MISSING_CODE = -1;

/** Where a missing value goes: the fill category's cell when the step has a fill, else the unknown bucket (as transformRows). */
function missingCell(step: Extract<FeatureStep, { type: 'onehot' }>): number {
  const at = step.fill === null ? -1 : step.categories.lastIndexOf(step.fill);
  return at >= 0 ? at : step.categories.length;
}

/**
 * Rows [start, end) of `columns` (one per preprocessing step, in step order) as the model's input
 * matrix. Numeric columns must hold finite values (fastRead refuses any other).
 */
export function encodeRows(prep: Preprocessing, columns: Float64Array[], start: number, end: number): Float32Array {
  const width = prep.featureNames.length;
  const rows = end - start;
  const out = new Float32Array(rows * width);
  let offset = 0;
  for (const [s, step] of prep.steps.entries()) {
    const col = columns[s]!;
    if (step.type === 'numeric') {
      // The same double arithmetic as transformRows, rounded to float32 by the store.
      for (let i = 0, at = offset; i < rows; i++, at += width) out[at] = (col[start + i]! - step.center) / step.scale;
      offset++;
      continue;
    }
    const unknown = step.categories.length;
    const missing = missingCell(step);
    for (let i = 0, at = offset; i < rows; i++, at += width) {
      const k = col[start + i]!;
      out[at + (k > 0 ? k - 1 : k === UNKNOWN_CODE ? unknown : missing)] = 1;
    }
    offset += step.categories.length + 1;
  }
  return out;
}

/** Per category column: cells in [start, end) outside the model's categories (as countUnknown counts them). */
export function countUnknownCodes(prep: Preprocessing, columns: Float64Array[], start: number, end: number): Map<string, number> {
  const unknown = new Map<string, number>();
  for (const [s, step] of prep.steps.entries()) {
    if (step.type !== 'onehot') continue;
    const col = columns[s]!;
    let n = 0;
    for (let r = start; r < end; r++) if (col[r] === UNKNOWN_CODE) n++;
    if (n > 0) unknown.set(step.column, n);
  }
  return unknown;
}

/**
 * The fast way to read a file's model inputs: DuckDB casts each numeric input (applying the saved
 * fill) and maps each category to its position among the model's categories, and the results are
 * copied out of its vectors chunk by chunk (no JavaScript value per cell). When any value would not
 * fit (text in a number column, a missing value without a fill, a number used as a category), it
 * gives up and the caller takes the checked path, which names every bad row's line and column.
 */
import { readNumericColumns, type NumericRead } from '../data/columns';
import { sqlIdent, sqlString, type DataSource } from '../data/source';
import type { FeatureStep } from '../training/preprocess';
import type { LoadedVersion } from './model';
import type { CleanValue } from './rows';

/** Stands for a value outside the model's categories: it matches none, so it lands in the unknown bucket. */
const UNKNOWN = '\u0000unknown';

function stepRead(step: FeatureStep, source: DataSource): NumericRead | undefined {
  const info = source.columns.find((c) => c.name === step.column);
  if (!info) return undefined;
  const c = sqlIdent(step.column);
  if (step.type === 'numeric') {
    if (info.kind !== 'numeric' && info.kind !== 'string') return undefined;
    const value = `TRY_CAST(${c} AS DOUBLE)`;
    return { name: step.column, as: 'number', sql: step.fill === null ? value : `CASE WHEN ${c} IS NULL THEN ${String(step.fill)}::DOUBLE ELSE ${value} END` };
  }
  // Training keys categories by the text DuckDB gives for text and booleans; numbers are keyed by
  // JavaScript's form of the number, which only the checked path reproduces.
  if (info.kind !== 'string' && info.kind !== 'boolean') return undefined;
  const list = step.categories.length ? `[${step.categories.map(sqlString).join(', ')}]` : '[]::VARCHAR[]';
  return { name: step.column, as: 'number', sql: `CASE WHEN ${c} IS NULL THEN -1 ELSE coalesce(list_position(${list}, CAST(${c} AS VARCHAR)), 0) END` };
}

/** Category values (as training saw them) from their codes: position + 1, 0 unknown, -1 missing. */
function categoryValues(step: Extract<FeatureStep, { type: 'onehot' }>, codes: Float64Array): CleanValue[] {
  const out = new Array<CleanValue>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    out[i] = k > 0 ? step.categories[k - 1]! : k === 0 ? UNKNOWN : null;
  }
  return out;
}

/** The inputs as columns for the saved preprocessing, or undefined when a value needs the checked path. */
export async function readInputsFast(source: DataSource, model: LoadedVersion): Promise<{ rows: number; values: Map<string, ArrayLike<CleanValue>> } | undefined> {
  const reads = model.prep.steps.map((s) => stepRead(s, source));
  if (reads.some((r) => r === undefined)) return undefined;
  const columns = await readNumericColumns(source, reads as NumericRead[], {});
  const values = new Map<string, ArrayLike<CleanValue>>();
  for (const [i, step] of model.prep.steps.entries()) {
    const col = columns[i]!;
    if (step.type === 'numeric') {
      for (let r = 0; r < col.length; r++) if (!Number.isFinite(col[r]!)) return undefined;
      values.set(step.column, col);
    } else {
      values.set(step.column, categoryValues(step, col));
    }
  }
  return { rows: columns[0]?.length ?? 0, values };
}

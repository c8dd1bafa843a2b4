/**
 * The fast way to read a file's model inputs: DuckDB casts each numeric input (applying the saved
 * fill) and maps each category to its position among the model's categories (the codes encode.ts
 * turns into the feature matrix), and the results are copied out of its vectors chunk by chunk (no
 * JavaScript value per cell). When any value would not fit (text in a number column, a missing
 * value without a fill, a number used as a category), it gives up and the caller takes the checked path, which names every bad row's line and column.
 */
import { readNumericColumns, type NumericRead } from '../data/columns';
import { sqlIdent, sqlString, type DataSource } from '../data/source';
import type { FeatureStep } from '../training/preprocess';
import type { LoadedVersion } from './model';

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

/**
 * The inputs as one column per preprocessing step (numbers, and category codes as encode.ts reads
 * them), or undefined when a value needs the checked path.
 */
export async function readInputsFast(source: DataSource, model: LoadedVersion): Promise<{ rows: number; columns: Float64Array[] } | undefined> {
  const reads = model.prep.steps.map((s) => stepRead(s, source));
  if (reads.some((r) => r === undefined)) return undefined;
  const columns = await readNumericColumns(source, reads as NumericRead[], { materialize: true });
  for (const [i, step] of model.prep.steps.entries()) {
    if (step.type !== 'numeric') continue;
    const col = columns[i]!;
    for (let r = 0; r < col.length; r++) if (!Number.isFinite(col[r]!)) return undefined;
  }
  return { rows: columns[0]?.length ?? 0, columns };
}

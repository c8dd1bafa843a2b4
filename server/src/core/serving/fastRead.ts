/**
 * The fast way to read a file's model inputs: DuckDB casts each numeric input (applying the saved
 * fill) and maps each category to its position among the model's categories (the codes encode.ts
 * turns into the feature matrix), and the results are copied out of its vectors chunk by chunk (no
 * JavaScript value per cell). When any value would not fit (text in a number column, a missing
 * value without a fill, a number used as a category), it gives up and the caller takes the checked path, which names every bad row's line and column.
 */
import { readNumericColumns, type NumericRead } from '../data/columns';
import { sqlIdent, sqlString, typedCsvReader, type DataSource } from '../data/source';
import type { FeatureStep } from '../training/preprocess';
import type { VersionInputs } from './model';

function stepRead(step: FeatureStep, source: DataSource): NumericRead | undefined {
  const info = source.columns.find((c) => c.name === step.column);
  if (!info) return undefined;
  const c = sqlIdent(step.column);
  if (step.type === 'numeric') {
    if (info.kind !== 'numeric' && info.kind !== 'string') return undefined;
    // inputRelation reads a column DuckDB typed as integers as text: + 0.0 turns "-0" into the 0 its
    // integer read gives (and changes no other double); a cast through BIGINT would round "1.5" to 2.
    const value = info.sqlType === 'BIGINT' ? `(TRY_CAST(${c} AS DOUBLE) + 0.0)` : `TRY_CAST(${c} AS DOUBLE)`;
    return { name: step.column, as: 'number', sql: step.fill === null ? value : `CASE WHEN ${c} IS NULL THEN ${String(step.fill)}::DOUBLE ELSE ${value} END` };
  }
  // Training keys categories by the text DuckDB gives for text and booleans; numbers are keyed by
  // JavaScript's form of the number, which only the checked path reproduces.
  if (info.kind !== 'string' && info.kind !== 'boolean') return undefined;
  const list = step.categories.length ? `[${step.categories.map(sqlString).join(', ')}]` : '[]::VARCHAR[]';
  return { name: step.column, as: 'number', sql: `CASE WHEN ${c} IS NULL THEN -1 ELSE coalesce(list_position(${list}, CAST(${c} AS VARCHAR)), 0) END` };
}

/** The reads of every preprocessing step, or undefined when a column needs the checked path. */
export function fastReads(source: DataSource, model: VersionInputs): NumericRead[] | undefined {
  const reads = model.prep.steps.map((s) => stepRead(s, source));
  return reads.some((r) => r === undefined) ? undefined : reads as NumericRead[];
}

/** Types a CSV column can be read as, given, with the same values the sniffed read gives. */
const PLAIN_TYPES = new Set(['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN']);

/**
 * What predict reads a file's key and input columns from. For a CSV: the file with its column types
 * given, so DuckDB does not sniff it again (it did once when the file was opened, and does for every
 * query of `data`): keys and booleans as sniffed, numeric inputs as text, which the fast read casts
 * itself, so a late value that is not a number (past the sniffer's sample) reaches the checked path
 * instead of failing the scan. Other formats, or a key of another type: `data`.
 */
export function inputRelation(source: DataSource, model: VersionInputs, keys: string[]): string {
  if (source.format !== 'csv' || !source.dialect) return 'data';
  const info = new Map(source.columns.map((c) => [c.name, c]));
  const types: Record<string, string> = {};
  for (const k of keys) {
    const t = info.get(k)!.sqlType.toUpperCase();
    if (!PLAIN_TYPES.has(t)) return 'data';
    types[k] = t;
  }
  for (const step of model.prep.steps) {
    if (Object.hasOwn(types, step.column)) continue;
    types[step.column] = step.type === 'onehot' && info.get(step.column)?.kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR';
  }
  return typedCsvReader(source, types);
}

/** Where the fast read takes the inputs: a relation, the reads over it, and its row count when known. */
export interface InputSource {
  from: string;
  /** Undefined when some column needs the checked path. */
  reads?: NumericRead[];
  rows?: number;
}

/** The inputs read straight from the file. */
export function fileInputs(source: DataSource, model: VersionInputs): InputSource {
  const reads = fastReads(source, model);
  return { from: inputRelation(source, model, []), ...(reads ? { reads } : {}) };
}

export const INPUT_TABLE = 'predict_input';

/**
 * Reads the file's key and input columns once into a table of its connection, the inputs already as
 * the fast read takes them: the fast read then copies them out and the writer joins the keys to the
 * predictions, where each used to parse the whole file.
 */
export async function stageInputs(source: DataSource, model: VersionInputs, keys: string[]): Promise<InputSource> {
  const reads = fastReads(source, model);
  const from = inputRelation(source, model, keys);
  const columns = [...keys.map(sqlIdent), ...(reads ?? []).map((r, i) => `${r.sql!} AS "__input_${i}"`)];
  if (columns.length === 0) return { from };
  await source.connection.run(`CREATE TABLE ${INPUT_TABLE} AS SELECT ${columns.join(', ')} FROM ${from}`);
  const rows = Number((await source.connection.runAndReadAll(`SELECT count(*) FROM ${INPUT_TABLE}`)).getRows()[0]![0]);
  const staged = reads?.map((r, i): NumericRead => ({ name: r.name, as: 'number', sql: `"__input_${i}"` }));
  return { from: INPUT_TABLE, rows, ...(staged ? { reads: staged } : {}) };
}

/**
 * The inputs as one column per preprocessing step (numbers, and category codes as encode.ts reads
 * them), or undefined when a value needs the checked path. A table of known size is streamed; a
 * file is read whole first (its scan then runs on every thread).
 */
export async function readInputsFast(source: DataSource, model: VersionInputs, at: InputSource = fileInputs(source, model)): Promise<{ rows: number; columns: Float64Array[] } | undefined> {
  if (!at.reads) return undefined;
  const columns = await readNumericColumns(source, at.reads, at.rows === undefined ? { materialize: true, from: at.from } : { rows: at.rows, from: at.from });
  for (const [i, step] of model.prep.steps.entries()) {
    if (step.type !== 'numeric') continue;
    const col = columns[i]!;
    for (let r = 0; r < col.length; r++) if (!Number.isFinite(col[r]!)) return undefined;
  }
  return { rows: columns[0]?.length ?? 0, columns };
}

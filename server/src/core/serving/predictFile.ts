/**
 * Batch scoring of a CSV or Parquet file (`mlops predict`): reads the model's input columns through
 * DuckDB (core/training's reader), checks every value, and scores with the same LoadedVersion.score
 * the server uses. Bad rows are refused with file, line and column, or skipped and reported.
 */
import { sniffCsv } from '../data/sniff';
import { rowRecords } from '../data/lines';
import { DataError } from '../training/errors';
import { readTable, type RawColumn, type RawTable } from '../training/table';
import { ServingError } from './errors';
import type { LoadedVersion, Scores } from './model';
import { checkColumns, keepRows, type CleanValue, type RowProblem } from './rows';

export interface ScoredFile {
  /** Data rows in the file. */
  rows: number;
  /** Identifier columns written beside the predictions (the contract's primary key, else `row`). */
  keys: Array<{ name: string; values: unknown[] }>;
  scores: Scores;
  /** Problems of the rows left out (only with skipBadRows), each with where it is in the file. */
  skipped: Array<RowProblem & { where: string }>;
}

/** How a 0-based data row is named in messages: the CSV line it starts on, or the Parquet row number. */
async function rowLabels(table: RawTable, rows: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (table.format === 'parquet') {
    for (const r of rows) out.set(r, `row ${r + 1}`);
    return out;
  }
  const records = await rowRecords(table.path, sniffCsv(table.path), rows.map((r) => r + 1), new Set());
  for (const r of rows) out.set(r, `line ${records.get(r + 1)?.line ?? r + 2}`);
  return out;
}

/** The value of a raw column as the checker should see it: numbers parsed from text for numeric inputs. */
function reader(col: RawColumn, numeric: boolean): (row: number) => unknown {
  if (!numeric || col.kind === 'numeric') return (r) => col.values[r];
  if (col.kind === 'string') return (r) => col.numeric![r] ?? col.values[r];
  return (r) => col.values[r];
}

async function readInputs(path: string, shown: string, model: LoadedVersion): Promise<RawTable> {
  try {
    return await readTable(path, (available) => {
      const missing = model.inputs.columns.filter((c) => !available.includes(c.name)).map((c) => c.name);
      if (missing.length > 0) {
        throw new ServingError(`${shown}: column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} missing; ${model.model} v${model.version} reads ${model.inputs.columns.map((c) => c.name).join(', ')} (the file has ${available.join(', ')})`);
      }
      const keys = model.inputs.keys.filter((k) => available.includes(k));
      return [...model.inputs.columns.map((c) => c.name), ...keys].map((column) => ({ column, specPath: 'model input' }));
    });
  } catch (e) {
    if (e instanceof ServingError) throw e;
    if (e instanceof DataError || /cannot read as|no such data file|DataFileError/.test(String((e as Error).name) + (e as Error).message)) throw new ServingError(`${shown}: ${(e as Error).message}`);
    throw e;
  }
}

/**
 * Scores every row of a data file. Without `skipBadRows` the first bad rows are refused in one
 * ServingError naming file, line and column; with it they are left out and listed in `skipped`.
 */
export async function scoreFile(model: LoadedVersion, path: string, o: { shown?: string; skipBadRows?: boolean } = {}): Promise<ScoredFile> {
  const shown = o.shown ?? path;
  const table = await readInputs(path, shown, model);
  const getters = new Map(model.inputs.columns.map((c) => [c.name, reader(table.columns.get(c.name)!, c.kind === 'numeric')]));
  const checked = checkColumns(model.inputs.columns, table.rows, (column, row) => getters.get(column)!(row));
  const labels = await rowLabels(table, checked.bad.slice(0, o.skipBadRows ? checked.bad.length : 5));
  const located = checked.problems.filter((p) => labels.has(p.row)).map((p) => ({ ...p, where: `${shown}:${labels.get(p.row)!.replace(/^(line|row) /, '')}` }));
  if (checked.bad.length > 0 && !o.skipBadRows) {
    const lines = located.slice(0, 5).map((p) => `  ${p.where}: column "${p.column}": ${p.reason}`);
    const more = checked.bad.length > 5 ? `\n  ... ${checked.bad.length} bad rows in all` : '';
    throw new ServingError(`${shown}: ${checked.bad.length} row${checked.bad.length > 1 ? 's do' : ' does'} not fit ${model.model} v${model.version}:\n${lines.join('\n')}${more}\nFix the data, or pass --skip-bad-rows to score the other rows and list these.`);
  }
  const badSet = new Set(checked.bad);
  const keep = checked.bad.length ? Array.from({ length: table.rows }, (_, i) => i).filter((r) => !badSet.has(r)) : undefined;
  const values = keep ? keepRows(checked.values, keep) : checked.values;
  const rows = keep ? keep.length : table.rows;
  const keyNames = model.inputs.keys.filter((k) => table.columns.has(k));
  const pick = (vals: unknown[]) => (keep ? keep.map((r) => vals[r]) : vals);
  const keys = keyNames.length
    ? keyNames.map((name) => ({ name, values: pick(table.columns.get(name)!.values) }))
    : [{ name: 'row', values: keep ? keep.map((r) => r + 1) : Array.from({ length: rows }, (_, i) => i + 1) }];
  return { rows: table.rows, keys, scores: scoreInChunks(model, values, rows), skipped: located };
}

/** Scores in slices so the feature matrix of a large file never has to exist whole. */
function scoreInChunks(model: LoadedVersion, values: Map<string, CleanValue[]>, rows: number, chunk = 65536): Scores {
  if (rows <= chunk) return model.score(values, rows);
  const parts: Scores[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(rows, start + chunk);
    const slice = new Map([...values].map(([k, v]) => [k, v.slice(start, end)]));
    parts.push(model.score(slice, end - start));
  }
  const prediction = parts[0]!.prediction instanceof Int32Array ? new Int32Array(rows) : new Float32Array(rows);
  let offset = 0;
  const unknown = new Map<string, number>();
  for (const p of parts) {
    prediction.set(p.prediction, offset);
    offset += p.rows;
    for (const [k, n] of p.unknown) unknown.set(k, (unknown.get(k) ?? 0) + n);
  }
  const label = parts[0]!.label ? parts.flatMap((p) => p.label!) : undefined;
  return { rows, prediction, ...(label ? { label } : {}), unknown };
}

/**
 * Writes batch predictions: the file's identifier columns (kept in DuckDB from the read that took
 * the inputs, never through JavaScript values), `prediction` and (classification) `label`, as CSV,
 * JSON (an array of row objects) or Parquet. The predictions go into a DuckDB table (typed arrays
 * copied into its vectors) that DuckDB joins to the keys by position; the result is written to a
 * temporary name and renamed, so a failure never leaves half a result where a result is expected.
 */
import { DuckDBDataChunk, type DuckDBConnection } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import { createReadStream, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlIdent, sqlString } from '../data/source';
import type { ScoredFile } from './predictFile';

export type ScoresFormat = 'csv' | 'json' | 'parquet';

/**
 * The label of each scored row as its class's position (the label text is looked up in SQL, so no
 * string crosses into DuckDB per row).
 */
function labelCodes(f: ScoredFile): Int32Array | undefined {
  const { label } = f.scores;
  if (!label) return undefined;
  const at = new Map((f.classes ?? []).map((c, i) => [c, i]));
  const codes = new Int32Array(label.length);
  for (let i = 0; i < label.length; i++) codes[i] = at.get(label[i]!)!;
  return codes;
}

/** Every data row of the file in order: scored flag, prediction, label code (zero where not scored). */
function rowColumns(f: ScoredFile): { scored: Uint8Array; prediction: Float32Array | Int32Array; label?: Int32Array } {
  const { prediction } = f.scores;
  const label = labelCodes(f);
  if (!f.kept) return { scored: new Uint8Array(f.rows).fill(1), prediction, ...(label ? { label } : {}) };
  const scored = new Uint8Array(f.rows);
  const all = prediction instanceof Int32Array ? new Int32Array(f.rows) : new Float32Array(f.rows);
  const allLabels = label ? new Int32Array(f.rows) : undefined;
  f.kept.forEach((r, k) => { scored[r] = 1; all[r] = prediction[k]!; if (allLabels) allLabels[r] = label![k]!; });
  return { scored, prediction: all, ...(allLabels ? { label: allLabels } : {}) };
}

const SCORES_TABLE = 'predict_scores';

/**
 * Hands the predictions to DuckDB as a table (one row per data row, in file order) through
 * its appender, copying typed arrays straight into its vectors 2,048 rows at a time: writing them
 * as text for DuckDB to parse again was most of the cost of the write.
 */
async function appendPredictions(connection: DuckDBConnection, f: ScoredFile): Promise<void> {
  const cols = rowColumns(f);
  const arrays: Array<Uint8Array | Float32Array | Int32Array> = [cols.scored, cols.prediction, ...(cols.label ? [cols.label] : [])];
  const types = [bindings.Type.UTINYINT, cols.prediction instanceof Int32Array ? bindings.Type.INTEGER : bindings.Type.FLOAT, ...(cols.label ? [bindings.Type.INTEGER] : [])];
  const names = ['scored', 'prediction', 'label'];
  await connection.run(`CREATE TABLE ${SCORES_TABLE} (${types.map((t, i) => `${names[i]} ${bindings.Type[t]}`).join(', ')})`);
  const appender = await connection.createAppender(SCORES_TABLE);
  const chunk = new DuckDBDataChunk(bindings.create_data_chunk(types.map((t) => bindings.create_logical_type(t))));
  const size = bindings.vector_size();
  for (let start = 0; start < f.rows; start += size) {
    const n = Math.min(size, f.rows - start);
    arrays.forEach((a, c) => {
      bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, c), 0, a.buffer as ArrayBuffer, a.byteOffset + start * a.BYTES_PER_ELEMENT, n * a.BYTES_PER_ELEMENT);
    });
    bindings.data_chunk_set_size(chunk.chunk, n);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

function copyOptions(format: ScoresFormat): string {
  if (format === 'parquet') return '(FORMAT parquet)';
  return format === 'json' ? '(FORMAT json, ARRAY true)' : '(FORMAT csv, HEADER true)';
}

/**
 * Writes the predictions of `f` to `out` through the connection that read the file (opened with
 * `out` writable): its keys come from `f.keysFrom` there, so the file is not parsed again.
 */
export async function copyScores(connection: DuckDBConnection, f: ScoredFile, format: ScoresFormat, out: string): Promise<void> {
  const classes = f.classes ?? [];
  const integer = f.scores.prediction instanceof Int32Array;
  await appendPredictions(connection, f);
  const preds = `(SELECT rowid + 1 AS "row", scored, CAST(prediction AS ${integer ? 'BIGINT' : 'DOUBLE'}) AS prediction${f.scores.label ? `, ([${classes.map(sqlString).join(', ')}])[label + 1] AS label` : ''} FROM ${SCORES_TABLE})`;
  const outputs = [...(f.keys.length ? [] : ['p."row"']), 'p.prediction', ...(f.scores.label ? ['p.label'] : [])];
  const select = f.keys.length
    ? `SELECT ${[...f.keys.map((k) => `d.${sqlIdent(k)}`), ...outputs].join(', ')} FROM (SELECT ${f.keys.map(sqlIdent).join(', ')} FROM ${f.keysFrom}) d POSITIONAL JOIN ${preds} p`
    : `SELECT ${outputs.join(', ')} FROM ${preds} p`;
  await connection.run(`COPY (${select} WHERE p.scored = 1) TO ${sqlString(out)} ${copyOptions(format)}`);
}

/** Fills `path` whole or not at all: `write` fills a temporary name, renamed to `path` once it succeeded. */
export async function intoFile<T>(path: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = `${path}.tmp-${process.pid}`;
  // A leftover of a crashed run with the same pid would make DuckDB write beside it under another
  // name, which the connection may not write.
  rmSync(tmp, { force: true });
  try {
    const result = await write(tmp);
    renameSync(tmp, path);
    return result;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Sends what `write` writes (CSV or JSON) to `out` (stdout), through a temporary file. */
export async function intoStream<T>(format: 'csv' | 'json', out: (text: string) => void, write: (tmp: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-predict-'));
  try {
    const file = join(dir, `scores.${format}`);
    const result = await write(file);
    for await (const chunk of createReadStream(file, 'utf8')) out(chunk as string);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

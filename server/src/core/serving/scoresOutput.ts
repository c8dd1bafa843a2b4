/**
 * Writes batch predictions: identifier columns, `prediction` and (classification) `label`, as CSV,
 * JSON (an array of row objects, one per line) or Parquet (through DuckDB). Files are written to a
 * temporary name and renamed, so a failure never leaves half a result where a result is expected.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { sqlIdent, sqlString } from '../data/source';
import type { ScoredFile } from './predictFile';

export type ScoresFormat = 'csv' | 'json' | 'parquet';

interface OutColumn { name: string; values: ArrayLike<unknown>; type: 'text' | 'number' }

function outColumns(f: ScoredFile): OutColumn[] {
  const keys = f.keys.map((k) => ({ name: k.name, values: k.values, type: k.values.some((v) => typeof v === 'string') ? 'text' as const : 'number' as const }));
  const label = f.scores.label ? [{ name: 'label', values: f.scores.label, type: 'text' as const }] : [];
  return [...keys, { name: 'prediction', values: f.scores.prediction, type: 'number' }, ...label];
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The predictions as text chunks of about 1 MB (CSV or JSON), so large files stream. */
export function* renderScores(f: ScoredFile, format: 'csv' | 'json'): Generator<string> {
  const cols = outColumns(f);
  const rows = f.scores.rows;
  let chunk = format === 'csv' ? `${cols.map((c) => csvField(c.name)).join(',')}\n` : '[\n';
  const names = cols.map((c) => JSON.stringify(c.name));
  for (let r = 0; r < rows; r++) {
    if (format === 'csv') chunk += `${cols.map((c) => csvField(c.values[r])).join(',')}\n`;
    else chunk += `{${cols.map((c, i) => `${names[i]}:${JSON.stringify(c.values[r] ?? null)}`).join(',')}}${r + 1 < rows ? ',' : ''}\n`;
    if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
  }
  if (format === 'json') chunk += ']\n';
  yield chunk;
}

function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const c of chunks) writeSync(fd, c);
  } finally {
    closeSync(fd);
  }
}

async function writeParquet(f: ScoredFile, path: string): Promise<void> {
  const csv = `${path}.csv`;
  writeChunks(csv, renderScores(f, 'csv'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const types = outColumns(f).map((c) => `${sqlString(c.name)}: ${sqlString(c.type === 'text' ? 'VARCHAR' : 'DOUBLE')}`);
    const select = outColumns(f).map((c) => (c.name === 'row' ? `CAST(${sqlIdent(c.name)} AS BIGINT) AS ${sqlIdent(c.name)}` : sqlIdent(c.name)));
    await connection.run(`COPY (SELECT ${select.join(', ')} FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {${types.join(', ')}}))
      TO ${sqlString(path)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(csv, { force: true });
  }
}

/** Writes the predictions to `path` whole or not at all. */
export async function writeScores(f: ScoredFile, format: ScoresFormat, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    if (format === 'parquet') await writeParquet(f, tmp);
    else writeChunks(tmp, renderScores(f, format));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

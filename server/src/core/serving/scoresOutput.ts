/**
 * Writes batch predictions: the file's identifier columns (read again by DuckDB, never through
 * JavaScript values), `prediction` and (classification) `label`, as CSV, JSON (an array of row
 * objects) or Parquet. The predictions go to a temporary CSV that DuckDB joins to the data by
 * position; the result is written to a temporary name and renamed, so a failure never leaves half a
 * result where a result is expected.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { closeSync, createReadStream, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlIdent, sqlString } from '../data/source';
import type { ScoredFile } from './predictFile';

export type ScoresFormat = 'csv' | 'json' | 'parquet';

function csvText(s: string): string {
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per data row of the file: prediction (and label; row number without keys), empty for a skipped row. */
function writePredictions(f: ScoredFile, path: string): void {
  const fd = openSync(path, 'w');
  try {
    const withRow = f.keys.length === 0;
    const { prediction, label } = f.scores;
    let text = `${withRow ? 'row,' : ''}prediction${label ? ',label' : ''}\n`;
    // Labels repeat (one per class): each is quoted once.
    const quoted = new Map<string, string>();
    const cell = (l: string) => { let q = quoted.get(l); if (q === undefined) { q = `,${csvText(l)}`; quoted.set(l, q); } return q; };
    let k = 0;
    for (let r = 0; r < f.rows; r++) {
      const scored = f.kept ? f.kept[k] === r : true;
      const row = withRow ? `${r + 1},` : '';
      text += scored ? `${row}${prediction[k]}${label ? cell(label[k]!) : ''}\n` : `${row}${label ? ',' : ''}\n`;
      if (scored) k++;
      if (text.length > 1 << 20) { writeSync(fd, text); text = ''; }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function copyOptions(format: ScoresFormat): string {
  if (format === 'parquet') return '(FORMAT parquet)';
  return format === 'json' ? '(FORMAT json, ARRAY true)' : '(FORMAT csv, HEADER true)';
}

async function writeWithDuckDB(f: ScoredFile, format: ScoresFormat, predictions: string, out: string): Promise<void> {
  const types = [...(f.keys.length ? [] : [`'row': 'BIGINT'`]), `'prediction': '${f.scores.prediction instanceof Int32Array ? 'BIGINT' : 'DOUBLE'}'`, ...(f.scores.label ? [`'label': 'VARCHAR'`] : [])];
  const preds = `read_csv(${sqlString(predictions)}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {${types.join(', ')}})`;
  const outputs = [...(f.keys.length ? [] : ['p."row"']), 'p.prediction', ...(f.scores.label ? ['p.label'] : [])];
  const select = f.keys.length
    ? `SELECT ${[...f.keys.map((k) => `d.${sqlIdent(k)}`), ...outputs].join(', ')} FROM (SELECT ${f.keys.map(sqlIdent).join(', ')} FROM ${f.reader}) d POSITIONAL JOIN ${preds} p`
    : `SELECT ${outputs.join(', ')} FROM ${preds} p`;
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${select} WHERE p.prediction IS NOT NULL) TO ${sqlString(out)} ${copyOptions(format)}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Writes the predictions to `path` whole or not at all. */
export async function writeScores(f: ScoredFile, format: ScoresFormat, path: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-predict-'));
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writePredictions(f, join(dir, 'predictions.csv'));
    await writeWithDuckDB(f, format, join(dir, 'predictions.csv'), tmp);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes CSV or JSON predictions to `out` (stdout), through a temporary file. */
export async function streamScores(f: ScoredFile, format: 'csv' | 'json', out: (text: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-predict-'));
  try {
    const file = join(dir, `scores.${format}`);
    await writeScores(f, format, file);
    for await (const chunk of createReadStream(file, 'utf8')) out(chunk as string);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

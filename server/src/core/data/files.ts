import type { DuckDBConnection } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { notADataFile } from './explain';
import { DataFileError, sniffCsv, type CsvDialect } from './sniff';

/** The kinds of data file we read. JSON covers a JSON array of records and NDJSON (one record a line). */
export type DataFormat = 'csv' | 'parquet' | 'json';

/** True when a data path is a pattern (`data/*.csv`, `logs/**\/*.ndjson`) rather than one file. */
export function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

/** The format a file's extension names: .parquet/.pq, .json/.ndjson/.jsonl, else CSV. */
export function detectFormat(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.json' || ext === '.ndjson' || ext === '.jsonl') return 'json';
  return 'csv';
}

/** True for files whose records are one a line (NDJSON), so a row's line is its record's line. */
export function isLineDelimited(path: string): boolean {
  return /\.(ndjson|jsonl)$/i.test(path);
}

/**
 * The files a data path stands for: the file itself, or, for a pattern, every matching file in
 * DuckDB's glob order (sorted), all of one format. Runs before the connection's file access is closed.
 */
export async function expandDataPath(connection: DuckDBConnection, given: string, abs: string): Promise<{ files: string[]; format: DataFormat }> {
  if (!isGlob(abs)) {
    // A FIFO would block the read and a device never ends: say what the path is instead.
    const notFile = notADataFile(abs);
    if (notFile) throw new DataFileError(given, notFile);
    return { files: [abs], format: detectFormat(abs) };
  }
  const rows = (await connection.runAndReadAll(`SELECT file FROM glob(${quote(abs)}) ORDER BY file`)).getRows();
  const files = rows.map((r) => String(r[0])).filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  if (files.length === 0) throw new DataFileError(given, 'no file matches this pattern');
  const formats = [...new Set(files.map(detectFormat))];
  if (formats.length > 1) {
    throw new DataFileError(given, `matches files of different formats (${formats.join(', ')}); use a pattern that picks one kind, e.g. *.${formats[0] === 'csv' ? 'csv' : formats[0]}`);
  }
  return { files, format: formats[0]! };
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * One dialect for several CSV files read as one table: every file must have the same header and
 * delimiter (named in the error when not); a column's guessed type holds only where every file agrees.
 */
export function sniffCsvFiles(files: string[], given: string): CsvDialect {
  const first = sniffCsv(files[0]!);
  for (const file of files.slice(1)) {
    const d = sniffCsv(file);
    if (d.delimiter !== first.delimiter || d.header.join('\u0000') !== first.header.join('\u0000')) {
      throw new DataFileError(file, `has the header "${d.header.join(d.delimiter)}", unlike ${files[0]} ("${first.header.join(first.delimiter)}"); every file matched by ${given} must have the same columns in the same order`);
    }
    first.types = first.types.map((t, i) => (t === d.types[i] ? t : 'VARCHAR'));
  }
  return first;
}

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { explainDataError } from './explain';
import { expandDataPath, sniffCsvFiles, type DataFormat } from './files';
import { DataFileError, type CsvDialect } from './sniff';

export { DataFileError } from './sniff';
export { detectFormat, type DataFormat } from './files';

/** A column as DuckDB typed it after sniffing the file. */
export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, DOUBLE, VARCHAR, DATE, BOOLEAN. */
  sqlType: string;
  kind: 'numeric' | 'string' | 'boolean' | 'temporal' | 'other';
}

/** A CSV record DuckDB could not load (wrong number of fields, bad bytes), with its line in the file. */
export interface RejectedRow {
  line: number;
  kind: string;
  message: string;
  text: string;
  /** The file it is in, when the data is several files. */
  file?: string;
}

/** Where a data row (1-based, over all files in order) comes from: its file and its row in that file. */
export interface RowOrigin {
  file: string;
  row: number;
}

/**
 * An open data file: a private in-memory DuckDB with the file visible as the view `data`, and every
 * other file and the network closed to it (allowed_paths holds only this file, then external access
 * is switched off and the configuration locked), so SQL from a contract cannot read anything else.
 */
export interface DataSource {
  /** The path as given, made absolute (a pattern such as data/*.csv when several files are read). */
  path: string;
  /** The files read as one table, in order (one for a plain path). */
  files: string[];
  format: DataFormat;
  connection: DuckDBConnection;
  columns: ColumnInfo[];
  /** How the CSV is written (absent for Parquet). */
  dialect?: CsvDialect;
  /** The DuckDB table function `data` reads (e.g. `read_csv(...)`), for another instance to read the same rows the same way. */
  reader: string;
  /**
   * Records set aside by the last scan of `data` (collected with `rejects`): malformed
   * records, and with typed columns, values that did not convert (`cast` counts those).
   */
  rejects(limit: number): Promise<{ count: number; cast: number; rows: RejectedRow[] }>;
  /** For several files: the file and in-file row of each data row (one extra scan). */
  locate(rows: number[]): Promise<Map<number, RowOrigin>>;
  close(): void;
}

export interface OpenOptions {
  threads?: number;
  /**
   * Read every CSV column as text (VARCHAR) unless `types` says otherwise, so no value can fail to
   * convert; callers cast values themselves (TRY_CAST) and count what does not parse.
   */
  text?: boolean;
  /**
   * With `text`: DuckDB types for some columns (by name); every other column is text. DuckDB's own
   * sniffing is then off, so the file's first rows are not read again for each query.
   */
  types?: Record<string, string> | ((dialect: CsvDialect) => Record<string, string>);
  /** Set aside records that do not load (see `rejects()`) instead of failing the scan. */
  rejects?: boolean;
  /** DuckDB memory limit, e.g. "1GB"; beyond it aggregates spill to a private temporary folder. */
  memoryLimit?: string;
  /** Files the connection may also write (a result the caller asked for); nothing else opens to it. */
  writable?: string[];
}

/** Escapes a string for use inside single quotes in DuckDB SQL. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Quotes an identifier (column names may hold any character, HTML or quotes included). */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function columnKind(sqlType: string): ColumnInfo['kind'] {
  const t = sqlType.toUpperCase();
  // Lists (BIGINT[], INTEGER[3]) and nested types hold many values per row, whatever their element type.
  if (/\]$|^(STRUCT|MAP|UNION|LIST)\b/.test(t)) return 'other';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'numeric';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(DATE|TIME|TIMESTAMP)/.test(t)) return 'temporal';
  return 'other';
}

/** Column names as DuckDB names them: blanks become columnN, repeats get _1, _2 suffixes. */
export function columnNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw === '' ? `column${i}` : raw;
    let name = base;
    for (let k = 1; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}

/** DuckDB's argument for the files: one path, or a list read as one table. */
function fileArgument(files: string[]): string {
  return files.length === 1 ? sqlString(files[0]!) : `[${files.map(sqlString).join(', ')}]`;
}

/** DuckDB's default longest record (bytes). */
const DEFAULT_MAX_LINE = 2_000_000;
const LINE_PROBE = 512 << 10;

/**
 * Whether the file may hold a record longer than DuckDB's default limit: some aligned 512 KB block
 * holds no line end, which any stretch of 1 MB without one contains. One pass of reads with a
 * memchr per block (about 7 ms for 90 MB), far less than what the larger limit costs every read.
 */
function mayHoldLongRecord(path: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  const key = st ? `${st.size}:${st.mtimeMs}` : '';
  const known = probed.get(path);
  if (known?.key === key) return known.long;
  const long = probeLongRecord(path);
  probed.set(path, { key, long });
  return long;
}

/** What the probe found per file (a file is read by several views of one open). */
const probed = new Map<string, { key: string; long: boolean }>();

function probeLongRecord(path: string): boolean {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch { return false; }
  const block = Buffer.allocUnsafe(LINE_PROBE);
  try {
    for (let pos = 0; ;) {
      const n = readSync(fd, block, 0, LINE_PROBE, pos);
      if (n < LINE_PROBE) return false;
      if (block.indexOf(10) < 0 && block.indexOf(13) < 0) return true;
      pos += n;
    }
  } catch {
    return false; // the read that follows names the problem
  } finally {
    closeSync(fd);
  }
}

// A longer quoted value is still valid CSV, so a file that may hold one is read with a limit that
// follows its size (up to 256 MB). Only then: DuckDB's buffers are 16x the limit and it parallelises
// across buffers, so a limit the size of the file reads it on one thread (about 2x slower on 2 cores,
// and the whole file's buffer in memory). A record over the default that spans lines inside quotes
// is not seen by the probe; DuckDB then names its line (explain.ts).
function maxLineSize(files: string[]): number {
  if (!files.some(mayHoldLongRecord)) return DEFAULT_MAX_LINE;
  const size = Math.max(0, ...files.map((f) => statSync(f, { throwIfNoEntry: false })?.size ?? 0));
  return Math.max(DEFAULT_MAX_LINE, Math.min(size + 1, 256 << 20));
}

function csvReader(files: string[], d: CsvDialect, o: OpenOptions, extra: string[] = []): string {
  const opts = ['header = true', `delim = ${sqlString(d.delimiter)}`, `quote = ${sqlString(d.quote)}`, `escape = ${sqlString(d.quote)}`];
  const maxLine = maxLineSize(files);
  if (maxLine !== DEFAULT_MAX_LINE) opts.push(`max_line_size = ${maxLine}`);
  // UTF-8 is DuckDB's default; naming it anyway makes the reader take a slower decoding path.
  if (d.encoding !== 'utf-8') opts.push(`encoding = ${sqlString(d.encoding)}`);
  if (o.text) {
    const types = typeof o.types === 'function' ? o.types(d) : o.types ?? {};
    const columns = columnNames(d.header).map((n) => `${sqlString(n)}: ${sqlString((Object.hasOwn(types, n) ? types[n] : undefined) ?? 'VARCHAR')}`);
    opts.push('auto_detect = false', `columns = {${columns.join(', ')}}`);
  }
  if (o.rejects) opts.push('store_rejects = true');
  return `read_csv(${fileArgument(files)}, ${[...opts, ...extra].join(', ')})`;
}

/**
 * The reader of an open CSV source with DuckDB's type sniffing off (it ran once when the source was
 * opened; every query of `data` runs it again): the named columns read as the given types, every
 * other column as text.
 */
export function typedCsvReader(source: DataSource, types: Record<string, string>): string {
  return csvReader(source.files, source.dialect!, { text: true, types });
}

/**
 * The reader of the files. JSON: DuckDB reads arrays of records and NDJSON alike and types each key
 * from every record (sample_size = -1), so a late record of another type widens the column instead
 * of failing the scan.
 */
function reader(format: DataFormat, files: string[], dialect: CsvDialect | undefined, o: OpenOptions, extra: string[] = []): string {
  if (format === 'csv') return csvReader(files, dialect!, o, extra);
  if (format === 'json') return `read_json(${fileArgument(files)}, ${['sample_size = -1', ...extra].join(', ')})`;
  return `read_parquet(${fileArgument(files)}${extra.length ? `, ${extra.join(', ')}` : ''})`;
}

const FILE_COLUMN = '__mlops_file';

/** Row counts per file in order, from one scan of a view that adds each row's file name. */
async function locateRows(connection: DuckDBConnection, files: string[], rows: number[]): Promise<Map<number, RowOrigin>> {
  const out = new Map<number, RowOrigin>();
  if (rows.length === 0) return out;
  if (files.length === 1) { for (const r of rows) out.set(r, { file: files[0]!, row: r }); return out; }
  const counts = new Map((await connection.runAndReadAll(`SELECT ${FILE_COLUMN}, count(*) FROM data_files GROUP BY ALL`)).getRows().map((r) => [String(r[0]), Number(r[1])]));
  let before = 0;
  const sorted = [...rows].sort((a, b) => a - b);
  let k = 0;
  for (const file of files) {
    const n = counts.get(file) ?? 0;
    for (; k < sorted.length && sorted[k]! <= before + n; k++) out.set(sorted[k]!, { file, row: sorted[k]! - before });
    before += n;
  }
  return out;
}

/**
 * Turns a DuckDB error about a data file into a DataFileError naming the file, the line when DuckDB
 * gives one, and the reason in one sentence, without DuckDB's option dump (see explain.ts).
 */
export function dataError(path: string, e: unknown): DataFileError {
  return explainDataError(path, e);
}

async function readRejects(connection: DuckDBConnection, limit: number, several: boolean): Promise<{ count: number; cast: number; rows: RejectedRow[] }> {
  // Every scan of the view appends its own rejects; only the latest scan describes the current answer.
  // A record can hold several errors (each missing field is one); it is shown once, with its first.
  const sql = `WITH last AS (SELECT e.*, s.file_path FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id)
      WHERE e.scan_id = (SELECT max(scan_id) FROM reject_errors))
    SELECT (SELECT count(DISTINCT (file_id, line)) FROM last) AS n, (SELECT count(*) FROM last WHERE error_type = 'CAST') AS c,
      line, error_type, error_message, csv_line, file_path
    FROM last QUALIFY row_number() OVER (PARTITION BY file_id, line ORDER BY column_idx NULLS FIRST) = 1
    ORDER BY file_id, line LIMIT ${limit}`;
  try {
    const rows = (await connection.runAndReadAll(sql)).getRowObjects();
    return {
      count: Number(rows[0]?.n ?? 0),
      cast: Number(rows[0]?.c ?? 0),
      rows: rows.map((r) => ({
        line: Number(r.line), kind: String(r.error_type), message: String(r.error_message), text: String(r.csv_line ?? ''),
        ...(several ? { file: String(r.file_path) } : {}),
      })),
    };
  } catch {
    return { count: 0, cast: 0, rows: [] };
  }
}

/**
 * Opens a data file read-only: CSV, Parquet, JSON (an array of records) or NDJSON, or a pattern such
 * as `data/*.parquet` whose files are read as one table. Throws a DataFileError naming the file on failure.
 */
export async function openDataSource(path: string, options: OpenOptions = {}): Promise<DataSource> {
  const abs = resolve(path);
  // DuckDB spills to ".tmp" in the working folder by default; keep that out of the user's folders. It
  // creates the folder only when it spills, so nothing is left behind by a process that never closes.
  const spill = join(tmpdir(), `mlops-duckdb-${process.pid}-${randomBytes(6).toString('hex')}`);
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2), temp_directory: spill, ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
  });
  const connection = await instance.connect();
  const close = () => { connection.closeSync(); instance.closeSync(); rmSync(spill, { recursive: true, force: true }); };
  let files: string[] = [];
  let format: DataFormat | undefined;
  let dialect: CsvDialect | undefined;
  try {
    ({ files, format } = await expandDataPath(connection, path, abs));
    dialect = format === 'csv' ? sniffCsvFiles(files, path) : undefined;
    await connection.run(`SET allowed_paths = [${[...files, ...(options.writable ?? [])].map(sqlString).join(', ')}]`);
    const from = reader(format, files, dialect, options);
    await connection.run(`CREATE VIEW data AS SELECT * FROM ${from}`);
    if (files.length > 1) await connection.run(`CREATE VIEW data_files AS SELECT * FROM ${reader(format, files, dialect, options, [`filename = ${sqlString(FILE_COLUMN)}`])}`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    const described = await connection.runAndReadAll('DESCRIBE data');
    const columns = described.getRowObjects().map((r) => ({
      name: String(r.column_name), sqlType: String(r.column_type), kind: columnKind(String(r.column_type)),
    }));
    return {
      path: abs, files, format, connection, columns, dialect, close, reader: from,
      rejects: (limit) => (options.rejects ? readRejects(connection, limit, files.length > 1) : Promise.resolve({ count: 0, cast: 0, rows: [] })),
      locate: (rows) => locateRows(connection, files, rows),
    };
  } catch (e) {
    const error = format === 'csv' && dialect && !options.text ? await preciseCsvError(connection, files, dialect, e) : e;
    close();
    throw dataError(path, error);
  }
}

/**
 * DuckDB's type sniffer says only that it failed; reading every column as text names the record at
 * fault and why. Returns that error, or the sniffer's when text reads cleanly.
 */
async function preciseCsvError(connection: DuckDBConnection, files: string[], dialect: CsvDialect, e: unknown): Promise<unknown> {
  if (!/Error when sniffing file/i.test(String((e as Error)?.message ?? e))) return e;
  try {
    await connection.run(`SELECT count(*) FROM ${csvReader(files, dialect, { text: true })}`);
    return e;
  } catch (precise) {
    return precise;
  }
}

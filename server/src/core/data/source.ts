import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { explainDataError, notAFile } from './explain';
import { DataFileError, sniffCsv, type CsvDialect } from './sniff';

export { DataFileError } from './sniff';

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
}

/**
 * An open data file: a private in-memory DuckDB with the file visible as the view `data`, and every
 * other file and the network closed to it (allowed_paths holds only this file, then external access
 * is switched off and the configuration locked), so SQL from a contract cannot read anything else.
 */
export interface DataSource {
  path: string;
  format: 'csv' | 'parquet';
  connection: DuckDBConnection;
  columns: ColumnInfo[];
  /** How the CSV is written (absent for Parquet). */
  dialect?: CsvDialect;
  /**
   * Records set aside by the last scan of `data` (collected with `rejects`): malformed
   * records, and with typed columns, values that did not convert (`cast` counts those).
   */
  rejects(limit: number): Promise<{ count: number; cast: number; rows: RejectedRow[] }>;
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
}

/** Escapes a string for use inside single quotes in DuckDB SQL. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Quotes an identifier (column names may hold any character, HTML or quotes included). */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function detectFormat(path: string): 'csv' | 'parquet' {
  const ext = extname(path).toLowerCase();
  return ext === '.parquet' || ext === '.pq' ? 'parquet' : 'csv';
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

// DuckDB's default longest record is 2 MB; a longer quoted value is still valid CSV. The limit only
// guards against a quote that is never closed, so it grows with the file, up to 256 MB.
function maxLineSize(abs: string): number {
  let size = 0;
  try { size = statSync(abs).size; } catch { /* the open that follows names the problem */ }
  return Math.max(2_000_000, Math.min(size + 1, 256 << 20));
}

function csvReader(abs: string, d: CsvDialect, o: OpenOptions): string {
  const opts = ['header = true', `delim = ${sqlString(d.delimiter)}`, `quote = ${sqlString(d.quote)}`, `escape = ${sqlString(d.quote)}`,
    `max_line_size = ${maxLineSize(abs)}`];
  // UTF-8 is DuckDB's default; naming it anyway makes the reader take a slower decoding path.
  if (d.encoding !== 'utf-8') opts.push(`encoding = ${sqlString(d.encoding)}`);
  if (o.text) {
    const types = typeof o.types === 'function' ? o.types(d) : o.types ?? {};
    const columns = columnNames(d.header).map((n) => `${sqlString(n)}: ${sqlString((Object.hasOwn(types, n) ? types[n] : undefined) ?? 'VARCHAR')}`);
    opts.push('auto_detect = false', `columns = {${columns.join(', ')}}`);
  }
  if (o.rejects) opts.push('store_rejects = true');
  return `read_csv(${sqlString(abs)}, ${opts.join(', ')})`;
}

/**
 * Turns a DuckDB error about a data file into a DataFileError naming the file, the line when DuckDB
 * gives one, and the reason in one sentence, without DuckDB's option dump (see explain.ts).
 */
export function dataError(path: string, e: unknown): DataFileError {
  return explainDataError(path, e);
}

async function readRejects(connection: DuckDBConnection, limit: number): Promise<{ count: number; cast: number; rows: RejectedRow[] }> {
  // Every scan of the view appends its own rejects; only the latest scan describes the current answer.
  // A record can hold several errors (each missing field is one); it is shown once, with its first.
  const sql = `WITH last AS (SELECT * FROM reject_errors WHERE scan_id = (SELECT max(scan_id) FROM reject_errors))
    SELECT (SELECT count(DISTINCT line) FROM last) AS n, (SELECT count(*) FROM last WHERE error_type = 'CAST') AS c,
      line, error_type, error_message, csv_line
    FROM last QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx NULLS FIRST) = 1 ORDER BY line LIMIT ${limit}`;
  try {
    const rows = (await connection.runAndReadAll(sql)).getRowObjects();
    return {
      count: Number(rows[0]?.n ?? 0),
      cast: Number(rows[0]?.c ?? 0),
      rows: rows.map((r) => ({ line: Number(r.line), kind: String(r.error_type), message: String(r.error_message), text: String(r.csv_line ?? '') })),
    };
  } catch {
    return { count: 0, cast: 0, rows: [] };
  }
}

/** Opens a CSV or Parquet file read-only. Throws a DataFileError whose message names the file on failure. */
export async function openDataSource(path: string, options: OpenOptions = {}): Promise<DataSource> {
  const abs = resolve(path);
  const notFile = notAFile(abs);
  if (notFile) throw new DataFileError(path, notFile);
  const format = detectFormat(abs);
  const dialect = format === 'csv' ? sniffCsv(abs) : undefined;
  // DuckDB spills to ".tmp" in the working folder by default; keep that out of the user's folders. It
  // creates the folder only when it spills, so nothing is left behind by a process that never closes.
  const spill = join(tmpdir(), `mlops-duckdb-${process.pid}-${randomBytes(6).toString('hex')}`);
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2), temp_directory: spill, ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
  });
  const connection = await instance.connect();
  const close = () => { connection.closeSync(); instance.closeSync(); rmSync(spill, { recursive: true, force: true }); };
  try {
    await connection.run(`SET allowed_paths = [${sqlString(abs)}]`);
    const reader = dialect ? csvReader(abs, dialect, options) : `read_parquet(${sqlString(abs)})`;
    await connection.run(`CREATE VIEW data AS SELECT * FROM ${reader}`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    const described = await connection.runAndReadAll('DESCRIBE data');
    const columns = described.getRowObjects().map((r) => ({
      name: String(r.column_name), sqlType: String(r.column_type), kind: columnKind(String(r.column_type)),
    }));
    return { path: abs, format, connection, columns, dialect, rejects: (limit) => (options.rejects ? readRejects(connection, limit) : Promise.resolve({ count: 0, cast: 0, rows: [] })), close };
  } catch (e) {
    const error = dialect && !options.text ? await preciseCsvError(connection, abs, dialect, e) : e;
    close();
    throw dataError(path, error);
  }
}

/**
 * DuckDB's type sniffer says only that it failed; reading every column as text names the record at
 * fault and why. Returns that error, or the sniffer's when text reads cleanly.
 */
async function preciseCsvError(connection: DuckDBConnection, abs: string, dialect: CsvDialect, e: unknown): Promise<unknown> {
  if (!/Error when sniffing file/i.test(String((e as Error)?.message ?? e))) return e;
  try {
    await connection.run(`SELECT count(*) FROM ${csvReader(abs, dialect, { text: true })}`);
    return e;
  } catch (precise) {
    return precise;
  }
}

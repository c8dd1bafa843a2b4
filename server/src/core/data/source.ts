import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** A column as DuckDB typed it after sniffing the file. */
export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, DOUBLE, VARCHAR, DATE, BOOLEAN. */
  sqlType: string;
  kind: 'numeric' | 'string' | 'boolean' | 'temporal' | 'other';
}

/**
 * An open data file: a private in-memory DuckDB with the file visible as the view `data`, and every
 * other file and the network closed to it (allowed_paths holds only this file, then external access
 * is switched off), so SQL from a contract cannot read anything else.
 */
export interface DataSource {
  path: string;
  format: 'csv' | 'parquet';
  connection: DuckDBConnection;
  columns: ColumnInfo[];
  close(): void;
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
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'numeric';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(DATE|TIME|TIMESTAMP)/.test(t)) return 'temporal';
  return 'other';
}

/** Opens a CSV or Parquet file read-only. Throws an Error whose message names the file on failure. */
export async function openDataSource(path: string, options: { threads?: number } = {}): Promise<DataSource> {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new Error(`${path}: no such data file`);
  const format = detectFormat(abs);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const connection = await instance.connect();
  const close = () => { connection.closeSync(); instance.closeSync(); };
  try {
    await connection.run(`SET allowed_paths = [${sqlString(abs)}]`);
    const reader = format === 'parquet' ? `read_parquet(${sqlString(abs)})` : `read_csv(${sqlString(abs)}, header = true)`;
    await connection.run(`CREATE VIEW data AS SELECT * FROM ${reader}`);
    await connection.run('SET enable_external_access = false');
    const described = await connection.runAndReadAll('DESCRIBE data');
    const columns = described.getRowObjects().map((r) => ({
      name: String(r.column_name), sqlType: String(r.column_type), kind: columnKind(String(r.column_type)),
    }));
    return { path: abs, format, connection, columns, close };
  } catch (e) {
    close();
    throw new Error(`${path}: cannot read as ${format.toUpperCase()}: ${(e as Error).message}`);
  }
}

import { dataError, openDataSource, sqlIdent, type ColumnInfo } from '../data/source';
import { DataError } from './errors';

/** One column as read for training: numbers (DOUBLE) or strings, null where the file has no value. */
export interface RawColumn {
  name: string;
  kind: ColumnInfo['kind'];
  sqlType: string;
  values: Array<number | string | null>;
  /** For string-typed columns: the values that parse as numbers (null where they do not). */
  numeric?: Array<number | null>;
}

/** The columns a run needs, read through DuckDB in file order. */
export interface RawTable {
  path: string;
  format: 'csv' | 'parquet';
  rows: number;
  columns: Map<string, RawColumn>;
  /** Every column of the file, for "unknown column" messages. */
  available: string[];
}

function selectExpr(c: ColumnInfo): string {
  const id = sqlIdent(c.name);
  if (c.kind === 'numeric') return `CAST(${id} AS DOUBLE) AS ${id}`;
  return `CAST(${id} AS VARCHAR) AS ${id}`;
}

/**
 * Reads the columns `choose` picks (given the file's columns) from a CSV or Parquet file. An unknown column is a DataError naming the
 * spec path that asked for it and the columns the file has.
 */
export async function readTable(path: string, choose: (available: string[]) => Array<{ column: string; specPath: string }>): Promise<RawTable> {
  const source = await openDataSource(path);
  try {
    const available = source.columns.map((c) => c.name);
    const wanted = choose(available);
    const infos = wanted.map(({ column, specPath }) => {
      const info = source.columns.find((c) => c.name === column);
      if (!info) throw new DataError(`${specPath}: column "${column}" is not in ${path} (columns: ${available.join(', ')})`);
      if (info.kind === 'other') throw new DataError(`${specPath}: column "${column}" holds ${info.sqlType} values (several per row), which a model cannot take as input; name a column of numbers or text`);
      return info;
    });
    const unique = [...new Map(infos.map((c) => [c.name, c])).values()];
    const numericTries = unique.filter((c) => c.kind === 'string').map((c, i) => `TRY_CAST(${sqlIdent(c.name)} AS DOUBLE) AS __mlops_num_${i}`);
    const sql = `SELECT ${[...unique.map(selectExpr), ...numericTries].join(', ') || '1'} FROM data`;
    const reader = await source.connection.runAndReadAll(sql).catch((e: unknown) => { throw new DataError(dataError(path, e).message); });
    // A file with a header and no rows gives no column arrays at all.
    const cols = reader.currentRowCount === 0 ? unique.map(() => []) : reader.getColumnsJS();
    const columns = new Map<string, RawColumn>();
    unique.forEach((c, i) => {
      const values = cols[i] as Array<number | string | null>;
      const col: RawColumn = { name: c.name, kind: c.kind, sqlType: c.sqlType, values };
      columns.set(c.name, col);
    });
    unique.filter((c) => c.kind === 'string').forEach((c, i) => {
      columns.get(c.name)!.numeric = cols[unique.length + i] as Array<number | null>;
    });
    return { path: source.path, format: source.format === 'csv' ? 'csv' : 'parquet' /* JSON rows are numbered as Parquet's */, rows: reader.currentRowCount, columns, available };
  } finally {
    source.close();
  }
}

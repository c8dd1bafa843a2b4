// Fast columnar reads from a DataSource, without one JS object per row:
//  - profileColumns: one aggregate pass (GROUPING SETS) giving the row count, non-null counts, values
//    that are not numbers, and the category counts of every categorical column, capped at the most
//    frequent `categoryCap` (a category's count is all any categorical test needs, so strings never
//    cross into JS row by row);
//  - readNumericColumns: DuckDB's result vectors copied straight into Float64Arrays (a memcpy per
//    2,048-row chunk), missing values as NaN, optionally a seeded uniform sample of rows.
import bindings from '@duckdb/node-bindings';
import type { DataSource } from './source';
import { sqlIdent } from './source';
import { mulberry32 } from '../random';

export interface CategoryCounts {
  /** The most frequent categories (at most the cap) and their counts; nulls are left out. */
  counts: Map<string, number>;
  /** Distinct non-null values, including those beyond the cap. */
  distinct: number;
  /** Values in categories beyond the cap. */
  other: number;
}

export interface ColumnProfile {
  rows: number;
  /** Non-null values of the categorical columns (numeric ones are counted when read). */
  nonNull: Map<string, number>;
  categories: Map<string, CategoryCounts>;
  /** For columns checked with `numberChecks`: non-null values that do not parse as numbers, and one of them. */
  notNumbers: Map<string, { count: number; example: string }>;
}

export interface ProfileRequest {
  /** Columns whose category counts are wanted (read as text). */
  categorical: string[];
  /** Text columns that will be read as numbers: count what fails to parse. */
  numberChecks: string[];
  categoryCap: number;
}

/** GROUPING SETS ids are a bitmask per grouping column; batches of 30 keep them within JS's 32-bit bit operations. */
const MAX_GROUPED = 30;

/** Row count, non-null counts, failed number parses and category counts, in one pass per 30 categorical columns. */
export async function profileColumns(source: DataSource, request: ProfileRequest): Promise<ColumnProfile> {
  const profile: ColumnProfile = { rows: 0, nonNull: new Map(), categories: new Map(), notNumbers: new Map() };
  const batches: string[][] = [];
  for (let i = 0; i < request.categorical.length; i += MAX_GROUPED) batches.push(request.categorical.slice(i, i + MAX_GROUPED));
  if (batches.length === 0) batches.push([]);
  for (const [i, batch] of batches.entries()) await profileBatch(source, batch, i === 0 ? request.numberChecks : [], request.categoryCap, profile);
  return profile;
}

function profileSql(grouped: string[], numberChecks: string[], cap: number, full: number): string {
  const keys = grouped.map((name, i) => `CAST(${sqlIdent(name)} AS VARCHAR) AS k${i}`);
  const values = numberChecks.map((name, i) => `${sqlIdent(name)} AS v${i}`);
  const bad = (i: number) => `v${i} IS NOT NULL AND TRY_CAST(v${i} AS DOUBLE) IS NULL`;
  // Only count(*) and the (rare) number checks are aggregated: every aggregate runs once per grouping set.
  const aggregates = ['count(*) AS n', ...numberChecks.flatMap((_, i) => [`count(*) FILTER (WHERE ${bad(i)}) AS bad${i}`,
    `CAST(any_value(v${i}) FILTER (WHERE ${bad(i)}) AS VARCHAR) AS badx${i}`])];
  const keyList = grouped.map((_, i) => `k${i}`);
  const sets = ['()', ...keyList.map((k) => `(${k})`)].join(', ');
  const gid = keyList.length > 0 ? `grouping_id(${keyList.join(', ')})` : '0';
  // Within the set (k_i) every other key is NULL, so coalesce() is k_i; a NULL there is the group of
  // missing values, which is not a category.
  const key = keyList.length > 0 ? `coalesce(${keyList.join(', ')})` : 'NULL';
  const inner = [...keys, ...values].join(', ') || '1';
  return `WITH g AS (SELECT ${gid} AS gid, ${[...keyList, ...aggregates].join(', ')}
      FROM (SELECT ${inner} FROM data) GROUP BY GROUPING SETS (${sets})),
    f AS (SELECT *, ${key} AS key FROM g WHERE gid = ${full} OR ${key} IS NOT NULL)
    SELECT *, count(*) OVER (PARTITION BY gid) AS groups, sum(n) OVER (PARTITION BY gid) AS total FROM f
    QUALIFY row_number() OVER (PARTITION BY gid ORDER BY n DESC, key) <= ${cap}`;
}

async function profileBatch(source: DataSource, grouped: string[], numberChecks: string[], cap: number, into: ColumnProfile): Promise<void> {
  const full = grouped.length > 0 ? 2 ** grouped.length - 1 : 0;
  const reader = await source.connection.runAndReadAll(profileSql(grouped, numberChecks, cap, full));
  for (const name of grouped) {
    into.categories.set(name, { counts: new Map(), distinct: 0, other: 0 });
    into.nonNull.set(name, 0);
  }
  for (const row of reader.getRowObjects()) {
    const gid = Number(row.gid);
    if (gid !== full) {
      // grouping_id sets a bit for every key left out; the one clear bit names the grouped column.
      const name = grouped[grouped.length - 1 - Math.log2(full ^ gid)]!;
      const entry = into.categories.get(name)!;
      entry.counts.set(String(row.key), Number(row.n));
      entry.distinct = Number(row.groups);
      into.nonNull.set(name, Number(row.total));
      continue;
    }
    into.rows = Number(row.n);
    numberChecks.forEach((name, i) => {
      const count = Number(row[`bad${i}`]);
      if (count > 0) into.notNumbers.set(name, { count, example: String(row[`badx${i}`]) });
    });
  }
  for (const [name, entry] of into.categories) {
    let kept = 0;
    for (const n of entry.counts.values()) kept += n;
    entry.other = (into.nonNull.get(name) ?? kept) - kept;
  }
}

export interface NumericRead {
  name: string;
  /** `epoch`: dates and timestamps as seconds since 1970 (only when asked for explicitly). */
  as: 'number' | 'epoch';
  /** A DOUBLE expression over the columns of `data` to read instead of the column itself (NULL reads as NaN). */
  sql?: string;
}

export interface NumericReadOptions {
  /** Row count from profileColumns (sizes the arrays up front); without it the arrays grow as chunks arrive. */
  rows?: number;
  /** Keep a uniform sample of exactly this many rows when the file has more. */
  maxRows?: number;
  seed?: number;
  /** Allocate on SharedArrayBuffer so worker threads can sort the columns in place, without copies. */
  shared?: boolean;
  /**
   * Let DuckDB compute the whole result before copying it out, instead of streaming it: faster
   * (the scan runs on all threads and chunks are not produced one request at a time) but the
   * result is held in DuckDB's memory once, so only for reads that keep every row anyway.
   */
  materialize?: boolean;
  /** The relation to read from (a table, view or table function); `data`, the file itself, unless given. */
  from?: string;
}

function numericExpr(column: NumericRead): string {
  if (column.sql !== undefined) return `coalesce(CAST(${column.sql} AS DOUBLE), 'NaN'::DOUBLE)`;
  const c = sqlIdent(column.name);
  const value = column.as === 'epoch' ? `epoch(TRY_CAST(${c} AS TIMESTAMP))` : `TRY_CAST(${c} AS DOUBLE)`;
  return `coalesce(${value}, 'NaN'::DOUBLE)`;
}


/**
 * Which rows to keep: exactly `keep` of `total`, each subset equally likely (selection sampling,
 * Knuth's Algorithm S), decided chunk by chunk as rows stream past.
 */
function rowSampler(total: number, keep: number, seed: number): (mask: Uint8Array, rows: number) => void {
  const random = mulberry32(seed);
  let seen = 0;
  let chosen = 0;
  return (mask, rows) => {
    for (let i = 0; i < rows; i++, seen++) {
      const take = (total - seen) * random() < keep - chosen;
      mask[i] = take ? 1 : 0;
      if (take) chosen++;
    }
  };
}

/**
 * Reads numeric columns into Float64Arrays (missing or unparseable values as NaN), one memcpy per
 * column per chunk, or a seeded sample of rows when `maxRows` is below the row count.
 */
export async function readNumericColumns(source: DataSource, columns: NumericRead[], options: NumericReadOptions): Promise<Float64Array[]> {
  const known = options.rows !== undefined;
  const total = options.rows ?? 0;
  const sampled = known && options.maxRows !== undefined && total > options.maxRows;
  const size = sampled ? options.maxRows! : known ? total : 1 << 16;
  const alloc = (n: number) => new Float64Array(options.shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
  let out = columns.map(() => alloc(size));
  if (columns.length === 0 || (known && size === 0)) return out;
  const sql = `SELECT ${columns.map(numericExpr).join(', ')} FROM ${options.from ?? 'data'}`;
  const result = options.materialize ? await source.connection.run(sql) : await source.connection.stream(sql);
  const sample = sampled ? rowSampler(total, size, options.seed ?? 1) : undefined;
  const mask = new Uint8Array(4096);
  let offset = 0;
  let capacity = size;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    if (!known && offset + chunk.rowCount > capacity) {
      // Without a row count the arrays double as chunks arrive.
      capacity = Math.max(capacity * 2, offset + chunk.rowCount);
      out = out.map((a) => { const b = alloc(capacity); b.set(a.subarray(0, offset)); return b; });
    }
    const rows = known ? Math.min(chunk.rowCount, size - offset) : chunk.rowCount;
    if (rows <= 0) break;
    sample?.(mask, chunk.rowCount);
    let kept = 0;
    for (let c = 0; c < columns.length; c++) {
      const bytes = bindings.vector_get_data(bindings.data_chunk_get_vector(chunk.chunk, c), chunk.rowCount * 8);
      const values = bytes.byteOffset % 8 === 0 ? new Float64Array(bytes.buffer, bytes.byteOffset, chunk.rowCount)
        : new Float64Array(bytes.slice().buffer);
      kept = sample ? copyMasked(values, mask, out[c]!, offset) : (out[c]!.set(values.subarray(0, rows), offset), rows);
    }
    offset += kept;
  }
  return known ? out : out.map((a) => a.subarray(0, offset));
}

function copyMasked(values: Float64Array, mask: Uint8Array, into: Float64Array, offset: number): number {
  let k = offset;
  for (let i = 0; i < values.length; i++) if (mask[i]) into[k++] = values[i]!;
  return k - offset;
}

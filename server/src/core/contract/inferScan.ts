import { sqlIdent, type DataSource } from '../data/source';

/** What one scan learns about a column: how many values parse as each type, and their bounds. */
export interface ColumnStats {
  present: number;
  integers: number;
  numbers: number;
  dates: number;
  timestamps: number;
  booleans: number;
  approxDistinct: number;
  /** Integers at or beyond 2^53, how many of them parse as 128-bit integers, and their exact bounds. */
  bigs: number;
  hugeints: number;
  intMin: unknown;
  intMax: unknown;
  numMin: unknown;
  numMax: unknown;
  dateMin: unknown;
  dateMax: unknown;
  tsMin: unknown;
  tsMax: unknown;
}

/** Exact answers for some columns: distinct values of the chosen type, and the list of a few strings. */
export interface ColumnDetails {
  distinct?: number;
  values?: unknown[] | null;
}

/** The key a column's values are compared by for uniqueness: as numbers, dates, timestamps or text. */
export type DistinctKey = 'n' | 'd' | 't' | 's';

// Columns per scan. The long form builds one list of this many values per row, and DuckDB keeps
// 2,048 rows of them in flight per thread: a bounded batch keeps memory flat however wide the file.
const STATS_BATCH = 256;

/**
 * Some columns of the data in long form, one row per cell: `ci` (column index) and `v` (the value as
 * text). One expression per column, so a scan costs rows x columns and its plan does not grow with
 * the square of the columns (as one aggregate per column and type did).
 */
function cells(source: DataSource, columns: number[]): string {
  const texts = columns.map((i) => {
    const c = source.columns[i]!;
    return c.kind === 'string' ? sqlIdent(c.name) : `CAST(${sqlIdent(c.name)} AS VARCHAR)`;
  });
  return `(SELECT unnest([${columns.join(', ')}]) AS ci, unnest([${texts.join(', ')}]) AS v FROM data)`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Integers at or beyond 2^53 are read again as 128-bit integers: a double can no longer hold them.
const BIG = 2 ** 53;
// Only text shaped like YYYY-MM-DD is tried as a date or timestamp (a failed cast costs more than this test).
const DATEISH = "(length(v) >= 10 AND v[5] = '-' AND v[8] = '-')";

const STATS_SQL = (from: string) => `
  SELECT ci, count(*) AS rows, count(v) AS present,
    count_if(isfinite(n) AND n = trunc(n)) AS integers, count_if(isfinite(n)) AS numbers,
    count_if(d IS NOT NULL AND NOT contains(v, ':')) AS dates, count(ts) AS timestamps,
    count_if(length(v) <= 5 AND lower(v) IN ('true', 'false')) AS booleans, approx_count_distinct(v) AS approx,
    count_if(abs(n) >= ${BIG} AND n = trunc(n)) AS bigs, count(h) AS hugeints, min(h) AS int_min, max(h) AS int_max,
    min(n) FILTER (WHERE isfinite(n)) AS num_min, max(n) FILTER (WHERE isfinite(n)) AS num_max,
    min(d) AS date_min, max(d) AS date_max, min(ts) AS ts_min, max(ts) AS ts_max
  FROM (
    SELECT ci, v, n,
      CASE WHEN ${DATEISH} THEN TRY_CAST(v AS DATE) END AS d,
      CASE WHEN ${DATEISH} THEN TRY_CAST(v AS TIMESTAMP) END AS ts,
      CASE WHEN abs(n) >= ${BIG} AND n = trunc(n) THEN TRY_CAST(v AS HUGEINT) END AS h
    FROM (SELECT ci, v, TRY_CAST(v AS DOUBLE) AS n FROM ${from}))
  GROUP BY ci`;

const emptyStats = (): ColumnStats => ({
  present: 0, integers: 0, numbers: 0, dates: 0, timestamps: 0, booleans: 0, approxDistinct: 0, bigs: 0, hugeints: 0,
  intMin: null, intMax: null, numMin: null, numMax: null, dateMin: null, dateMax: null, tsMin: null, tsMax: null,
});

/**
 * Counts of values per type, approximate distinct counts and the bounds of each type, for every
 * column: one scan per batch of columns. Memory is per column (a distinct-count sketch and a few
 * values) plus one batch of rows in flight, never per row of the file.
 */
export async function scanColumnStats(source: DataSource): Promise<{ rows: number; stats: ColumnStats[] }> {
  const stats = source.columns.map(emptyStats);
  let rows = 0;
  for (const batch of chunks(source.columns.map((_, i) => i), STATS_BATCH)) {
    for (const r of (await source.connection.runAndReadAll(STATS_SQL(cells(source, batch)))).getRowObjects()) {
      const n = (k: string) => Number(r[k] ?? 0);
      rows = n('rows');
      stats[Number(r.ci)] = {
        present: n('present'), integers: n('integers'), numbers: n('numbers'), dates: n('dates'), timestamps: n('timestamps'),
        booleans: n('booleans'), approxDistinct: n('approx'), bigs: n('bigs'), hugeints: n('hugeints'), intMin: r.int_min, intMax: r.int_max,
        numMin: r.num_min, numMax: r.num_max, dateMin: r.date_min, dateMax: r.date_max, tsMin: r.ts_min, tsMax: r.ts_max,
      };
    }
  }
  return { rows, stats };
}

// Exact distinct counts hold every distinct value in memory: columns are measured in batches of
// about this many (estimated) values, so memory stays bounded however many columns may be unique.
const DISTINCT_BUDGET = 1_000_000;

/** What the second pass measures for one column. */
export interface DetailRequest {
  /** Count distinct values compared as this type (text for the values list). */
  key: DistinctKey;
  /** List the distinct values (strings with few of them). */
  values: boolean;
  /** Distinct values the sketch estimates, to size the batches. */
  estimate: number;
}

const KEY_TYPE: Record<DistinctKey, string> = { n: 'DOUBLE', d: 'DATE', t: 'TIMESTAMP', s: 'VARCHAR' };

/** Batches of columns of one key type whose estimated distinct values fit the budget together. */
function batches(wanted: Map<number, DetailRequest>): Array<{ key: DistinctKey; columns: number[] }> {
  const out: Array<{ key: DistinctKey; columns: number[] }> = [];
  for (const key of Object.keys(KEY_TYPE) as DistinctKey[]) {
    let batch: number[] = [];
    let load = 0;
    for (const [i, w] of wanted) {
      if (w.key !== key) continue;
      if (batch.length > 0 && (load + w.estimate > DISTINCT_BUDGET || batch.length >= STATS_BATCH)) { out.push({ key, columns: batch }); batch = []; load = 0; }
      batch.push(i);
      load += w.estimate;
    }
    if (batch.length > 0) out.push({ key, columns: batch });
  }
  return out;
}

/**
 * A second pass, over only the columns that need it: exact distinct counts (compared as the check
 * will compare them: as numbers, dates, timestamps or text) and the sorted distinct values of
 * strings with at most `maxValues` of them (null when more). The distinct values of a batch are
 * grouped once (a plain GROUP BY is far lighter in DuckDB than one DISTINCT aggregate per column).
 */
export async function scanColumnDetails(source: DataSource, wanted: Map<number, DetailRequest>, maxValues: number): Promise<Map<number, ColumnDetails>> {
  const out = new Map<number, ColumnDetails>();
  for (const { key, columns } of batches(wanted)) {
    const listed = columns.filter((i) => wanted.get(i)!.values);
    const sql = `
      SELECT ci, count(*) AS distinct_values,
        list(k ORDER BY k) FILTER (WHERE ci IN (${listed.join(', ') || '-1'})) AS vals
      FROM (SELECT ci, k FROM (SELECT ci, TRY_CAST(v AS ${KEY_TYPE[key]}) AS k FROM ${cells(source, columns)}) WHERE k IS NOT NULL GROUP BY ci, k)
      GROUP BY ci`;
    const found = new Map((await source.connection.runAndReadAll(sql)).getRowObjects().map((r) => [Number(r.ci), r]));
    for (const i of columns) {
      const r = found.get(i);
      const distinct = Number(r?.distinct_values ?? 0);
      const items = (r?.vals as { items?: unknown[] } | null | undefined)?.items ?? [];
      out.set(i, { distinct, values: wanted.get(i)!.values && distinct <= maxValues ? items : null });
    }
  }
  return out;
}

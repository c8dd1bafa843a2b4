import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlannedCheck } from './types';

/** Up to `limit` failing rows of one check: 1-based data row numbers and the values found there. */
export type RowSamples = Array<{ row: number; value: unknown }>;

const NUMBERED = '(SELECT row_number() OVER () AS __rn, * FROM data)';

/** Converts a DuckDB value to plain JSON: numbers stay numbers, big integers and dates become text. */
export function toJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toJson);
  const items = (v as { items?: unknown[] }).items;
  if (Array.isArray(items)) return items.map(toJson);
  const entries = (v as { entries?: Record<string, unknown> }).entries;
  if (entries && typeof entries === 'object') return Object.fromEntries(Object.entries(entries).map(([k, x]) => [k, toJson(x)]));
  return String(v);
}

/** Samples of every row-condition check at once: one scan, the first rows per check in file order. */
async function rowSamples(conn: DuckDBConnection, checks: Array<[number, PlannedCheck, string]>, limit: number): Promise<Map<number, RowSamples>> {
  const out = new Map<number, RowSamples>();
  if (checks.length === 0) return out;
  // arg_min over a one-field struct keeps NULL values (a plain NULL argument would be dropped).
  const cols = checks.map(([, c, value], i) => `arg_min({'v': ${value}}, __rn, ${limit}) FILTER (WHERE ${c.sampleWhere}) AS s${i}, min(__rn, ${limit}) FILTER (WHERE ${c.sampleWhere}) AS r${i}`);
  const row = (await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM ${NUMBERED}`)).getRowObjects()[0] ?? {};
  checks.forEach(([index], i) => {
    const rows = (toJson(row[`r${i}`]) as number[] | null) ?? [];
    const values = (toJson(row[`s${i}`]) as Array<{ v: unknown }> | null) ?? [];
    out.set(index, rows.map((r, k) => ({ row: r, value: values[k]?.v ?? null })));
  });
  return out;
}

/** Samples of a duplicate check: the first rows whose key appears more than once (or is missing). */
async function duplicateSamples(conn: DuckDBConnection, check: PlannedCheck, limit: number): Promise<RowSamples> {
  const keys = check.duplicateOf!;
  const nulls = keys.map((k) => `${k} IS NULL`).join(' OR ');
  const failing = check.rule === 'primaryKey' ? `(__n > 1 AND NOT (${nulls})) OR (${nulls})` : `__n > 1 AND NOT (${nulls})`;
  const shown = check.duplicateText ?? keys;
  const value = shown.length === 1 ? shown[0]! : `[${shown.join(', ')}]`;
  const sql = `SELECT __rn, ${value} AS v FROM (SELECT *, count(*) OVER (PARTITION BY ${keys.join(', ')}) AS __n FROM ${NUMBERED})
    WHERE ${failing} ORDER BY __rn LIMIT ${limit}`;
  return (await conn.runAndReadAll(sql)).getRowObjects().map((r) => ({ row: Number(r.__rn), value: toJson(r.v) }));
}

/**
 * Collects up to `limit` sample rows for each failed check (keyed by its index in `checks`). Runs
 * only when something failed, so a clean file is read once.
 */
export async function collectSamples(conn: DuckDBConnection, checks: PlannedCheck[], failed: Set<number>, limit: number): Promise<Map<number, RowSamples>> {
  const rowChecks: Array<[number, PlannedCheck, string]> = [];
  const out = new Map<number, RowSamples>();
  for (const i of failed) {
    const c = checks[i]!;
    if (c.duplicateOf) out.set(i, await duplicateSamples(conn, c, limit));
    else if (c.sampleWhere) rowChecks.push([i, c, c.sampleValue ?? 'NULL']);
  }
  for (const [k, v] of await rowSamples(conn, rowChecks, limit)) out.set(k, v);
  return out;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { dataError } from '../../data/source';
import { toJson } from './samples';
import type { PlannedCheck } from './types';

/** What each planned check measured: a number, or the error DuckDB gave for that check alone. */
export interface Measurements {
  rows: number;
  values: Map<number, number | Error>;
}

function asNumber(v: unknown): number | Error {
  const j = toJson(v);
  if (typeof j === 'boolean') return j ? 1 : 0;
  const n = typeof j === 'string' ? Number(j) : j;
  return typeof n === 'number' && Number.isFinite(n) ? n : new Error(`the query returned ${j === null ? 'NULL' : JSON.stringify(j)}, not a number`);
}

async function one(conn: DuckDBConnection, sql: string): Promise<unknown> {
  return (await conn.runAndReadAll(sql)).getRows()[0]?.[0];
}

/**
 * Runs every aggregate metric in a single scan of the data. If that scan fails, finds out whether the
 * data itself is unreadable (then throws a DataFileError) or which metric is at fault (then that
 * check alone gets the error and the others are measured one by one).
 */
async function aggregates(conn: DuckDBConnection, plan: PlannedCheck[], dataPath: string, touch: string[], strict: boolean): Promise<Measurements> {
  const picked = plan.map((c, i) => [c, i] as const).filter(([c]) => c.metric !== undefined);
  const values = new Map<number, number | Error>();
  const select = ['count(*) AS __rows', ...picked.map(([c, i]) => `${c.metric} AS m${i}`), ...touch.map((t, i) => `${t} AS t${i}`)].join(',\n  ');
  try {
    const row = (await conn.runAndReadAll(`SELECT ${select} FROM data`)).getRowObjects()[0]!;
    // Every aggregate metric is a count; count_if over no rows gives NULL, which means 0 here.
    for (const [, i] of picked) values.set(i, row[`m${i}`] === null ? 0 : asNumber(row[`m${i}`]));
    return { rows: Number(row.__rows), values };
  } catch (e) {
    if (strict) throw e;
    let rows: number;
    try { rows = Number(await one(conn, 'SELECT count(*) FROM data')); } catch { throw dataError(dataPath, e); }
    for (const [c, i] of picked) {
      try { const v = await one(conn, `SELECT ${c.metric} FROM data`); values.set(i, v === null ? 0 : asNumber(v)); } catch (err) { values.set(i, err as Error); }
    }
    return { rows, values };
  }
}

/**
 * Runs one ODCS `sql` rule: a single statement (prepared, so a second statement is refused), inside a
 * transaction that is rolled back, so a rule that drops or changes a view cannot change what the next
 * rule or the sample scan sees, and a failing rule does not abort the ones after it.
 */
async function runQuery(conn: DuckDBConnection, sql: string): Promise<number | Error> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const prepared = await conn.prepare(sql);
    const result = await prepared.runAndReadAll();
    const first = result.getRows()[0];
    return first === undefined ? new Error('the query returned no row') : asNumber(first[0]);
  } catch (e) {
    return e as Error;
  } finally {
    await conn.run('ROLLBACK').catch(() => undefined);
  }
}

/**
 * Measures every planned check: aggregates in one scan, then each `sql` rule. With `strict`, a
 * failed scan is thrown as is (the caller reads the file again another way). `touch` lists extra
 * aggregates that only make the scan read some columns (DuckDB skips columns no query uses, and a
 * typed column must be read for its values to be converted, or set aside when they do not convert).
 */
export async function measure(conn: DuckDBConnection, plan: PlannedCheck[], dataPath: string, touch: string[] = [], strict = false): Promise<Measurements> {
  const m = await aggregates(conn, plan, dataPath, touch, strict);
  for (const [i, c] of plan.entries()) {
    if (c.query !== undefined) m.values.set(i, await runQuery(conn, c.query));
  }
  return m;
}

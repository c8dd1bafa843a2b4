import type { DuckDBConnection } from '@duckdb/node-api';
import { dataError } from '../../data/source';
import { sqlProblem } from '../sqlParse';
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

/** A `sql` rule whose query DuckDB's parser refuses (it is not run). */
export class SqlRejected extends Error {
  constructor(reason: string) {
    super(`SQL does not parse: ${reason}`);
    this.name = 'SqlRejected';
  }
}

/** A `sql` rule that ran past its time limit (the query was interrupted). */
export class SqlTimedOut extends Error {
  constructor(readonly limitMs: number) {
    super(`timed out after ${limitMs / 1000} s (the SQL time limit; raise it with --sql-timeout or mlops.contract.sqlTimeoutMs)`);
    this.name = 'SqlTimedOut';
  }
}

/**
 * Runs one ODCS `sql` rule: a single statement (prepared, so a second statement is refused), inside a
 * transaction that is rolled back, so a rule that drops or changes a view cannot change what the next
 * rule or the sample scan sees, and a failing rule does not abort the ones after it. A rule still
 * running after `timeoutMs` (0: no limit) is interrupted in DuckDB and reported as timed out.
 */
async function runQuery(conn: DuckDBConnection, sql: string, timeoutMs: number, onSlow?: () => void): Promise<number | Error> {
  // The same parser verdict the editor gives (odcs-sql-syntax): a query it flags is not run.
  const problem = await sqlProblem(conn, sql).catch(() => undefined);
  if (problem) return new SqlRejected(problem.message);
  await conn.run('BEGIN TRANSACTION');
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; conn.interrupt(); }, timeoutMs) : undefined;
  const slow = onSlow && (timeoutMs === 0 || timeoutMs > SLOW_MS) ? setTimeout(onSlow, SLOW_MS) : undefined;
  try {
    const prepared = await conn.prepare(sql);
    const result = await prepared.runAndReadAll();
    const first = result.getRows()[0];
    return first === undefined ? new Error('the query returned no row') : asNumber(first[0]);
  } catch (e) {
    return timedOut ? new SqlTimedOut(timeoutMs) : e as Error;
  } finally {
    clearTimeout(timer);
    clearTimeout(slow);
    await conn.run('ROLLBACK').catch(() => undefined);
  }
}

/** How `measure` runs: `strict` throws a failed scan as is; `sqlTimeoutMs` limits each `sql` rule (0: none). */
export interface MeasureOptions {
  touch?: string[];
  strict?: boolean;
  sqlTimeoutMs?: number;
  /** Stops before the next `sql` rule once set (the running one is interrupted by the caller). */
  signal?: AbortSignal;
  /** Told when a `sql` rule has run for SLOW_MS, with the rule's index in the plan. */
  onSlowRule?(index: number): void;
}

/** After this long a running `sql` rule is announced (so a user knows what Ctrl-C would stop). */
export const SLOW_MS = 2000;

/**
 * Measures every planned check: aggregates in one scan, then each `sql` rule. With `strict`, a
 * failed scan is thrown as is (the caller reads the file again another way). `touch` lists extra
 * aggregates that only make the scan read some columns (DuckDB skips columns no query uses, and a
 * typed column must be read for its values to be converted, or set aside when they do not convert).
 */
export async function measure(conn: DuckDBConnection, plan: PlannedCheck[], dataPath: string, o: MeasureOptions = {}): Promise<Measurements> {
  const m = await aggregates(conn, plan, dataPath, o.touch ?? [], o.strict ?? false);
  for (const [i, c] of plan.entries()) {
    if (o.signal?.aborted) break;
    const onSlow = o.onSlowRule && (() => o.onSlowRule!(i));
    if (c.query !== undefined) m.values.set(i, await runQuery(conn, c.query, o.sqlTimeoutMs ?? 0, onSlow));
  }
  return m;
}

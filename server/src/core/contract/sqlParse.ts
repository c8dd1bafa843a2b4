import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * The SQL of ODCS `sql` quality rules, read by DuckDB's own parser (json_serialize_sql parses and
 * never runs; nothing is bound or executed), so the editor, `mlops validate` and `mlops check` accept
 * exactly what DuckDB runs (`payload->>'status'`, trailing commas, FROM-first). Parsing is async, so
 * the editor does it off the keystroke path and keeps the answers in a cache the sync rule reads.
 */
export interface SqlProblem {
  /** Offset in the query text. */
  offset: number;
  length: number;
  message: string;
}

// The table and column placeholders of the ecosystem (datacontract-cli's, which ODCS examples use):
// {model}, ${model}, {table}, {object}, and {field}, {column}, {property}, optionally quoted.
const TABLE_PLACEHOLDER = /["']?\$?\{(model|table|object)\}["']?/g;
const COLUMN_PLACEHOLDER = /["']?\$?\{(field|column|property)\}["']?/g;

/** The query with its placeholders filled: the table and (for a property's rule) the column, as SQL. */
export function fillPlaceholders(query: string, table: string, column: string | undefined): string {
  const filled = query.replace(TABLE_PLACEHOLDER, table);
  return column === undefined ? filled : filled.replace(COLUMN_PLACEHOLDER, column);
}

/** Placeholders replaced by identifiers of the same length, so parser offsets are offsets in the query. */
function sameLength(query: string): string {
  const fill = (m: string) => 'x'.repeat(m.length);
  return query.replace(TABLE_PLACEHOLDER, fill).replace(COLUMN_PLACEHOLDER, fill);
}

/** Offset of the first `;` outside quotes and comments that has a statement after it. */
function secondStatement(sql: string): number {
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') { const end = sql.indexOf(c, i + 1); if (end < 0) return -1; i = end; continue; }
    if (sql.startsWith('--', i)) { const end = sql.indexOf('\n', i); if (end < 0) return -1; i = end; continue; }
    if (sql.startsWith('/*', i)) { const end = sql.indexOf('*/', i + 2); if (end < 0) return -1; i = end + 1; continue; }
    if (c === ';') { const rest = /\S/.exec(sql.slice(i + 1)); return rest ? i + 1 + rest.index : -1; }
  }
  return -1;
}

function tokenAt(sql: string, offset: number): SqlProblem['length'] {
  return Math.max(1, /^(\w+|\S)/.exec(sql.slice(offset))?.[0].length ?? 1);
}

const MAX_QUERY = 100_000;

/**
 * DuckDB's verdict on one rule's query (placeholders allowed): undefined when it is one read-only
 * query (a SELECT, FROM-first or VALUES), else where and why not. Runs json_serialize_sql on `conn`,
 * which parses without binding or running anything.
 */
export async function sqlProblem(conn: DuckDBConnection, query: string): Promise<SqlProblem | undefined> {
  if (query.trim() === '') return { offset: 0, length: query.length, message: 'The query is empty.' };
  if (query.length > MAX_QUERY) return { offset: 0, length: 1, message: `The query is longer than ${MAX_QUERY} characters.` };
  const sql = sameLength(query);
  const reply = JSON.parse(String((await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql])).getRows()[0]![0])) as
    { error?: boolean; error_type?: string; error_message?: string; position?: string; statements?: unknown[] };
  if (reply.error && reply.error_type === 'parser') {
    const at = Math.min(Number(reply.position ?? 0) || 0, Math.max(0, sql.length - 1));
    return { offset: at, length: tokenAt(sql, at), message: upperFirst(reply.error_message ?? 'syntax error') };
  }
  const next = secondStatement(sql);
  if (next >= 0 || (reply.statements?.length ?? 0) > 1) {
    return { offset: Math.max(0, next), length: next >= 0 ? sql.length - next : sql.length, message: 'Only one statement is allowed; remove everything after the first ";".' };
  }
  if (reply.error) {
    const first = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(\w+)/.exec(sql);
    const word = first?.[1]?.toUpperCase() ?? 'this statement';
    const offset = first ? first.index + first[0].length - first[1]!.length : 0;
    return { offset, length: first?.[1]?.length ?? sql.length, message: `A quality rule's SQL must be a query returning one value (SELECT ...), not ${word}.` };
  }
  return undefined;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// One private, in-memory DuckDB for the editor's parsing, opened on first use with every file and the
// network closed to it (it only parses, but nothing else should ever be possible there).
let parser: Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> | undefined;

async function openParser(): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:', { threads: '1', enable_external_access: 'false', lock_configuration: 'true' });
  return { instance, conn: await instance.connect() };
}

const cache = new Map<string, SqlProblem | null>();
const CACHE_SIZE = 2000;

/** The cached verdict on a query: a problem, null when it parses, undefined when not parsed yet. */
export function cachedSqlProblem(query: string): SqlProblem | null | undefined {
  return cache.get(query);
}

/** At most this many queries of one document are parsed (the cache holds several documents' worth). */
export const MAX_QUERIES_PER_DOCUMENT = 500;

/** Parses the queries the cache does not know yet; true when it learned anything (validate again). */
export async function parseSqlQueries(queries: string[]): Promise<boolean> {
  const todo = [...new Set(queries)].slice(0, MAX_QUERIES_PER_DOCUMENT).filter((q) => !cache.has(q));
  if (todo.length === 0) return false;
  parser ??= openParser();
  const { conn } = await parser;
  for (const q of todo) {
    let verdict: SqlProblem | null;
    try { verdict = (await sqlProblem(conn, q)) ?? null; } catch (e) { verdict = { offset: 0, length: 1, message: `DuckDB could not read the query (${(e as Error).message.split('\n')[0]}).` }; }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(q, verdict);
  }
  return true;
}

/** Closes the editor's parser (tests and shutdown); the next parse opens a new one. */
export async function closeSqlParser(): Promise<void> {
  const p = parser;
  parser = undefined;
  if (!p) return;
  const { instance, conn } = await p;
  conn.closeSync();
  instance.closeSync();
}

import type { Range } from 'vscode-languageserver-types';
import { columnNames, openDataSource, sqlIdent, type DataSource, type OpenOptions } from '../data/source';
import type { CsvDialect } from '../data/sniff';
import { locateSamples, maskSample, skippedLines, type ShownSample, type SkippedLines } from './checks/located';
import { measure, SLOW_MS, SqlRejected, SqlTimedOut, type Measurements } from './checks/measure';
import { resolvePhysicalTypes } from './checks/physical';
import { planChecks } from './checks/plan';
import { collectSamples, type RowSamples } from './checks/samples';
import { isSensitive, MASKED_NOTE } from './checks/sensitive';
import { slaChecks } from './checks/sla';
import type { PlannedCheck, Severity, Verdict } from './checks/types';
import { CheckCancelled } from './errors';
import { loadContract, type LoadedContract } from './load';
import type { ContractModel, ContractSchemaObject } from './model';
import { usableContract } from './usable';

/** The result of checking one data file against one schema object of a contract (`mlops check --format json`). */
export interface CheckReport {
  contract: string;
  data: string;
  /** Schema object the data was checked against. */
  schema: string;
  rows: number;
  passed: boolean;
  checks: CheckResult[];
}

export interface CheckResult {
  id: string;
  column: string | null;
  rule: string;
  passed: boolean;
  failures: number;
  /**
   * Up to 5 failing rows: `line` is the 1-based line of the file where the row starts (the header is
   * line 1; row number for Parquet and JSON arrays), `file` names the file when several are read, and
   * `masked` marks a value withheld because the contract classifies its column as sensitive.
   */
  samples: ShownSample[];
  severity: Severity;
  message: string;
  /** The measured number (failing rows, a metric, or a sql rule's result), when there is one. */
  observed?: number;
  /** True when the rule cannot run on this data (text and custom rules, nested types in a CSV). */
  skipped?: boolean;
  /** where in the contract the rule is written (for Problems entries in the editor) */
  location?: { path: string; range: Range };
}

export interface CheckOptions {
  contractPath: string;
  /** The contract at contractPath, when the caller has read it already (it is then not read again). */
  contract?: LoadedContract;
  dataPath: string;
  schema?: string;
  signal?: AbortSignal;
  threads?: number;
  /** Time limit of each `sql` rule in milliseconds (absent: SQL_TIMEOUT_MS; 0: no limit). */
  sqlTimeoutMs?: number;
  /** The time SLA latency and retention are measured against (default: now). */
  now?: Date;
  /** Told when a `sql` rule has been running for a while (its check id and where it is written). */
  onSlowRule?(id: string, seconds: number): void;
}

/** The default time limit of one `sql` rule (the mlops.contract.sqlTimeoutMs setting's default). */
export const SQL_TIMEOUT_MS = 60_000;

const SAMPLE_LIMIT = 5;

/** Lets `sql` rules name the table as the contract does (its name or physical name) besides {object}. */
async function addTableNames(source: DataSource, schema: ContractSchemaObject): Promise<void> {
  const names = new Set([schema.name, schema.physicalName?.replace(/\.[^.]+$/, '')].filter((n): n is string => !!n && n !== 'data'));
  for (const name of names) {
    await source.connection.run(`CREATE VIEW ${sqlIdent(name)} AS SELECT * FROM data`).catch(() => undefined);
  }
}

function verdictOf(c: PlannedCheck, m: Measurements, i: number): Verdict & { observed?: number } {
  if (c.fixed) return c.fixed;
  const v = m.values.get(i);
  if (v instanceof SqlTimedOut || v instanceof SqlRejected) return { passed: false, failures: 0, message: v.message };
  if (v instanceof Error || v === undefined) {
    // DuckDB's own wording, with its article slip ("is not an table") put right.
    const reason = v ? v.message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '').replace(/\bis not an table\b/, 'is not a table') : 'not measured';
    return { passed: false, failures: 0, message: `cannot check: ${reason}` };
  }
  return { ...c.judge!(v, m.rows), observed: v };
}

async function rejectedRows(source: DataSource, hideText: boolean): Promise<{ check?: CheckResult; skipped: SkippedLines; cast: number }> {
  if (!source.dialect) return { skipped: new Map(), cast: 0 };
  const { count, cast, rows } = await source.rejects(1000);
  if (count === 0 || cast > 0) return { skipped: new Map(), cast };
  const kinds = [...new Set(rows.map((r) => r.message))].slice(0, 3).join('; ');
  const several = source.files.length > 1;
  const check: CheckResult = {
    id: 'data.records', column: null, rule: 'csvFormat', passed: false, failures: count, severity: 'error',
    // A malformed record cannot be split into columns, so its whole text is withheld when any column is sensitive.
    samples: rows.slice(0, SAMPLE_LIMIT).map((r) => maskSample({ line: r.line, value: r.text, ...(several && r.file ? { file: r.file } : {}) }, hideText ? [true] : undefined)),
    message: `${count} ${count === 1 ? 'record' : 'records'} could not be read and were left out of every other check (${kinds})${hideText ? MASKED_NOTE : ''}`,
  };
  return { check, skipped: skippedLines(source, rows), cast: 0 };
}

interface Outcome { rows: number; checks: CheckResult[] }

const VALUE_SOURCE = { csv: 'text', json: 'json', parquet: 'typed' } as const;

async function runChecks(source: DataSource, model: ContractModel, schema: ContractSchemaObject, fast: boolean, o: CheckOptions): Promise<Outcome | 'retry-as-text'> {
  const contractPath = model.path;
  const signal = o.signal;
  await addTableNames(source, schema);
  const physical = source.format === 'parquet' ? await resolvePhysicalTypes(source.connection, schema.properties) : undefined;
  const plan = [
    ...planChecks(schema, source.columns, contractPath, VALUE_SOURCE[source.format], physical),
    ...slaChecks(model.sla, {
      schema, columns: source.columns, contractPath, source: VALUE_SOURCE[source.format], now: o.now ?? new Date(),
      several: model.schemas.length > 1, defaultElement: model.slaDefaultElement,
    }),
  ];
  // Typed columns that no check reads must still be read, so that a value that does not convert fails the scan.
  const used = plan.map((c) => c.metric ?? '').join(' ');
  const touch = source.columns.filter((c) => c.sqlType !== 'VARCHAR' && !used.includes(sqlIdent(c.name))).map((c) => `count(${sqlIdent(c.name)})`);
  let m: Measurements;
  try {
    m = await measure(source.connection, plan, source.path, { touch: source.dialect ? touch : [], strict: fast, signal,
      sqlTimeoutMs: o.sqlTimeoutMs ?? SQL_TIMEOUT_MS, onSlowRule: o.onSlowRule && ((i) => o.onSlowRule!(plan[i]!.id, SLOW_MS / 1000)) });
  } catch (e) {
    if (fast && !signal?.aborted) return 'retry-as-text';
    throw e;
  }
  const rejected = await rejectedRows(source, schema.properties.some(isSensitive));
  if (rejected.cast > 0) return 'retry-as-text';
  if (signal?.aborted) throw new CheckCancelled();
  const verdicts = plan.map((c, i) => verdictOf(c, m, i));
  const failed = new Set(verdicts.flatMap((v, i) => (!v.passed && v.failures > 0 ? [i] : [])));
  const samples = failed.size > 0 ? await collectSamples(source.connection, plan, failed, SAMPLE_LIMIT) : new Map<number, RowSamples>();
  if (signal?.aborted) throw new CheckCancelled();
  const shown = await locateSamples(source, plan, samples, rejected.skipped, (c) => c.sensitive);
  const checks = plan.map((c, i): CheckResult => {
    const v = verdicts[i]!;
    const own = shown.get(i) ?? [];
    const result: CheckResult = {
      id: c.id, column: c.column, rule: c.rule, passed: v.passed, failures: v.failures,
      samples: own, severity: c.severity, message: own.some((x) => x.masked) ? `${v.message}${MASKED_NOTE}` : v.message,
    };
    if (v.observed !== undefined) result.observed = v.observed;
    if (v.skipped) result.skipped = true;
    if (c.location) result.location = c.location;
    return result;
  });
  return { rows: m.rows, checks: rejected.check ? [rejected.check, ...checks] : checks };
}

/**
 * Checks a data file (CSV or Parquet) against a schema object of an ODCS contract: types, required,
 * unique, primary key, logicalTypeOptions, quality rules (library metrics and `sql`), and columns
 * missing on either side. Every aggregate runs in one DuckDB scan; failing checks get up to five
 * sample rows. Throws ContractError (bad contract) or DataFileError (unreadable data).
 */
export async function checkData(o: CheckOptions): Promise<CheckReport> {
  const { model, schema, warnings } = usableContract(o.contract ?? loadContract(o.contractPath), o.schema, o.dataPath);
  // Fast path: DuckDB types the columns whose first rows fit the contract while it reads (no per-value
  // casts, no bookkeeping of bad records). If anything stops that scan (a value that does not convert,
  // a ragged row, bad bytes), the file is read again with every column as text and bad records set
  // aside and reported.
  const fast = { text: true, types: (d: CsvDialect) => fastTypes(schema, d) };
  let outcome = await withSource(o, fast, (source) => runChecks(source, model, schema, true, o));
  if (outcome === 'retry-as-text') outcome = await withSource(o, { text: true, rejects: true }, (source) => runChecks(source, model, schema, false, o));
  if (outcome === 'retry-as-text') throw new Error('values failed to convert while every column was read as text');
  const checks = [...warnings, ...outcome.checks];
  const { rows } = outcome;
  const passed = !checks.some((c) => !c.passed && c.severity === 'error');
  return { contract: o.contractPath, data: o.dataPath, schema: schema.name, rows, passed, checks };
}

// Which guessed column types can stand for which logical types (a date fits a timestamp, an integer a
// number). Dates stay text: DuckDB's CSV reader turns "2023-06-16 13:12:56" into a DATE by dropping
// the time, and a `date` with a time of day must fail.
const FITS: Record<string, Record<string, string>> = {
  integer: { BIGINT: 'BIGINT' }, number: { BIGINT: 'DOUBLE', DOUBLE: 'DOUBLE' }, boolean: { BOOLEAN: 'BOOLEAN' },
  timestamp: { DATE: 'TIMESTAMP', TIMESTAMP: 'TIMESTAMP' },
};

/** DuckDB types for the columns whose sampled values already fit the contract's logical type. */
function fastTypes(schema: ContractSchemaObject, dialect: CsvDialect): Record<string, string> {
  const guessed = new Map(columnNames(dialect.header).map((n, i) => [n, dialect.types[i]!]));
  const out: Record<string, string> = {};
  for (const p of schema.properties) {
    // A format option means the values are not ISO; they are parsed from text with that format.
    if (p.options.format !== undefined && (p.logicalType === 'date' || p.logicalType === 'timestamp')) continue;
    const type = FITS[p.logicalType ?? '']?.[guessed.get(p.name) ?? ''];
    if (type) out[p.name] = type;
  }
  return out;
}

/** Opens the data file, runs `fn` with cancellation wired to DuckDB, and always closes the file. */
async function withSource<T>(o: CheckOptions, open: OpenOptions, fn: (source: DataSource) => Promise<T>): Promise<T> {
  if (o.signal?.aborted) throw new CheckCancelled();
  const source = await openDataSource(o.dataPath, { ...open, threads: o.threads });
  const onAbort = () => source.connection.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  try {
    return await fn(source);
  } catch (e) {
    if (o.signal?.aborted) throw new CheckCancelled();
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    source.close();
  }
}

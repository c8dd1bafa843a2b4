import type { Range } from 'vscode-languageserver-types';
import { rowLines } from '../data/lines';
import { openDataSource, sqlIdent, type DataSource } from '../data/source';
import { measure, type Measurements } from './checks/measure';
import { planChecks } from './checks/plan';
import { collectSamples, type RowSamples } from './checks/samples';
import type { PlannedCheck, Severity, Verdict } from './checks/types';
import { CheckCancelled, ContractError } from './errors';
import { loadContract, selectSchemaObject, type ContractModel, type ContractSchemaObject } from './model';

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
  /** Up to 5 failing rows: `line` is the 1-based line of the file where the row starts (the header is line 1; row number for Parquet). */
  samples: Array<{ line: number; value: unknown }>;
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
  dataPath: string;
  schema?: string;
  signal?: AbortSignal;
  threads?: number;
}

const SAMPLE_LIMIT = 5;

function pickSchema(model: ContractModel, o: CheckOptions): ContractSchemaObject {
  if (model.schemas.length === 0) throw new ContractError(model.path, 'has no schema objects to check data against (add a `schema:` list)');
  const picked = selectSchemaObject(model, o.schema, o.dataPath);
  if (picked) return picked;
  const names = model.schemas.map((s) => s.name).join(', ');
  throw new ContractError(model.path, o.schema !== undefined
    ? `has no schema object named "${o.schema}" (it has: ${names})`
    : `has several schema objects (${names}); choose one with --schema`);
}

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
  if (v instanceof Error || v === undefined) {
    const reason = v ? v.message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '') : 'not measured';
    return { passed: false, failures: 0, message: `cannot check: ${reason}` };
  }
  return { ...c.judge!(v, m.rows), observed: v };
}

async function lineNumbers(source: DataSource, samples: Map<number, RowSamples>, skipped: Set<number>): Promise<Map<number, number>> {
  const rows = [...samples.values()].flatMap((s) => s.map((x) => x.row));
  if (!source.dialect) return new Map(rows.map((r) => [r, r]));
  return rowLines(source.path, source.dialect, rows, skipped);
}

async function rejectedRows(source: DataSource): Promise<{ check?: CheckResult; lines: Set<number> }> {
  if (!source.dialect) return { lines: new Set() };
  const { count, rows } = await source.rejects(1000);
  if (count === 0) return { lines: new Set() };
  const kinds = [...new Set(rows.map((r) => r.message))].slice(0, 3).join('; ');
  const check: CheckResult = {
    id: 'data.records', column: null, rule: 'csvFormat', passed: false, failures: count, severity: 'error',
    samples: rows.slice(0, SAMPLE_LIMIT).map((r) => ({ line: r.line, value: r.text })),
    message: `${count} ${count === 1 ? 'record' : 'records'} could not be read and were left out of every other check (${kinds})`,
  };
  return { check, lines: new Set(rows.map((r) => r.line)) };
}

async function runChecks(source: DataSource, schema: ContractSchemaObject, contractPath: string, signal?: AbortSignal): Promise<{ rows: number; checks: CheckResult[] }> {
  const plan = planChecks(schema, source.columns, contractPath);
  const m = await measure(source.connection, plan, source.path);
  const rejected = await rejectedRows(source);
  if (signal?.aborted) throw new CheckCancelled();
  const verdicts = plan.map((c, i) => verdictOf(c, m, i));
  const failed = new Set(verdicts.flatMap((v, i) => (!v.passed && v.failures > 0 ? [i] : [])));
  const samples = failed.size > 0 ? await collectSamples(source.connection, plan, failed, SAMPLE_LIMIT) : new Map<number, RowSamples>();
  if (signal?.aborted) throw new CheckCancelled();
  const lines = await lineNumbers(source, samples, rejected.lines);
  const checks = plan.map((c, i): CheckResult => {
    const v = verdicts[i]!;
    const result: CheckResult = {
      id: c.id, column: c.column, rule: c.rule, passed: v.passed, failures: v.failures,
      samples: (samples.get(i) ?? []).map((s) => ({ line: lines.get(s.row) ?? s.row, value: s.value })),
      severity: c.severity, message: v.message,
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
  let model: ContractModel;
  try {
    model = loadContract(o.contractPath);
  } catch (e) {
    throw new ContractError(o.contractPath, (e as Error).message.replace(`${o.contractPath}: `, ''));
  }
  const schema = pickSchema(model, o);
  if (o.signal?.aborted) throw new CheckCancelled();
  const source = await openDataSource(o.dataPath, { text: true, threads: o.threads });
  const onAbort = () => source.connection.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  try {
    await addTableNames(source, schema);
    const { rows, checks } = await runChecks(source, schema, model.path, o.signal);
    const passed = !checks.some((c) => !c.passed && c.severity === 'error');
    return { contract: o.contractPath, data: o.dataPath, schema: schema.name, rows, passed, checks };
  } catch (e) {
    if (o.signal?.aborted) throw new CheckCancelled();
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    source.close();
  }
}

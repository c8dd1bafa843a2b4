import { relative, resolve } from 'node:path';
import { checkData, type CheckReport, type CheckResult } from '../../core/contract/check';
import { CheckCancelled, ContractError } from '../../core/contract/errors';
import { DataFileError } from '../../core/data/source';
import { formatOption, parseCommandArgs } from '../args';
import { cancelSignal } from '../cancel';
import { EXIT_CANCELLED, EXIT_FAILED, EXIT_OK, UserError, type CliCommand, type CliIO } from '../io';
import { about } from './about';

const { usage } = about.check;

const STATUS = (c: CheckResult) => (c.skipped ? 'skip' : c.passed ? 'ok' : c.severity === 'error' ? 'FAIL' : c.severity === 'warning' ? 'warn' : 'info');

function sampleText(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'null';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The report as a table: one line per check, sample rows under each failed one. */
export function renderCheckText(r: CheckReport): string {
  const failed = r.checks.filter((c) => !c.passed && !c.skipped);
  const errors = failed.filter((c) => c.severity === 'error').length;
  const head = [
    `${r.data} against schema "${r.schema}" of ${r.contract}`,
    `${r.rows.toLocaleString('en-US')} rows, ${r.checks.length} checks: ${r.checks.length - failed.length} passed, ${errors} failed, ${failed.length - errors} warnings`,
    '',
  ];
  const idWidth = Math.min(48, Math.max(5, ...r.checks.map((c) => c.id.length)));
  const lines = [`${'status'.padEnd(6)}  ${'check'.padEnd(idWidth)}  ${'failures'.padStart(8)}  message`];
  for (const c of r.checks) {
    lines.push(`${STATUS(c).padEnd(6)}  ${c.id.padEnd(idWidth)}  ${String(c.failures).padStart(8)}  ${c.message}`);
    if (c.samples.length > 0) lines.push(`${''.padEnd(8 + idWidth + 12)}${c.samples.map((s) => `${s.file ? `${s.file}:` : 'line '}${s.line}: ${s.masked ? '*** (masked)' : sampleText(s.value)}`).join(', ')}`);
  }
  const verdict = r.passed ? 'PASSED' : 'FAILED';
  return `${[...head, ...lines, '', `${verdict}: ${r.data} ${r.passed ? 'meets' : 'does not meet'} the contract`].join('\n')}\n`;
}

function required(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UserError(`mlops check: ${flag} is required\nusage: ${usage}`);
  return value;
}

/** `--sql-timeout`: a duration such as 500ms, 30s or 2m (a bare number is seconds); 0 means no limit. */
export function parseDuration(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value) : null;
  if (!m) throw new UserError(`mlops check: ${flag} must be a duration such as 500ms, 30s or 2m, or 0 for no limit (got "${String(value)}")\nusage: ${usage}`);
  const scale = m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000;
  return Math.round(Number(m[1]) * scale);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', usage, args, {
    contract: { type: 'string' }, data: { type: 'string' }, schema: { type: 'string' }, format: { type: 'string' },
    'sql-timeout': { type: 'string' },
  });
  if (positionals.length > 0) {
    // Most often an unquoted pattern the shell expanded into file names: only the first would be read.
    throw new UserError(`mlops check: unexpected argument "${positionals[0]}"; to check several files as one table, quote the pattern so the shell passes it as is: --data 'data/*.csv'\nusage: ${usage}`);
  }
  const sqlTimeoutMs = parseDuration('--sql-timeout', values['sql-timeout']);
  const format = formatOption('check', values.format, ['text', 'json'] as const, 'text');
  const contract = required(values.contract, '--contract');
  const data = required(values.data, '--data');
  let report: CheckReport;
  // Ctrl-C interrupts the running DuckDB query (a runaway sql rule included) and exits 130.
  const cancel = cancelSignal(io);
  try {
    report = await checkData({
      contractPath: resolve(io.cwd, contract), dataPath: resolve(io.cwd, data),
      schema: typeof values.schema === 'string' ? values.schema : undefined, signal: cancel.signal,
      ...(sqlTimeoutMs !== undefined ? { sqlTimeoutMs } : {}),
      onSlowRule: (id, seconds) => io.err(`mlops check: sql rule ${id} is still running after ${seconds} s (Ctrl-C stops it${sqlTimeoutMs === 0 ? '' : '; --sql-timeout limits it'})\n`),
    });
  } catch (e) {
    if (e instanceof ContractError || e instanceof DataFileError) throw new UserError(`mlops check: ${e.message}`);
    if (e instanceof CheckCancelled) throw new UserError('mlops check: cancelled', EXIT_CANCELLED);
    throw e;
  } finally {
    cancel.dispose();
  }
  // Paths as the user gave them: sample files relative to the working folder.
  const checks = report.checks.map((c) => (c.samples.some((s) => s.file) ? { ...c, samples: c.samples.map((s) => (s.file ? { ...s, file: relative(io.cwd, s.file) } : s)) } : c));
  const shown = { ...report, contract, data, checks };
  io.out(format === 'json' ? `${JSON.stringify(shown, null, 2)}\n` : renderCheckText(shown));
  return report.passed ? EXIT_OK : EXIT_FAILED;
}

/** `mlops check`: checks a data file against an ODCS data contract. */
export const checkCommand: CliCommand = {
  ...about.check,
  run,
};

/**
 * The logged inputs as a data file, so the drift engine (which reads CSV and Parquet) compares them
 * with the training data unchanged: one CSV row per logged row, one column per input. Columns logged
 * only as keyed hashes (sensitive per the contract) are left out and named, since their values
 * cannot be compared with the training data's.
 */
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestRecord } from '../predictionLog';
import { checkLogFolder, scanLog, type ScanResult } from './logScan';

export interface LogTable {
  path: string;
  rows: number;
  columns: string[];
  /** Columns left out because the log holds only hashes of their values. */
  hidden: string[];
  /** Columns that appeared only in later records (another version's inputs) and were left out. */
  late: string[];
  remove(): void;
}

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

const isHash = (v: unknown) => typeof v === 'string' && v.startsWith('hmac:');

/** Writes request records' inputs to a temporary CSV as they are scanned. */
export class LogTableWriter {
  private fd: number | undefined;
  private columns: string[] | undefined;
  private readonly hidden = new Set<string>();
  private readonly late = new Set<string>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'mlops-log-table-'));
  readonly path = join(this.dir, 'logged-inputs.csv');
  rows = 0;
  private buffer = '';

  add(r: RequestRecord): void {
    const inputs = r.inputs ?? {};
    if (!this.columns) {
      for (const [k, v] of Object.entries(inputs)) if (Array.isArray(v) && v.some(isHash)) this.hidden.add(k);
      this.columns = Object.keys(inputs).filter((k) => !this.hidden.has(k));
      this.fd = openSync(this.path, 'w');
      this.buffer = `${this.columns.map(field).join(',')}\n`;
    }
    for (const k of Object.keys(inputs)) if (!this.columns.includes(k) && !this.hidden.has(k)) this.late.add(k);
    const cols = this.columns.map((c) => inputs[c]);
    for (let i = 0; i < r.rows; i++) {
      this.buffer += `${cols.map((c) => field(Array.isArray(c) ? c[i] : null)).join(',')}\n`;
      this.rows++;
    }
    if (this.buffer.length > 1 << 20) this.flushBuffer();
  }

  private flushBuffer(): void {
    if (this.fd !== undefined && this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Closes the file (an empty 0-byte file when nothing was logged, which the drift engine reports as such). */
  finish(): LogTable {
    if (this.fd === undefined) this.fd = openSync(this.path, 'w');
    this.flushBuffer();
    closeSync(this.fd);
    return { path: this.path, rows: this.rows, columns: this.columns ?? [], hidden: [...this.hidden], late: [...this.late], remove: () => rmSync(this.dir, { recursive: true, force: true }) };
  }
}

/** The whole log folder (or the records since `since`) as a temporary CSV of logged inputs. */
export async function logTable(dir: string, since?: Date): Promise<LogTable & { scan: ScanResult }> {
  const writer = new LogTableWriter();
  const scan = await scanLog(dir, (r) => { if (r.type === 'request') writer.add(r); }, since);
  return { ...writer.finish(), scan };
}

/**
 * For `mlops drift --current <folder>`: when `path` is a folder, the logged inputs of the prediction
 * log in it as a temporary CSV (the caller removes it); undefined for a plain data file.
 */
export async function currentFromLog(path: string, shown: string): Promise<LogTable | undefined> {
  if (!existsSync(path) || !statSync(path).isDirectory()) return undefined;
  checkLogFolder(path, shown);
  return logTable(path);
}

/**
 * Reads a prediction log folder (what `mlops serve` writes) record by record, oldest file first,
 * streaming so a large log never sits in memory whole. Lines that are not records (a half-written
 * last line after a crash, a hand edit) are counted, not fatal.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { logFiles, type LogRecord } from '../predictionLog';
import { ServingError } from '../errors';

export interface ScanResult {
  files: number;
  /** Lines that were not JSON records. */
  malformed: number;
  /** Records before `since` that were skipped. */
  skipped: number;
}

/** Refuses a path that is not a folder holding prediction log files, saying how to make one. */
export function checkLogFolder(dir: string, shown = dir): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ServingError(`${shown}: no prediction log folder here; \`mlops serve\` writes one to .mlops/serving/<model>/ (or --log-dir)`, 'not-found');
  if (logFiles(dir).length === 0) throw new ServingError(`${shown}: no prediction log files (predictions-*.jsonl) in this folder; serve some requests first (mlops serve)`, 'not-found');
}

/** Calls `visit` for every record with time >= `since` (all when undefined). */
export async function scanLog(dir: string, visit: (r: LogRecord) => void, since?: Date): Promise<ScanResult> {
  const result: ScanResult = { files: 0, malformed: 0, skipped: 0 };
  const from = since?.getTime();
  for (const name of logFiles(dir)) {
    result.files++;
    const lines = createInterface({ input: createReadStream(join(dir, name), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        result.malformed++;
        continue;
      }
      if (typeof record !== 'object' || record === null || typeof record.type !== 'string' || typeof record.t !== 'string') { result.malformed++; continue; }
      if (from !== undefined && Date.parse(record.t) < from) { result.skipped++; continue; }
      visit(record);
    }
  }
  return result;
}

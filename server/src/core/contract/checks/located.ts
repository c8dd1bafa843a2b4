import { ndjsonLines, rowRecords, type RowRecord } from '../../data/lines';
import { isLineDelimited } from '../../data/files';
import { columnNames, type DataSource, type RejectedRow } from '../../data/source';
import type { RowSamples } from './samples';
import type { PlannedCheck } from './types';

/**
 * A failing row as reported: where it is (the 1-based line of the file where the record starts for
 * CSV and NDJSON, the row number for Parquet and JSON arrays; `file` when several files are read)
 * and its value(s): the field(s) as written in a CSV, DuckDB's value otherwise.
 */
export interface ShownSample {
  line: number;
  value: unknown;
  file?: string;
  /** True when the value is withheld because the contract classifies the column as sensitive. */
  masked?: true;
}

/** Lines DuckDB set aside as malformed, per file (they are not data rows). */
export type SkippedLines = Map<string, Set<number>>;

/** Groups rejected records' lines by file. */
export function skippedLines(source: DataSource, rows: RejectedRow[]): SkippedLines {
  const out: SkippedLines = new Map();
  for (const r of rows) {
    const file = r.file ?? source.files[0]!;
    if (!out.has(file)) out.set(file, new Set());
    out.get(file)!.add(r.line);
  }
  return out;
}

interface Located {
  file: string;
  line: number;
  /** The record's fields as written (CSV only). */
  record?: RowRecord;
}

async function locateInFile(source: DataSource, file: string, rows: number[], skipped: SkippedLines): Promise<Map<number, Omit<Located, 'file'>>> {
  const out = new Map<number, Omit<Located, 'file'>>();
  if (source.dialect) {
    for (const [row, record] of await rowRecords(file, source.dialect, rows, skipped.get(file) ?? new Set())) out.set(row, { line: record.line, record });
  } else if (source.format === 'json' && isLineDelimited(file)) {
    for (const [row, line] of await ndjsonLines(file, rows)) out.set(row, { line });
  } else {
    for (const row of rows) out.set(row, { line: row });
  }
  return out;
}

/** Where each sampled data row is: its file, line and (CSV) record. */
async function locate(source: DataSource, rows: number[], skipped: SkippedLines): Promise<Map<number, Located>> {
  const origins = await source.locate(rows);
  const byFile = new Map<string, number[]>();
  for (const [, o] of origins) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o.row]);
  const inFile = new Map<string, Map<number, Omit<Located, 'file'>>>();
  for (const [file, fileRows] of byFile) inFile.set(file, await locateInFile(source, file, fileRows, skipped));
  const out = new Map<number, Located>();
  for (const [row, o] of origins) {
    const where = inFile.get(o.file)?.get(o.row);
    out.set(row, { file: o.file, line: where?.line ?? o.row, ...(where?.record ? { record: where.record } : {}) });
  }
  return out;
}

/**
 * The samples of every failed check as reported: located in their files, CSV values as written,
 * and values of `hidden` columns withheld (see `maskSample`).
 */
export async function locateSamples(source: DataSource, plan: PlannedCheck[], samples: Map<number, RowSamples>, skipped: SkippedLines,
  hidden: (check: PlannedCheck) => boolean[] | undefined): Promise<Map<number, ShownSample[]>> {
  const rows = [...new Set([...samples.values()].flatMap((s) => s.map((x) => x.row)))];
  const where = rows.length > 0 ? await locate(source, rows, skipped) : new Map<number, Located>();
  const names = source.dialect ? columnNames(source.dialect.header) : [];
  const several = source.files.length > 1;
  const out = new Map<number, ShownSample[]>();
  for (const [i, list] of samples) {
    const c = plan[i]!;
    out.set(i, list.map((s) => {
      const at = where.get(s.row);
      let value = s.value;
      if (at?.record && c.sampleColumns) {
        const values = c.sampleColumns.map((n) => at.record!.fields[names.indexOf(n)] ?? null);
        value = values.length === 1 ? values[0] : values;
      }
      const shown: ShownSample = { line: at?.line ?? s.row, value, ...(several && at ? { file: at.file } : {}) };
      return maskSample(shown, hidden(c));
    }));
  }
  return out;
}

/** The text shown instead of a withheld value. */
export const MASK = '***';

/**
 * Withholds the values of sensitive columns: a single value becomes MASK; in a list of values
 * (composite keys, duplicates across columns) only the sensitive positions do.
 */
export function maskSample(s: ShownSample, hidden: boolean[] | undefined): ShownSample {
  if (!hidden || !hidden.some(Boolean)) return s;
  if (hidden.length === 1 || !Array.isArray(s.value)) return { ...s, value: MASK, masked: true };
  return { ...s, value: s.value.map((v, k) => (hidden[k] ? MASK : v)), masked: true };
}

/**
 * Checks values against a model's inputs and turns them into the columns the saved preprocessing
 * reads: numbers for numeric columns, text for categories, null where missing. Every refusal names
 * the column and the row, so a caller (a request, a batch file) can say exactly what to fix.
 */
import type { InputColumn } from './inputs';

export type CleanValue = number | string | null;

/** One value that does not fit: 0-based row of the request or file, the column, what is wrong. */
export interface RowProblem {
  row: number;
  column: string;
  value: unknown;
  reason: string;
}

/** Cleaned columns (feature name -> values) with the problems found; rows with a problem are listed in `bad`. */
export interface CheckedColumns {
  values: Map<string, CleanValue[]>;
  problems: RowProblem[];
  /** Rows with at least one problem, ascending. */
  bad: number[];
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const MISSING = 'is missing and the model has no fill value for it (it was trained with features.missing: error or drop)';

/** Why `value` cannot be `column`'s value, or the cleaned value. */
export function cleanValue(column: InputColumn, value: unknown): { value: CleanValue } | { reason: string } {
  const out: CleanValue[] = [null];
  const reason = cleanInto(column, value, out, 0);
  return reason === undefined ? { value: out[0]! } : { reason };
}

/** Writes the cleaned value to out[i] and returns undefined, or returns why it does not fit (no allocation per value). */
function cleanInto(column: InputColumn, value: unknown, out: CleanValue[], i: number): string | undefined {
  if (value === null || value === undefined) {
    out[i] = null;
    return column.missingAllowed ? undefined : MISSING;
  }
  if (column.kind === 'numeric') {
    if (typeof value === 'number' && Number.isFinite(value)) { out[i] = value; return undefined; }
    out[i] = null;
    return typeof value === 'number' ? `${shown(value)} is not a finite number` : `${shown(value)} is not a number`;
  }
  if (typeof value === 'string') { out[i] = value; return undefined; }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') { out[i] = String(value); return undefined; }
  out[i] = null;
  return `${shown(value)} is not a category (text, number or boolean)`;
}

/**
 * Checks `rows` values of every input column, read through `get(column, row)`: numbers for numeric
 * columns (finite), text for categories (numbers and booleans as text), null where missing.
 */
export function checkColumns(columns: InputColumn[], rows: number, get: (column: string, row: number) => unknown): CheckedColumns {
  const values = new Map<string, CleanValue[]>();
  const problems: RowProblem[] = [];
  const bad = new Set<number>();
  for (const column of columns) {
    const out: CleanValue[] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const raw = get(column.name, r);
      const reason = cleanInto(column, raw, out, r);
      if (reason !== undefined) {
        problems.push({ row: r, column: column.name, value: raw, reason });
        bad.add(r);
      }
    }
    values.set(column.name, out);
  }
  return { values, problems, bad: bad.size ? [...bad].sort((a, b) => a - b) : [] };
}

/** `column "age" row 3: "abc" is not a number` (rows are shown as the caller numbers them). */
export function describeProblem(p: RowProblem, rowLabel: (row: number) => string = (r) => `row ${r}`): string {
  return `column "${p.column}" ${rowLabel(p.row)}: ${p.reason}`;
}

/** Keeps only the given rows of every column (after --skip-bad-rows). */
export function keepRows(values: Map<string, CleanValue[]>, keep: number[]): Map<string, CleanValue[]> {
  const out = new Map<string, CleanValue[]>();
  for (const [k, v] of values) out.set(k, keep.map((r) => v[r]!));
  return out;
}

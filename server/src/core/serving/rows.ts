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

/** Why `value` cannot be `column`'s value, or the cleaned value. `numeric` is a parsed form of text (files). */
export function cleanValue(column: InputColumn, value: unknown): { value: CleanValue } | { reason: string } {
  if (value === null || value === undefined) {
    return column.missingAllowed ? { value: null } : { reason: 'is missing and the model has no fill value for it (it was trained with features.missing: error or drop)' };
  }
  if (column.kind === 'numeric') {
    if (typeof value !== 'number') return { reason: `${shown(value)} is not a number` };
    if (!Number.isFinite(value)) return { reason: `${shown(value)} is not a finite number` };
    return { value };
  }
  if (typeof value === 'string') return { value };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return { value: String(value) };
  return { reason: `${shown(value)} is not a category (text, number or boolean)` };
}

/**
 * Checks `rows` values of every input column, read through `get(column, row)`. A column absent from
 * the input is one problem on row 0 with reason "missing column" (callers usually refuse earlier).
 */
export function checkColumns(columns: InputColumn[], rows: number, get: (column: string, row: number) => unknown): CheckedColumns {
  const values = new Map<string, CleanValue[]>();
  const problems: RowProblem[] = [];
  const bad = new Set<number>();
  for (const column of columns) {
    const out: CleanValue[] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const raw = get(column.name, r);
      const checked = cleanValue(column, raw);
      if ('reason' in checked) {
        problems.push({ row: r, column: column.name, value: raw, reason: checked.reason });
        bad.add(r);
        out[r] = null;
      } else {
        out[r] = checked.value;
      }
    }
    values.set(column.name, out);
  }
  return { values, problems, bad: [...bad].sort((a, b) => a - b) };
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

import type { Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info';

/** The outcome of one check once its metric is known. */
export interface Verdict {
  passed: boolean;
  failures: number;
  message: string;
  /** True when the rule could not be run here (text or custom rules, object columns in a CSV). */
  skipped?: boolean;
}

/**
 * One check planned against a data file, before any data is read. Most checks are one SQL aggregate
 * (`metric`), so that all of them run together in a single scan; `query` checks (ODCS `sql` rules)
 * run on their own, and `fixed` checks need no data at all.
 */
export interface PlannedCheck {
  id: string;
  column: string | null;
  rule: string;
  severity: Severity;
  location?: { path: string; range: Range };
  /** SQL aggregate over the view `data`; its value is the measured number (e.g. failing rows). */
  metric?: string;
  /** A whole SQL query returning one value (ODCS `sql` rules); run after external access is off. */
  query?: string;
  /** Row condition that picks the failing rows, for up to 5 samples. */
  sampleWhere?: string;
  /** SQL expressions whose repeated values are the failure (unique, primary key, duplicates). */
  duplicateOf?: string[];
  /** The same columns as text, shown as the samples' values (defaults to `duplicateOf`). */
  duplicateText?: string[];
  /** SQL expression shown as a sample's value (defaults to the column). */
  sampleValue?: string;
  /** Data columns whose text, as written in a CSV file, is shown as a sample's value. */
  sampleColumns?: string[];
  /** Per shown value (sampleColumns' order): true when it must be masked (a sensitive column). */
  sensitive?: boolean[];
  judge?(observed: number, rows: number): Verdict;
  fixed?: Verdict;
}

/** Maps an ODCS `severity` (free text in the standard) onto ours; unknown or absent means error. */
export function severityOf(value: unknown): Severity {
  const s = typeof value === 'string' ? value.toLowerCase() : '';
  if (s === 'warning' || s === 'warn' || s === 'medium' || s === 'minor') return 'warning';
  if (s === 'info' || s === 'information' || s === 'low' || s === 'hint') return 'info';
  return 'error';
}

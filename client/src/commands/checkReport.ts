/**
 * The `mlops check --format json` shape (interfaces.md), typed here for the client until the contracts
 * capability's check.ts lands; then this file re-exports its types.
 */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface CheckResult {
  id: string;
  column: string | null;
  rule: string;
  passed: boolean;
  failures: number;
  samples: Array<{ line: number; value: unknown }>;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location?: { path: string; range: Range };
}

export interface CheckReport {
  contract: string;
  data: string;
  rows: number;
  passed: boolean;
  checks: CheckResult[];
}

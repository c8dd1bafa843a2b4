import type { Diagnostic } from 'vscode-languageserver-types';
import { severityName } from '../diagnostics';
import { formatDiagnostic, loadCheckedSpec } from '../pipeline/load';

/** A spec's value and each stage's 1-based line, or the problems that keep it from running. */
export type SpecCheck = { value: unknown; lines: Array<[string, number]> } | { problems: string[] };

/**
 * Validates a spec as the editor does and keeps the errors among `blocking` codes, each as
 * `file:line:col: ...`. A module of its own, loaded only when a spec has not passed before (see
 * pipeline.ts): `mlops status` on an unchanged spec loads neither the validator nor the LSP types.
 * Throws SpecFileError (pipeline/load) when the file cannot be read.
 */
export function checkSpec(abs: string, shown: string, blocking: ReadonlySet<string>): SpecCheck {
  const checked = loadCheckedSpec(abs, shown);
  const found = checked.diagnostics.filter((d: Diagnostic) => blocking.has(String(d.code)) && severityName(d.severity) === 'error');
  if (found.length) return { problems: found.map((d) => formatDiagnostic(shown, d)) };
  const lines = checked.analysis.stages.map((s): [string, number] => [s.name, s.pair.key.range.start.line + 1]);
  return { value: checked.analysis.value, lines };
}

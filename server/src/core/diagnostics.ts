import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Builds an LSP diagnostic with our source name and a stable code. */
export function makeDiagnostic(range: Range, code: string, message: string, severity: SeverityName = 'error', data?: unknown): Diagnostic {
  const d: Diagnostic = { range, code, message, severity: SEVERITY[severity], source: 'mlops' };
  if (data !== undefined) d.data = data;
  return d;
}

export function severityName(s: DiagnosticSeverity | undefined): SeverityName {
  switch (s) {
    case DiagnosticSeverity.Warning: return 'warning';
    case DiagnosticSeverity.Information: return 'information';
    case DiagnosticSeverity.Hint: return 'hint';
    default: return 'error';
  }
}

/** Data attached to a diagnostic so a quick fix can act on it without re-validating. */
export interface FixData {
  /** Replacement text for the diagnostic's range ("did you mean"). */
  replace?: string;
  /** Key that can be removed (unknown key): the range of its whole entry. */
  removeRange?: Range;
  /** A missing required key, to insert under the given parent key line. */
  missingKey?: string;
  insertAt?: { line: number; indent: number };
  /** A fix made of several edits of the document, with its title (e.g. a deprecated key rewritten). */
  edits?: TextEdit[];
  title?: string;
}

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FixData } from '../../diagnostics';
import type { CoreDocument } from '../../languageService';

/**
 * Quick fixes for a contract's diagnostics, from the data each carries: a did-you-mean replacement
 * (unknown keys, enum values) and rewrites of deprecated keys into their v3.1.0 spelling.
 */
export function codeActionsContract(doc: CoreDocument, diagnostics: Diagnostic[]): CodeAction[] {
  return diagnostics.filter((d) => d.source === 'mlops' && d.data).flatMap((d): CodeAction[] => {
    const data = d.data as FixData;
    const out: CodeAction[] = [];
    if (data.replace) {
      out.push({ title: `Change to "${data.replace}"`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: [{ range: d.range, newText: data.replace }] } } });
    }
    if (data.edits && data.title) {
      out.push({ title: data.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes: { [doc.uri]: data.edits } } });
    }
    return out;
  });
}

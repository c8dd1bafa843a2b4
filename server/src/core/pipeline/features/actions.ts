import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { FixData } from '../../diagnostics';
import type { CoreDocument } from '../../languageService';
import { schemaAtPath } from '../schema';

function edit(doc: CoreDocument, edits: TextEdit[]) {
  return { changes: { [doc.uri]: edits } };
}

/** The indentation of a line, for comments and keys inserted above or below it. */
function indentOf(lines: string[], line: number): string {
  return /^\s*/.exec(lines[line] ?? '')![0];
}

function placeholder(key: string, parentPath: string[]): string {
  const s = schemaAtPath([...parentPath, key]);
  if (s?.default !== undefined) return JSON.stringify(s.default);
  if (s?.enum?.length) return String(s.enum[0]);
  if (s?.const !== undefined) return String(s.const);
  return '""';
}

function fixesFor(doc: CoreDocument, d: Diagnostic, lines: string[]): CodeAction[] {
  const data = (d.data ?? {}) as FixData;
  const out: CodeAction[] = [];
  if (data.replace) {
    out.push({ title: `Change to "${data.replace}"`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
      edit: edit(doc, [{ range: d.range, newText: data.replace }]) });
  }
  if (data.removeRange) {
    const r = data.removeRange;
    // Remove whole lines when the key starts its line, so no blank line is left behind.
    const wholeLines = (lines[r.start.line] ?? '').slice(0, r.start.character).trim() === '';
    const range = wholeLines ? { start: { line: r.start.line, character: 0 }, end: { line: r.end.character === 0 ? r.end.line : r.end.line + 1, character: 0 } } : r;
    out.push({ title: 'Remove the unknown key', kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit(doc, [{ range, newText: '' }]) });
  }
  if (data.missingKey && data.insertAt) {
    const { line, indent } = data.insertAt;
    const at = { line: line + (lines[line]?.trim() ? 1 : 0), character: 0 };
    const parent = d.message.match(/ in (.+)\.$/)?.[1];
    const parentPath = parent && parent !== 'the top level' ? parent.split('.') : [];
    out.push({ title: `Add the missing key "${data.missingKey}"`, kind: CodeActionKind.QuickFix, diagnostics: [d],
      edit: edit(doc, [{ range: { start: at, end: at }, newText: `${' '.repeat(indent)}${data.missingKey}: ${placeholder(data.missingKey, parentPath)}\n` }]) });
  }
  const code = String(d.code ?? '');
  if (code) {
    const line = d.range.start.line;
    out.push({ title: `Suppress "${code}" on this line`, kind: CodeActionKind.QuickFix, diagnostics: [d],
      edit: edit(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indentOf(lines, line)}# mlops-disable-next-line ${code}\n` }]) });
    out.push({ title: `Suppress "${code}" in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d],
      edit: edit(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# mlops-disable ${code}\n` }]) });
  }
  return out;
}

/** Quick fixes for our diagnostics: did-you-mean, remove unknown key, add missing key, suppress. */
export function codeActionsPipeline(doc: CoreDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const lines = doc.text.split(/\r\n|\r|\n/);
  return diagnostics.filter((d) => d.source === 'mlops').flatMap((d) => fixesFor(doc, d, lines));
}

import type { Position, TextEdit } from 'vscode-languageserver-types';

/** Splits a text with one `|` cursor marker into the text without it and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('no | cursor marker');
  const before = marked.slice(0, i);
  const line = before.split('\n').length - 1;
  return { text: before + marked.slice(i + 1), position: { line, character: i - (before.lastIndexOf('\n') + 1) } };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

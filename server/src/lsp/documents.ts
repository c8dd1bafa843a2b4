import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

/** A position number from the wire as a whole number: missing or NaN is 0, too large stays large. */
function whole(n: unknown): number {
  if (typeof n !== 'number' || Number.isNaN(n)) return 0;
  return Number.isFinite(n) ? Math.trunc(n) : n > 0 ? Number.MAX_SAFE_INTEGER : 0;
}

/** A position moved onto the document: a line past the end goes to the end, a column past the line to its end. */
export function clampPosition(doc: TextDocument, p: Position | undefined): Position {
  return doc.positionAt(doc.offsetAt({ line: whole(p?.line), character: whole(p?.character) }));
}

/**
 * One change as the document can apply it. The document's own update trusts the range's line numbers
 * to patch its line table, so a range past the end (or a negative or fractional line) would leave the
 * table wrong and every later edit at the wrong offset; clamped, it edits what the client meant.
 */
function clampChange(doc: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent | undefined {
  const text = typeof change.text === 'string' ? change.text : undefined;
  const range = (change as { range?: { start?: Position; end?: Position } }).range;
  if (range && typeof range === 'object') {
    return { range: { start: clampPosition(doc, range.start), end: clampPosition(doc, range.end) }, text: text ?? '' };
  }
  return text === undefined ? undefined : { text };
}

/** The open documents' configuration for TextDocuments: the standard text document with clamped edits. */
export const clampedDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
  update: (doc, changes, version) => {
    // Applied one at a time: each change's range refers to the text after the ones before it.
    for (const change of changes) {
      const clamped = clampChange(doc, change);
      if (clamped) TextDocument.update(doc, [clamped], version);
    }
    return TextDocument.update(doc, [], version);
  },
};

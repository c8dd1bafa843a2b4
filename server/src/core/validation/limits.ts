import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';

/**
 * Diagnostics one check (the schema, or one rule) makes at most for a document. A list of 100,000 bad
 * items would otherwise give as many diagnostics, hundreds of megabytes the reader cannot use; the
 * first ones say what to fix, and a note counts the rest.
 */
export const MAX_PER_CHECK = 1000;

/** The note that stands for the problems of one check that were not listed. */
export function omitted(code: string, count: number): Diagnostic {
  return makeDiagnostic({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, code,
    `${count.toLocaleString('en-US')} more "${code}" problems are not listed; fix the ones shown first.`, 'information');
}

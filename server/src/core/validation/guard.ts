import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';
import type { CoreDocument, CoreHost, LanguageService } from '../languageService';

/** Code of the diagnostic shown when a file could not be checked to the end: never a clean-looking file. */
export const VALIDATION_FAILED = 'validation-failed';

/** Diagnostics a file shows at most; past this a list is unreadable, and sending it costs the editor. */
export const MAX_DIAGNOSTICS = 1000;

/** Longest message kept; a longer one is cut (no rule should write one, but user text ends up in messages). */
const MAX_MESSAGE = 2000;

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** One line naming what went wrong, without a stack trace. */
function reason(e: unknown): string {
  const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return message.split('\n')[0]!.slice(0, 300);
}

/** The diagnostic of a validation that threw: the file is not clean, its problems are unknown. */
export function documentFailure(e: unknown): Diagnostic {
  return makeDiagnostic(TOP, VALIDATION_FAILED,
    `mlops could not finish checking this file (${reason(e)}), so problems may be missing. Please report it with the file.`, 'error');
}

/**
 * At most `max` diagnostics, errors first then by place, plus one saying how many more there are; long
 * messages are cut. Keeps what is published (and printed) proportionate to what a reader can act on.
 */
export function boundDiagnostics(ds: Diagnostic[], max = MAX_DIAGNOSTICS): Diagnostic[] {
  for (const d of ds) if (d.message.length > MAX_MESSAGE) d.message = `${d.message.slice(0, MAX_MESSAGE - 1)}…`;
  if (ds.length <= max) return ds;
  const kept = [...ds].sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1)
    || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character).slice(0, max);
  const more = ds.length - max;
  kept.push(makeDiagnostic(TOP, 'too-many-problems',
    `${more.toLocaleString('en-US')} more problems are not shown (${ds.length.toLocaleString('en-US')} in all). Fix the first ones, or run "mlops validate" to list every one.`, 'information'));
  return kept;
}

/**
 * A service's diagnostics for a document, at most `max` of them; a validation that throws gives its
 * failure diagnostic (and the error, for a log), so a file that could not be checked never looks clean.
 */
export function guardedValidate(service: LanguageService, doc: CoreDocument, host: CoreHost, max = MAX_DIAGNOSTICS): { diagnostics: Diagnostic[]; error?: unknown } {
  try {
    return { diagnostics: boundDiagnostics(service.validate(doc, host), max) };
  } catch (e) {
    return { diagnostics: [documentFailure(e)], error: e };
  }
}

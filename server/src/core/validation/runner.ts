import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic, type SeverityName } from '../diagnostics';
import { MAX_PER_CHECK, omitted } from './limits';
import type { Report, Rule } from './rule';

const DOCUMENT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The diagnostic that stands for a validation step that threw: the document must never look clean
 * because a check crashed on odd input. It carries the step's code, so it can be found and suppressed.
 */
export function validationFailure(code: string, error: unknown, severity: SeverityName = 'warning'): Diagnostic {
  const why = error instanceof Error ? error.message : String(error);
  return makeDiagnostic(DOCUMENT_START, code,
    `Internal error: the check "${code}" failed on this file (${why}), so its problems are not shown; the other checks ran. Please report it.`, severity);
}

/**
 * Runs one validation step (schema, structure) and turns a throw into a diagnostic with the step's code.
 * Severity `error` by default: a document whose structure could not be checked must not be run.
 */
export function guarded(code: string, step: () => Diagnostic[], severity: SeverityName = 'error'): Diagnostic[] {
  try {
    const out = step();
    return out.length > MAX_PER_CHECK ? [...out.slice(0, MAX_PER_CHECK), omitted(code, out.length - MAX_PER_CHECK)] : out;
  } catch (e) {
    return [validationFailure(code, e, severity)];
  }
}

const byPosition = (x: Diagnostic, y: Diagnostic) =>
  x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character;

/**
 * Runs every rule on one document. `report` stamps each finding with its rule's code; a rule that
 * throws keeps what it reported so far and adds a `validationFailure`, and the other rules still run.
 * Findings come back in document order (stable), so the order of the rule list does not show.
 */
export function runRules<Input extends object>(rules: readonly Rule<Input>[], input: Input): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    let reported = 0;
    const report: Report = (range, message, severity = 'error', fix) => {
      if (reported++ < MAX_PER_CHECK) out.push(makeDiagnostic(range, rule.code, message, severity, fix));
    };
    try {
      rule.check({ ...input, report });
    } catch (e) {
      out.push(validationFailure(rule.code, e));
    }
    if (reported > MAX_PER_CHECK) out.push(omitted(rule.code, reported - MAX_PER_CHECK));
  }
  return out.sort(byPosition);
}

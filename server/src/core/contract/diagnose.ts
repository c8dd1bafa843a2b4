import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';
import type { ParsedYaml } from '../yaml/parse';
import { validateStructure } from './odcs/validate';
import { contractRules } from './rules';

function syntax(parsed: ParsedYaml): Diagnostic[] {
  const out = parsed.problems.map((p) => makeDiagnostic(p.range, 'yaml-syntax',
    p.code === 'DUPLICATE_KEY' ? 'Duplicate key: this key is already set in the same mapping.' : p.message, p.severity));
  for (const line of parsed.extraDocuments) {
    out.push(makeDiagnostic({ start: { line, character: 0 }, end: { line, character: 3 } }, 'yaml-syntax',
      'This file holds several YAML documents; only the first is read as the contract. Move the others to their own files.', 'warning'));
  }
  return out;
}

/**
 * Every diagnostic of an ODCS contract: YAML syntax (`yaml-syntax`), structure against the standard
 * (`odcs-schema`, one per problem at its exact range), and the semantic checks (one code each).
 */
export function diagnoseContract(text: string, parsed: ParsedYaml): Diagnostic[] {
  const out = [...syntax(parsed), ...validateStructure(parsed.root)];
  const root = parsed.root;
  if (root?.kind !== 'map') return out;
  for (const rule of contractRules) {
    try {
      rule.check({ root, text, starts: parsed.starts, report: (range, message, severity = 'error') => out.push(makeDiagnostic(range, rule.code, message, severity)) });
    } catch (e) {
      // A rule that trips on odd input must not hide the others.
      out.push(makeDiagnostic({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule.code, `Internal error in check "${rule.code}": ${(e as Error).message}. Please report it.`, 'information'));
    }
  }
  return out;
}

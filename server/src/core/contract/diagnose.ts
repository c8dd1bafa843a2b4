import { DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { guarded, runRules } from '../validation/runner';
import { syntaxDiagnostics } from '../validation/syntax';
import type { ParsedYaml } from '../yaml/parse';
import { SCHEMA_CODE, validateStructure } from './odcs/validate';
import { contractRules } from './rules';
import { DEPRECATED_CODE } from './rules/deprecatedKeys';

/**
 * Every diagnostic of an ODCS contract: YAML syntax (`yaml-syntax`), structure against the standard
 * (`odcs-schema`, one per problem at its exact range), and the semantic rules (one code each). A step
 * or rule that throws becomes a diagnostic with its code, so a contract never looks clean by accident.
 */
export function diagnoseContract(text: string, parsed: ParsedYaml): Diagnostic[] {
  if (parsed.unread) return syntaxDiagnostics(parsed, 'contract');
  const out = [...syntaxDiagnostics(parsed, 'contract'), ...guarded(SCHEMA_CODE, () => validateStructure(parsed.root))];
  const root = parsed.root;
  if (root?.kind !== 'map') return out;
  const rules = runRules(contractRules, { root, text, starts: parsed.starts });
  // Deprecated keys are shown struck through.
  for (const d of rules) if (d.code === DEPRECATED_CODE) d.tags = [DiagnosticTag.Deprecated];
  return [...out, ...rules];
}

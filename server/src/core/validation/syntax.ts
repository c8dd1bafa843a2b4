import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';
import type { ParsedYaml } from '../yaml/parse';

function syntaxMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: this key is already defined in the same mapping; the later value would be ignored.';
  if (code === 'TAB_AS_INDENT') return 'Tabs are not allowed as indentation in YAML; indent with spaces.';
  return message;
}

/**
 * YAML syntax problems as `yaml-syntax` diagnostics, every one of them and not only the first, for any
 * YAML document kind. `kind` names what the first document is read as ("pipeline spec", "contract").
 */
export function syntaxDiagnostics(parsed: ParsedYaml, kind: string): Diagnostic[] {
  const out = parsed.problems.map((p) => makeDiagnostic(p.range, 'yaml-syntax', syntaxMessage(p.code, p.message), p.severity));
  for (const line of parsed.extraDocuments) {
    out.push(makeDiagnostic({ start: { line, character: 0 }, end: { line, character: 3 } }, 'yaml-syntax',
      `This file holds several YAML documents; only the first is read as the ${kind}. Move the others to their own files.`, 'warning'));
  }
  return out;
}

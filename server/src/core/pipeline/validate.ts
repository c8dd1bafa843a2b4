import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../diagnostics';
import type { CoreDocument, CoreHost } from '../service';
import type { ParsedYaml } from '../yaml/parse';
import { analyse, type SpecAnalysis } from './analysis';
import { pipelineRules } from './rules';
import { validateAgainstSchema } from './schema';
import { schemaDiagnostics } from './schemaErrors';
import { applySuppressions } from './suppress';

/** Syntax problems as diagnostics (`yaml-syntax`), every one of them, not only the first. */
export function syntaxDiagnostics(parsed: ParsedYaml): Diagnostic[] {
  const out = parsed.problems.map((p) => makeDiagnostic(p.range, 'yaml-syntax', syntaxMessage(p.code, p.message), p.severity));
  for (const line of parsed.extraDocuments) {
    out.push(makeDiagnostic({ start: { line, character: 0 }, end: { line, character: 3 } }, 'yaml-syntax',
      'This file holds several YAML documents; only the first is read as the pipeline spec. Move the others to their own files.', 'warning'));
  }
  return out;
}

function syntaxMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: this key is already defined in the same mapping; the later value would be ignored.';
  if (code === 'TAB_AS_INDENT') return 'Tabs are not allowed as indentation in YAML; indent with spaces.';
  return message;
}

/** Runs the semantic rules; a rule that throws on odd input is reported instead of hiding the others. */
function ruleDiagnostics(a: SpecAnalysis, host: CoreHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of pipelineRules) {
    try {
      rule.check({ a, host, report: (d) => out.push(d) });
    } catch (e) {
      out.push(makeDiagnostic({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule.code, `Internal error in check "${rule.code}": ${(e as Error).message}. Please report it.`, 'information'));
    }
  }
  return out;
}

/** Every diagnostic of a pipeline spec: syntax, schema and semantic rules, minus suppressed ones. */
export function validatePipeline(doc: CoreDocument, parsed: ParsedYaml, host: CoreHost): { diagnostics: Diagnostic[]; analysis: SpecAnalysis } {
  const a = analyse(doc, parsed, host);
  const diagnostics = [
    ...syntaxDiagnostics(parsed),
    ...schemaDiagnostics(validateAgainstSchema(parsed.root ? parsed.value : {}), parsed.root),
    ...ruleDiagnostics(a, host),
  ];
  return { diagnostics: applySuppressions(diagnostics, doc.text, parsed.starts), analysis: a };
}

import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreDocument, CoreHost } from '../languageService';
import { guarded, runRules } from '../validation/runner';
import { syntaxDiagnostics } from '../validation/syntax';
import type { ParsedYaml } from '../yaml/parse';
import { analyse, type SpecAnalysis } from './analysis';
import type { ContractModels } from './contractModels';
import { pipelineRules } from './rules';
import { validateAgainstSchema } from './schema';
import { schemaDiagnostics } from './schemaErrors';
import { applySuppressions } from './suppress';

/**
 * Every diagnostic of a pipeline spec: syntax, schema and semantic rules, minus suppressed ones. A
 * step or rule that throws becomes a diagnostic too, so a spec never looks clean because a check failed.
 */
export function validatePipeline(doc: CoreDocument, parsed: ParsedYaml, host: CoreHost, models?: ContractModels): { diagnostics: Diagnostic[]; analysis: SpecAnalysis } {
  const a = analyse(doc, parsed, host, models);
  // A text too large to read has nothing to check; its one problem says so.
  if (parsed.unread) return { diagnostics: syntaxDiagnostics(parsed, 'pipeline spec'), analysis: a };
  const diagnostics = [
    ...syntaxDiagnostics(parsed, 'pipeline spec'),
    ...guarded('schema', () => schemaDiagnostics(validateAgainstSchema(parsed.root ? parsed.value : {}), parsed.root)),
    ...runRules(pipelineRules, { a, host }),
  ];
  return { diagnostics: applySuppressions(diagnostics, doc.text, parsed.starts), analysis: a };
}

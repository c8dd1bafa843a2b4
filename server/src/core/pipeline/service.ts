import type { LanguageService, CoreDocument, CoreHost } from '../languageService';
import { ParsedDocuments } from '../yaml/documents';
import { analyse, type SpecAnalysis } from './analysis';
import { ContractModels } from './contractModels';
import { isPipelineSpec } from './detect';
import { codeActionsPipeline } from './features/actions';
import { completePipeline } from './features/complete';
import { definitionPipeline } from './features/definition';
import { hoverPipeline } from './features/hover';
import { lensesPipeline } from './features/lenses';
import { resolvePath } from './paths';
import { symbolsPipeline } from './features/symbols';
import { validatePipeline } from './validate';

/**
 * The pipeline-spec language service. It keeps one incremental parser per document, so an edit
 * re-parses only the block that changed; everything else is a pure function of the parse.
 */
export function createPipelineService(): LanguageService & { forget(path: string): void } {
  const docs = new ParsedDocuments<SpecAnalysis>();
  const parse = (doc: CoreDocument) => docs.parse(doc);
  const models = new ContractModels();

  /** The analysis of the text last validated, reused by hover and completion while the text is the same. */
  function analysis(doc: CoreDocument, host: CoreHost): SpecAnalysis {
    const entry = docs.entry(doc);
    entry.derived ??= analyse(doc, entry.parsed, host, models);
    return entry.derived;
  }

  function validate(doc: CoreDocument, host: CoreHost) {
    const entry = docs.entry(doc);
    const result = validatePipeline(doc, entry.parsed, host, models);
    entry.derived = result.analysis;
    return result.diagnostics;
  }

  return {
    id: 'pipeline',
    accepts: (path, text) => isPipelineSpec(path, text),
    validate,
    complete: (doc, pos, host) => completePipeline(pos, analysis(doc, host), host),
    hover: (doc, pos, host) => hoverPipeline(pos, analysis(doc, host)),
    definition: (doc, pos, host) => definitionPipeline(pos, analysis(doc, host), host),
    symbols: (doc) => symbolsPipeline(parse(doc).root),
    codeActions: (doc, _range, diagnostics) => codeActionsPipeline(doc, diagnostics),
    codeLenses: (doc) => lensesPipeline(parse(doc).root, doc.uri),
    dependencies: (doc, host) => {
      const a = analysis(doc, host);
      return a.dataRefs.filter((r) => r.contract).map((r) => resolvePath(a, r.contract!.value as string));
    },
    forget: (path) => docs.forget(path),
  };
}

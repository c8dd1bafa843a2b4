import type { LanguageService, CoreDocument, CoreHost } from '../service';
import { IncrementalYamlParser, type ParsedYaml } from '../yaml/parse';
import { analyse, resolvePath, type SpecAnalysis } from './analysis';
import { isPipelineSpec } from './detect';
import { codeActionsPipeline } from './features/actions';
import { completePipeline } from './features/complete';
import { definitionPipeline } from './features/definition';
import { hoverPipeline } from './features/hover';
import { lensesPipeline } from './features/lenses';
import { symbolsPipeline } from './features/symbols';
import { validatePipeline } from './validate';

interface Cached { text: string; parsed: ParsedYaml; analysis?: SpecAnalysis }

/**
 * The pipeline-spec language service. It keeps one incremental parser per document, so an edit
 * re-parses only the block that changed; everything else is a pure function of the parse.
 */
export function createPipelineService(): LanguageService & { forget(path: string): void } {
  const parsers = new Map<string, IncrementalYamlParser>();
  const last = new Map<string, Cached>();

  function parse(doc: CoreDocument): ParsedYaml {
    const hit = last.get(doc.path);
    if (hit && hit.text === doc.text) return hit.parsed;
    let parser = parsers.get(doc.path);
    if (!parser) parsers.set(doc.path, (parser = new IncrementalYamlParser()));
    const parsed = parser.parse(doc.text);
    last.set(doc.path, { text: doc.text, parsed });
    return parsed;
  }

  /** The analysis of the text last validated, reused by hover and completion while the text is the same. */
  function analysis(doc: CoreDocument, host: CoreHost): SpecAnalysis {
    const parsed = parse(doc);
    const cached = last.get(doc.path)!;
    cached.analysis ??= analyse(doc, parsed, host);
    return cached.analysis;
  }

  function validate(doc: CoreDocument, host: CoreHost) {
    const parsed = parse(doc);
    const result = validatePipeline(doc, parsed, host);
    last.get(doc.path)!.analysis = result.analysis;
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
    forget(path) {
      parsers.delete(path);
      last.delete(path);
    },
  };
}

import type { CoreDocument, LanguageService } from '../service';
import { IncrementalYamlParser, type ParsedYaml } from '../yaml/parse';
import { isDataContract } from './detect';
import { diagnoseContract } from './diagnose';
import { completeContract } from './features/complete';
import { hoverContract } from './features/hover';
import { symbolsContract } from './features/symbols';

/**
 * The data-contract language service (ODCS v3.0.x and v3.1.0): diagnostics with exact ranges,
 * completion, hover and outline. One incremental parser per document, so an edit re-parses only the
 * block that changed.
 */
export function createContractService(): LanguageService & { forget(path: string): void } {
  const parsers = new Map<string, IncrementalYamlParser>();
  const last = new Map<string, { text: string; parsed: ParsedYaml }>();

  function parse(doc: CoreDocument): ParsedYaml {
    const hit = last.get(doc.path);
    if (hit && hit.text === doc.text) return hit.parsed;
    let parser = parsers.get(doc.path);
    if (!parser) parsers.set(doc.path, (parser = new IncrementalYamlParser()));
    const parsed = parser.parse(doc.text);
    last.set(doc.path, { text: doc.text, parsed });
    return parsed;
  }

  return {
    id: 'contract',
    accepts: (path, text) => isDataContract(path, text),
    validate: (doc) => diagnoseContract(doc.text, parse(doc)),
    complete: (doc, pos) => completeContract(doc.text, parse(doc), pos),
    hover: (doc, pos) => hoverContract(parse(doc).root, pos),
    symbols: (doc) => symbolsContract(parse(doc).root),
    forget(path) {
      parsers.delete(path);
      last.delete(path);
    },
  };
}

/** The shared instance the language server and `mlops validate` use. */
export const contractService = createContractService();

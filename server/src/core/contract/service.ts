import type { CoreDocument, LanguageService } from '../languageService';
import { ParsedDocuments } from '../yaml/documents';
import type { ParsedYaml } from '../yaml/parse';
import { isDataContract } from './detect';
import { diagnoseContract } from './diagnose';
import { codeActionsContract } from './features/actions';
import { completeContract } from './features/complete';
import { hoverContract } from './features/hover';
import { lensesContract } from './features/lenses';
import { symbolsContract } from './features/symbols';
import { sqlQueries } from './rules/sqlSyntax';
import { parseSqlQueries } from './sqlParse';

/**
 * The data-contract language service (ODCS v3.0.x and v3.1.0): diagnostics with exact ranges,
 * completion, hover, outline and a "Check data" lens per schema object. One incremental parser per document, so an edit re-parses only the
 * block that changed.
 */
export function createContractService(): LanguageService & { forget(path: string): void } {
  const docs = new ParsedDocuments();
  const parse = (doc: CoreDocument): ParsedYaml => docs.parse(doc);

  return {
    id: 'contract',
    accepts: (path, text) => isDataContract(path, text),
    validate: (doc) => diagnoseContract(doc.text, parse(doc)),
    // The SQL of quality rules is parsed by DuckDB, asynchronously; validate reads the answers.
    prepare: async (doc) => {
      const root = parse(doc).root;
      return root?.kind === 'map' ? parseSqlQueries(sqlQueries(root).map((q) => String(q.value))) : false;
    },
    complete: (doc, pos) => completeContract(doc.text, parse(doc), pos),
    hover: (doc, pos) => hoverContract(parse(doc).root, pos),
    symbols: (doc) => symbolsContract(parse(doc).root),
    codeLenses: (doc) => lensesContract(parse(doc).root, doc.uri, doc.path),
    codeActions: (doc, _range, diagnostics) => codeActionsContract(doc, diagnostics),
    forget: (path) => docs.forget(path),
  };
}

/** The shared instance the language server and `mlops validate` use. */
export const contractService = createContractService();

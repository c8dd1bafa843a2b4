import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CoreDocument, CoreHost, LanguageService } from '../core/languageService';

/** Finds the service of an open document (pipeline spec, data contract), as the core sees it. */
export interface ServiceLookup {
  documents: TextDocuments<TextDocument>;
  coreDoc(doc: TextDocument): CoreDocument;
  serviceFor(doc: CoreDocument): LanguageService | undefined;
}

/**
 * The standard language features: each handler finds the document's service and forwards the request;
 * a failure is logged and answered with nothing rather than breaking the editor.
 */
export function registerLanguageFeatures(connection: Connection, lookup: ServiceLookup, host: CoreHost): void {
  const withDoc = <T>(uri: string, empty: T, f: (doc: CoreDocument, service: LanguageService) => T): T => {
    const doc = lookup.documents.get(uri);
    if (!doc) return empty;
    const core = lookup.coreDoc(doc);
    const service = lookup.serviceFor(core);
    if (!service) return empty;
    try {
      return f(core, service);
    } catch (e) {
      connection.console.error(`${uri}: ${(e as Error).stack ?? String(e)}`);
      return empty;
    }
  };

  connection.onCompletion((p) => withDoc(p.textDocument.uri, [], (d, s) => s.complete(d, p.position, host)));
  connection.onHover((p) => withDoc(p.textDocument.uri, null, (d, s) => s.hover(d, p.position, host)));
  connection.onDefinition((p) => withDoc(p.textDocument.uri, null, (d, s) => s.definition?.(d, p.position, host) ?? null));
  connection.onDocumentSymbol((p) => withDoc(p.textDocument.uri, [], (d, s) => s.symbols(d)));
  connection.onCodeAction((p) => withDoc(p.textDocument.uri, [], (d, s) => s.codeActions?.(d, p.range, p.context.diagnostics, host) ?? []));
  connection.onCodeLens((p) => withDoc(p.textDocument.uri, [], (d, s) => s.codeLenses?.(d) ?? []));
}

import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind, type Connection,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createServices } from '../core/documentKinds';
import { warmUpSchema } from '../core/pipeline/schema';
import type { CoreDocument, LanguageService } from '../core/languageService';
import { ValidateWorkspaceRequest, type ServerInitOptions } from '../protocol';
import { ServerHost } from './host';
import { Validator } from './validator';
import { validateWorkspace } from './workspace';

/** File-system path of a document URI; other schemes (untitled:) get a stable pseudo path. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  return `/${uri.replace(/[:/\\]+/g, '_')}`;
}

/** Wires the language features onto a connection (stdio in production, any stream in tests). */
export function initConnection(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const services: LanguageService[] = createServices();
  let roots: string[] = [];
  let watchDynamic = false;
  const openByPath = new Map<string, TextDocument>();
  const host = new ServerHost((p) => openByPath.get(p)?.getText(), () => roots);

  const coreDoc = (doc: TextDocument): CoreDocument => ({ uri: doc.uri, path: uriToPath(doc.uri), text: doc.getText(), version: doc.version });
  const serviceFor = (doc: CoreDocument) => services.find((s) => s.accepts(doc.path, doc.text));
  const validator = new Validator(connection, host, serviceFor, (uri) => documents.get(uri), coreDoc);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (roots.length === 0 && params.rootUri) roots = [uriToPath(params.rootUri)];
    const options = (params.initializationOptions ?? {}) as ServerInitOptions;
    if (typeof options.debounceMs === 'number') validator.debounceMs = Math.max(0, options.debounceMs);
    watchDynamic = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '/', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'mlops-workbench', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    setImmediate(warmUpSchema);
    if (watchDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
  });

  documents.onDidOpen((e) => { openByPath.set(uriToPath(e.document.uri), e.document); validator.schedule(e.document.uri, 0); });
  documents.onDidChangeContent((e) => {
    openByPath.set(uriToPath(e.document.uri), e.document);
    validator.schedule(e.document.uri);
    validator.scheduleDependents(uriToPath(e.document.uri));
  });
  documents.onDidSave((e) => validator.scheduleDependents(uriToPath(e.document.uri)));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    openByPath.delete(path);
    validator.forget(e.document.uri);
    for (const s of services) (s as { forget?: (p: string) => void }).forget?.(path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    validator.scheduleDependents(path);
  });

  connection.onDidChangeWatchedFiles((e) => {
    const paths = e.changes.map((c) => uriToPath(c.uri));
    host.invalidate(paths);
    for (const doc of documents.all()) validator.schedule(doc.uri);
  });

  const withDoc = <T>(uri: string, empty: T, f: (doc: CoreDocument, service: LanguageService) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return empty;
    const core = coreDoc(doc);
    const service = serviceFor(core);
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
  connection.onRequest(ValidateWorkspaceRequest, () => validateWorkspace(roots));

  documents.listen(connection);
  connection.listen();
}

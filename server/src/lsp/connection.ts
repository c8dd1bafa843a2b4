import {
  DidChangeWatchedFilesNotification, TextDocuments, type Connection, type InitializeParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createServices } from '../core/documentKinds';
import { warmUpSchema } from '../core/pipeline/schema';
import type { CoreDocument, LanguageService } from '../core/languageService';
import type { ServerInitOptions } from '../protocol';
import { clampedDocuments } from './documents';
import { serverCapabilities } from './capabilities';
import { registerEngineRequests } from './engineRequests';
import { registerLanguageFeatures, type ServiceLookup } from './features';
import { ServerHost } from './host';
import { uriToPath } from './paths';
import { Validator } from './validator';
import { hasLargeSpec, warmUpValidation } from './warmUp';

export { uriToPath } from './paths';

/** What the server holds for one connection: the open documents, the services, the file host. */
interface ServerState extends ServiceLookup {
  services: LanguageService[];
  openByPath: Map<string, TextDocument>;
  host: ServerHost;
  validator: Validator;
  roots: string[];
  watchDynamic: boolean;
  /** Whether to warm the validation path after `initialized` (warmUp.ts). */
  warmUp: boolean;
}

function createState(connection: Connection): ServerState {
  const documents = new TextDocuments(clampedDocuments);
  const services = createServices();
  const openByPath = new Map<string, TextDocument>();
  const state = {
    documents, services, openByPath, roots: [] as string[], watchDynamic: false, warmUp: true,
    coreDoc: (doc: TextDocument): CoreDocument => ({ uri: doc.uri, path: uriToPath(doc.uri, state.roots[0]), text: doc.getText(), version: doc.version }),
    serviceFor: (doc: CoreDocument) => services.find((s) => s.accepts(doc.path, doc.text)),
  } as ServerState;
  state.host = new ServerHost((p) => openByPath.get(p)?.getText(), () => state.roots);
  state.validator = new Validator(connection, state.host, state.serviceFor, (uri) => documents.get(uri), state.coreDoc);
  return state;
}

/** initialize: workspace folders, the client's options and file-watching support; initialized: warm-up. */
function handleLifecycle(connection: Connection, state: ServerState): void {
  connection.onInitialize((params: InitializeParams) => {
    state.roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (state.roots.length === 0 && params.rootUri) state.roots = [uriToPath(params.rootUri)];
    const options = (params.initializationOptions ?? {}) as ServerInitOptions;
    if (typeof options.debounceMs === 'number') state.validator.debounceMs = Math.max(0, options.debounceMs);
    state.warmUp = options.warmUp !== false;
    state.watchDynamic = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    return serverCapabilities();
  });
  connection.onInitialized(() => {
    setImmediate(warmUpSchema);
    if (state.warmUp && hasLargeSpec(state.roots)) warmUpValidation(state.serviceFor, state.host);
    if (state.watchDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
  });
}

/** Open, edit, save and close of documents, and file changes on disk: what gets validated again. */
function syncDocuments(connection: Connection, state: ServerState): void {
  const { documents, openByPath, validator } = state;
  documents.onDidOpen((e) => { openByPath.set(uriToPath(e.document.uri, state.roots[0]), e.document); validator.schedule(e.document.uri, 0); });
  documents.onDidChangeContent((e) => {
    openByPath.set(uriToPath(e.document.uri, state.roots[0]), e.document);
    validator.schedule(e.document.uri);
    validator.scheduleDependents(uriToPath(e.document.uri, state.roots[0]));
  });
  documents.onDidSave((e) => validator.scheduleDependents(uriToPath(e.document.uri, state.roots[0])));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri, state.roots[0]);
    openByPath.delete(path);
    validator.forget(e.document.uri);
    for (const s of state.services) s.forget?.(path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    validator.scheduleDependents(path);
  });
  connection.onDidChangeWatchedFiles((e) => {
    state.host.invalidate(e.changes.map((c) => uriToPath(c.uri)));
    for (const doc of documents.all()) validator.schedule(doc.uri);
  });
}

/** Wires the language features onto a connection (stdio in production, any stream in tests). */
export function initConnection(connection: Connection): void {
  const state = createState(connection);
  handleLifecycle(connection, state);
  syncDocuments(connection, state);
  registerLanguageFeatures(connection, state, state.host);
  registerEngineRequests(connection, state.host, (uri) => state.documents.get(uri)?.getText());
  state.documents.listen(connection);
  connection.listen();
}

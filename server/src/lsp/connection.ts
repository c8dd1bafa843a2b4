import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Wires the language features onto a connection (stdio in production, any stream in tests). */
export function initConnection(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  connection.onInitialize(() => ({ capabilities: { textDocumentSync: 2 } }));
  documents.listen(connection);
  connection.listen();
}

import { CodeActionKind, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';

/** What the server offers in `initialize`: the standard features; the custom requests are in protocol.ts. */
export function serverCapabilities(): InitializeResult {
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
}

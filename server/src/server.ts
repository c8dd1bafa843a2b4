// Entry point of the language server (dist/server.js --stdio).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { initConnection } from './lsp/connection';

initConnection(createConnection(ProposedFeatures.all));

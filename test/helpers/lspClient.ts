import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = resolve(__dirname, '../../dist/server.js');

/** A language client over a real stdio connection to a server process, for tests and the benchmark. */
export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<{ uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.pred(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.listen();
  }

  /** Starts a server (ours by default: node dist/server.js --stdio) and initializes it. */
  static async start(rootPath: string, options: { command?: string[]; initializationOptions?: unknown } = {}): Promise<LspTestClient> {
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.resume();
    const client = new LspTestClient(child);
    const rootUri = pathToFileURL(rootPath).toString();
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } }, workspace: { configuration: true } },
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    });
    client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Every URI the server has published diagnostics for so far. */
  publishedUris(): string[] {
    return [...this.latest.keys()];
  }

  open(path: string, text: string, languageId = 'yaml'): string {
    const uri = pathToFileURL(path).toString();
    this.versions.set(uri, 1);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends an incremental change; returns the new version. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Sends several changes in one notification (each applies to the text the ones before it left); returns the new version. */
  changeMany(uri: string, contentChanges: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or the latest, if it already does). */
  diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, fromLatest = false): Promise<PublishDiagnosticsParams> {
    const latest = this.latest.get(uri);
    if (fromLatest && latest && pred(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, pred, resolve }));
  }

  /** Waits for diagnostics of a given document version (servers that send versions). */
  diagnosticsForVersion(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (p) => p.version === undefined || p.version === version, true);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Shuts the server down politely (shutdown, exit), then makes sure the process is gone. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((r) => (this.process.exitCode !== null ? r() : this.process.once('exit', () => r())));
    const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), timeout(10000)]);
      this.connection.sendNotification('exit');
    } catch { /* the server is already gone */ }
    await Promise.race([exited, timeout(5000)]);
    if (this.process.exitCode === null) this.process.kill();
    await exited;
    this.connection.dispose();
  }
}

export const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

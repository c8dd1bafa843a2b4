/**
 * The language client: starts dist/server.js over stdio for pipeline specs and contracts, and listens to
 * the server's `mlops/validated` notification (the start-up times in the log, and an event tests and
 * views can wait on).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ValidatedNotification, type ValidatedParams } from '../../../server/src/protocol';

/** Milliseconds from the start of activate() to the language server's readiness and its first diagnostics. */
export interface StartupTimes {
  serverReadyMs?: number;
  firstDiagnosticsMs?: number;
  firstDiagnosticsUri?: string;
}

export class LanguageConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  readonly startup: StartupTimes = {};
  private readonly validatedEmitter = new vscode.EventEmitter<ValidatedParams>();
  /** The language server finished validating a document. */
  readonly onDidValidate = this.validatedEmitter.event;

  /** `activatedAt`: performance.now() when activate() began. */
  constructor(extension: vscode.ExtensionContext, private readonly output: vscode.OutputChannel, private readonly activatedAt: number) {
    const module = extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
      outputChannel: output,
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    };
    this.client = new LanguageClient('mlops', 'MLOps Workbench', serverOptions, clientOptions);
    this.client.onNotification(ValidatedNotification, (p) => this.validated(p));
  }

  /** Starts the server; requests sent before it is ready wait for it. */
  async start(): Promise<void> {
    await this.client.start();
    this.startup.serverReadyMs = Math.round(performance.now() - this.activatedAt);
    this.output.appendLine(`MLOps: language server ready ${this.startup.serverReadyMs} ms after activation`);
  }

  private validated(p: ValidatedParams): void {
    if (this.startup.firstDiagnosticsMs === undefined) {
      this.startup.firstDiagnosticsMs = Math.round(performance.now() - this.activatedAt);
      this.startup.firstDiagnosticsUri = p.uri;
      this.output.appendLine(`MLOps: first diagnostics ${this.startup.firstDiagnosticsMs} ms after activation (${p.uri})`);
    }
    this.validatedEmitter.fire(p);
  }

  async dispose(): Promise<void> {
    this.validatedEmitter.dispose();
    if (this.client.isRunning()) await this.client.stop();
  }
}

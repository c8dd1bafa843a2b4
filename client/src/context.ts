/**
 * Owns everything the extension creates: the language client, the "MLOps" output channel, the status
 * bar, the views, and every disposable. Commands get it to run the engine and reach the views.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ActiveRuns } from './activeRuns';
import { RunIndex } from './runIndex';
import { readConfig, type MlopsConfig } from './config';
import { ValidatedNotification, type ValidatedParams } from '../../server/src/protocol';
import { startCli, type CliProcess } from './engine/cliProcess';
import type { DriftPanel } from './panels/drift/driftView';
import type { ExperimentsView } from './panels/experiments/experimentsView';
import type { ModelsTree } from './panels/models/modelsTree';

export interface Views {
  experiments: ExperimentsView;
  drift: DriftPanel;
  models: ModelsTree;
}

/** Milliseconds from the start of activate() to the language server's readiness and its first diagnostics. */
export interface StartupTimes {
  serverReadyMs?: number;
  firstDiagnosticsMs?: number;
  firstDiagnosticsUri?: string;
}

export class MlopsContext implements vscode.Disposable {
  /** When activate() began (performance.now() of the extension host). */
  readonly activatedAt = performance.now();
  readonly startup: StartupTimes = {};
  private readonly validatedEmitter = new vscode.EventEmitter<ValidatedParams>();
  /** The language server finished validating a document (mlops/validated). */
  readonly onDidValidate = this.validatedEmitter.event;
  readonly output = vscode.window.createOutputChannel('MLOps');
  readonly activeRuns = new ActiveRuns();
  /** Failed data checks, shown in Problems on the contract lines of the rules. */
  readonly dataDiagnostics = vscode.languages.createDiagnosticCollection('mlops-data');
  /** Runs of every spec folder of the workspace. */
  readonly runs = new RunIndex();
  client: LanguageClient | undefined;
  views!: Views;
  private readonly disposables: vscode.Disposable[] = [this.output, this.activeRuns, this.dataDiagnostics, this.runs, this.validatedEmitter];

  constructor(readonly extension: vscode.ExtensionContext) {}

  /** Starts the language server for pipeline specs and contracts (dist/server.js over stdio). */
  async startLanguageClient(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
      outputChannel: this.output,
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    };
    this.client = new LanguageClient('mlops', 'MLOps Workbench', serverOptions, clientOptions);
    this.client.onNotification(ValidatedNotification, (p) => this.validated(p));
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

  config(scope?: vscode.Uri): MlopsConfig {
    return readConfig(scope);
  }

  /** Starts `node dist/cli.js <args>` with its logs in the output channel. */
  cli(args: string[], cwd: string, onEvent?: (e: Record<string, unknown>) => void): CliProcess {
    this.output.appendLine(`$ mlops ${args.join(' ')}   (in ${cwd})`);
    return startCli({
      cliPath: this.extension.asAbsolutePath(path.join('dist', 'cli.js')),
      nodePath: this.config().nodePath,
      args,
      cwd,
      onLog: (line) => this.output.appendLine(line),
      ...(onEvent ? { onEvent } : {}),
    });
  }

  /**
   * In an untrusted workspace nothing runs (no stage commands, SQL quality rules or training): says
   * why and returns false.
   */
  requireTrust(action: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(
      `MLOps: ${action} is disabled in Restricted Mode: it runs code and queries from this workspace. ` +
      'Trust the workspace (Workspaces: Manage Workspace Trust) to enable it.', 'Manage Workspace Trust',
    ).then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  /** The workspace folder a file belongs to (or the first one): runs and models live there. */
  folderFor(uri?: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  /** Shows an error with a button to the log. */
  showError(message: string): void {
    void vscode.window.showErrorMessage(message, 'Show Log').then((c) => c && this.output.show(true));
  }

  track<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
    await this.client?.stop();
  }
}

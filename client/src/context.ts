/**
 * Owns everything the extension creates: the language connection (the engine's reads), the "MLOps"
 * output channel, the status bar, the views, and every disposable. Commands get it to run the engine's
 * long jobs (CLI child processes), ask the language server, and reach the views.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ValidatedParams } from '../../server/src/protocol';
import { readConfig, type MlopsConfig } from './config';
import type { DriftView } from './drift/driftView';
import type { ExperimentsView } from './experiments/experimentsView';
import { RunIndex } from './experiments/runIndex';
import { ActiveRuns } from './jobs/activeRuns';
import { startCli, type CliProcess } from './jobs/cliProcess';
import { offerMlopsIgnore } from './jobs/gitignorePrompt';
import { EngineRequests } from './language/engineRequests';
import { LanguageConnection, type StartupTimes } from './language/languageClient';
import type { PipelineView } from './pipeline/pipelineView';
import type { ModelsTree } from './registry/modelsTree';
import type { ServingView } from './serving/servingView';

export interface Views {
  experiments: ExperimentsView;
  drift: DriftView;
  models: ModelsTree;
  pipeline: PipelineView;
  serving: ServingView;
}

export class MlopsContext implements vscode.Disposable {
  /** When activate() began (performance.now() of the extension host). */
  readonly activatedAt = performance.now();
  /** The MLOps log: one readable line per event; the JSON the engine prints only at trace level. */
  readonly output = vscode.window.createOutputChannel('MLOps', { log: true });
  readonly activeRuns = new ActiveRuns();
  /** Failed data checks, shown in Problems on the contract lines of the rules. */
  readonly dataDiagnostics = vscode.languages.createDiagnosticCollection('mlops-data');
  readonly language: LanguageConnection;
  /** The reads the editor asks of the engine (language-server requests). */
  readonly engine: EngineRequests;
  /** Runs of every spec folder of the workspace. */
  readonly runs: RunIndex;
  views!: Views;
  private readonly disposables: vscode.Disposable[];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.language = new LanguageConnection(extension, this.output, this.activatedAt);
    this.engine = new EngineRequests(this.language.client);
    this.runs = new RunIndex(this.engine);
    this.disposables = [this.output, this.activeRuns, this.dataDiagnostics, this.runs];
  }

  /** The language client (for tests: whether it runs). */
  get client(): LanguageClient {
    return this.language.client;
  }

  /** Activation -> language server ready -> first diagnostics, in milliseconds. */
  get startup(): StartupTimes {
    return this.language.startup;
  }

  get onDidValidate(): vscode.Event<ValidatedParams> {
    return this.language.onDidValidate;
  }

  config(scope?: vscode.Uri): MlopsConfig {
    return readConfig(scope);
  }

  /** Starts `node dist/cli.js <args>` with its logs in the output channel. */
  cli(args: string[], cwd: string, onEvent?: (e: Record<string, unknown>) => void): CliProcess {
    this.output.appendLine(`$ mlops ${args.join(' ')}   (in ${cwd})`);
    const proc = startCli({
      cliPath: this.extension.asAbsolutePath(path.join('dist', 'cli.js')),
      nodePath: this.config().nodePath,
      args,
      cwd,
      onLog: (line) => this.output.appendLine(line),
      onTrace: (line) => this.output.trace(line),
      ...(onEvent ? { onEvent } : {}),
    });
    const started = performance.now();
    void proc.result.then((r) => this.output.appendLine(`mlops ${args[0] ?? ''} ${r.cancelled ? 'cancelled' : `exited ${r.code}`} after ${((performance.now() - started) / 1000).toFixed(1)} s`));
    // The first job that writes .mlops/ in a folder may be the moment to keep it out of git.
    if (!fs.existsSync(path.join(cwd, '.mlops'))) void proc.result.then(() => offerMlopsIgnore(this.extension, cwd));
    return proc;
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
    await this.language.dispose();
  }
}

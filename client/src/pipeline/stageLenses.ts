/**
 * A CodeLens on each stage of an open pipeline spec saying whether it is up to date with mlops.lock,
 * or why it is stale ("stale: data/train.csv changed"); clicking it shows the Pipeline view (Run
 * stage, the language server's lens beside it, runs it). The state is that of the files on disk, so it
 * is read again when a spec is saved, when mlops.lock changes, and after a run.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isError, type PipelineOverview } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { lensTitle } from './pipelineState';

export class StageStatusLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly cache = new Map<string, Promise<PipelineOverview | null>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: MlopsContext) {
    const lockWatcher = vscode.workspace.createFileSystemWatcher('**/*.lock');
    this.disposables = [this.changed, lockWatcher,
      vscode.workspace.onDidSaveTextDocument(() => this.refresh()),
      lockWatcher.onDidChange(() => this.refresh()), lockWatcher.onDidCreate(() => this.refresh()), lockWatcher.onDidDelete(() => this.refresh())];
  }

  register(): vscode.Disposable {
    return vscode.languages.registerCodeLensProvider({ language: 'yaml', scheme: 'file' }, this);
  }

  /** Forgets what was read: the next paint asks the engine again. */
  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!await this.ctx.engine.isPipelineSpec(doc.uri.toString())) return [];
    let read = this.cache.get(doc.uri.fsPath);
    if (!read) {
      read = this.ctx.engine.pipelineStatus(doc.uri.fsPath).then((a) => (isError(a) ? null : a.pipeline));
      this.cache.set(doc.uri.fsPath, read);
    }
    const overview = await read;
    if (!overview) return [];
    return overview.stages.map((s) => {
      const pos = new vscode.Position(Math.max(0, s.line - 1), 0);
      return new vscode.CodeLens(new vscode.Range(pos, pos), {
        title: lensTitle(s),
        tooltip: s.reasons.join('\n') || 'Matches mlops.lock: mlops run would skip it',
        command: COMMANDS.showPipeline,
        arguments: [doc.uri],
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

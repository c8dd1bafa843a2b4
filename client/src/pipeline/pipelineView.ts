/** The Pipeline webview view: the stage DAG of the current spec with each stage's state. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isError, type PipelineOverview } from '../../../server/src/protocol';
import { isPipelineFromView, type PipelineToView, type StageState } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { WebviewViewProvider } from '../webview/viewProvider';
import { viewStages } from './pipelineState';

export class PipelineView implements vscode.Disposable {
  static readonly id = 'mlops.pipeline';
  private readonly provider: WebviewViewProvider<'pipeline'>;
  private readonly subscriptions: vscode.Disposable[];
  private last: PipelineToView | null = null;
  private overview: PipelineOverview | null = null;
  /** The spec shown (what Run and Refresh act on). */
  spec: vscode.Uri | undefined;

  constructor(private readonly ctx: MlopsContext) {
    this.provider = new WebviewViewProvider({
      id: PipelineView.id,
      view: 'pipeline',
      title: 'Pipeline',
      extensionUri: ctx.extension.extensionUri,
      accept: isPipelineFromView,
      onReady: () => (this.last ? this.provider.post(this.last) : void this.refresh()),
      onMessage: (m) => {
        if (m.type === 'openStage') void this.openStage(m.name);
        else if (m.type === 'run') void vscode.commands.executeCommand(COMMANDS.runPipeline, this.spec, m.stage);
        else void this.refresh();
      },
      log: (l) => ctx.output.appendLine(l),
    });
    // The view follows the spec being edited, and shows the state again when its spec is saved or a run
    // rewrites a lock file (a run started from a terminal included). While a run of ours shows stages
    // running, its own events are newer than the lock, and it reads the state again when it ends.
    const lock = vscode.workspace.createFileSystemWatcher('**/mlops.lock');
    const changed = () => this.provider.isOpen() && this.spec && !this.running() ? void this.refresh() : undefined;
    this.subscriptions = [lock, lock.onDidChange(changed), lock.onDidCreate(changed), lock.onDidDelete(changed),
      vscode.window.onDidChangeActiveTextEditor((e) => void this.follow(e?.document)),
      vscode.workspace.onDidSaveTextDocument((d) => d.uri.toString() === this.spec?.toString() && changed())];
  }

  private running(): boolean {
    return this.last?.type === 'pipeline' && this.last.stages.some((s) => s.state === 'running');
  }

  /** Shows the spec of the editor that became active (when the view is open and it is another spec). */
  private async follow(doc: vscode.TextDocument | undefined): Promise<void> {
    if (!doc || !this.provider.isOpen() || this.running() || doc.uri.toString() === this.spec?.toString()) return;
    if (doc.uri.scheme === 'file' && await this.ctx.engine.isPipelineSpec(doc.uri.toString())) await this.refresh(doc.uri);
  }

  register(): vscode.Disposable {
    return this.provider.register();
  }

  async reveal(): Promise<void> {
    await this.provider.reveal();
  }

  /** Reads the spec's status from the engine and shows it (the active spec when none was shown yet). */
  async refresh(spec?: vscode.Uri): Promise<void> {
    this.spec = spec ?? this.spec ?? await this.activeSpec();
    if (!this.spec) return;
    const read = await this.ctx.engine.pipelineStatus(this.spec.fsPath);
    if (isError(read)) return this.send({ type: 'error', message: read.error });
    this.overview = read.pipeline;
    this.send({ type: 'pipeline', specPath: vscode.workspace.asRelativePath(this.spec), stages: viewStages(read.pipeline) });
  }

  busy(message: string): void {
    this.provider.post({ type: 'busy', message });
  }

  /** A stage of `spec` changed state during a run (nothing when the view shows another spec now). */
  stageState(spec: vscode.Uri, name: string, state: StageState, reasons: string[]): void {
    if (spec.toString() !== this.spec?.toString()) return;
    if (this.last?.type === 'pipeline') {
      const s = this.last.stages.find((x) => x.name === name);
      if (s) Object.assign(s, { state, reasons });
    }
    this.provider.post({ type: 'stageState', name, state, reasons });
  }

  private send(message: PipelineToView): void {
    this.last = message;
    this.provider.post(message);
  }

  private async activeSpec(): Promise<vscode.Uri | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.uri.scheme === 'file' && await this.ctx.engine.isPipelineSpec(doc.uri.toString()) ? doc.uri : undefined;
  }

  /** Opens the spec with the cursor on the stage's key. */
  private async openStage(name: string): Promise<void> {
    const stage = this.overview?.stages.find((s) => s.name === name);
    if (!this.spec || !stage) return;
    const pos = new vscode.Position(Math.max(0, stage.line - 1), 2);
    await vscode.window.showTextDocument(this.spec, { selection: new vscode.Range(pos, pos) });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.provider.dispose();
  }
}

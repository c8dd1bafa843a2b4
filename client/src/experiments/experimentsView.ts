/**
 * The Experiments webview view: sends run rows at open (summaries only), epochs of the selected runs on
 * request, live epochs from running jobs, and re-reads when run folders change on disk.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isExperimentsFromView, type EpochPoint, type ExperimentsFromView } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { WebviewViewProvider } from '../webview/viewProvider';
import { toEpochPoint, toRunRow } from './rows';

const STARS_KEY = 'mlops.starredRuns';

export class ExperimentsView implements vscode.Disposable {
  static readonly id = 'mlops.experiments';
  private readonly provider: WebviewViewProvider<'experiments'>;
  private pendingCompare: string[] | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor(private readonly ctx: MlopsContext) {
    this.provider = new WebviewViewProvider({
      id: ExperimentsView.id,
      view: 'experiments',
      title: 'Experiments',
      extensionUri: ctx.extension.extensionUri,
      accept: isExperimentsFromView,
      onReady: () => {
        void this.sendRuns();
        if (this.pendingCompare) this.provider.post({ type: 'compare', runIds: this.pendingCompare });
        this.pendingCompare = null;
      },
      onMessage: (m) => this.onMessage(m),
      log: (l) => ctx.output.appendLine(l),
    });
    // run.json is rewritten atomically at start, end and status changes; metrics.jsonl grows per epoch.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/.mlops/runs/*/run.json');
    const changed = () => this.scheduleRefresh();
    this.watcher.onDidCreate(changed);
    this.watcher.onDidChange(changed);
    this.watcher.onDidDelete(changed);
  }

  register(): vscode.Disposable {
    return this.provider.register();
  }

  /** Shows the view (opening the MLOps side bar). */
  async reveal(): Promise<void> {
    await this.provider.reveal();
  }

  /** Switches the view to compare mode for these runs. */
  async compare(runIds: string[]): Promise<void> {
    if (this.provider.isOpen()) this.provider.post({ type: 'compare', runIds });
    else this.pendingCompare = runIds;
    await this.reveal();
  }

  /** A live epoch from a running job (a hidden view gets the epochs from disk when it comes back). */
  epoch(runId: string, point: EpochPoint): void {
    if (this.provider.isReady()) this.provider.post({ type: 'epoch', runId, point });
  }

  /** Re-reads the runs soon (several files change together at the end of a run). */
  scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendRuns(), 150);
  }

  private async sendRuns(): Promise<void> {
    if (!this.provider.isOpen()) return;
    const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
    const runs = (await this.ctx.runs.list()).map((r) => toRunRow(r, stars.has(r.id)));
    this.provider.post({ type: 'runs', runs, workspaceName: vscode.workspace.name ?? '' });
  }

  private async sendEpochs(runIds: string[]): Promise<void> {
    const series = (await this.ctx.runs.epochs(runIds.slice(0, 16))).map(({ runId, epochs }) => ({
      runId, epochs: epochs.map(toEpochPoint).filter((p): p is EpochPoint => p !== null),
    }));
    this.provider.post({ type: 'epochs', series });
  }

  private onMessage(m: Exclude<ExperimentsFromView, { type: 'ready' }>): void {
    switch (m.type) {
      case 'selectRuns':
        void this.sendEpochs(m.runIds);
        return;
      case 'toggleStar': {
        const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
        if (!stars.delete(m.runId)) stars.add(m.runId);
        void this.ctx.extension.workspaceState.update(STARS_KEY, [...stars]).then(() => this.sendRuns());
        return;
      }
      case 'openRun':
        void vscode.commands.executeCommand(COMMANDS.openRunFolder, m.runId);
        return;
      case 'reproduceRun':
        void vscode.commands.executeCommand(COMMANDS.reproduceRun, m.runId);
        return;
      case 'registerRun':
        void vscode.commands.executeCommand(COMMANDS.registerModel, m.runId);
        return;
      case 'refresh':
        void this.sendRuns();
        return;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher.dispose();
    this.provider.dispose();
  }
}

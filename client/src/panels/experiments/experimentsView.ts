/**
 * The Experiments webview view: sends run rows at open (summaries only), epochs of the selected runs on
 * request, live epochs from running jobs, and re-reads when run folders change on disk.
 */
import * as vscode from 'vscode';
import { isExperimentsFromView, type EpochPoint, type ExperimentsFromView } from '../../../../webviews/src/protocol';
import type { MlopsContext } from '../../context';
import { WebviewHost } from '../webviewHost';
import { toEpochPoint, toRunRow } from './rows';

const STARS_KEY = 'mlops.starredRuns';

export class ExperimentsView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly id = 'mlops.experiments';
  private host: WebviewHost<'experiments'> | undefined;
  private pendingCompare: string[] | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor(private readonly ctx: MlopsContext) {
    // run.json is rewritten atomically at start, end and status changes; metrics.jsonl grows per epoch.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/.mlops/runs/*/run.json');
    const changed = () => this.scheduleRefresh();
    this.watcher.onDidCreate(changed);
    this.watcher.onDidChange(changed);
    this.watcher.onDidDelete(changed);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    this.host = new WebviewHost(view.webview, {
      view: 'experiments',
      title: 'Experiments',
      extensionUri: this.ctx.extension.extensionUri,
      accept: isExperimentsFromView,
      onReady: () => {
        void this.sendRuns();
        if (this.pendingCompare) this.host?.post({ type: 'compare', runIds: this.pendingCompare });
        this.pendingCompare = null;
      },
      onMessage: (m) => this.onMessage(m),
      log: (l) => this.ctx.output.appendLine(l),
    });
    view.onDidChangeVisibility(() => view.visible || this.host?.hidden());
    view.onDidDispose(() => {
      this.host?.dispose();
      this.host = undefined;
    });
  }

  /** Shows the view (opening the MLOps side bar). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ExperimentsView.id}.focus`);
  }

  /** Switches the view to compare mode for these runs. */
  async compare(runIds: string[]): Promise<void> {
    if (this.host) this.host.post({ type: 'compare', runIds });
    else this.pendingCompare = runIds;
    await this.reveal();
  }

  /** A live epoch from a running job (a hidden view gets the epochs from disk when it comes back). */
  epoch(runId: string, point: EpochPoint): void {
    if (this.host?.isReady()) this.host.post({ type: 'epoch', runId, point });
  }

  /** Re-reads the runs soon (several files change together at the end of a run). */
  scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendRuns(), 150);
  }

  private async sendRuns(): Promise<void> {
    if (!this.host) return;
    const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
    const runs = (await this.ctx.runs.list()).map((r) => toRunRow(r, stars.has(r.id)));
    this.host?.post({ type: 'runs', runs, workspaceName: vscode.workspace.name ?? '' });
  }

  private onMessage(m: Exclude<ExperimentsFromView, { type: 'ready' }>): void {
    switch (m.type) {
      case 'selectRuns': {
        const series = m.runIds.slice(0, 16).map((runId) => ({
          runId, epochs: this.ctx.runs.epochs(runId).map(toEpochPoint).filter((p): p is EpochPoint => p !== null),
        }));
        this.host?.post({ type: 'epochs', series });
        return;
      }
      case 'toggleStar': {
        const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
        if (!stars.delete(m.runId)) stars.add(m.runId);
        void this.ctx.extension.workspaceState.update(STARS_KEY, [...stars]).then(() => this.sendRuns());
        return;
      }
      case 'openRun':
        void vscode.commands.executeCommand('mlops.openRunFolder', m.runId);
        return;
      case 'reproduceRun':
        void vscode.commands.executeCommand('mlops.reproduceRun', m.runId);
        return;
      case 'registerRun':
        void vscode.commands.executeCommand('mlops.registerModel', m.runId);
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
    this.host?.dispose();
  }
}

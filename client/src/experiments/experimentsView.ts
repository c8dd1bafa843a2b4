/**
 * The Experiments view, shown in the side bar and (on "Open Experiments in Editor") in an editor panel
 * at full width: both pages run the same bundle and get the same data. Sends run rows at open (summaries
 * only), epochs of the selected runs on request (to the page that asked), live epochs from running jobs,
 * and re-reads when run folders change on disk.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isExperimentsFromView, type EpochPoint, type ExperimentsFromView, type ExperimentsToView } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { WebviewViewProvider } from '../webview/viewProvider';
import { ExperimentsPanel } from './experimentsPanel';
import { toEpochPoint, toRunRow, toSweepView, type SweepGoal } from './rows';

const STARS_KEY = 'mlops.starredRuns';

/** One page showing the experiments: the side-bar view or the editor panel. */
export interface ExperimentsSurface {
  post(message: ExperimentsToView): void;
  isOpen(): boolean;
  isReady(): boolean;
}

export class ExperimentsView implements vscode.Disposable {
  static readonly id = 'mlops.experiments';
  private readonly provider: WebviewViewProvider<'experiments'>;
  private panel: ExperimentsPanel | undefined;
  private pendingCompare: { runIds: string[]; labels?: string[] } | null = null;
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
        void this.sendRuns([this.provider]);
        if (this.pendingCompare) this.provider.post({ type: 'compare', ...this.pendingCompare });
        this.pendingCompare = null;
      },
      onMessage: (m) => this.onMessage(m, this.provider),
      log: (l) => ctx.output.appendLine(l),
    });
    // run.json is rewritten atomically at start, end and status changes; metrics.jsonl grows per epoch.
    this.watcher = vscode.workspace.createFileSystemWatcher('**/.mlops/{runs/*/run.json,sweeps/*/sweep.json}');
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

  /** Opens (or shows) the full-width table in an editor panel, next to the side-bar view. */
  openInEditor(attempt = 1): void {
    if (this.panel) return this.panel.reveal();
    const panel: ExperimentsPanel = new ExperimentsPanel(this.ctx.extension.extensionUri, {
      onReady: () => void this.sendRuns([panel]),
      onMessage: (m) => this.onMessage(m, panel),
      onDispose: () => { if (this.panel === panel) this.panel = undefined; },
      onStuck: (why) => {
        if (attempt >= 3) return this.ctx.output.appendLine('MLOps: the Experiments editor stays blank; close it and open it again');
        this.ctx.output.appendLine(`MLOps: the Experiments editor ${why}; opening it again`);
        panel.dispose();
        this.openInEditor(attempt + 1);
      },
      log: (l) => this.ctx.output.appendLine(l),
    });
    this.panel = panel;
  }

  /** Switches the view to compare mode for these runs (`labels` name their columns, e.g. v1, v2). */
  async compare(runIds: string[], labels?: string[]): Promise<void> {
    const message = { runIds, ...(labels ? { labels } : {}) };
    if (this.panel?.isOpen()) {
      this.panel.post({ type: 'compare', ...message });
      return this.panel.reveal();
    }
    if (this.provider.isOpen()) this.provider.post({ type: 'compare', ...message });
    else this.pendingCompare = message;
    await this.reveal();
  }

  /** A live epoch from a running job (a hidden page gets the epochs from disk when it comes back). */
  epoch(runId: string, point: EpochPoint): void {
    for (const s of this.surfaces()) if (s.isReady()) s.post({ type: 'epoch', runId, point });
  }

  /** Re-reads the runs soon (several files change together at the end of a run). */
  scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendRuns(this.surfaces()), 150);
  }

  private surfaces(): ExperimentsSurface[] {
    return [this.provider, ...(this.panel ? [this.panel] : [])];
  }

  private async sendRuns(to: ExperimentsSurface[]): Promise<void> {
    const open = to.filter((s) => s.isOpen());
    if (open.length === 0) return;
    const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
    const [records, { sweeps, problems }] = await Promise.all([this.ctx.runs.list(), this.ctx.runs.sweeps()]);
    for (const p of problems) this.ctx.output.appendLine(`experiments: ${p}`);
    const goals = new Map<string, SweepGoal>(sweeps.map((s) => [s.id, { metric: s.metric, goal: s.goal }]));
    const runs = records.map((r) => toRunRow(r, stars.has(r.id), goals));
    for (const s of open) {
      s.post({ type: 'runs', runs, workspaceName: vscode.workspace.name ?? '' });
      s.post({ type: 'sweeps', sweeps: sweeps.map(toSweepView) });
    }
  }

  private async sendEpochs(runIds: string[], to: ExperimentsSurface): Promise<void> {
    const series = (await this.ctx.runs.epochs(runIds.slice(0, 16))).map(({ runId, epochs }) => ({
      runId, epochs: epochs.map(toEpochPoint).filter((p): p is EpochPoint => p !== null),
    }));
    to.post({ type: 'epochs', series });
  }

  private onMessage(m: Exclude<ExperimentsFromView, { type: 'ready' }>, from: ExperimentsSurface): void {
    switch (m.type) {
      case 'selectRuns':
        void this.sendEpochs(m.runIds, from);
        return;
      case 'toggleStar': {
        const stars = new Set(this.ctx.extension.workspaceState.get<string[]>(STARS_KEY, []));
        if (!stars.delete(m.runId)) stars.add(m.runId);
        void this.ctx.extension.workspaceState.update(STARS_KEY, [...stars]).then(() => this.sendRuns(this.surfaces()));
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
        void this.sendRuns([from]);
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
    this.panel?.dispose();
    this.provider.dispose();
  }
}

/** The Drift webview view: shows the latest `mlops drift --format json` report of this window. */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isDriftFromView, type DriftReport, type DriftToView } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { WebviewViewProvider } from '../webview/viewProvider';
import { latestKeptDriftReport } from './keptReport';

export class DriftView implements vscode.Disposable {
  static readonly id = 'mlops.drift';
  private readonly provider: WebviewViewProvider<'drift'>;
  private last: DriftToView | null = null;

  constructor(ctx: MlopsContext) {
    this.provider = new WebviewViewProvider({
      id: DriftView.id,
      view: 'drift',
      title: 'Drift',
      extensionUri: ctx.extension.extensionUri,
      accept: isDriftFromView,
      onReady: () => (this.last ? this.provider.post(this.last) : void this.restore()),
      onMessage: () => void vscode.commands.executeCommand(COMMANDS.checkDrift),
      log: (l) => ctx.output.appendLine(l),
    });
  }

  register(): vscode.Disposable {
    return this.provider.register();
  }

  async reveal(): Promise<void> {
    await this.provider.reveal();
  }

  show(report: DriftReport, specPath: string | null, generatedAt = new Date().toISOString()): void {
    this.send({ type: 'report', report, specPath, generatedAt });
  }

  /** After a window reload: the last report `mlops drift --spec` kept, unless a newer one is shown meanwhile. */
  private async restore(): Promise<void> {
    const kept = await latestKeptDriftReport();
    if (!kept || this.last) return;
    this.show(kept.report, vscode.workspace.asRelativePath(kept.specPath), kept.generatedAt);
  }

  busy(message: string): void {
    this.send({ type: 'busy', message });
  }

  error(message: string): void {
    this.send({ type: 'error', message });
  }

  /** The last report survives the view being closed and reopened. */
  private send(message: DriftToView): void {
    if (message.type !== 'busy') this.last = message;
    this.provider.post(message);
  }

  /** The report shown now, if any. */
  current(): DriftReport | null {
    return this.last?.type === 'report' ? this.last.report : null;
  }

  dispose(): void {
    this.provider.dispose();
  }
}

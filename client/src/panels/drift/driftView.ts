/** The Drift webview view: shows the latest `mlops drift --format json` report of this window. */
import * as vscode from 'vscode';
import { isDriftFromView, type DriftReport, type DriftToView } from '../../../../webviews/src/protocol';
import type { MlopsContext } from '../../context';
import { WebviewHost } from '../webviewHost';

export class DriftPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly id = 'mlops.drift';
  private host: WebviewHost<'drift'> | undefined;
  private last: DriftToView | null = null;

  constructor(private readonly ctx: MlopsContext) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    this.host = new WebviewHost(view.webview, {
      view: 'drift',
      title: 'Drift',
      extensionUri: this.ctx.extension.extensionUri,
      accept: isDriftFromView,
      onReady: () => this.last && this.host?.post(this.last),
      onMessage: () => void vscode.commands.executeCommand('mlops.checkDrift'),
      log: (l) => this.ctx.output.appendLine(l),
    });
    view.onDidChangeVisibility(() => view.visible || this.host?.hidden());
    view.onDidDispose(() => {
      this.host?.dispose();
      this.host = undefined;
    });
  }

  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${DriftPanel.id}.focus`);
  }

  show(report: DriftReport, specPath: string | null): void {
    this.send({ type: 'report', report, specPath, generatedAt: new Date().toISOString() });
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
    this.host?.post(message);
  }

  /** The report shown now, if any. */
  current(): DriftReport | null {
    return this.last?.type === 'report' ? this.last.report : null;
  }

  dispose(): void {
    this.host?.dispose();
  }
}
